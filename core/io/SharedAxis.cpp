#include "io/SharedAxis.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

bool inked(const InkMap& map, int r, int c) {
    return map.at(r, c) >= 0.5f;
}

} // namespace

std::vector<BoxBelow> boxesBelow(const InkMap& map, double left, double right, double bottom,
                                 int most) {
    std::vector<BoxBelow> out;
    const int c0 = std::max(0, int(std::ceil(left)));
    const int c1 = std::min(map.width, int(std::floor(right)));
    const int width = c1 - c0, mid = (c0 + c1) / 2;
    if (width < 16)
        return out;
    for (int r = std::max(0, int(std::ceil(bottom)) + 2);
         r + 1 < map.height && int(out.size()) < most; ++r) {
        if (!inked(map, r, mid))
            continue;
        int a = mid, b = mid; // the run of ink along the row through the middle
        while (a > 0 && inked(map, r, a - 1))
            --a;
        while (b + 1 < map.width && inked(map, r, b + 1))
            ++b;
        const int run = b - a + 1;
        if (run < 0.75 * width || run > 1.5 * width || std::abs(a - c0) > 0.05 * width + 2)
            continue; // not as wide as the plot, or not from its left edge
        int under = 0;
        for (int c = a; c <= b; ++c)
            under += inked(map, r + 1, c);
        if (under > run / 10)
            continue; // inside a filled box, not its bottom
        // The last column inked is a frame's right line, which matplotlib draws just past the
        // box and QCustomPlot on its last column: half a pixel either way.
        out.push_back({double(a), b + 0.5, r + 1.0});
    }
    return out;
}

} // namespace specedit::core
