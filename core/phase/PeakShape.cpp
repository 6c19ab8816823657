#include "phase/PeakShape.h"

#include "dsp/Window.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace specedit::core {
namespace {

constexpr int kOffsets = 101; // the sinusoid's offset from the peak bin, 0 to 1/2 bin

// One sinusoid offset by d bins from the peak: its nearer and farther neighbours over the peak.
struct LobeRatios {
    std::vector<double> nearer, farther;
};

// |sum_n w[n] e^{-2 pi i nu n / nfft}|, nu in bins.
double transformAt(const std::vector<double>& w, int nfft, double nu) {
    const std::complex<double> step = std::polar(1.0, -2 * std::numbers::pi * nu / nfft);
    std::complex<double> turn = 1, sum = 0;
    for (double v : w) {
        sum += v * turn;
        turn *= step;
    }
    return std::abs(sum);
}

LobeRatios lobeRatios(const StftParams& p) {
    const std::vector<double> w = makeWindow(p.window, p.nperseg);
    LobeRatios r;
    for (int i = 0; i < kOffsets; ++i) {
        const double d = 0.5 * i / (kOffsets - 1);
        const double peak = std::max(transformAt(w, p.nfft, d), 1e-300);
        r.nearer.push_back(transformAt(w, p.nfft, 1 - d) / peak);
        r.farther.push_back(transformAt(w, p.nfft, 1 + d) / peak);
    }
    return r;
}

bool fits(const LobeRatios& r, double nearer, double farther) {
    for (std::size_t i = 0; i < r.nearer.size(); ++i)
        if (std::abs(nearer - r.nearer[i]) + std::abs(farther - r.farther[i]) < kPeakTolerance)
            return true;
    return false;
}

} // namespace

std::string peakFamily(const WindowSpec& window) {
    const bool rectangular = window.type == WindowType::Rectangular ||
                             (window.type == WindowType::Tukey && window.param <= 0.5);
    return rectangular ? "rectangular" : toString(window);
}

double peakShapeFit(const ImportedSpectrum& x, const StftParams& p, bool twoSided) {
    if (x.bins < 3)
        return 0;
    const LobeRatios lobe = lobeRatios(p);
    const double range = std::pow(10.0, -kPeakRangeDb / 20);
    double fitted = 0, total = 0;
    std::vector<double> m(std::size_t(x.bins));
    for (std::int64_t j = 0; j < x.frames; ++j) {
        for (int k = 0; k < x.bins; ++k)
            m[std::size_t(k)] = std::abs(x.values[std::size_t(j * x.bins + k)]);
        const double floor = range * *std::max_element(m.begin(), m.end());
        const int first = twoSided ? 0 : 1, last = twoSided ? x.bins : x.bins - 1;
        for (int k = first; k < last; ++k) {
            const double b = m[std::size_t(k)];
            const double l = m[std::size_t((k + x.bins - 1) % x.bins)];
            const double r = m[std::size_t((k + 1) % x.bins)];
            if (b <= 0 || b < floor || b <= l || b < r)
                continue;
            total += b * b;
            if (fits(lobe, std::max(l, r) / b, std::min(l, r) / b))
                fitted += b * b;
        }
    }
    return total > 0 ? fitted / total : 0.0;
}

} // namespace specedit::core
