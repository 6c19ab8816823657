#include "io/FigureMargin.h"

#include "io/PlotArea.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace specedit::core {
namespace {

// The pixels not reached from the border through pixels `like` the margin.
template <class Like> std::vector<char> unflooded(const RgbImage& image, Like like) {
    const std::size_t w = std::size_t(image.width), n = image.pixels.size();
    std::vector<char> out(n, 1);
    std::vector<std::size_t> stack;
    auto visit = [&](std::size_t i) {
        if (out[i] && like(image.pixels[i])) {
            out[i] = 0;
            stack.push_back(i);
        }
    };
    for (std::size_t c = 0; c < w; ++c) {
        visit(c);
        visit(n - w + c);
    }
    for (std::size_t r = 0; r < n / w; ++r) {
        visit(r * w);
        visit(r * w + w - 1);
    }
    while (!stack.empty()) {
        const std::size_t i = stack.back();
        stack.pop_back();
        const std::size_t r = i / w, c = i % w;
        if (c > 0)
            visit(i - 1);
        if (c + 1 < w)
            visit(i + 1);
        if (r > 0)
            visit(i - w);
        if (i + w < n)
            visit(i + w);
    }
    return out;
}

// The commonest colour of the border's pixels, and its share of them.
std::pair<std::uint32_t, double> borderColour(const RgbImage& image) {
    std::unordered_map<std::uint32_t, std::size_t> count;
    const std::size_t w = std::size_t(image.width), h = std::size_t(image.height);
    std::size_t total = 0;
    auto add = [&](std::size_t r, std::size_t c) {
        ++count[keyOf(image.pixels[r * w + c])];
        ++total;
    };
    for (std::size_t c = 0; c < w; ++c) {
        add(0, c);
        add(h - 1, c);
    }
    for (std::size_t r = 1; r + 1 < h; ++r) {
        add(r, 0);
        add(r, w - 1);
    }
    const auto most =
        std::max_element(count.begin(), count.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    return {most->first, double(most->second) / double(std::max<std::size_t>(total, 1))};
}

} // namespace

std::vector<char> notWhiteMargin(const RgbImage& image) {
    return unflooded(image, [](const std::array<std::uint16_t, 3>& p) {
        return std::min({p[0], p[1], p[2]}) >= 0.9 * 65535;
    });
}

std::optional<std::vector<char>> notDarkMargin(const RgbImage& image, const ColormapTable& map) {
    if (image.width < 3 || image.height < 3)
        return std::nullopt;
    const auto [key, share] = borderColour(image);
    const Rgb margin = colourOf(key);
    const bool light = std::min({margin[0], margin[1], margin[2]}) >= 0.85;
    if (share < 0.9 || light || fitColour(map, margin).dist > 0.02)
        return std::nullopt;
    // Up to the blend of the margin with the frame's outer edge (13/255 for white on black),
    // and a JPEG's strays; the frame itself stops it.
    const double near = image.lossy ? 0.15 : 0.1;
    std::vector<char> inside = unflooded(image, [&](const std::array<std::uint16_t, 3>& p) {
        return rgbDistance(rgbOf(p), margin) <= near;
    });
    // A frame encloses the plot (a bare picture of a burst in silence has none: its silence
    // is no margin), and inside it is nothing of the margin.
    const PlotArea plot = findPlotArea(image, inside);
    if (plot.lineCols.empty() || plot.lineRows.empty())
        return std::nullopt;
    std::size_t flooded = 0;
    for (int r = plot.rows.first; r < plot.rows.end(); ++r)
        for (int c = plot.cols.first; c < plot.cols.end(); ++c)
            flooded += !inside[std::size_t(r) * std::size_t(image.width) + std::size_t(c)];
    if (double(flooded) > 0.005 * double(plot.rows.count) * double(plot.cols.count))
        return std::nullopt;
    return inside;
}

} // namespace specedit::core
