#include "render/Trace.h"

#include "AudioFixture.h"
#include "IqFixture.h"
#include "TestUtil.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

constexpr double kPi = std::numbers::pi;

// A mono float WAV of sample(n), n < frames, at fs.
std::unique_ptr<SampleSource> audio(const std::string& path, std::int64_t frames, double fs,
                                    const std::function<double(std::int64_t)>& sample) {
    specedit::test::audioRecording(path, 1, fs, frames,
                                   [&](std::int64_t i, int) { return sample(i); });
    return openRecording(path, {});
}

TraceRequest req(double t0, double t1, int columns) {
    TraceRequest r;
    r.t0 = t0;
    r.t1 = t1;
    r.columns = columns;
    return r;
}

} // namespace

TEST(Trace, AudioColumnsHoldTheWaveformsEnvelopeAndNothingPastTheEnd) {
    TempDir dir;
    const auto src = audio(dir.file("sine.wav"), 48000, 48000, [](std::int64_t n) {
        return 0.5 * std::sin(2 * kPi * 1000 * n / 48000.0);
    });
    JobControl job;
    const Trace t = computeTrace(*src, req(0.0, 1.5, 150), job);
    ASSERT_EQ(t.low.size(), 150u);
    for (int c = 0; c < 100; ++c) { // 480 samples, ten periods per column
        EXPECT_NEAR(t.high[std::size_t(c)], 0.5, 1e-3) << c;
        EXPECT_NEAR(t.low[std::size_t(c)], -0.5, 1e-3) << c;
    }
    for (int c = 100; c < 150; ++c)
        EXPECT_TRUE(std::isnan(t.high[std::size_t(c)])) << c;
    EXPECT_TRUE(t.frequency.empty());
}

TEST(Trace, ZoomedToSamplesEachColumnIsTheSampleAtItsCentre) {
    TempDir dir;
    const auto src =
        audio(dir.file("ramp.wav"), 100, 1000, [](std::int64_t n) { return n / 128.0; });
    JobControl job;
    // 10 samples over 40 columns: column c shows sample floor((c + 0.5) / 4).
    const Trace t = computeTrace(*src, req(0.0, 0.01, 40), job);
    for (int c = 0; c < 40; ++c) {
        const float expected = float(((c * 2 + 1) / 8) / 128.0);
        EXPECT_EQ(t.low[std::size_t(c)], expected) << c;
        EXPECT_EQ(t.high[std::size_t(c)], expected) << c;
    }
}

TEST(Trace, IqMagnitudeIsInDecibelsOfFullScale) {
    TempDir dir;
    const auto src =
        specedit::test::iqRecording(dir.file("tone.cf32"), 10000, 1e6, 100e6, [](std::int64_t n) {
            return std::polar(0.1, 2 * kPi * 0.01 * n);
        });
    JobControl job;
    const Trace t = computeTrace(*src, req(0.0, 0.01, 50), job);
    for (std::size_t c = 0; c < 50; ++c) {
        EXPECT_NEAR(t.low[c], -20.0, 1e-3);
        EXPECT_NEAR(t.high[c], -20.0, 1e-3);
    }
}

// 2-FSK at 10 kBd, symbols alternately 100.10 and 100.14 MHz (centre 100 MHz, 1 MS/s), a
// carrier 20 dB stronger at 99.7 MHz outside the band, and silence in the band after 1 ms.
TEST(Trace, BandFrequencyFollowsFskSymbolsAndIgnoresWhatIsOutsideTheBand) {
    TempDir dir;
    const double fs = 1e6;
    double phase = 0;
    std::vector<std::complex<double>> x(1500);
    for (std::size_t n = 0; n < x.size(); ++n) {
        const bool high = (n / 100) % 2 == 1;
        const double f = high ? 140e3 : 100e3;
        const std::complex<double> fsk = n < 1000 ? std::polar(0.05, phase) : 0.0;
        phase += 2 * kPi * f / fs;
        x[n] = fsk + std::polar(0.5, 2 * kPi * -300e3 * double(n) / fs);
    }
    const auto src =
        specedit::test::iqRecording(dir.file("fsk.cf32"), std::int64_t(x.size()), fs, 100e6,
                                    [&](std::int64_t n) { return x[std::size_t(n)]; });
    JobControl job;
    TraceRequest r = req(0.0, 0.0015, 150);
    r.band = std::make_pair(100.08e6, 100.16e6);
    const Trace t = computeTrace(*src, r, job);
    ASSERT_EQ(t.frequency.size(), 150u);
    for (int symbol = 0; symbol < 10; ++symbol) {
        const double expected = 100e6 + (symbol % 2 ? 140e3 : 100e3);
        for (int c = symbol * 10 + 4; c <= symbol * 10 + 5; ++c) // mid-symbol columns (10 µs)
            EXPECT_NEAR(t.frequency[std::size_t(c)], expected, 2e3) << "symbol " << symbol;
    }
    for (int c = 110; c < 150; ++c) // the band is silent: no frequency to show
        EXPECT_TRUE(std::isnan(t.frequency[std::size_t(c)])) << c;
    EXPECT_FALSE(t.tooLongForFrequency);
}

// An edit that removed a burst leaves only noise in its band: against its own strongest column
// that noise would read as a frequency wandering across the band; against the original's
// strongest (the burst's), it is quiet.
TEST(Trace, ABandAnEditEmptiedIsQuietAgainstTheOriginal) {
    TempDir dir;
    const double fs = 1e6;
    std::mt19937 rng(7);
    std::normal_distribution<double> gauss(0.0, 1e-3); // -57 dB full scale over the whole band
    const auto noise = [&] { return std::complex<double>(gauss(rng), gauss(rng)); };
    const auto burst = [&](std::int64_t n) { // 100.1 MHz, -20 dB, from 2 to 8 ms
        return n >= 2000 && n < 8000 ? std::polar(0.1, 2 * kPi * 100e3 * double(n) / fs) : 0.0;
    };
    const auto original =
        specedit::test::iqRecording(dir.file("original.cf32"), 10000, fs, 100e6,
                                    [&](std::int64_t n) { return burst(n) + noise(); });
    const auto edited = specedit::test::iqRecording(dir.file("edited.cf32"), 10000, fs, 100e6,
                                                    [&](std::int64_t) { return noise(); });
    JobControl job;
    TraceRequest r = req(0.0, 0.01, 100);
    r.band = std::make_pair(100.08e6, 100.12e6);
    const Trace before = computeTrace(*original, r, job);
    EXPECT_NEAR(10 * std::log10(before.bandStrongest), -20.0, 0.5);
    for (int c = 25; c < 75; ++c)
        EXPECT_NEAR(before.frequency[std::size_t(c)], 100.1e6, 100.0) << c;
    EXPECT_TRUE(std::isnan(before.frequency[10]) && std::isnan(before.frequency[90]));

    const Trace alone = computeTrace(*edited, r, job);
    EXPECT_GT(std::count_if(alone.frequency.begin(), alone.frequency.end(),
                            [](float f) { return !std::isnan(f); }),
              50); // the noise, measured as if something were there
    const Trace after = computeTrace(*edited, r, job, before.bandStrongest);
    for (std::size_t c = 0; c < after.frequency.size(); ++c)
        EXPECT_TRUE(std::isnan(after.frequency[c])) << c;
}

TEST(Trace, BadRequestsSayWhatIsExpected) {
    TempDir dir;
    const auto src = audio(dir.file("a.wav"), 100, 1000, [](std::int64_t) { return 0.0; });
    JobControl job;
    TraceRequest banded = req(0.0, 0.1, 10);
    banded.band = std::make_pair(100.0, 200.0);
    specedit::test::expectError([&] { computeTrace(*src, banded, job); },
                                {"trace band", "needs an IQ recording"});
    specedit::test::expectError([&] { computeTrace(*src, req(0.1, 0.1, 10), job); },
                                {"trace", "t0 < t1"});
    job.cancel();
    EXPECT_THROW(computeTrace(*src, req(0.0, 0.1, 10), job), Cancelled);
}
