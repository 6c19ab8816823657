// Per-burst features against bursts of known make (core/features): durations, bands, levels,
// SNR, FSK deviation, symbol rate, modulation, MFCC, scattering and patches.

#include "features/BurstFeatures.h"

#include "IqFixture.h"
#include "TestUtil.h"
#include "features/BandSignal.h"
#include "features/Dataset.h"
#include "features/FeaturePlans.h"
#include "features/Patch.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>
#include <set>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;

namespace {

constexpr double kRate = 2e6;
constexpr double kCentre = 868e6;
constexpr double kT0 = 0.02, kT1 = 0.05; // the burst, in a 70 ms recording

enum class Kind { Tone, Ook, Fsk2, Fsk4, Chirp, FlatNoise };

struct Burst {
    Kind kind = Kind::Tone;
    double fc = 100e3; // offset from the centre (Hz)
    double snrDb = 20; // burst power over the noise in `noiseBand`
    double noiseBand = 20e3;
    double baud = 10e3;
    double deviation = 25e3; // FSK peak deviation; chirp sweep; flat noise width
    double rampDb = 0;       // the level rises by this much from start to end (in dB)
};

double value(const BurstFeatures& f, const std::string& name) {
    return f.values[featureIndex(name)];
}

// Unit-power complex white noise with one burst at [kT0, kT1). Bits are random but start and
// end with a one, so the keyed bursts fill their box.
std::unique_ptr<SampleSource> record(const TempDir& dir, const Burst& b) {
    std::mt19937 rng(7);
    std::normal_distribution<double> g(0, std::sqrt(0.5));
    std::uniform_int_distribution<int> bit(0, 3);
    std::vector<int> symbols(1000);
    for (auto& s : symbols)
        s = bit(rng);
    const int last = int((kT1 - kT0) * b.baud) - 1;
    symbols[0] = symbols[std::size_t(last)] = 3;
    std::vector<double> tones(400);
    for (auto& p : tones)
        p = std::uniform_real_distribution<double>(0, 2 * std::numbers::pi)(rng);
    const double amp = std::sqrt(std::pow(10, b.snrDb / 10) * b.noiseBand / kRate);
    double phase = 0;
    return specedit::test::iqRecording(
        dir.file("burst.cf32"), std::int64_t(0.07 * kRate), kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate;
            std::complex<double> x(g(rng), g(rng));
            if (t < kT0 || t >= kT1)
                return x;
            const int s = symbols[std::size_t((t - kT0) * b.baud)];
            double f = b.fc,
                   a = amp * std::pow(10, b.rampDb * ((t - kT0) / (kT1 - kT0) - 0.5) / 20);
            if (b.kind == Kind::Ook)
                a = s & 1 ? amp : 0.0;
            if (b.kind == Kind::Fsk2)
                f += (s & 1 ? 1 : -1) * b.deviation;
            if (b.kind == Kind::Fsk4)
                f += (2 * s - 3) / 3.0 * b.deviation;
            if (b.kind == Kind::Chirp)
                f += -b.deviation / 2 + b.deviation * (t - kT0) / (kT1 - kT0);
            if (b.kind == Kind::FlatNoise) {
                std::complex<double> sum = 0;
                for (std::size_t k = 0; k < tones.size(); ++k) {
                    const double fk = b.fc - b.deviation / 2 + b.deviation * (k + 0.5) / 400;
                    sum += std::polar(1.0, 2 * std::numbers::pi * fk * t + tones[k]);
                }
                return x + amp * sum / std::sqrt(400.0);
            }
            phase += 2 * std::numbers::pi * f / kRate;
            return x + std::polar(a, phase);
        });
}

Label box(double fc, double halfWidth) {
    Label l;
    l.id = 1;
    l.t0 = kT0;
    l.t1 = kT1;
    l.f0 = kCentre + fc - halfWidth;
    l.f1 = kCentre + fc + halfWidth;
    return l;
}

BurstFeatures measure(const Burst& b, double halfWidth) {
    TempDir dir;
    const auto src = record(dir, b);
    FeaturePlans plans;
    return burstFeatures(*src, box(b.fc, halfWidth), {}, plans);
}

} // namespace

TEST(BurstFeatures, NamesAreUniqueAndCountEveryGroup) {
    const auto& names = featureNames();
    EXPECT_EQ(names.size(), 30u + 26u + 12u + 54u);
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
    expectError([] { featureIndex("loudness"); }, {"loudness", "not a feature"});
}

TEST(BurstFeatures, AToneHasItsFrequencyDurationAndSnr) {
    Burst b;
    b.snrDb = 20; // in 20 kHz
    const auto f = measure(b, 10e3);
    const double bin = 125e3 / 256; // fs' for a 20 kHz box: 2 MS/s / 16... see BandSignal
    EXPECT_DOUBLE_EQ(value(f, "duration_s"), kT1 - kT0);
    EXPECT_NEAR(value(f, "on_time_s"), kT1 - kT0, 0.2e-3);
    EXPECT_NEAR(value(f, "peak_hz"), kCentre + b.fc, bin);
    EXPECT_NEAR(value(f, "if_mean_hz"), kCentre + b.fc, 20.0);
    EXPECT_EQ(value(f, "if_levels"), 1.0);
    // The band-pass lets noise through over B plus 3/8 of each 10 % guard; the SNR is the
    // level over the floor, (S + N) / N.
    const double noiseBand = 20e3 * (1 + 2 * 0.375 * 0.1);
    EXPECT_NEAR(value(f, "on_snr_db"), 10 * std::log10(100 * 20e3 / noiseBand + 1), 1.0);
    EXPECT_NEAR(value(f, "mean_power_db"), 10 * std::log10(std::pow(10, 2.0) * 20e3 / kRate), 0.5);
    // A step through a 20 kHz band and the M-sample envelope: about 3 / B.
    EXPECT_LT(value(f, "rise_s"), 3 / 20e3);
    EXPECT_LT(value(f, "fall_s"), 3 / 20e3);
    EXPECT_EQ(f.modulation, "other") << f.evidence;
}

// A burst whose level wanders keeps its sharp edges: the step's top is the level just after
// the edge. Measured to 90 % of the whole burst's level, a real remote's edges under 1 ms read
// 7.8 ms (rise) and 13.8 ms (fall).
TEST(BurstFeatures, EdgesOfABurstWhoseLevelWandersStaySharp) {
    Burst b;
    b.snrDb = 30;
    for (double ramp : {8.0, -8.0}) { // 4 dB under its middle level at one end, over at the other
        b.rampDb = ramp;
        const auto f = measure(b, 10e3);
        EXPECT_LT(value(f, "rise_s"), 3 / 20e3) << ramp;
        EXPECT_LT(value(f, "fall_s"), 3 / 20e3) << ramp;
    }
}

TEST(BurstFeatures, TwoFskGivesDeviationLevelsAndSymbolRate) {
    Burst b;
    b.kind = Kind::Fsk2;
    b.snrDb = 15;
    b.noiseBand = 80e3;
    const auto f = measure(b, 40e3);
    EXPECT_EQ(f.modulation, "2-FSK") << f.evidence;
    EXPECT_EQ(value(f, "if_levels"), 2.0);
    EXPECT_NEAR(value(f, "if_deviation_hz"), 25e3, 0.02 * 25e3);
    EXPECT_NEAR(value(f, "symbol_rate_baud"), 10e3, 0.01 * 10e3);
    EXPECT_NEAR(value(f, "centre_hz"), kCentre + b.fc, 1e3);
}

TEST(BurstFeatures, FourFskHasFourLevels) {
    Burst b;
    b.kind = Kind::Fsk4;
    b.snrDb = 20;
    b.noiseBand = 80e3;
    b.baud = 5e3;
    const auto f = measure(b, 40e3);
    EXPECT_EQ(f.modulation, "4-FSK") << f.evidence;
    EXPECT_NEAR(value(f, "if_deviation_hz"), 25e3, 0.02 * 25e3);
    EXPECT_NEAR(value(f, "symbol_rate_baud"), 5e3, 0.01 * 5e3);
}

TEST(BurstFeatures, OokGivesItsSymbolRateAndDuty) {
    Burst b;
    b.kind = Kind::Ook;
    b.snrDb = 15;
    b.baud = 4e3;
    const auto f = measure(b, 10e3);
    EXPECT_EQ(f.modulation, "OOK/ASK") << f.evidence;
    EXPECT_NEAR(value(f, "symbol_rate_baud"), 4e3, 0.01 * 4e3);
    EXPECT_GT(value(f, "duty_cycle"), 0.3);
    EXPECT_LT(value(f, "duty_cycle"), 0.7);
    EXPECT_GT(value(f, "keying_changes"), 20);
}

TEST(BurstFeatures, AChirpIsRecognisedWithItsSweepRate) {
    Burst b;
    b.kind = Kind::Chirp;
    b.deviation = 100e3;
    b.noiseBand = 100e3;
    const auto f = measure(b, 60e3);
    EXPECT_EQ(f.modulation, "chirp") << f.evidence;
    EXPECT_NEAR(value(f, "chirp_rate_hz_s"), 100e3 / (kT1 - kT0), 0.02 * 100e3 / (kT1 - kT0));
    EXPECT_GT(value(f, "chirp_r2"), 0.95);
}

// Another burst inside the chirp's box for a tenth of its time, 6 dB stronger (the demo's FSK
// packet under its chirp): the sweep rate stays the chirp's (a plain least-squares line read
// 8 % low on the demo).
TEST(BurstFeatures, AChirpsSweepRateIgnoresABurstInsideItsBox) {
    TempDir dir;
    std::mt19937 rng(3);
    std::normal_distribution<double> g(0, std::sqrt(0.5));
    const double sweep = 100e3 / (kT1 - kT0), amp = 10.0;
    const auto src = specedit::test::iqRecording(
        dir.file("chirp.cf32"), std::int64_t(0.07 * kRate), kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate, u = t - kT0;
            std::complex<double> x(g(rng), g(rng));
            if (u >= 0 && t < kT1)
                x += std::polar(amp, 2 * std::numbers::pi * (50e3 * u + 0.5 * sweep * u * u));
            if (u >= 0.01 && u < 0.013) // a tone 30 kHz above the chirp's start
                x += std::polar(2 * amp, 2 * std::numbers::pi * (130e3 * t));
            return x;
        });
    FeaturePlans plans;
    const auto f = burstFeatures(*src, box(100e3, 60e3), {}, plans);
    EXPECT_EQ(f.modulation, "chirp") << f.evidence;
    EXPECT_NEAR(value(f, "chirp_rate_hz_s"), sweep, 0.02 * sweep);
    EXPECT_GT(value(f, "chirp_r2"), 0.95);
}

TEST(BurstFeatures, ABandOfFlatNoiseHasItsWidth) {
    Burst b;
    b.kind = Kind::FlatNoise;
    b.deviation = 40e3; // width
    b.noiseBand = 40e3;
    b.snrDb = 30; // so the -20 dB points lie above the noise
    const auto f = measure(b, 30e3);
    const double bin = 125e3 / 256; // the Welch bin at fs' = 125 kHz
    EXPECT_NEAR(value(f, "bw_3db_hz"), 40e3, bin);
    EXPECT_NEAR(value(f, "bw_99_hz"), 0.99 * 40e3, bin);
    EXPECT_NEAR(value(f, "centroid_hz"), kCentre + b.fc, bin);
    EXPECT_NEAR(value(f, "skewness"), 0.0, 0.1);
    // Flat over 40 of 60 kHz: 20 dB above the noise between its edges and the box's.
    EXPECT_GT(value(f, "bw_20db_hz"), 40e3);
    EXPECT_LT(value(f, "bw_20db_hz"), 44e3);
}

TEST(BurstFeatures, MfccAndScatteringFollowTheSignal) {
    Burst low, high, mid, ook;
    low.fc = 100e3 - 9e3; // near the box's lower edge
    high.fc = 100e3 + 9e3;
    ook.kind = Kind::Ook;
    ook.baud = 4e3;
    TempDir dir;
    FeaturePlans plans;
    auto run = [&](const Burst& b) {
        const auto src = record(dir, b);
        return burstFeatures(*src, box(100e3, 10e3), {}, plans);
    };
    const auto a = run(low), c = run(high), t = run(mid), k = run(ook);
    // c1 weighs the low filters up and the high ones down.
    EXPECT_GT(value(a, "mfcc1"), 0);
    EXPECT_LT(value(c, "mfcc1"), 0);
    EXPECT_GT(value(a, "mfcc1"), value(c, "mfcc1") + 5);
    // Along the path of the wavelet that holds the signal (the largest S1), a steady tone's
    // modulus is flat: no second-order energy at the keying's modulation frequencies
    // (zeta_k = 9 kHz / 2^k, k <= 3); keying at 4 kbaud has ten times more (random NRZ:
    // about 0.27 at 2.25 kHz from its sinc^2 spectrum, less what the first-order wavelet's
    // 1.35 kHz width smooths away).
    auto keyingEnergy = [](const BurstFeatures& f) {
        int best = 0;
        for (int j = 1; j < 12; ++j)
            if (value(f, "s1_" + std::to_string(j)) > value(f, "s1_" + std::to_string(best)))
                best = j;
        double s2 = 0;
        for (int m = 0; m <= 3; ++m)
            for (const auto& name : featureNames())
                if (name == "s2_" + std::to_string(best) + "_" + std::to_string(m))
                    s2 = std::max(s2, value(f, name));
        return s2;
    };
    const double toneS2 = keyingEnergy(t), ookS2 = keyingEnergy(k);
    EXPECT_LT(toneS2, 0.03);
    EXPECT_GT(ookS2, 0.1);
}

TEST(BurstFeatures, PatchShowsTheToneInItsRowAndTime) {
    Burst b;
    b.fc = 100e3 - 5e3; // a quarter up a 20 kHz box centred at 100 kHz
    TempDir dir;
    const auto src = record(dir, b);
    FeaturePlans plans;
    Label l = box(100e3, 10e3);
    l.t1 = kT1 + (kT1 - kT0); // twice as long: the second half is noise
    const auto band = extractBand(*src, l, 0.01, -1, plans);
    const auto p = spectrogramPatch(band, 64, plans);
    ASSERT_EQ(p.size(), 64u * 64u);
    int best = 0;
    for (int r = 0; r < 64; ++r)
        if (p[std::size_t(r * 64 + 10)] > p[std::size_t(best * 64 + 10)])
            best = r;
    EXPECT_NEAR(best, 16, 1);
    EXPECT_GT(p[std::size_t(best * 64 + 10)] - p[std::size_t(best * 64 + 50)], 15.0f);
}

TEST(BurstFeatures, ABoxOutsideTheRecordingIsRefused) {
    TempDir dir;
    const auto src = record(dir, Burst{});
    FeaturePlans plans;
    Label l = box(100e3, 10e3);
    l.t0 = 5;
    l.t1 = 6;
    expectError([&] { burstFeatures(*src, l, {}, plans); }, {"label 1", "outside the recording"});
    l = box(5e6, 10e3);
    expectError([&] { burstFeatures(*src, l, {}, plans); }, {"label 1", "band", "outside"});
}

// Packets close together: the margins where the noise is measured hold the neighbours. Their
// labels keep them out of it; before, a neighbour 20 dB up read as the noise, and the SNR came
// out negative (a tester's -6.2 dB for a packet the detector rated at 53 dB).
TEST(BurstFeatures, TheNoiseIsNotMeasuredOnTheNeighboursLabelled) {
    TempDir dir;
    std::mt19937 rng(3);
    std::normal_distribution<double> g(0, std::sqrt(0.5));
    const double amp = std::sqrt(100 * 20e3 / kRate); // 20 dB over the noise in 20 kHz
    // 2 ms of noise between them and the burst: a block or two of the 38 in the margins.
    auto neighbour = [](double t) { return (t >= 0.001 && t < 0.018) || t >= 0.052; };
    const auto src = specedit::test::iqRecording(
        dir.file("packets.cf32"), std::int64_t(0.07 * kRate), kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate;
            const std::complex<double> x(g(rng), g(rng));
            const double a = (t >= kT0 && t < kT1) ? amp : neighbour(t) ? 10 * amp : 0.0;
            return x + std::polar(a, 2 * std::numbers::pi * 100e3 * t);
        });
    Label before = box(100e3, 10e3), after = box(100e3, 10e3);
    before.id = 2;
    before.t0 = 0.001;
    before.t1 = 0.018;
    after.id = 3;
    after.t0 = 0.052;
    after.t1 = 0.07;
    JobControl job;
    const auto alone = computeDataset({{"r", src.get(), {box(100e3, 10e3)}, -1}}, {}, job);
    const auto labelled =
        computeDataset({{"r", src.get(), {box(100e3, 10e3), before, after}, -1}}, {}, job);
    const double noiseBand = 20e3 * (1 + 2 * 0.375 * 0.1) / kRate; // as in AToneHas...
    ASSERT_TRUE(labelled[0].error.empty()) << labelled[0].error;
    EXPECT_NEAR(value(labelled[0].features, "noise_power_db"), 10 * std::log10(noiseBand), 1.0);
    EXPECT_NEAR(value(labelled[0].features, "on_snr_db"),
                10 * std::log10(100 * 20e3 / kRate / noiseBand + 1), 1.0);
    // Without its neighbours' labels the noise is what the margins hold: theirs.
    EXPECT_GT(value(alone[0].features, "noise_power_db"),
              value(labelled[0].features, "noise_power_db") + 20);
}
