#pragma once
// Colours of a picture against a colour map (io/Colormaps.h), shared by the readers of
// figures (io/PictureLevels.h, io/PlotFrame.h): a pixel's colour, its 8-bit key, the
// distance between colours (Euclidean, channels in [0, 1]) and a colour's nearest place
// along a map's polyline.

#include "io/Colormaps.h"
#include "io/GrayImage.h"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace specedit::core {

using Rgb = std::array<double, 3>;

inline Rgb rgbOf(const std::array<std::uint16_t, 3>& p) {
    return {p[0] / 65535.0, p[1] / 65535.0, p[2] / 65535.0};
}

double rgbDistance(const Rgb& a, const Rgb& b);

// The colour to 8 bits a channel, rounded (an 8-bit file's values come back exactly).
std::uint32_t keyOf(const std::array<std::uint16_t, 3>& p);
Rgb colourOf(std::uint32_t key);

struct Fit {
    double t = 0;    // place along the map, 0 .. 1
    double dist = 0; // to the nearest point of the map's polyline
};

Fit fitColour(const ColormapTable& map, const Rgb& c);

using Histogram = std::vector<std::pair<std::uint32_t, std::size_t>>; // most frequent first

// The picture's colours by their keys, most frequent first.
Histogram histogramOf(const RgbImage& image);

} // namespace specedit::core
