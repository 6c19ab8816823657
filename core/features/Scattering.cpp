#include "features/Scattering.h"

#include "dsp/FftPlan.h"
#include "features/BandSignal.h"
#include "features/FeaturePlans.h"

#include <cmath>
#include <complex>

namespace specedit::core {
namespace {

constexpr int kFirst = 12, kSecond = 8;

using Signal = std::vector<std::complex<double>>;

double xi(int j) {
    return 0.9 * std::pow(2.0, -j / 2.0);
} // of B, from the lower edge
double zeta(int k) {
    return 0.45 * std::pow(2.0, -k);
} // of B

bool pathKept(int j, int k) {
    return zeta(k) < xi(j) / 2;
}

double binFrequency(int k, int n, double rate) {
    return (k < n / 2 ? k : k - n) * rate / n;
}

double gabor(double f, double centre, double s) {
    return std::exp(-(f - centre) * (f - centre) / (2 * s * s));
}

double morlet(double f, double centre, double s) {
    return gabor(f, centre, s) - gabor(centre, 0, s) * gabor(f, 0, s);
}

// A filter: a Gaussian bump (or a Morlet's two) whose response outside lo..hi Hz is below
// e^-32 (1e-14 of its peak) and left out: a second's burst at 1 MHz has a million bins, and
// evaluating each of the 78 filters on all of them took most of the features' time. The
// response is a type of its own (a lambda), called directly in the loop over the bins.
template <typename Response> struct Filter {
    double lo, hi;
    Response response;
};
template <typename Response> Filter(double, double, Response) -> Filter<Response>; // clang 14

constexpr double kReach = 8; // widths of a Gaussian past which it is below e^-32

// mean over the first `len` samples of |IFFT(X * filter)|, the modulus kept in `modulus`;
// `y` is the work buffer (X's size).
template <typename Response>
double filteredMean(const Signal& X, std::int64_t len, double rate, const Filter<Response>& filter,
                    FeaturePlans& plans, Signal& y, std::vector<double>* modulus) {
    const int n = int(X.size());
    y.assign(X.size(), 0.0);
    const auto first = std::int64_t(std::ceil(filter.lo * n / rate));
    const auto last = std::int64_t(std::floor(filter.hi * n / rate));
    for (std::int64_t i = std::max<std::int64_t>(first, -n / 2);
         i <= std::min<std::int64_t>(last, n - 1 - n / 2); ++i) {
        const auto k = std::size_t(i < 0 ? i + n : i);
        y[k] = X[k] * filter.response(binFrequency(int(k), n, rate)) / double(n);
    }
    plans.transform(FftKind::ComplexInverse, y);
    double sum = 0;
    if (modulus)
        modulus->assign(std::size_t(n), 0.0);
    for (std::int64_t i = 0; i < len; ++i) {
        const double a = std::sqrt(std::norm(y[std::size_t(i)])); // (hypot: 3x the time)
        sum += a;
        if (modulus)
            (*modulus)[std::size_t(i)] = a;
    }
    return sum / double(len);
}

} // namespace

const std::vector<std::string>& scatteringNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (int j = 0; j < kFirst; ++j)
            v.push_back("s1_" + std::to_string(j));
        for (int j = 0; j < kFirst; ++j)
            for (int k = 0; k < kSecond; ++k)
                if (pathKept(j, k))
                    v.push_back("s2_" + std::to_string(j) + "_" + std::to_string(k));
        return v;
    }();
    return names;
}

std::vector<double> scatteringFeatures(const BandSignal& band, FeaturePlans& plans) {
    const std::int64_t len = band.burstLength();
    const int n = nextPow2(len);
    Signal X(std::size_t(n), 0.0);
    double power = 0;
    for (std::int64_t i = 0; i < len; ++i) {
        X[std::size_t(i)] = band.burst()[i];
        power += std::norm(band.burst()[i]);
    }
    const double rms = std::sqrt(std::max(power / double(len), 1e-300));
    plans.transform(FftKind::ComplexForward, X);
    const double B = band.width;
    std::vector<double> first, second, u1;
    Signal y, U; // reused: each is 32 MB for a second at 1 MHz, and a fresh one page-faults
    for (int j = 0; j < kFirst; ++j) {
        const double c = xi(j) * B - B / 2, s = 0.15 * xi(j) * B;
        const Filter wavelet{c - kReach * s, c + kReach * s,
                             [&](double f) { return gabor(f, c, s); }};
        const double s1 = filteredMean(X, len, band.rate, wavelet, plans, y, &u1);
        first.push_back(s1 / rms);
        U.assign(u1.begin(), u1.end());
        plans.transform(FftKind::ComplexForward, U);
        for (int k = 0; k < kSecond; ++k) {
            if (!pathKept(j, k))
                continue;
            const double z = zeta(k) * B, r = 0.3 * zeta(k) * B;
            const Filter second2{-kReach * r, z + kReach * r,
                                 [&](double f) { return morlet(f, z, r); }};
            const double s2 = filteredMean(U, len, band.rate, second2, plans, y, nullptr);
            second.push_back(s1 > 0 ? s2 / s1 : 0.0);
        }
    }
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

} // namespace specedit::core
