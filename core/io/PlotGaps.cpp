#include "io/PlotGaps.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {
namespace {

// Runs of this many pixels or more, across and along, are bare (PlotGaps.h).
constexpr double kBareRun = 8;

// Interpolates the missing values (NaN) of a line of n values `stride` apart between the
// nearest present ones (the end one beyond the last); `gap` gets each missing run's length.
void interpolateLine(double* v, int n, std::size_t stride, double* filled, double* gap) {
    int last = -1;
    for (int i = 0; i <= n; ++i) {
        if (i < n && std::isnan(v[std::size_t(i) * stride]))
            continue;
        if (last >= 0 || i < n) {
            const double a = v[std::size_t(last >= 0 ? last : i) * stride];
            const double b = i < n ? v[std::size_t(i) * stride] : a;
            for (int k = last + 1; k < i; ++k) {
                filled[std::size_t(k) * stride] = a + (b - a) * double(k - last) / double(i - last);
                gap[std::size_t(k) * stride] = double(i - last - 1);
            }
        }
        last = i;
    }
}

} // namespace

std::size_t fillGaps(GrayImage& img, bool bareIsSilence) {
    const std::size_t w = std::size_t(img.width), n = img.values.size();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> alongRow(n, 0.0), rowGap(n, inf), alongCol(n, 0.0), colGap(n, inf);
    for (std::size_t r = 0; r < std::size_t(img.height); ++r)
        interpolateLine(&img.values[r * w], img.width, 1, &alongRow[r * w], &rowGap[r * w]);
    for (std::size_t c = 0; c < w; ++c)
        interpolateLine(&img.values[c], img.height, w, &alongCol[c], &colGap[c]);
    std::size_t left = 0, filled = 0, silent = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isnan(img.values[i]))
            continue;
        const bool crossing = std::isinf(rowGap[i]) && std::isinf(colGap[i]);
        if (bareIsSilence && !crossing && std::min(rowGap[i], colGap[i]) >= kBareRun) {
            img.values[i] = 0;
            ++silent;
        } else if (crossing) {
            ++left; // a line's pixel on a line of a frame: from the filled pixels next
        } else {
            img.values[i] = rowGap[i] <= colGap[i] ? alongRow[i] : alongCol[i];
            ++filled;
        }
    }
    if (left > 0 && filled > 0)
        return silent + fillGaps(img, false);
    if (left > 0) // nothing to fill from
        std::replace_if(
            img.values.begin(), img.values.end(), [](double v) { return std::isnan(v); }, 0.0);
    return silent + left;
}

} // namespace specedit::core
