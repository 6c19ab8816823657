#include "phase/Detrend.h"

#include "util/Error.h"

#include <cmath>
#include <complex>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;

namespace {

using Complex = std::complex<double>;

// Two tones on an offset and a slow drift: a mean and a line in every frame.
std::vector<double> drifting(int n) {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.05);
    std::vector<double> x(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        x[std::size_t(i)] =
            0.4 + 2e-4 * i + std::sin(0.05 * i) + 0.3 * std::cos(0.31 * i) + noise(rng);
    return x;
}

template <typename S> double maxError(const std::vector<S>& a, const std::vector<S>& b) {
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

// scipy's stft geometry: frames centred on j * hop, the ends padded with zeros.
FrameGeometry centred(const StftParams& p, std::int64_t n) {
    return {n, frameCountFor(p, n, {}), firstFrameStart(p, {})};
}

} // namespace

TEST(Detrend, AConstantOrALineLeavesNothing) {
    const auto p = StftParams::make(parseWindow("hann"), 64, 48, 64, 1.0);
    const FrameGeometry g{640, 37, 0};
    std::vector<double> line(640);
    for (std::size_t i = 0; i < line.size(); ++i)
        line[i] = 3.0 - 0.01 * double(i);
    const std::vector<double> constant(640, 2.5);
    for (const auto& z : detrendedAnalysis(constant, p, g, Detrend::Constant))
        EXPECT_LT(std::abs(z), 1e-14);
    for (const auto& z : detrendedAnalysis(line, p, g, Detrend::Linear))
        EXPECT_LT(std::abs(z), 1e-14);
    double left = 0; // a line keeps its slope under a constant detrend
    for (const auto& z : detrendedAnalysis(line, p, g, Detrend::Constant))
        left = std::max(left, std::abs(z));
    EXPECT_GT(left, 1e-3);
}

TEST(Detrend, PaddedFramesGiveTheSignalBackWithItsMeanAndLine) {
    const auto x = drifting(3000);
    for (Detrend d : {Detrend::Constant, Detrend::Linear})
        for (int hop : {64, 128}) {
            const auto p = StftParams::make(parseWindow("hamming"), 256, 256 - hop, 256, 8000.0);
            const auto g = centred(p, 3000);
            const auto z = detrendedAnalysis(x, p, g, d);
            const auto back = detrendedInverse<double>(z, p, g, d);
            EXPECT_FALSE(back.trendLost);
            EXPECT_LT(maxError(back.signal, x), 1e-8) << toString(d) << " hop " << hop;
        }
}

TEST(Detrend, WithoutPaddingTheMeanIsLostAndSaid) {
    // scipy.signal.spectrogram: Tukey 0.25, hop 224, frames from the first sample, no padding.
    const auto x = drifting(256 + 224 * 20);
    const auto p = StftParams::make(parseWindow("tukey,0.25"), 256, 32, 256, 8000.0);
    const FrameGeometry g{std::int64_t(x.size()), 21, 0};
    const auto back = detrendedInverse<double>(detrendedAnalysis(x, p, g, Detrend::Constant), p, g,
                                               Detrend::Constant);
    EXPECT_TRUE(back.trendLost);
    double mean = 0;
    for (double v : x)
        mean += v;
    mean /= double(x.size());
    // sample 0 lies only where the window is zero: its frame's mean gives it back
    for (std::size_t i = 0; i < x.size(); ++i)
        ASSERT_NEAR(back.signal[i], x[i] - mean, 1e-6) << i; // the ridge moves its drift
}

// 30 s of scipy.signal.spectrogram's frames detrended linearly: a drift of 0.06 (a quarter of
// the signal's RMS) changed the frames by -147 dB, and the least-squares signal wandered so.
// Of the signals that fit, the one with least energy in what the frames barely see is taken.
TEST(Detrend, LongLinearlyDetrendedFramesDoNotDrift) {
    const int hop = 224, frames = 1071;
    const std::int64_t n = std::int64_t(frames - 1) * hop + 256;
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0.0, 0.02);
    std::vector<double> x{};
    x.resize(std::size_t(n));
    for (std::int64_t i = 0; i < n; ++i) {
        const double t = double(i) / 8000;
        x[std::size_t(i)] = 0.3 * std::sin(2 * std::numbers::pi * 137 * t) +
                            0.2 * std::sin(2 * std::numbers::pi * 523 * t) +
                            0.1 * std::sin(2 * std::numbers::pi * 2333 * t + 1) + noise(rng);
    }
    const auto p = StftParams::make(parseWindow("tukey,0.25"), 256, 256 - hop, 256, 8000.0);
    const FrameGeometry g{n, frames, 0};
    const auto back = detrendedInverse<double>(detrendedAnalysis(x, p, g, Detrend::Linear), p, g,
                                               Detrend::Linear);
    EXPECT_TRUE(back.trendLost);
    // what no frame holds, the signal's own line, is zero in the result
    double sumI = 0, sumX = 0, sumIX = 0, sumII = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        sumI += double(i);
        sumX += x[std::size_t(i)];
        sumIX += double(i) * x[std::size_t(i)];
        sumII += double(i) * double(i);
    }
    const double slope = (double(n) * sumIX - sumI * sumX) / (double(n) * sumII - sumI * sumI);
    const double offset = (sumX - slope * sumI) / double(n);
    double worst = 0;
    for (std::int64_t i = 1; i < n; ++i)
        worst = std::max(worst, std::abs(back.signal[std::size_t(i)] -
                                         (x[std::size_t(i)] - offset - slope * double(i))));
    EXPECT_LT(worst, 1e-3);
}

TEST(Detrend, ComplexSignalsTwoSided) {
    const auto re = drifting(2000);
    std::vector<Complex> x(re.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = {re[i], 0.7 - 1e-4 * double(i) + std::cos(0.11 * double(i))};
    const auto p = StftParams::make(parseWindow("hann"), 128, 96, 128, 1.0);
    const auto g = centred(p, 2000);
    const auto z = detrendedAnalysis(x, p, g, Detrend::Constant);
    EXPECT_EQ(z.size(), std::size_t(128 * g.frames));
    const auto back = detrendedInverse<Complex>(z, p, g, Detrend::Constant);
    EXPECT_LT(maxError(back.signal, x), 1e-8);
}

TEST(Detrend, BadInputIsExplained) {
    try {
        parseDetrend("quadratic");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("--detrend: unknown detrend 'quadratic' (expected "
                                             "none, constant"),
                  std::string::npos)
            << e.what();
    }
    const auto p = StftParams::make(parseWindow("hann"), 64, 32, 64, 1.0);
    const std::vector<Complex> z(33 * 10);
    EXPECT_THROW(detrendedInverse<double>(z, p, {320, 10, 0}, Detrend::None), Error);
    EXPECT_THROW(detrendedInverse<double>(z, p, {320, 11, 0}, Detrend::Constant), Error);
    // Hann frames side by side share no sample where both windows are non-zero: each frame's
    // mean is its own, and no padding tells it
    const auto apart = StftParams::make(parseWindow("hann"), 64, 0, 64, 1.0);
    try {
        detrendedInverse<double>(std::vector<Complex>(33 * 5, 1.0), apart, {320, 5, 0},
                                 Detrend::Constant);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("detrend: frame 0's trend is tied to no other frame "
                                             "(expected frames that overlap where the window is "
                                             "not zero)"),
                  std::string::npos)
            << e.what();
    }
}
