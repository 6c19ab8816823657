#include "features/Spectrum.h"

#include "dsp/FftPlan.h"
#include "dsp/Window.h"
#include "features/BandSignal.h"
#include "features/FeaturePlans.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace specedit::core {
namespace {

constexpr int kNfft = 256;

// Where the linear interpolation between (x0, y0) and (x1, y1) reaches y.
double crossing(double x0, double y0, double x1, double y1, double y) {
    return y1 == y0 ? x0 : x0 + (x1 - x0) * (y - y0) / (y1 - y0);
}

double xdbBandwidth(const BandSpectrum& s, std::size_t peak, double db) {
    const double level = s.power[peak] * std::pow(10.0, -db / 10);
    std::size_t lo = 0, hi = s.power.size() - 1;
    while (lo < peak && s.power[lo] < level)
        ++lo;
    while (hi > peak && s.power[hi] < level)
        --hi;
    const double bin = s.freq.size() > 1 ? s.freq[1] - s.freq[0] : 0;
    const double fLo =
        lo > 0 ? crossing(s.freq[lo - 1], s.power[lo - 1], s.freq[lo], s.power[lo], level)
               : s.freq[0] - bin / 2;
    const double fHi = hi + 1 < s.power.size() ? crossing(s.freq[hi], s.power[hi], s.freq[hi + 1],
                                                          s.power[hi + 1], level)
                                               : s.freq[hi] + bin / 2;
    return fHi - fLo;
}

// The frequency below which `fraction` of the power lies (bins as intervals of one bin).
double quantileFrequency(const BandSpectrum& s, const std::vector<double>& cumulative,
                         double fraction) {
    const double total = cumulative.back();
    const double bin = s.freq.size() > 1 ? s.freq[1] - s.freq[0] : 0;
    const double target = fraction * total;
    const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), target);
    const std::size_t k = std::size_t(it - cumulative.begin());
    const double before = k > 0 ? cumulative[k - 1] : 0.0;
    const double inBin = s.power[k] > 0 ? (target - before) / s.power[k] : 0.5;
    return s.freq[k] - bin / 2 + std::clamp(inBin, 0.0, 1.0) * bin;
}

void moments(const BandSpectrum& s, double total, SpectrumFeatures& f) {
    double mu = 0;
    for (std::size_t k = 0; k < s.freq.size(); ++k)
        mu += s.power[k] / total * s.freq[k];
    double m2 = 0, m3 = 0, m4 = 0;
    for (std::size_t k = 0; k < s.freq.size(); ++k) {
        const double p = s.power[k] / total, d = s.freq[k] - mu;
        m2 += p * d * d;
        m3 += p * d * d * d;
        m4 += p * d * d * d * d;
    }
    f.centroid = mu;
    f.spread = std::sqrt(m2);
    f.skewness = m2 > 0 ? m3 / std::pow(m2, 1.5) : 0;
    f.kurtosis = m2 > 0 ? m4 / (m2 * m2) : 0;
}

void shape(const BandSpectrum& s, double total, SpectrumFeatures& f) {
    double logSum = 0, entropy = 0;
    const double K = double(s.power.size());
    for (double p : s.power) {
        logSum += std::log(std::max(p, 1e-300));
        const double q = p / total;
        if (q > 0)
            entropy -= q * std::log2(q);
    }
    f.flatness = std::exp(logSum / K) / (total / K);
    f.entropy = K > 1 ? entropy / std::log2(K) : 0;
}

} // namespace

BandSpectrum welchSpectrum(const BandSignal& band, FeaturePlans& plans) {
    const std::int64_t len = band.burstLength();
    const int L = int(std::min<std::int64_t>(kNfft, len));
    const auto w = makeWindow(WindowSpec{}, L); // periodic Hann
    const double wPower =
        std::accumulate(w.begin(), w.end(), 0.0, [](double a, double v) { return a + v * v; });
    std::vector<double> acc(kNfft, 0.0);
    std::vector<std::complex<double>> seg(kNfft);
    int segments = 0;
    for (std::int64_t s = 0; s + L <= len; s += std::max(1, L / 2), ++segments) {
        std::fill(seg.begin(), seg.end(), 0.0);
        for (int i = 0; i < L; ++i)
            seg[std::size_t(i)] = band.burst()[s + i] * w[std::size_t(i)];
        plans.transform(FftKind::ComplexForward, seg);
        for (int k = 0; k < kNfft; ++k)
            acc[std::size_t(k)] += std::norm(seg[std::size_t(k)]) / wPower;
    }
    BandSpectrum out;
    const double bin = band.rate / kNfft;
    for (int k = -kNfft / 2; k < kNfft / 2; ++k) {
        const double f = k * bin;
        if (std::abs(f) > band.width / 2 + 1e-9 * band.rate)
            continue;
        out.freq.push_back(band.centre + f);
        out.power.push_back(acc[std::size_t((k + kNfft) % kNfft)] / std::max(segments, 1) / kNfft);
    }
    if (out.freq.empty()) { // a band narrower than one bin: the bin at its centre
        out.freq.push_back(band.centre);
        out.power.push_back(acc[0] / std::max(segments, 1) / kNfft);
    }
    return out;
}

SpectrumFeatures spectrumFeatures(const BandSpectrum& s) {
    SpectrumFeatures f;
    f.binWidth = s.freq.size() > 1 ? s.freq[1] - s.freq[0] : 0;
    std::vector<double> cumulative(s.power.size());
    std::partial_sum(s.power.begin(), s.power.end(), cumulative.begin());
    const double total = std::max(cumulative.back(), 1e-300);
    const auto peak =
        std::size_t(std::max_element(s.power.begin(), s.power.end()) - s.power.begin());
    f.peak = s.freq[peak];
    f.bw3 = xdbBandwidth(s, peak, 3);
    f.bw20 = xdbBandwidth(s, peak, 20);
    const double lo = quantileFrequency(s, cumulative, 0.005);
    const double hi = quantileFrequency(s, cumulative, 0.995);
    f.bw99 = hi - lo;
    f.centre = 0.5 * (lo + hi);
    f.rolloff85 = quantileFrequency(s, cumulative, 0.85);
    f.rolloff95 = quantileFrequency(s, cumulative, 0.95);
    moments(s, total, f);
    shape(s, total, f);
    return f;
}

} // namespace specedit::core
