#pragma once
// Magnitudes from a grayscale spectrogram picture (io/GrayImage.h) whose level and axis ranges
// the user gives: black is dbMin, white dbMax (20 log10 of scipy "spectrum"-scaled
// magnitudes, linear in brightness between), the columns span [t0, t1] seconds and the rows
// [f0, f1] Hz (the outer edges of the outer pixels), the highest frequency at the top. The
// signal starts at 0 s and ends at t1. The picture is resampled (bilinear between pixel
// centres) onto the STFT grid of the given parameters: frame j at j hop / fs, bin k at
// k fs / nfft (one-sided; two-sided for IQ pictures, whose f0 lies below -f1/4);
// frames and bins outside the picture, and black, are silence. A plot of scipy's STFT with
// pixels centred on frames and bins spans [-hop/2, (frames - 1/2) hop] / fs and
// [-fs/2nfft, fs/2 + fs/2nfft]: those axes put every pixel back on its frame and bin.

#include "dsp/StftParams.h"
#include "io/GrayImage.h"
#include "io/PictureLevels.h"
#include "phase/PhaseRetrieval.h"

#include <optional>

namespace specedit::core {

struct ImageAxes {
    double dbMin = -100, dbMax = 0;
    double t0 = 0, t1 = 1;
    double f0 = 0, f1 = 0.5;
};

struct ImageMagnitudes {
    MagnitudeGrid grid;
    std::int64_t length = 0; // samples of the signal the picture spans
    bool twoSided = false;
};

// The sample rate a picture's frequency axis shows when none is given: an IQ picture (LOW
// below -HIGH/4, the band about symmetric) spans -fs/2 .. fs/2, so fs = HIGH - LOW; a
// one-sided one (LOW 0, or the half bin below it of a plot whose pixels are centred on the
// bins, within 1 % of HIGH) reaches fs/2 at its top, fs = 2 (HIGH + LOW). Any other band
// (an RF axis, a sub-band) shows no rate: Error asking for --fs.
double pictureSampleRate(const ImageAxes& axes);
// A radio recording's picture shows its frequencies (432.9 to 434.9 MHz): with its centre
// frequency inside that band, the axes become offsets from it (true); else unchanged.
bool offsetsFromCentre(ImageAxes& axes, double centre);
// LOW below -HIGH/4: the picture reads as IQ when no sample rate is given.
bool spansNegativeFrequencies(const ImageAxes& axes);

// Where the axes' ranges end in the picture's pixels (pixel c covers [c, c + 1)); by default
// the outer edges of its outer pixels.
struct PixelBox {
    double left = 0, right = 0, top = 0, bottom = 0;
};

// Throws Error naming the option (--image-db, --image-time, --image-freq) for empty, inverted
// or non-finite ranges, and for a band reaching beyond half the sample rate.
ImageMagnitudes magnitudesFromImage(const GrayImage& image, const ImageAxes& axes,
                                    const StftParams& params,
                                    const std::optional<PixelBox>& box = std::nullopt);
// A picture read through its colour map (io/PictureLevels.h): the axes end on its plot's axes
// box, which may lie a fraction of a pixel off the pixels read.
ImageMagnitudes magnitudesFromPicture(const PictureLevels& picture, const ImageAxes& axes,
                                      const StftParams& params);

} // namespace specedit::core
