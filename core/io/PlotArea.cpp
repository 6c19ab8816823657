#include "io/PlotArea.h"

#include "io/PlotFrame.h"

#include <algorithm>

namespace specedit::core {
namespace {

// The longest run of indices whose share is at least half the largest, across gaps of up to
// 1 % of the indices (at least 3).
PixelSpan longestRun(const std::vector<double>& share) {
    const double least = 0.5 * *std::max_element(share.begin(), share.end());
    const int gap = std::max(3, int(share.size()) / 100);
    PixelSpan best, run;
    int lastOn = -1;
    for (int i = 0; i < int(share.size()); ++i) {
        if (!(share[std::size_t(i)] >= least && least > 0))
            continue;
        run = lastOn >= 0 && i - lastOn - 1 <= gap ? PixelSpan{run.first, i - run.first + 1}
                                                   : PixelSpan{i, 1};
        lastOn = i;
        if (run.count > best.count)
            best = run;
    }
    return best;
}

} // namespace

PlotArea findPlotArea(const RgbImage& image, const std::vector<char>& on) {
    const int w = image.width, h = image.height;
    PlotArea plot{{0, w}, {0, h}, 0, double(w), 0, double(h), {}, {}};
    auto columns = [&] {
        std::vector<double> share(std::size_t(w), 0.0);
        for (int r = plot.rows.first; r < plot.rows.end(); ++r)
            for (int c = 0; c < w; ++c)
                share[std::size_t(c)] += on[std::size_t(r) * std::size_t(w) + std::size_t(c)];
        return longestRun(share);
    };
    auto rows = [&] {
        std::vector<double> share(std::size_t(h), 0.0);
        for (int r = 0; r < h; ++r)
            for (int c = plot.cols.first; c < plot.cols.end(); ++c)
                share[std::size_t(r)] += on[std::size_t(r) * std::size_t(w) + std::size_t(c)];
        return longestRun(share);
    };
    plot.cols = columns();
    plot.rows = rows();
    plot.cols = columns();
    fitToFrame(image, on, plot);
    return plot;
}

} // namespace specedit::core
