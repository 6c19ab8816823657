#include "io/PlotLevels.h"

#include "io/ColourFit.h"
#include "io/MapReading.h"
#include "io/PlotGaps.h"
#include "util/Error.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace specedit::core {
namespace {

// An outer column or row of the plot all of one colour is the axis' line drawn over it (QCustomPlot
// draws the left and bottom axes on the plot's first column and last row), not levels: its
// neighbours' are taken. No spectrogram has the very same colour at every frequency of a frame
// unless silent, and silence is what its neighbours give then too.
void dropFrameLines(const RgbImage& crop, GrayImage& levels) {
    const int w = crop.width, h = crop.height;
    auto at = [&](int r, int c) { return std::size_t(r) * std::size_t(w) + std::size_t(c); };
    auto blank = [&](bool column, int k) {
        const int n = column ? h : w;
        for (int i = 1; i < n; ++i)
            if (crop.pixels[column ? at(i, k) : at(k, i)] !=
                crop.pixels[column ? at(0, k) : at(k, 0)])
                return;
        for (int i = 0; i < n; ++i)
            levels.values[column ? at(i, k) : at(k, i)] = std::numeric_limits<double>::quiet_NaN();
    };
    blank(true, 0);
    blank(true, w - 1);
    blank(false, 0);
    blank(false, h - 1);
}

} // namespace

PictureLevels readPlotLevels(const RgbImage& image, const PlotPlace& plot,
                             const std::string& colormap, const std::string& subject) {
    const MapName given = parseMapName(colormap);
    if (!given.map)
        throw Error("--image-colormap", "'auto' for a plot whose place is given", "a map's name");
    RgbImage crop{plot.width, plot.height, image.gray, image.lossy, {}};
    crop.pixels.reserve(std::size_t(plot.width) * std::size_t(plot.height));
    for (int r = plot.top; r < plot.top + plot.height; ++r)
        for (int c = plot.left; c < plot.left + plot.width; ++c)
            crop.pixels.push_back(
                image.pixels[std::size_t(r) * std::size_t(image.width) + std::size_t(c)]);
    std::unordered_map<std::uint32_t, Fit> fits;
    for (const auto& [key, count] : histogramOf(crop))
        fits.emplace(key, fitColour(*given.map, colourOf(key)));
    PictureLevels out;
    out.colormap = colormap;
    out.reversedGiven = given.reversed;
    out.described = true;
    out.pictureWidth = image.width;
    out.pictureHeight = image.height;
    out.left = plot.left;
    out.top = plot.top;
    out.boxLeft = plot.left;
    out.boxRight = plot.left + plot.width;
    out.boxTop = plot.top;
    out.boxBottom = plot.top + plot.height;
    out.levels = {plot.width, plot.height, std::vector<double>(crop.pixels.size())};
    const double tolerance = image.lossy ? kReadingLossy : kChoosing;
    std::size_t count = 0;
    double error = 0;
    for (std::size_t i = 0; i < crop.pixels.size(); ++i) {
        const Fit f = fits.at(keyOf(crop.pixels[i]));
        const bool on = f.dist <= tolerance;
        out.levels.values[i] =
            on ? (given.reversed ? 1 - f.t : f.t) : std::numeric_limits<double>::quiet_NaN();
        count += std::size_t(on);
        error += on ? f.dist : 0.0;
    }
    dropFrameLines(crop, out.levels);
    const double total = double(std::max<std::size_t>(crop.pixels.size(), 1));
    out.meanError = 255 * error / double(std::max<std::size_t>(count, 1));
    out.bare = double(fillGaps(out.levels, true)) / total;
    out.onMap = std::min(1.0, double(count) / total / std::max(1 - out.bare, 1e-9));
    if (out.onMap < (image.lossy ? kLeastOnMapLossy : kLeastOnMap))
        throw Error(subject,
                    "only " + percentText(out.onMap) + " of the pixels of its plot (columns " +
                        std::to_string(plot.left + 1) + " to " +
                        std::to_string(plot.left + plot.width) + ", rows " +
                        std::to_string(plot.top + 1) + " to " +
                        std::to_string(plot.top + plot.height) + ") are colours of " + colormap,
                    "the plot drawn with " + colormap + ", as its description says");
    return out;
}

} // namespace specedit::core
