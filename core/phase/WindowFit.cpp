#include "phase/WindowFit.h"

#include <cmath>
#include <limits>
#include <vector>

namespace specedit::core {
namespace {

constexpr double kGolden = 0.6180339887498949;

struct Problem {
    const FrameReading& seen;
    WindowType family;
    int nperseg;
    bool periodic;
    int offset;

    double misfit(double param) const {
        const WindowSpec spec{family, param, periodic};
        std::vector<double> g;
        try {
            g = makeWindow(spec, nperseg);
        } catch (...) { // a parameter the family does not take
            return std::numeric_limits<double>::infinity();
        }
        double sum = 0, weight = 0;
        const int hop = seen.hop;
        for (std::size_t n = 0; int(n) + offset < int(seen.ratio.size()) && int(n) + hop < nperseg;
             ++n) {
            const double r = seen.ratio[n + std::size_t(offset)];
            const double w = seen.weight[n + std::size_t(offset)];
            const double a = g[n], b = g[n + std::size_t(hop)];
            if (w <= 0 || r <= 0 || a <= 0 || b <= 0)
                continue;
            const double d = std::log(r) - std::log(a / b);
            sum += w * d * d;
            weight += w;
        }
        return weight > 0 ? sum / weight : std::numeric_limits<double>::infinity();
    }
};

// The grid's best point and its neighbours, then golden section between them.
double minimise(const Problem& p, const std::vector<double>& grid) {
    std::size_t best = 0;
    double bestValue = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < grid.size(); ++i)
        if (const double v = p.misfit(grid[i]); v < bestValue) {
            bestValue = v;
            best = i;
        }
    double lo = grid[best > 0 ? best - 1 : 0], hi = grid[std::min(best + 1, grid.size() - 1)];
    double x1 = hi - kGolden * (hi - lo), x2 = lo + kGolden * (hi - lo);
    double f1 = p.misfit(x1), f2 = p.misfit(x2);
    const double tolerance = 1e-9 * std::max(1.0, hi - lo);
    while (hi - lo > tolerance) {
        if (f1 < f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - kGolden * (hi - lo);
            f1 = p.misfit(x1);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + kGolden * (hi - lo);
            f2 = p.misfit(x2);
        }
    }
    return 0.5 * (lo + hi);
}

} // namespace

std::optional<WindowSpec> fitWindow(const FrameReading& seen, WindowType family, int nperseg,
                                    bool periodic, int offset) {
    int carried = 0;
    for (double w : seen.weight)
        carried += w > 0;
    if (carried < 4 || seen.hop < 1 || nperseg <= seen.hop || offset < 0)
        return std::nullopt;
    std::vector<double> grid;
    if (family == WindowType::Kaiser) {
        for (double beta = 0; beta <= 40; beta += 0.25)
            grid.push_back(beta);
    } else if (family == WindowType::Gaussian) {
        for (double sigma = nperseg / 64.0; sigma <= 2.0 * nperseg; sigma *= 1.01)
            grid.push_back(sigma);
    } else {
        return std::nullopt;
    }
    const Problem problem{seen, family, nperseg, periodic, offset};
    return WindowSpec{family, minimise(problem, grid), periodic};
}

} // namespace specedit::core
