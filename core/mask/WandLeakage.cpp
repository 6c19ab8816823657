#include "mask/WandLeakage.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace specedit::core {
namespace {

constexpr float kVisibleDb = 3.0f; // leakage this far above the noise median shows
constexpr float kSlackDb = 6.0f;   // a cell this far above the leakage is another sound
constexpr double kStep = 0.05;     // rows between the offsets tried within each row

// |W(x)| / W(0) in dB at x rows (of nfft) off the centre.
double leakDb(const std::vector<double>& w, int nfft, double x) {
    const std::complex<double> turn = std::polar(1.0, -2.0 * std::numbers::pi * x / nfft);
    std::complex<double> sum = 0, phasor = 1;
    double dc = 0;
    for (const double v : w) {
        sum += v * phasor;
        phasor *= turn;
        dc += v;
    }
    return 20.0 * std::log10(std::max(std::abs(sum) / dc, 1e-30));
}

// Widens one side of frame a from `edge` outwards (step -1 or +1) from the peak at `peakRow`.
int widenSide(const LevelGrid& g, int a, int edge, int step, int peakRow, float peakDb,
              const std::vector<float>& noise, const std::vector<float>& leakage) {
    for (int r = edge + step; r >= 0 && r < g.bins; r += step) {
        const auto d = std::size_t(std::abs(r - peakRow));
        if (d >= leakage.size())
            break;
        const float leaked = peakDb + leakage[d];
        if (leaked < noise[std::size_t(r)] + kVisibleDb || g.at(a, r) > leaked + kSlackDb)
            break;
        edge = r;
    }
    return edge;
}

} // namespace

std::vector<float> leakageProfile(const WindowSpec& window, int nperseg, int nfft, int rows) {
    const std::vector<double> w = makeWindow(window, nperseg);
    std::vector<float> out{0.0f};
    for (int d = 1; d < rows; ++d) {
        double most = -300;
        for (double x = d - 0.5; x <= d + 0.5 + 1e-9; x += kStep)
            most = std::max(most, leakDb(w, nfft, x));
        out.push_back(float(most));
        if (most < -150)
            break;
    }
    return out;
}

void widenOverLeakage(const LevelGrid& g, std::vector<RowSpan>& rows, int first, int last,
                      const std::vector<float>& noise, const std::vector<float>& leakage) {
    for (int a = first; a <= last; ++a) {
        auto& [lo, hi] = rows[std::size_t(a)];
        if (lo < 0)
            continue;
        int peakRow = lo;
        for (int r = lo; r <= hi; ++r)
            if (g.at(a, r) > g.at(a, peakRow))
                peakRow = r;
        const float peakDb = g.at(a, peakRow);
        const int newLo = widenSide(g, a, lo, -1, peakRow, peakDb, noise, leakage);
        hi = widenSide(g, a, hi, +1, peakRow, peakDb, noise, leakage);
        lo = newLo;
    }
}

} // namespace specedit::core
