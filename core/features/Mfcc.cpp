#include "features/Mfcc.h"

#include "dsp/FftPlan.h"
#include "dsp/Window.h"
#include "features/BandSignal.h"
#include "features/FeaturePlans.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace specedit::core {
namespace {

constexpr int kFrame = 256, kHop = 128, kFilters = 26;

double mel(double f) {
    return 2595 * std::log10(1 + f / 700);
}
double melInverse(double m) {
    return 700 * (std::pow(10.0, m / 2595) - 1);
}

// filters[m][k]: the weight of FFT bin k (FFT order) in filter m.
std::vector<std::vector<double>> filterBank(const BandSignal& band) {
    // u: the frequency the mel scale sees, for a baseband offset f.
    const double lowEdge = band.centre - band.width / 2;
    auto u = [&](double f) {
        return band.real ? std::max(0.0, band.centre + f) : f + band.width / 2;
    };
    const double uLo = band.real ? std::max(0.0, lowEdge) : 0.0;
    const double uHi = band.real ? band.centre + band.width / 2 : band.width;
    std::vector<double> edges(kFilters + 2);
    for (int i = 0; i < kFilters + 2; ++i)
        edges[std::size_t(i)] = melInverse(mel(uLo) + (mel(uHi) - mel(uLo)) * i / (kFilters + 1));
    std::vector<std::vector<double>> bank(kFilters, std::vector<double>(kFrame, 0.0));
    for (int k = 0; k < kFrame; ++k) {
        const int signedK = k < kFrame / 2 ? k : k - kFrame;
        const double x = u(signedK * band.rate / kFrame);
        for (int m = 0; m < kFilters; ++m) {
            const double a = edges[std::size_t(m)], b = edges[std::size_t(m + 1)],
                         c = edges[std::size_t(m + 2)];
            double w = 0;
            if (x > a && x <= b)
                w = (x - a) / (b - a);
            else if (x > b && x < c)
                w = (c - x) / (c - b);
            bank[std::size_t(m)][std::size_t(k)] = w;
        }
    }
    return bank;
}

std::array<double, kMfccCount> cepstrum(const std::vector<double>& logEnergy) {
    std::array<double, kMfccCount> c{};
    for (int i = 0; i < kMfccCount; ++i) {
        double s = 0;
        for (int m = 0; m < kFilters; ++m)
            s += logEnergy[std::size_t(m)] * std::cos(std::numbers::pi * i * (m + 0.5) / kFilters);
        c[std::size_t(i)] = s * std::sqrt((i == 0 ? 1.0 : 2.0) / kFilters);
    }
    return c;
}

std::vector<std::array<double, kMfccCount>> frames(const BandSignal& band, FeaturePlans& plans) {
    const auto bank = filterBank(band);
    const auto window = makeWindow(WindowSpec{}, kFrame); // periodic Hann
    const auto len = band.burstLength();
    std::vector<std::complex<double>> seg(kFrame);
    std::vector<std::array<double, kMfccCount>> out;
    for (std::int64_t s = 0; s == 0 || s + kFrame <= len; s += kHop) {
        std::fill(seg.begin(), seg.end(), 0.0);
        for (int i = 0; i < kFrame && s + i < len; ++i)
            seg[std::size_t(i)] = band.burst()[s + i] * window[std::size_t(i)];
        plans.transform(FftKind::ComplexForward, seg);
        std::vector<double> logEnergy(kFilters);
        for (int m = 0; m < kFilters; ++m) {
            double e = 0;
            for (int k = 0; k < kFrame; ++k)
                e += bank[std::size_t(m)][std::size_t(k)] * std::norm(seg[std::size_t(k)]);
            logEnergy[std::size_t(m)] = std::log(std::max(e, 1e-30));
        }
        out.push_back(cepstrum(logEnergy));
    }
    return out;
}

} // namespace

MfccFeatures mfccFeatures(const BandSignal& band, FeaturePlans& plans) {
    const auto c = frames(band, plans);
    MfccFeatures f;
    const auto T = std::int64_t(c.size());
    for (int i = 0; i < kMfccCount; ++i) {
        double sum = 0, dsum = 0;
        for (std::int64_t t = 0; t < T; ++t) {
            sum += c[std::size_t(t)][std::size_t(i)];
            double d = 0;
            for (int n = 1; n <= 2; ++n) {
                const auto after = std::min(T - 1, t + n),
                           before = std::max<std::int64_t>(0, t - n);
                d += n * (c[std::size_t(after)][std::size_t(i)] -
                          c[std::size_t(before)][std::size_t(i)]);
            }
            dsum += std::abs(d / 10.0);
        }
        f.mean[std::size_t(i)] = sum / double(T);
        f.delta[std::size_t(i)] = dsum / double(T);
    }
    return f;
}

} // namespace specedit::core
