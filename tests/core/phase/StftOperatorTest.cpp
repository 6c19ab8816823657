// The STFT operator of phase retrieval (core/phase): A agrees with the project's stft, A^+ with
// its istft, and A^H is A's adjoint (<A x, y> = <x, A^H y>), for real and complex signals, one
// thread and several, whole signals and blocks.

#include "phase/StftOperator.h"

#include "dsp/Stft.h"

#include <complex>
#include <gtest/gtest.h>
#include <random>

using namespace specedit::core;
using Complex = std::complex<double>;

namespace {

template <typename S> std::vector<S> noise(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    std::vector<S> x(n);
    for (auto& v : x) {
        if constexpr (std::is_same_v<S, double>)
            v = g(rng);
        else
            v = S(g(rng), g(rng));
    }
    return x;
}

// Real inner product of two complex vectors: Re sum conj(a) b.
double inner(const std::vector<Complex>& a, const std::vector<Complex>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += std::real(std::conj(a[i]) * b[i]);
    return s;
}

template <typename S> double innerSignal(const std::vector<S>& a, const std::vector<S>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if constexpr (std::is_same_v<S, double>)
            s += a[i] * b[i];
        else
            s += std::real(std::conj(a[i]) * b[i]);
    }
    return s;
}

template <typename S> void checkAgainstStft(const StftParams& p, unsigned threads) {
    const auto x = noise<S>(3001, 1);
    auto op = StftOperator<S>::wholeSignal(p, 3001, threads);
    std::vector<Complex> a(op.coefficients());
    op.analyse(x.data(), a.data());
    const auto z = stft(x, p);
    ASSERT_EQ(z.data.size(), a.size());
    double err = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        err = std::max(err, std::abs(a[i] - z.data[i]));
    EXPECT_LT(err, 1e-12);
    std::vector<S> y(x.size());
    op.synthesise(a.data(), y.data());
    double back = 0;
    for (std::size_t n = 0; n < x.size(); ++n)
        back = std::max(back, std::abs(y[n] - x[n]));
    EXPECT_LT(back, 1e-12);
}

template <typename S>
void checkAdjoint(const StftParams& p, std::int64_t length, std::int64_t frames, std::int64_t base,
                  unsigned threads) {
    StftOperator<S> op(p, length, frames, base, threads);
    const auto x = noise<S>(std::size_t(length), 2);
    auto y = noise<Complex>(op.coefficients(), 3);
    if constexpr (std::is_same_v<S, double>) // a real signal's DC and Nyquist are real
        for (std::int64_t j = 0; j < frames; ++j) {
            y[std::size_t(j * op.bins())].imag(0);
            if (p.nfft % 2 == 0)
                y[std::size_t(j * op.bins() + op.bins() - 1)].imag(0);
        }
    std::vector<Complex> ax(op.coefficients());
    op.analyse(x.data(), ax.data());
    std::vector<S> ahy(static_cast<std::size_t>(length));
    op.adjoint(y.data(), ahy.data());
    const double lhs = inner(ax, y), rhs = innerSignal(x, ahy);
    EXPECT_NEAR(lhs, rhs, 1e-10 * std::max(1.0, std::abs(lhs)));
}

} // namespace

TEST(StftOperator, ForwardAndInverseAreTheProjectsStftAndIstft) {
    checkAgainstStft<double>(StftParams::make(parseWindow("hann"), 256, 192), 1);
    checkAgainstStft<double>(StftParams::make(parseWindow("hamming"), 200, 150, 256), 2);
    checkAgainstStft<Complex>(StftParams::make(parseWindow("blackman"), 128, 96), 2);
    checkAgainstStft<Complex>(StftParams::make(parseWindow("hann"), 255, 170, 255), 1);
}

TEST(StftOperator, TheAdjointIsTheAdjoint) {
    const auto hann = StftParams::make(parseWindow("hann"), 256, 192);
    checkAdjoint<double>(hann, 3001, 51, -128, 1);
    checkAdjoint<double>(hann, 3001, 51, -128, 2);
    checkAdjoint<double>(StftParams::make(parseWindow("hann"), 255, 170, 255), 2000, 10, 0, 2);
    checkAdjoint<double>(StftParams::make(parseWindow("hamming"), 100, 75, 160), 999, 12, -50, 1);
    checkAdjoint<Complex>(hann, 3001, 51, -128, 2);
    checkAdjoint<Complex>(StftParams::make(parseWindow("hann"), 255, 170, 300), 2000, 10, 0, 1);
}
