// Burg linear prediction (core/dsp/LinearPrediction) against signals whose continuation is
// known.

#include "dsp/LinearPrediction.h"

#include <cmath>
#include <complex>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;

// Two real tones go on as they were: the continuation is the tones' own next samples, within
// 1 % of the larger tone for 100 samples and 16 % for 500 (Burg's small frequency bias).
TEST(LinearPrediction, TwoTonesGoOnAsTheyWere) {
    auto x = [](int n) { return float(0.5 * std::sin(0.07 * n + 0.3) + 0.2 * std::cos(0.31 * n)); };
    std::vector<float> known(2000);
    for (int n = 0; n < 2000; ++n)
        known[std::size_t(n)] = x(n);
    const auto more = continueSignal(known.data(), known.size(), 500, 32);
    ASSERT_EQ(more.size(), 500u);
    // Burg's estimate of a tone's frequency is a little off, so the error grows slowly.
    for (int n = 0; n < 500; ++n)
        EXPECT_NEAR(more[std::size_t(n)], x(2000 + n), n < 100 ? 5e-3 : 0.08) << n;
}

// A complex exponential (an IQ carrier) too: negative frequencies are not its mirror.
TEST(LinearPrediction, AComplexCarrierGoesOnWithItsSign) {
    auto x = [](int n) { return std::complex<float>(std::polar(0.8, -0.9 * n + 1.0)); };
    std::vector<std::complex<float>> known(1000);
    for (int n = 0; n < 1000; ++n)
        known[std::size_t(n)] = x(n);
    const auto more = continueSignal(known.data(), known.size(), 300, 8);
    for (int n = 0; n < 300; ++n)
        EXPECT_LT(std::abs(more[std::size_t(n)] - x(1000 + n)), 1e-3) << n;
}

// Noise has nothing to go on with: the continuation fades (the predictor is stable) and never
// grows; silence stays silence.
TEST(LinearPrediction, NoiseFadesAndSilenceStaysSilent) {
    std::mt19937 rng(5);
    std::normal_distribution<float> g(0, 1);
    std::vector<float> noise(4000);
    for (auto& v : noise)
        v = g(rng);
    const auto more = continueSignal(noise.data(), noise.size(), 4000, 32);
    double early = 0, late = 0, peak = 0;
    for (std::size_t i = 0; i < 4000; ++i) {
        (i < 200 ? early : late) += i < 200 || i >= 3800 ? double(more[i]) * more[i] : 0.0;
        peak = std::max(peak, double(std::abs(more[i])));
    }
    EXPECT_LT(late, early);
    EXPECT_LT(peak, 5.0);
    const std::vector<float> zeros(100, 0.0f);
    EXPECT_TRUE(burgPredictor(zeros.data(), zeros.size(), 8).empty());
    for (float v : continueSignal(zeros.data(), zeros.size(), 50, 8))
        EXPECT_EQ(v, 0.0f);
}

// A long continuation of a pure tone keeps its level: the predictor's coefficients rounded to
// float put its poles off the unit circle, and 8192 samples continued past 8192 grew ninefold
// (a spectrogram's edge column at a 16384-point FFT read 18 dB over the tone).
TEST(LinearPrediction, ALongContinuationOfAToneKeepsItsLevel) {
    auto x = [](int n) { return float(0.5 * std::sin(2 * std::numbers::pi * 3000 * n / 16000.0)); };
    std::vector<float> known(8192);
    for (int n = 0; n < 8192; ++n)
        known[std::size_t(n)] = x(n);
    const auto more = continueSignal(known.data(), known.size(), 8192, 32);
    ASSERT_EQ(more.size(), 8192u);
    float peak = 0;
    for (float v : more)
        peak = std::max(peak, std::abs(v));
    EXPECT_LT(peak, 0.55f);
    EXPECT_GT(peak, 0.45f);
    for (int n = 0; n < 1000; ++n)
        EXPECT_NEAR(more[std::size_t(n)], x(8192 + n), 0.02) << n;
}
