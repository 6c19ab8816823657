#include "io/ColourFit.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace specedit::core {

double rgbDistance(const Rgb& a, const Rgb& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                     (a[2] - b[2]) * (a[2] - b[2]));
}

Fit fitColour(const ColormapTable& map, const Rgb& c) {
    auto dist2 = [&](const Rgb& a) {
        return (c[0] - a[0]) * (c[0] - a[0]) + (c[1] - a[1]) * (c[1] - a[1]) +
               (c[2] - a[2]) * (c[2] - a[2]);
    };
    std::size_t best = 0;
    for (std::size_t i = 1; i < map.rgb.size(); ++i)
        if (dist2(map.rgb[i]) < dist2(map.rgb[best]))
            best = i;
    Fit fit{double(best), std::sqrt(dist2(map.rgb[best]))};
    // The segments on either side of the nearest entry: a colour between two entries (a
    // resampled or 16-bit picture) lies on one of them.
    for (std::size_t i : {best == 0 ? best : best - 1, best}) {
        if (i + 1 >= map.rgb.size())
            continue;
        const Rgb& a = map.rgb[i];
        const Rgb& b = map.rgb[i + 1];
        double dot = 0, len2 = 0;
        for (int k = 0; k < 3; ++k) {
            dot +=
                (c[std::size_t(k)] - a[std::size_t(k)]) * (b[std::size_t(k)] - a[std::size_t(k)]);
            len2 +=
                (b[std::size_t(k)] - a[std::size_t(k)]) * (b[std::size_t(k)] - a[std::size_t(k)]);
        }
        const double u = len2 > 0 ? std::clamp(dot / len2, 0.0, 1.0) : 0.0;
        Rgb p;
        for (std::size_t k = 0; k < 3; ++k)
            p[k] = a[k] + u * (b[k] - a[k]);
        if (const double d = std::sqrt(dist2(p)); d < fit.dist)
            fit = {double(i) + u, d};
    }
    fit.t /= double(map.rgb.size() - 1);
    return fit;
}

std::uint32_t keyOf(const std::array<std::uint16_t, 3>& p) {
    const auto byte = [](std::uint16_t v) { return (std::uint32_t(v) + 128) / 257; };
    return byte(p[0]) << 16 | byte(p[1]) << 8 | byte(p[2]);
}

Rgb colourOf(std::uint32_t key) {
    return {(key >> 16) / 255.0, ((key >> 8) & 255) / 255.0, (key & 255) / 255.0};
}

Histogram histogramOf(const RgbImage& image) {
    std::unordered_map<std::uint32_t, std::size_t> counts;
    for (const auto& p : image.pixels)
        ++counts[keyOf(p)];
    Histogram h(counts.begin(), counts.end());
    std::sort(h.begin(), h.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return h;
}

} // namespace specedit::core
