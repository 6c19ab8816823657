#include "dsp/Stft.h"

#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;
using cd = std::complex<double>;
using cf = std::complex<float>;

namespace {

constexpr double kPi = std::numbers::pi;

template <typename S> std::vector<S> noise(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    std::vector<S> x(n);
    for (auto& v : x) {
        if constexpr (SampleTraits<S>::kComplex)
            v = S(typename SampleTraits<S>::Real(g(rng)), typename SampleTraits<S>::Real(g(rng)));
        else
            v = S(g(rng));
    }
    return x;
}

template <typename S> double relativeError(const std::vector<S>& x, const std::vector<S>& y) {
    double err = 0, peak = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        err = std::max(err, double(std::abs(x[i] - y[i])));
        peak = std::max(peak, double(std::abs(x[i])));
    }
    return err / peak;
}

const char* kAllWindows[] = {"boxcar",         "hann",    "hamming",    "blackman",
                             "blackmanharris", "flattop", "kaiser,8.6", "gaussian,8"};

template <typename S> void expectRoundTrip(double bound) {
    for (const char* w : kAllWindows) {
        for (auto [np, nov, nfft] : {std::tuple{64, 48, 64}, {63, 40, 80}, {100, 75, 128}}) {
            const auto p = StftParams::make(parseWindow(w), np, nov, nfft, 1000.0);
            const auto x = noise<S>(1237, 7);
            const auto z = stft(x, p);
            auto y = istft<S>(z, p);
            ASSERT_GE(y.size(), x.size()) << w;
            y.resize(x.size());
            EXPECT_LT(relativeError(x, y), bound) << w << " nperseg " << np << " nfft " << nfft;
        }
    }
}

} // namespace

TEST(Stft, FrameCountFollowsScipyPadding) {
    const Stft<float> s(StftParams::make(parseWindow("hann"), 256, 128));
    // scipy: len(stft(np.zeros(n), nperseg=256)[1]) for these n.
    EXPECT_EQ(s.frameCount(1000), 9);
    EXPECT_EQ(s.frameCount(1024), 9);
    EXPECT_EQ(s.frameCount(1025), 10);
    EXPECT_EQ(s.frameCount(1), 2);
    EXPECT_EQ(s.istftLength(9), 1024);
}

TEST(Stft, BinCentredCosineLandsInItsBinWithHalfAmplitude) {
    const int n = 256, k0 = 37;
    std::vector<double> x(4096);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = 3.0 * std::cos(2 * kPi * k0 * double(i) / n);
    const auto p = StftParams::make(parseWindow("hann"), n, 192);
    const auto z = stft(x, p);
    ASSERT_EQ(z.bins, n / 2 + 1);
    const std::int64_t j = z.frames / 2; // an interior frame, away from boundary zeros
    EXPECT_NEAR(std::abs(z.at(k0, j)), 1.5, 1e-12);
    EXPECT_NEAR(std::abs(z.at(k0 + 5, j)), 0.0, 1e-12);
}

TEST(Stft, ComplexToneLandsInPositiveOrNegativeBin) {
    const int n = 128;
    for (int k0 : {10, -10}) {
        std::vector<cd> x(2048);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = std::polar(2.0, 2 * kPi * k0 * double(i) / n);
        const auto z = stft(x, StftParams::make(parseWindow("hann"), n, 96));
        ASSERT_EQ(z.bins, n);
        const int bin = k0 >= 0 ? k0 : n + k0;
        EXPECT_NEAR(std::abs(z.at(bin, 8)), 2.0, 1e-12);
        EXPECT_NEAR(std::abs(z.at(n - bin, 8)), 0.0, 1e-12);
    }
}

TEST(Stft, FrameEqualsNaiveDftOfWindowedSegment) {
    const int np = 50, nfft = 64;
    const auto x = noise<cd>(500, 3);
    const auto p = StftParams::make(parseWindow("blackman"), np, 25, nfft);
    const auto z = stft(x, p);
    const auto w = makeWindow(p.window, np);
    double wsum = 0;
    for (double v : w)
        wsum += v;
    const std::int64_t j = 5;
    const std::int64_t s = j * p.hop() - np / 2;
    for (int k = 0; k < nfft; ++k) {
        cd acc = 0;
        for (int m = 0; m < np; ++m)
            acc += w[std::size_t(m)] * x[std::size_t(s + m)] *
                   std::polar(1.0, -2 * kPi * k * m / nfft);
        EXPECT_NEAR(std::abs(z.at(k, j) - acc / wsum), 0.0, 1e-12) << "bin " << k;
    }
}

TEST(Stft, ParsevalHoldsForRectangularFrames) {
    const int n = 64;
    const auto x = noise<cd>(640, 11);
    const auto z = stft(x, StftParams::make(parseWindow("boxcar"), n, 0));
    // Frame 3 covers x[3*64 - 32, ...); with 1/N scaling, sum |X|^2 = sum |x|^2 / N.
    double energyTime = 0, energyFreq = 0;
    for (int m = 0; m < n; ++m)
        energyTime += std::norm(x[std::size_t(3 * n - n / 2 + m)]);
    for (int k = 0; k < n; ++k)
        energyFreq += std::norm(z.at(k, 3));
    EXPECT_NEAR(energyFreq, energyTime / n, 1e-12 * energyTime);
}

TEST(Stft, RoundTripIsExactForEveryWindowInDouble) {
    expectRoundTrip<double>(1e-12);
    expectRoundTrip<cd>(1e-12);
}

TEST(Stft, RoundTripIsExactForEveryWindowInFloat) {
    expectRoundTrip<float>(1e-5);
    expectRoundTrip<cf>(1e-5);
}

TEST(Stft, BlockwiseSynthesisEqualsWholeSynthesis) {
    const auto p = StftParams::make(parseWindow("hann"), 64, 48, 64);
    const Stft<cd> engine(p);
    const auto x = noise<cd>(1000, 5);
    const auto z = stft(x, p);
    auto ws = engine.makeWorkspace();
    std::vector<double> norm;
    std::vector<cd> blocks(1000);
    auto frame = [&](std::int64_t j, cd* out) { std::copy_n(&z.at(0, j), z.bins, out); };
    for (std::int64_t n0 : {0, 333, 777})
        engine.synthesize(n0, n0 == 777 ? 1000 : (n0 == 0 ? 333 : 777), z.frames, frame,
                          blocks.data() + n0, norm, ws);
    EXPECT_LT(relativeError(x, blocks), 1e-12);
}

TEST(Stft, SpectrogramOfWrongSizeIsRefused) {
    Spectrogram<double> z;
    z.bins = 10;
    z.frames = 3;
    z.data.resize(30);
    EXPECT_THROW(istft<double>(z, StftParams::make(parseWindow("hann"), 64)), Error);
}
