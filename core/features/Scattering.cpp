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

using Buffer = AlignedBuffer<std::complex<double>>;

// A spectrum X of n bins (FFT order) of a signal at `rate`, whose first `len` samples count
// (a fraction of the last when the signal is itself every d-th sample of the burst's).
struct Bins {
    const Buffer& values;
    int n;
    double rate;
    double len;
};

// The modulus |IFFT(X * filter)| (left in `out`, zero past the window) and its mean over the
// signal's first `len` samples; `in` is work space.
//
// The filter passes L bins, so the filtered signal is known exactly from every (n/m)-th sample,
// for any power of two m >= L: an m-point inverse transform of those bins gives them, up to a
// phase (the bins shifted to start at 0). Its modulus is not band-limited, so its mean over
// every (n/m)-th sample is not quite that over all: with m >= 4L it stays within 0.1 % (0.07 %
// at most on the demo's 9 bursts, 0.15 % with m >= 2L; ScatteringTest). A second's burst at
// 1 MHz has two million samples, and the 90 transforms at full length took three quarters of
// its features' time; the narrow filters now take 1/2 to 1/64 of it.
struct Filtered {
    double mean = 0;
    int m = 0;      // samples of the modulus: every (n/m)-th of the signal's
    double len = 0; // the signal's first len, in them
};

template <typename Response>
Filtered filteredModulus(const Bins& X, const Filter<Response>& filter, FeaturePlans& plans,
                         Buffer& in, Buffer& out) {
    const int n = X.n;
    const auto first =
        std::max<std::int64_t>(std::int64_t(std::ceil(filter.lo * n / X.rate)), -n / 2);
    const auto last =
        std::min<std::int64_t>(std::int64_t(std::floor(filter.hi * n / X.rate)), n - 1 - n / 2);
    Filtered f;
    f.m = int(
        std::min<std::int64_t>(n, nextPow2(std::max<std::int64_t>(16, 4 * (last - first + 1)))));
    f.len = X.len * f.m / n;
    const auto whole = std::min<std::int64_t>(std::int64_t(f.len), f.m);
    const auto kept = std::min<std::int64_t>(std::int64_t(std::ceil(f.len)), f.m);
    std::fill_n(in.data(), f.m, std::complex<double>(0.0));
    // The L <= m bins from the first on (m >= 4L, or m = n >= L).
    for (std::int64_t i = first; i <= last; ++i) {
        const auto k = std::size_t(i < 0 ? i + n : i);
        in[std::size_t(i - first)] =
            X.values[k] * filter.response(binFrequency(int(k), n, X.rate)) / double(n);
    }
    plans.get(FftKind::ComplexInverse, f.m).execute(in.data(), out.data());
    // The window's last sample counts by the part of it inside: with every 512th sample of a
    // 2 M-sample burst, counting it whole made means 3e-4 off.
    double sum = 0;
    for (std::int64_t i = 0; i < kept; ++i) {
        const double a = std::sqrt(std::norm(out[std::size_t(i)])); // (hypot: 3x the time)
        sum += i < whole ? a : a * (f.len - double(whole));
        out[std::size_t(i)] = a;
    }
    std::fill(out.data() + kept, out.data() + f.m, std::complex<double>(0.0));
    f.mean = sum / f.len;
    return f;
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
    // Aligned work buffers, transformed without copies: a second at 1 MHz makes each 32 MB,
    // and copying through FeaturePlans::transform took a tenth of the time.
    const auto size = std::size_t(n);
    Buffer X(size), in(size), out(size), U(size);
    double power = 0;
    std::fill_n(in.data(), n, std::complex<double>(0.0));
    for (std::int64_t i = 0; i < len; ++i) {
        in[std::size_t(i)] = band.burst()[i];
        power += std::norm(band.burst()[i]);
    }
    const double rms = std::sqrt(std::max(power / double(len), 1e-300));
    plans.get(FftKind::ComplexForward, n).execute(in.data(), X.data());
    const double B = band.width;
    std::vector<double> first, second;
    for (int j = 0; j < kFirst; ++j) {
        const double c = xi(j) * B - B / 2, s = 0.15 * xi(j) * B;
        const Filter wavelet{c - kReach * s, c + kReach * s,
                             [&](double f) { return gabor(f, c, s); }};
        const Filtered s1 =
            filteredModulus(Bins{X, n, band.rate, double(len)}, wavelet, plans, in, out);
        first.push_back(s1.mean / rms);
        // U1 at its own rate: the second-order filters pass its slow modulations only.
        plans.get(FftKind::ComplexForward, s1.m).execute(out.data(), U.data());
        const Bins U1{U, s1.m, band.rate * s1.m / n, s1.len};
        for (int k = 0; k < kSecond; ++k) {
            if (!pathKept(j, k))
                continue;
            const double z = zeta(k) * B, r = 0.3 * zeta(k) * B;
            const Filter second2{-kReach * r, z + kReach * r,
                                 [&](double f) { return morlet(f, z, r); }};
            const double s2 = filteredModulus(U1, second2, plans, in, out).mean;
            second.push_back(s1.mean > 0 ? s2 / s1.mean : 0.0);
        }
    }
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

} // namespace specedit::core
