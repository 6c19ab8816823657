#include "io/ColourBar.h"

#include <cmath>

namespace specedit::core {
namespace {

struct Bar {
    std::size_t pixels = 0;
    double correlation = 0;
    bool vertical = true;
    int line = -1, first = 0, last = -1;
};

// The colours of the map along line i (a column when `vertical`), as a bar would hold them.
Bar barAlong(int width, int height, const std::vector<float>& place, bool vertical, int i) {
    double n = 0, sk = 0, st = 0, skk = 0, stt = 0, skt = 0, lo = 1, hi = 0;
    int first = -1, last = -1;
    const int length = vertical ? height : width;
    for (int k = 0; k < length; ++k) {
        const int r = vertical ? k : i, c = vertical ? i : k;
        const double t = place[std::size_t(r) * std::size_t(width) + std::size_t(c)];
        if (std::isnan(t))
            continue;
        n += 1;
        first = first < 0 ? k : first;
        last = k;
        sk += k;
        st += t;
        skk += double(k) * k;
        stt += t * t;
        skt += k * t;
        lo = std::min(lo, t);
        hi = std::max(hi, t);
    }
    const double vk = n * skk - sk * sk, vt = n * stt - st * st;
    if (n < 2 || hi - lo < 0.5 || vk <= 0 || vt <= 0)
        return {};
    return {std::size_t(n), (n * skt - sk * st) / std::sqrt(vk * vt), vertical, i, first, last};
}

} // namespace

ColourBar findColourBar(int width, int height, const std::vector<float>& place,
                        const PlotArea& plot) {
    Bar best;
    auto consider = [&](bool vertical, int i, int extent) {
        const Bar b = barAlong(width, height, place, vertical, i);
        if (double(b.pixels) >= 0.3 * extent && std::abs(b.correlation) >= 0.9 &&
            b.pixels > best.pixels)
            best = b;
    };
    for (int c = 0; c < width; ++c)
        if (c < plot.cols.first - 3 || c >= plot.cols.end() + 3)
            consider(true, c, plot.rows.count);
    for (int r = 0; r < height; ++r)
        if (r < plot.rows.first - 3 || r >= plot.rows.end() + 3)
            consider(false, r, plot.cols.count);
    if (best.pixels == 0)
        return {};
    // Rows count downward: a vertical bar whose place falls as they grow has its top high.
    const bool forward = best.vertical ? best.correlation < 0 : best.correlation > 0;
    return {forward ? BarDirection::Forward : BarDirection::Reversed, best.vertical, best.line,
            best.first, best.last};
}

} // namespace specedit::core
