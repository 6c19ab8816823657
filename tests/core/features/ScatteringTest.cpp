// Scattering coefficients (core/features/Scattering) against their definition: a steady tone
// analytically, and an on-off keyed burst against the plain full-length computation, which the
// decimated one must follow closely.

#include "features/Scattering.h"

#include "features/BandSignal.h"
#include "features/FeaturePlans.h"

#include <cmath>
#include <complex>
#include <functional>
#include <gtest/gtest.h>
#include <numbers>
#include <string>

using namespace specedit::core;

namespace {

using Signal = std::vector<std::complex<double>>;

BandSignal bandOf(const Signal& x, double rate, double width) {
    BandSignal b;
    b.samples = x;
    b.rate = rate;
    b.width = width;
    b.burstBegin = 0;
    b.burstEnd = std::int64_t(x.size());
    b.validEnd = b.burstEnd;
    return b;
}

double gauss(double f, double c, double s) {
    return std::exp(-(f - c) * (f - c) / (2 * s * s));
}

// mean |IFFT(FFT(x) * h)| over x's samples, at full length: the definition (Scattering.h).
double meanModulus(const Signal& x, int n, double rate, const std::function<double(double)>& h,
                   FeaturePlans& plans, std::vector<double>* modulus = nullptr) {
    Signal y(std::size_t(n), 0.0);
    std::copy(x.begin(), x.end(), y.begin());
    plans.transform(FftKind::ComplexForward, y);
    for (int k = 0; k < n; ++k)
        y[std::size_t(k)] *= h((k < n / 2 ? k : k - n) * rate / n) / n;
    plans.transform(FftKind::ComplexInverse, y);
    double sum = 0;
    if (modulus)
        modulus->assign(std::size_t(n), 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
        sum += std::abs(y[i]);
        if (modulus)
            (*modulus)[i] = std::abs(y[i]);
    }
    return sum / double(x.size());
}

// The coefficients by their definition, in scatteringNames() order.
std::vector<double> reference(const Signal& x, double rate, double B, FeaturePlans& plans) {
    const int n = nextPow2(std::int64_t(x.size()));
    double power = 0;
    for (const auto& v : x)
        power += std::norm(v);
    const double rms = std::sqrt(power / double(x.size()));
    std::vector<double> first, second, u1;
    for (int j = 0; j < 12; ++j) {
        const double xi = 0.9 * std::pow(2.0, -j / 2.0) * B, c = xi - B / 2, s = 0.15 * xi;
        const double s1 = meanModulus(
            x, n, rate, [&](double f) { return gauss(f, c, s); }, plans, &u1);
        first.push_back(s1 / rms);
        const Signal U1(u1.begin(), u1.begin() + std::ptrdiff_t(x.size()));
        for (int k = 0; k < 8; ++k) {
            const double z = 0.45 * std::pow(2.0, -k) * B, r = 0.3 * z;
            if (z >= xi / 2)
                continue;
            const double s2 = meanModulus(
                U1, n, rate,
                [&](double f) { return gauss(f, z, r) - gauss(z, 0, r) * gauss(f, 0, r); }, plans);
            second.push_back(s2 / s1);
        }
    }
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

} // namespace

// A tone whose frequency is a bin's, over a power-of-two length: every wavelet passes it at its
// response there, steadily, so S1(j) = psi_j(f0) exactly and no second-order energy is left.
TEST(Scattering, ASteadyToneGivesEachWaveletsResponseAtItsFrequency) {
    const int n = 1 << 14;
    const double rate = 48e3, B = 20e3, f0 = 3e3; // 3 kHz above the band's centre: bin 1024
    Signal x(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t)
        x[std::size_t(t)] = 0.3 * std::polar(1.0, 2 * std::numbers::pi * f0 * t / rate);
    FeaturePlans plans;
    const auto s = scatteringFeatures(bandOf(x, rate, B), plans);
    const auto& names = scatteringNames();
    ASSERT_EQ(s.size(), names.size());
    for (int j = 0; j < 12; ++j) {
        const double xi = 0.9 * std::pow(2.0, -j / 2.0) * B;
        EXPECT_NEAR(s[std::size_t(j)], gauss(f0, xi - B / 2, 0.15 * xi), 1e-9) << names[j];
    }
    // Second order where the first passes the tone (elsewhere both are rounding noise).
    int checked = 0;
    for (std::size_t i = 12; i < s.size(); ++i) {
        const int j = std::stoi(names[i].substr(3));
        if (s[std::size_t(j)] > 1e-3) {
            EXPECT_LT(s[i], 1e-6) << names[i];
            ++checked;
        }
    }
    EXPECT_GT(checked, 10);
}

// On-off keying in noise, not a power of two long: the coefficients follow their definition
// computed at full length within 0.1 % (the narrow filters are computed on every 2nd to 64th
// sample; 0.03 % here, and 0.15 % if they sampled only as densely as their band needs), and the
// keying shows in the second order.
TEST(Scattering, AKeyedBurstFollowsTheFullLengthDefinition) {
    const double rate = 250e3, B = 100e3;
    const int len = 30011;
    Signal x(static_cast<std::size_t>(len));
    std::uint32_t seed = 7;
    auto noise = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return double(seed >> 8) / double(1u << 24) - 0.5;
    };
    for (int t = 0; t < len; ++t) {
        const bool on = (t / 500) % 3 != 0; // 2 ms symbols at 500 baud
        x[std::size_t(t)] =
            (on ? 1.0 : 0.0) * std::polar(1.0, 2 * std::numbers::pi * 20e3 * t / rate) +
            0.05 * std::complex<double>(noise(), noise());
    }
    FeaturePlans plans;
    const auto got = scatteringFeatures(bandOf(x, rate, B), plans);
    const auto want = reference(x, rate, B, plans);
    ASSERT_EQ(got.size(), want.size());
    const auto& names = scatteringNames();
    double keyed = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_NEAR(got[i], want[i], 1e-3 * std::abs(want[i]) + 1e-9) << names[i];
        if (names[i].starts_with("s2_"))
            keyed = std::max(keyed, want[i]);
    }
    EXPECT_GT(keyed, 0.1);
}
