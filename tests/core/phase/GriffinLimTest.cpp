// Griffin-Lim and fast Griffin-Lim against a speech-like signal of known make (core/phase).

#include "phase/GriffinLim.h"

#include "TestUtil.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::core;
using specedit::test::expectError;

namespace {

// 1 s at 8 kHz: a voiced sound, 140 Hz with vibrato and 12 harmonics falling 6 dB per octave,
// gated into three syllables.
std::vector<double> speechLike() {
    const double fs = 8000;
    std::vector<double> x(8000);
    double phase = 0;
    for (std::size_t n = 0; n < x.size(); ++n) {
        const double t = double(n) / fs;
        const double f0 = 140 + 15 * std::sin(2 * std::numbers::pi * 3 * t);
        phase += 2 * std::numbers::pi * f0 / fs;
        double v = 0;
        for (int h = 1; h <= 12; ++h)
            v += std::sin(h * phase) / h;
        const double gate = std::pow(std::sin(std::numbers::pi * std::fmod(t * 3, 1.0)), 2);
        x[n] = 0.2 * v * gate;
    }
    return x;
}

StftParams params() {
    return StftParams::make(parseWindow("hann"), 256, 192, 256, 8000);
}

Spectrogram<double> magnitudes(const std::vector<double>& x) {
    Spectrogram<double> s = stft(x, params());
    for (auto& v : s.data)
        v = std::abs(v);
    return s;
}

} // namespace

TEST(GriffinLim, FastGriffinLimConvergesFarBeyondPlainGriffinLim) {
    const auto x = speechLike();
    const auto target = magnitudes(x);
    JobControl job;
    GriffinLimOptions fast;
    fast.iterations = 100;
    const auto f = griffinLim(target, params(), std::int64_t(x.size()), fast, job);
    GriffinLimOptions plain = fast;
    plain.momentum = 0;
    const auto p = griffinLim(target, params(), std::int64_t(x.size()), plain, job);
    ASSERT_EQ(f.convergenceDb.size(), 100u);
    // Each iteration's figure is the spectral convergence of the signal it made.
    EXPECT_LT(f.convergenceDb.back(), f.convergenceDb.front() - 10);
    // Measured -32 and -23 dB; the published figure for speech is about -34 dB after 100
    // iterations of fast Griffin-Lim from zero phase (Perraudin et al. 2013).
    EXPECT_LT(f.convergenceDb.back(), p.convergenceDb.back() - 5);
    EXPECT_LT(f.convergenceDb.back(), -25.0);
    // The returned signal is at least as good as the last figure says.
    EXPECT_LT(spectralConvergenceDb(target, f.signal, params()), -20.0);
    ASSERT_EQ(f.signal.size(), x.size());
}

TEST(GriffinLim, TheTruePhaseIsAFixedPoint) {
    const auto x = speechLike();
    const Spectrogram<double> truth = stft(x, params());
    JobControl job;
    GriffinLimOptions o;
    o.iterations = 3;
    const auto r = griffinLim(truth, params(), std::int64_t(x.size()), o, job);
    EXPECT_LT(r.convergenceDb.front(), -200.0);
    double err = 0;
    for (std::size_t n = 0; n < x.size(); ++n)
        err = std::max(err, std::abs(r.signal[n] - x[n]));
    EXPECT_LT(err, 1e-9);
}

TEST(GriffinLim, MagnitudesThatDoNotFitAreRefused) {
    const auto target = magnitudes(speechLike());
    JobControl job;
    expectError([&] { griffinLim(target, params(), 4000, {}, job); },
                {"magnitudes", "do not fit a signal of 4000 samples"});
    GriffinLimOptions bad;
    bad.iterations = 0;
    expectError([&] { griffinLim(target, params(), 8000, bad, job); }, {"iterations"});
}
