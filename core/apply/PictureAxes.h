#pragma once
// A picture's levels and axes for a rebuild (phase/ImageSpectrum.h), each as the user gives
// it or, when not given, as the figure's tick labels print it (io/FigureAxes.h). Shared by
// `specedit-cli rebuild` and the rebuild dialog.

#include "io/FigureAxes.h"
#include "io/GrayImage.h"
#include "io/PictureLevels.h"
#include "phase/ImageSpectrum.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace specedit::core {

using AxisRange = std::optional<std::pair<double, double>>;

struct GivenAxes {
    AxisRange db, time, frequency; // --image-db, --image-time, --image-freq
};

struct PictureAxes {
    ImageAxes axes;
    bool dbRead = false, timeRead = false, frequencyRead = false; // read from the labels
    std::string note; // what was read, for the output: "levels -100 to -20 dB (the colour
                      // bar's labels -20, ..., -100); time ..."
    // Ranges given that the figure's labels print otherwise: "--image-time 0,593 is not what
    // the picture's tick labels print (time -0.002 to 5.930 s ...): the range given is used".
    std::vector<std::string> warnings;
    std::optional<PictureDescription> description; // a picture SpecEdit exported
};

struct ReadPicture {
    RgbImage image;
    PictureLevels levels;
    // A picture SpecEdit exported: read where and as its description says
    // (io/PictureDescription.h).
    std::optional<PictureDescription> description;
};

// The picture decoded and read through `colormap` (io/PictureLevels.h; "auto": a picture
// SpecEdit exported is read through the map its description names, where it says), kept for the
// next call with the same file, unchanged on disk, and map: its axes are read, then its levels
// rebuilt from (a 300 dpi JPEG took a second to read again). Thread-safe; throws Error naming
// the file as readPictureLevels does.
std::shared_ptr<const ReadPicture> readPictureOnce(const std::string& path,
                                                   const std::string& colormap);

// The figure's axes as its tick labels print them (io/FigureAxes.h), its plot and colour bar
// found through `colormap`; a picture SpecEdit exported, as its description gives them. Throws
// Error naming the file as readPictureLevels does.
FigureAxes figureAxesOf(const std::string& path, const std::string& colormap);

// The sample rate a frequency axis read from its labels shows, which is a pixel's worth off
// at best: the usual rate (8000, 11025, 16000, 22050, 44100, 48000, ... Hz, 1 or 2 MHz) within
// 1 % of it, or else it rounded to whole hertz.
double rateReadOff(double fs);

// The share of the plot at the map's loudest colour, when 0.1 % or more: "2.3 % of its plot is
// at the map's loudest colour (-23 dB): ...". What was louder than the picture's top level was
// drawn at it, and comes back at it (a voice's harmonics under the editor's auto levels).
std::string saturationNote(const PictureLevels& picture, double dbMax);

// Throws Error naming the option of a range neither given nor readable (why it could not be
// read, and what to give), and Error naming the file as readPictureLevels does.
PictureAxes pictureAxes(const std::string& path, const std::string& colormap,
                        const GivenAxes& given);

} // namespace specedit::core
