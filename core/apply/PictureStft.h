#pragma once
// The STFT a picture is rebuilt on (apply/Rebuild.h): the one given (--nperseg); else the one a
// picture SpecEdit exported says it was drawn from (io/PictureDescription.h); else the one its
// cells show (phase/PictureGrid.h). Says which, and for a described picture drawn zoomed out
// (each row the loudest of several bins, each column of several frames) that its noise comes
// back louder: by the expected loudest of that many cells of noise power over their mean.

#include "apply/NpyExchange.h"
#include "apply/PictureAxes.h"
#include "dsp/StftParams.h"

#include <string>

namespace specedit::core {

struct PictureStft {
    StftParams params;
    // "; rebuilt on the STFT it was drawn from (hann, nperseg 8192, hop 2048)", "" when given.
    std::string note;
    // "each of its rows shows the loudest of 16.6 bins and each column ...", or "".
    std::string pooled;
};

// Throws Error as StftParams::make does, and naming the description for a window it names
// that is no window.
PictureStft pictureStft(const ReadPicture& read, const ImageAxes& axes, const IstftOptions& given,
                        bool windowGiven);

} // namespace specedit::core
