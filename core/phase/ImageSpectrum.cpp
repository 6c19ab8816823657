#include "phase/ImageSpectrum.h"

#include "dsp/Stft.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

void checkAxes(const ImageAxes& a) {
    if (!(a.dbMax > a.dbMin) || !std::isfinite(a.dbMin) || !std::isfinite(a.dbMax))
        throw Error("--image-db", shortNumber(a.dbMin) + "," + shortNumber(a.dbMax),
                    "MIN,MAX in dB with MIN < MAX (black, white)");
    if (!(a.t1 > a.t0) || !std::isfinite(a.t0) || !std::isfinite(a.t1))
        throw Error("--image-time", shortNumber(a.t0) + "," + shortNumber(a.t1),
                    "START,END in seconds with START < END");
    if (!(a.f1 > a.f0) || !std::isfinite(a.f0) || !std::isfinite(a.f1))
        throw Error("--image-freq", shortNumber(a.f0) + "," + shortNumber(a.f1),
                    "LOW,HIGH in Hz with LOW < HIGH");
}

// Bilinear brightness at fractional pixel (x, y), clamped to the picture.
double sample(const GrayImage& img, double x, double y) {
    x = std::clamp(x, 0.0, double(img.width - 1));
    y = std::clamp(y, 0.0, double(img.height - 1));
    const int x0 = int(x), y0 = int(y);
    const int x1 = std::min(x0 + 1, img.width - 1), y1 = std::min(y0 + 1, img.height - 1);
    const double fx = x - x0, fy = y - y0;
    const double top = img.at(y0, x0) * (1 - fx) + img.at(y0, x1) * fx;
    const double bottom = img.at(y1, x0) * (1 - fx) + img.at(y1, x1) * fx;
    return top * (1 - fy) + bottom * fy;
}

// "11025 Hz", "433.92 MHz" (not 4.3392e+08 Hz).
std::string hertzText(double hz) {
    return std::abs(hz) >= 1e6 ? shortNumber(hz / 1e6) + " MHz" : shortNumber(hz) + " Hz";
}

// The picture's band must lie within what the sample rate shows, with the slack of half the
// picture's own bin either side (plots centre their cells on the bins): a bin of the grid, or
// 2 % of half the rate (half a bin of a 64-point STFT) when the grid is finer than the picture.
void checkBand(const ImageAxes& a, const StftParams& p, bool twoSided) {
    const double nyquist = p.fs / 2, slack = std::max(p.fs / p.nfft, 0.02 * nyquist);
    const bool over = a.f1 > nyquist + slack || (twoSided && a.f0 < -nyquist - slack);
    if (over && a.f0 > a.f1 - a.f0) // far from 0 Hz: a radio's frequencies
        throw Error("--image-freq",
                    hertzText(a.f0) + " to " + hertzText(a.f1) +
                        " is a band far from 0 Hz, as a radio recording's axis shows it",
                    "the recording's centre frequency (--center: the axis is then read as "
                    "offsets from it)");
    if (over)
        throw Error("--image-freq",
                    hertzText(a.f0) + " to " + hertzText(a.f1) + " reaches beyond " +
                        (twoSided ? "±" : "") + hertzText(nyquist) + ", half the sample rate " +
                        hertzText(p.fs),
                    "the sample rate the picture was made at (--fs), or the picture's band");
}

} // namespace

bool offsetsFromCentre(ImageAxes& axes, double centre) {
    if (!(centre > 0) || axes.f0 <= 0 || centre < axes.f0 || centre > axes.f1)
        return false;
    axes.f0 -= centre;
    axes.f1 -= centre;
    return true;
}

bool spansNegativeFrequencies(const ImageAxes& a) {
    return a.f0 < -0.25 * std::abs(a.f1);
}

double pictureSampleRate(const ImageAxes& a) {
    checkAxes(a);
    const double span = a.f1 - a.f0;
    if (spansNegativeFrequencies(a) && std::abs(a.f0 + a.f1) <= 0.05 * span)
        return span; // -fs/2 .. fs/2
    if (a.f0 <= 0 && -a.f0 <= 0.01 * a.f1)
        return 2 * (a.f1 + a.f0); // 0 .. fs/2, or half a bin beyond both ends
    if (a.f0 > span)              // far from 0 Hz: a radio's frequencies
        throw Error("--image-freq",
                    hertzText(a.f0) + " to " + hertzText(a.f1) +
                        " is a band far from 0 Hz, as a radio recording's axis shows it",
                    "--center with the recording's centre frequency (the axis is then read as "
                    "offsets from it; its span is the sample rate), and --fs if the picture "
                    "shows only part of the band");
    throw Error("--image-freq",
                shortNumber(a.f0) + " to " + shortNumber(a.f1) +
                    " Hz is a band, not 0 .. fs/2 or -fs/2 .. fs/2, so it shows no sample rate",
                "--fs, the sample rate the picture was made at");
}

ImageMagnitudes magnitudesFromImage(const GrayImage& img, const ImageAxes& a, const StftParams& p,
                                    const std::optional<PixelBox>& axesBox) {
    const PixelBox box = axesBox.value_or(PixelBox{0, double(img.width), 0, double(img.height)});
    p.validate();
    checkAxes(a);
    ImageMagnitudes out;
    out.twoSided = spansNegativeFrequencies(a); // well below DC: an IQ picture
    checkBand(a, p, out.twoSided);
    if (!(a.t1 * p.fs <= 4e9))
        throw Error("--image-time",
                    "a picture ending at " + shortNumber(a.t1) + " s at " + shortNumber(p.fs) +
                        " Hz",
                    "a signal of at most 4e9 samples");
    out.length = std::llround(a.t1 * p.fs);
    if (out.length < 1)
        throw Error("--image-time", "the picture ends at " + std::to_string(a.t1) + " s",
                    "an end after 0 s (the signal starts at 0 s)");
    const Stft<double> shape(p, StftDirections::Forward);
    auto& g = out.grid;
    g.bins = p.bins(out.twoSided);
    g.frames = shape.frameCount(out.length);
    g.values.assign(std::size_t(g.bins) * std::size_t(g.frames), 0.0);
    for (std::int64_t j = 0; j < g.frames; ++j) {
        const double t = double(j) * p.hop() / p.fs; // the frame's centre
        if (t < a.t0 || t > a.t1)
            continue; // outside the picture: silence
        const double x = box.left + (t - a.t0) / (a.t1 - a.t0) * (box.right - box.left) - 0.5;
        for (int k = 0; k < g.bins; ++k) {
            const int signedK = out.twoSided && k >= (g.bins + 1) / 2 ? k - g.bins : k;
            const double f = signedK * p.fs / p.nfft;
            if (f < a.f0 || f > a.f1)
                continue;
            const double y = box.top + (a.f1 - f) / (a.f1 - a.f0) * (box.bottom - box.top) - 0.5;
            const double v = sample(img, x, y);
            if (v <= 0)
                continue; // black: silence
            const double db = a.dbMin + v * (a.dbMax - a.dbMin);
            g.values[std::size_t(j * g.bins + k)] = std::pow(10.0, db / 20);
        }
    }
    return out;
}

ImageMagnitudes magnitudesFromPicture(const PictureLevels& picture, const ImageAxes& axes,
                                      const StftParams& params) {
    const PixelBox box{picture.boxLeft - picture.left, picture.boxRight - picture.left,
                       picture.boxTop - picture.top, picture.boxBottom - picture.top};
    return magnitudesFromImage(picture.levels, axes, params, box);
}

} // namespace specedit::core
