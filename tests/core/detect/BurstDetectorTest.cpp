// Burst detection against recordings with known bursts (core/detect).

#include "detect/BurstDetector.h"

#include "IqFixture.h"
#include "TestUtil.h"
#include "detect/SampleSteps.h"
#include "features/BurstFeatures.h"
#include "features/FeaturePlans.h"
#include "io/RawIqSource.h"
#include "io/RawLayout.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <numbers>
#include <random>
#include <tuple>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;

namespace {

constexpr double kRate = 2e6;
constexpr double kCentre = 433.92e6;

enum class Kind { Tone, Ook, Fsk, Chirp };

struct Truth {
    double t0, t1; // s
    double fc;     // offset from the centre, Hz
    double band;   // occupied band, Hz (FSK: 2 x deviation + rate; chirp: its sweep)
    Kind kind;
};

// The bursts of the scene: keyed, frequency-shifted, swept and plain tones from 50 us to
// 500 ms, two at once in different bands.
std::vector<Truth> scene() {
    std::vector<Truth> t;
    for (int i = 0; i < 6; ++i) {
        const double s = 0.05 + 0.3 * i;
        t.push_back({s, s + 0.020, 300e3 - 40e3 * i, 10e3, Kind::Ook});
        t.push_back({s + 0.04, s + 0.07, -400e3 + 30e3 * i, 60e3, Kind::Fsk});
        t.push_back({s + 0.10, s + 0.10005, 600e3, 20e3, Kind::Tone}); // 50 us
        t.push_back({s + 0.12, s + 0.13, -600e3, 200e3, Kind::Chirp});
        t.push_back({s + 0.15, s + 0.165, 150e3, 10e3, Kind::Tone}); // two at once
        t.push_back({s + 0.15, s + 0.165, -150e3, 60e3, Kind::Fsk});
    }
    t.push_back({1.9, 2.4, 800e3, 10e3, Kind::Tone}); // 500 ms
    return t;
}

// Unit-power complex noise, each burst at `snrDb` over the noise in its band, a steady
// carrier at -50 kHz and a DC offset (a cheap receiver's spike), both 20 dB over the noise
// in a 10 kHz band.
// Where `silent` holds, every sample is exactly 0 (digital zero cut into a capture).
std::unique_ptr<SampleSource> record(const TempDir& dir, double snrDb, double seconds = 2.5,
                                     const std::function<bool(double)>& silent = {}) {
    const auto truth = scene();
    std::mt19937 rng(11);
    std::normal_distribution<double> g(0, std::sqrt(0.5));
    std::uniform_int_distribution<int> bit(0, 1);
    std::vector<int> bits(200000);
    for (auto& b : bits)
        b = bit(rng);
    const double steady = std::sqrt(std::pow(10, 2.0) * 10e3 / kRate);
    const std::int64_t n = std::int64_t(seconds * kRate);
    return specedit::test::iqRecording(
        dir.file("scene.cf32"), n, kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate;
            std::complex<double> x(g(rng), g(rng));
            if (silent && silent(t))
                return std::complex<double>(0, 0);
            x += std::polar(steady, -2 * std::numbers::pi * 50e3 * t) + steady;
            for (std::size_t b = 0; b < truth.size(); ++b) {
                const Truth& u = truth[b];
                if (t < u.t0 || t >= u.t1)
                    continue;
                const double a =
                    std::sqrt(std::pow(10, snrDb / 10) * std::max(u.band, 10e3) / kRate);
                const double since = t - u.t0;
                const int symbol = int(since * 10e3); // 10 kbaud
                double f = u.fc;
                if (u.kind == Kind::Fsk)
                    f += (bits[(b * 997 + std::size_t(symbol)) % bits.size()] ? 1 : -1) * 25e3;
                double phase = 2 * std::numbers::pi * f * t;
                if (u.kind == Kind::Chirp) // a linear sweep across the band
                    phase = 2 * std::numbers::pi *
                            ((u.fc - u.band / 2) * since +
                             0.5 * u.band / (u.t1 - u.t0) * since * since);
                const bool on = u.kind != Kind::Ook || symbol == 0 ||
                                bits[(b * 991 + std::size_t(symbol)) % bits.size()];
                // Phase from the instantaneous frequency at this sample (continuous enough
                // for a detector: the frequency steps once per symbol).
                if (on)
                    x += std::polar(a, phase);
            }
            return x;
        });
}

double overlap(double a0, double a1, double b0, double b1) {
    return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

// A detection matches a burst when their times overlap by half of the union (IoU >= 0.5) and
// the detected band holds the burst's centre frequency.
bool matches(const Label& d, const Truth& u) {
    const double inter = overlap(d.t0, d.t1, u.t0, u.t1);
    const double uni = std::max(d.t1, u.t1) - std::min(d.t0, u.t0);
    const double fc = kCentre + u.fc;
    return inter / uni >= 0.5 && d.f0 <= fc && fc <= d.f1;
}

struct Score {
    double precision, recall;
};

Score score(const std::vector<Label>& found, const std::vector<Truth>& truth) {
    int hits = 0, right = 0;
    for (const auto& u : truth)
        hits +=
            std::any_of(found.begin(), found.end(), [&](const Label& d) { return matches(d, u); });
    for (const auto& d : found)
        right +=
            std::any_of(truth.begin(), truth.end(), [&](const Truth& u) { return matches(d, u); });
    return {found.empty() ? 0.0 : double(right) / double(found.size()),
            double(hits) / double(truth.size())};
}

// The default detection of a recording.
std::vector<Label> detectDefaults(const SampleSource& src) {
    DetectOptions o;
    JobControl job;
    return detectBursts(src, detectionAnalysis(kRate), o, job);
}

} // namespace

// The target is 0.95 at 10 dB; this detector reaches it at 16 dB (measured on this
// scene: recall 0.86 and precision 1.0 at 10 dB, recall 0.95 at 12 and 14 dB). What it misses
// at 10 dB are the 50 us tones: at 10 dB in 20 kHz they carry E/N0 = 10 dB, below what any
// detector finds at one false alarm per recording. SNR=x in the environment runs the scene
// at x dB.
TEST(BurstDetector, FindsKnownBurstsAtSixteenDbAndSkipsTheCarrierAndDc) {
    TempDir dir;
    const auto src = record(dir, getenv("SNR") ? atof(getenv("SNR")) : 16.0);
    DetectOptions o;
    JobControl job;
    const auto found = detectBursts(*src, detectionAnalysis(kRate), o, job);
    const auto truth = scene();
    const Score s = score(found, truth);
    EXPECT_GE(s.recall, 0.95);
    EXPECT_GE(s.precision, 0.95) << found.size() << " found for " << scene().size();
    for (const auto& d : found) {
        EXPECT_FALSE(d.confirmed);
        EXPECT_TRUE(d.className.empty());
        // Neither the carrier at -50 kHz nor DC is reported.
        const bool carrier = d.f0 <= kCentre - 50e3 && kCentre - 50e3 <= d.f1;
        const bool dc = d.f0 <= kCentre && kCentre <= d.f1;
        EXPECT_FALSE((carrier || dc) && d.duration() > 0.6) << d.t0 << " " << d.f0;
        ASSERT_TRUE(d.snrDb);
    }
}

// At 10 dB every burst that carries enough energy to be told from noise is found: all but
// the 50 us tones (E/N0 = 10 dB: a perfectly matched detector at one false alarm in 1e7
// cells finds such a pulse with probability about 0.1, Marcum Q(sqrt 20, sqrt 32)).
TEST(BurstDetector, AtTenDbFindsEveryBurstOfAMillisecondOrMore) {
    TempDir dir;
    const auto src = record(dir, 10.0);
    const auto found = detectDefaults(*src);
    auto truth = scene();
    const Score all = score(found, truth);
    std::erase_if(truth, [](const Truth& u) { return u.t1 - u.t0 < 1e-3; });
    const Score s = score(found, truth);
    EXPECT_GE(s.recall, 0.95);
    EXPECT_GE(all.precision, 0.95) << found.size() << " found";
}

// Runs of digital zero over more than a fifth of the recording (as in URH's
// two_participants capture) once made the noise floor 0: every noise frame became a burst.
// The frames that straddle a cut seed nothing: the DC offset switching back on sprayed its
// neighbouring bins (3 false bursts here).
TEST(BurstDetector, RunsOfDigitalZeroDoNotLowerTheFloor) {
    TempDir dir;
    auto silent = [](double t) { // between the bursts: 0.68 s of 2.5
        const double into = std::fmod(t - 0.05, 0.3);
        return (t > 0.05 && t < 1.85 && into >= 0.18 && into < 0.28) || t >= 2.42;
    };
    const auto src = record(dir, 16.0, 2.5, silent);
    DetectOptions o;
    JobControl job;
    const auto found = detectBursts(*src, detectionAnalysis(kRate), o, job);
    const Score s = score(found, scene());
    EXPECT_GE(s.recall, 0.95);
    EXPECT_GE(s.precision, 0.95) << found.size() << " found for " << scene().size();
}

// An 8-bit capture whose noise is below one step: almost every value 0, a stray +-1 on 3 %
// of them, and short combs of stray steps (+1 on every 16th or 8th I value for 128-512
// samples), as in URH's two_participants. The floor is that sparse noise, and such combs stand
// 7-9 dB over it at multiples of 125 or 250 kHz: they were proposed as bursts (44 of them, with
// noise alone between). A burst must stand the threshold over the noise of rounding to 8 bits;
// a 5 ms tone of 20 steps still does.
TEST(BurstDetector, BurstsStandAboveTheRoundingNoiseOfTheSampleType) {
    TempDir dir;
    const std::int64_t n = std::int64_t(0.6 * kRate);
    std::vector<std::int8_t> iq(std::size_t(2 * n), 0);
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> u(0, 1);
    for (auto& v : iq)
        v = std::int8_t(u(rng) < 0.03 ? (u(rng) < 0.5 ? -1 : 1) : 0);
    for (const auto& [t, period, length] :
         {std::tuple{0.1, 16, 128}, {0.15, 16, 256}, {0.25, 8, 128}, {0.3, 16, 512}})
        for (int k = 0; k < length; k += period)
            iq[std::size_t(2 * (std::int64_t(t * kRate) + k))] = 1;
    const std::int64_t start = std::int64_t(0.45 * kRate);
    for (std::int64_t k = 0; k < std::int64_t(0.005 * kRate); ++k) {
        const double phase = 2 * std::numbers::pi * 1e5 * double(k) / kRate;
        iq[std::size_t(2 * (start + k))] = std::int8_t(std::lround(20 * std::cos(phase)));
        iq[std::size_t(2 * (start + k) + 1)] = std::int8_t(std::lround(20 * std::sin(phase)));
    }
    const auto path = dir.file("sparse.cs8");
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(iq.data()), std::streamsize(iq.size()));
    const RawIqSource src(path, *rawLayoutFromExtension(path), kRate, std::nullopt);
    DetectOptions o;
    JobControl job;
    const auto found = detectBursts(src, detectionAnalysis(kRate), o, job);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NEAR(found[0].t0, 0.45, 1e-3);
    EXPECT_NEAR(found[0].t1, 0.455, 1e-3);
    EXPECT_LT(found[0].f0, 1e5);
    EXPECT_GT(found[0].f1, 1e5);
}

// Tones of one step (every value 0 or +-1) over sparse stray steps: URH's two_participants
// held 16 such blips of 64-384 us at 5-12 dB over its floor, and two 4-6 ms boxes of them
// at 1 dB, all proposed beside its 16 packets. A burst must move the samples more than one
// step; a tone of three steps, as short, is found.
TEST(BurstDetector, TonesOfOneStepAreRoundingNotBursts) {
    TempDir dir;
    const std::int64_t n = std::int64_t(0.6 * kRate);
    std::vector<std::int8_t> iq(std::size_t(2 * n), 0);
    std::mt19937 rng(2);
    std::uniform_real_distribution<double> u(0, 1);
    for (auto& v : iq)
        v = std::int8_t(u(rng) < 0.1 ? (u(rng) < 0.5 ? -1 : 1) : 0);
    auto tone = [&](double t0, double seconds, double hz, double steps) {
        const std::int64_t start = std::int64_t(t0 * kRate);
        for (std::int64_t k = 0; k < std::int64_t(seconds * kRate); ++k) {
            const double phase = 2 * std::numbers::pi * hz * double(k) / kRate;
            iq[std::size_t(2 * (start + k))] = std::int8_t(std::lround(steps * std::cos(phase)));
            iq[std::size_t(2 * (start + k) + 1)] =
                std::int8_t(std::lround(steps * std::sin(phase)));
        }
    };
    tone(0.1, 256e-6, 125e3, 1);
    tone(0.2, 4e-3, -250e3, 1);
    tone(0.4, 256e-6, 125e3, 3);
    const auto path = dir.file("steps.cs8");
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(iq.data()), std::streamsize(iq.size()));
    const RawIqSource src(path, *rawLayoutFromExtension(path), kRate, std::nullopt);
    EXPECT_TRUE(withinOneStep(src, 0.1, 0.1 + 256e-6));
    EXPECT_FALSE(withinOneStep(src, 0.39, 0.41));
    DetectOptions o;
    JobControl job;
    const auto found = detectBursts(src, detectionAnalysis(kRate), o, job);
    // (Rounding the three-step tone makes harmonics of its own, at -375 and -875 kHz.)
    ASSERT_FALSE(found.empty());
    for (const auto& l : found)
        EXPECT_NEAR(l.t0, 0.4, 1e-4) << l.f0;
    EXPECT_TRUE(std::any_of(found.begin(), found.end(),
                            [](const Label& l) { return l.f0 < 125e3 && l.f1 > 125e3; }));
}

// A proposal's SNR is the burst's energy in its band over the noise of all the box's cells in
// that band, on and off alike: the box's power over its noise as the features measure it
// (mean_power_db - noise_power_db), within 2 dB for tones, keyed pulses and FSK at 23-27 dB
// and at 43-47 dB in their bands. (Over its region's cells alone it read 1.0-2.4 dB low at
// the first, and a tester's keyed bursts at 44 dB read 4-9 dB low: a strong burst's keying
// spreads its region over many weak cells.) Chirps fill little of their box and are left out.
TEST(BurstDetector, AProposalsSnrIsItsPowerOverTheNoiseWhereItIs) {
    TempDir dir;
    for (const double snr : {36.0, 56.0}) {
        const auto src = record(dir, snr);
        const auto found = detectDefaults(*src);
        FeaturePlans plans;
        const auto mean = featureIndex("mean_power_db"), noise = featureIndex("noise_power_db");
        int compared = 0;
        for (const Truth& t : scene()) {
            if (t.kind == Kind::Chirp || t.t1 - t.t0 < 0.01)
                continue;
            for (const Label& l : found) {
                const double f = kCentre + t.fc;
                if (l.t1 < t.t0 || l.t0 > t.t1 || f < l.f0 || f > l.f1 || !l.snrDb)
                    continue;
                const auto& all = scene(); // a box that took in two bursts is not one burst
                if (std::count_if(all.begin(), all.end(), [&](const Truth& u) {
                        return l.t1 >= u.t0 && l.t0 <= u.t1 && l.f0 <= kCentre + u.fc &&
                               kCentre + u.fc <= l.f1;
                    }) > 1)
                    continue;
                const auto features = burstFeatures(*src, l, {}, plans);
                // (2.5 dB: a box joined from pieces of the fine and a coarse analysis has no
                // profile on one grid, and its SNR falls back to its cells' mean ratio; the
                // tone beside an FSK burst at 56 dB read 49.8 dB against the features' 47.6,
                // and 48.0 in theory. The two were one box before the fine pass split them.)
                EXPECT_NEAR(*l.snrDb, features.values[mean] - features.values[noise], 2.5)
                    << snr << " dB: " << l.t0 << " s, " << t.fc << " Hz";
                ++compared;
            }
        }
        EXPECT_GE(compared, 16) << snr;
    }
}

TEST(BurstDetector, EdgesOfAToneBurstLieWithinAHop) {
    TempDir dir;
    const auto src = record(dir, 20.0);
    DetectOptions o;
    JobControl job;
    const StftParams p = detectionAnalysis(kRate);
    const double hop = p.hop() / kRate, df = kRate / p.nfft;
    const auto found = detectBursts(*src, p, o, job);
    const Truth tone{1.9, 2.4, 800e3, 10e3, Kind::Tone}; // a pure tone of 500 ms
    const auto it =
        std::find_if(found.begin(), found.end(), [&](const Label& d) { return matches(d, tone); });
    ASSERT_NE(it, found.end());
    EXPECT_NEAR(it->t0, tone.t0, hop);
    EXPECT_NEAR(it->t1, tone.t1, hop);
    EXPECT_NEAR(0.5 * (it->f0 + it->f1), kCentre + tone.fc, df);
    // A tone: the window's main lobe and the splatter of its hard keying at both ends.
    EXPECT_LE(it->f1 - it->f0, 8 * df);
    EXPECT_GT(*it->snrDb, 10.0);
}

// Bursts near the edges of an IQ recording's band: their boxes stop at the edge (a box reached
// half a bin and more past it, and clips and features warned about the detector's own labels),
// and what leaks across to the other edge is not a burst of its own.
TEST(BurstDetector, BoxesStopAtTheEdgesOfTheBand) {
    TempDir dir;
    std::mt19937 rng(5);
    std::normal_distribution<double> g(0, std::sqrt(0.5));
    const auto src = specedit::test::iqRecording(
        dir.file("edges.cf32"), std::int64_t(0.2 * kRate), kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate;
            std::complex<double> x(g(rng), g(rng));
            if (t >= 0.05 && t < 0.1)
                x += std::polar(10.0, 2 * std::numbers::pi * 985e3 * t);
            if (t >= 0.12 && t < 0.17)
                x += std::polar(10.0, -2 * std::numbers::pi * 985e3 * t);
            return x;
        });
    const auto found = detectDefaults(*src);
    ASSERT_EQ(found.size(), 2u);
    for (const auto& l : found) {
        EXPECT_GE(l.f0, kCentre - kRate / 2);
        EXPECT_LE(l.f1, kCentre + kRate / 2);
    }
    // The burst at +985 kHz, its main lobe 2 bins (31 kHz) wide; its leakage across the
    // lower edge (-1 MHz to -977 kHz over the same time) is no second burst.
    EXPECT_NEAR(found[0].t0, 0.05, 1e-3);
    EXPECT_NEAR(0.5 * (found[0].f0 + found[0].f1), kCentre + 985e3, 20e3);
    // The one at -985 kHz reached 8 kHz past the edge: cut there.
    EXPECT_NEAR(found[1].t0, 0.12, 1e-3);
    EXPECT_DOUBLE_EQ(found[1].f0, kCentre - kRate / 2);
    EXPECT_GT(found[1].f1, kCentre - 985e3);
}

TEST(BurstDetector, SteadyCarriersAreReportedOnlyWhenAsked) {
    TempDir dir;
    const auto src = record(dir, 10.0);
    DetectOptions o;
    o.keepSteady = true;
    JobControl job;
    const auto found = detectBursts(*src, detectionAnalysis(kRate), o, job);
    int steady = 0;
    bool carrierFound = false, dcFound = false;
    for (const auto& d : found)
        if (d.comment == "steady carrier") {
            ++steady;
            EXPECT_GT(d.duration(), 2.4);
            const bool carrier = d.f0 <= kCentre - 50e3 && kCentre - 50e3 <= d.f1;
            const bool dc = d.f0 <= kCentre && kCentre <= d.f1;
            EXPECT_TRUE(carrier || dc) << d.f0 - kCentre << " " << d.f1 - kCentre;
            EXPECT_LT(d.f1 - d.f0, 150e3);
            carrierFound = carrierFound || carrier;
            dcFound = dcFound || dc;
        }
    // The carrier and DC, 50 kHz apart: two labels, or one where their main lobes touch.
    EXPECT_TRUE(carrierFound && dcFound);
    EXPECT_GE(steady, 1);
    EXPECT_LE(steady, 2);
}

// URH's ook_overshoot, rebuilt: five packets of on/off-keyed pulses (0.5 or 1.5 ms on, 0.4 or
// 1.4 ms off; 24.5 ms packets 7.3 ms apart) on a carrier 35 kHz from an 8-bit receiver's DC
// offset, which its gain halves while a pulse is on; the pulses clip the converter. Between the
// packets the offset stands above its own floor (set while pulses are on), and the fine pass's
// region ran along it from packet to packet: one box for all five. The longer windows see five.
TEST(BurstDetector, BurstsDoNotJoinAlongADriftingDcOffset) {
    TempDir dir;
    std::mt19937 rng(3);
    std::normal_distribution<double> g(0, 0.5);
    std::bernoulli_distribution coin;
    std::vector<char> pulse(std::size_t(0.175 * kRate), 0);
    for (int k = 0; k < 5; ++k) {
        const double a = 0.013 + k * 0.0318, b = a + 0.0245;
        for (double s = a; s < b;) {
            const double on = coin(rng) ? 1.5e-3 : 0.5e-3, off = coin(rng) ? 1.4e-3 : 0.4e-3;
            std::fill(pulse.begin() + std::ptrdiff_t(s * kRate),
                      pulse.begin() + std::ptrdiff_t(std::min(b, s + on) * kRate), 1);
            s += on + off;
        }
    }
    const std::complex<double> offset(-14, -10);
    const auto src = specedit::test::iqRecording(
        dir.file("dc.cf32"), std::int64_t(pulse.size()), kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate;
            std::complex<double> x(g(rng), g(rng));
            x += pulse[std::size_t(i)]
                     ? std::polar(170.0, 2 * std::numbers::pi * 35e3 * t) + 0.5 * offset
                     : offset;
            auto adc = [](double v) { return std::clamp(std::round(v), -128.0, 127.0) / 128.0; };
            return std::complex<double>(adc(x.real()), adc(x.imag())); // 8 bits, clipping
        });
    DetectOptions o;
    JobControl job;
    const auto found = detectBursts(*src, detectionAnalysis(kRate), o, job);
    int bursts = 0;
    for (const auto& d : found) {
        EXPECT_LT(d.duration(), 0.03) << d.t0 << "-" << d.t1;
        bursts += d.f0 <= kCentre + 35e3 && kCentre + 35e3 <= d.f1;
    }
    EXPECT_EQ(bursts, 5);
}

// Faint things beside a packet are not part of it: two clicks of a receiver between two
// packets 8 ms apart (each within the 5 ms merge gap of the next) joined them into one box,
// as URH's two_participants' packets of two devices were; and the DC offset a receiver
// settles after a packet, 25 dB below it, stretched the packet's box by its 10 ms (URH's
// homematic: 29.6 ms for a 20.3 ms packet).
TEST(BurstDetector, FaintNeighboursDoNotStretchABurst) {
    TempDir dir;
    std::mt19937 rng(5);
    std::normal_distribution<double> g(0, std::sqrt(0.5));
    const double a = std::sqrt(std::pow(10, 4.0) * 10e3 / kRate); // 40 dB in 10 kHz
    const auto src = specedit::test::iqRecording(
        dir.file("faint.cf32"), std::int64_t(0.2 * kRate), kRate, kCentre, [&](std::int64_t i) {
            const double t = double(i) / kRate;
            std::complex<double> x(g(rng), g(rng));
            if ((t >= 0.05 && t < 0.06) || (t >= 0.068 && t < 0.078))
                x += std::polar(a, 2 * std::numbers::pi * 200e3 * t);
            if (i == std::int64_t(0.0635 * kRate) || i == std::int64_t(0.0645 * kRate))
                x += 35.0;             // a click: about 14 dB over the noise in a window, every bin
            if (t >= 0.12 && t < 0.14) // a packet at DC, then the offset settling
                x += std::polar(a, 2 * std::numbers::pi * 3e3 * t);
            if (t >= 0.14)
                x += a * std::pow(10, -25.0 / 20) * std::exp(-(t - 0.14) / 0.01);
            return x;
        });
    JobControl job;
    std::vector<Label> packets;
    for (const auto& d : detectBursts(*src, detectionAnalysis(kRate), DetectOptions{}, job))
        if (d.snrDb && *d.snrDb > 20)
            packets.push_back(d);
    ASSERT_EQ(packets.size(), 3u);
    const double truth[3][2] = {{0.05, 0.06}, {0.068, 0.078}, {0.12, 0.14}};
    for (int k = 0; k < 3; ++k) {
        EXPECT_NEAR(packets[std::size_t(k)].t0, truth[k][0], 1e-4) << k;
        EXPECT_NEAR(packets[std::size_t(k)].t1, truth[k][1], 1e-4) << k;
    }
}

TEST(BurstDetector, MinimumsAndTimeRangeFilterInPhysicalUnits) {
    TempDir dir;
    const auto src = record(dir, 15.0);
    DetectOptions o;
    o.minDuration = 1e-3; // drops the 50 us pulses
    o.t0 = 0.3;
    o.t1 = 0.9;
    JobControl job;
    const auto found = detectBursts(*src, detectionAnalysis(kRate), o, job);
    ASSERT_FALSE(found.empty());
    for (const auto& d : found) {
        EXPECT_GE(d.duration(), 1e-3);
        EXPECT_GT(d.t1, 0.3);
        EXPECT_LT(d.t0, 0.9);
    }
    o.minBandwidth = 150e3; // only the chirps are that wide
    for (const auto& d : detectBursts(*src, detectionAnalysis(kRate), o, job))
        EXPECT_GE(d.f1 - d.f0, 150e3);
}

TEST(BurstDetector, BadOptionsAreNamed) {
    DetectOptions o;
    o.thresholdDb = -3;
    expectError([&] { o.validate(); }, {"--threshold-db", "more than 0"});
    o = {};
    o.hysteresisDb = 9;
    expectError([&] { o.validate(); }, {"--hysteresis-db", "less than the threshold"});
    o = {};
    o.minDuration = -1;
    expectError([&] { o.validate(); }, {"--min-duration", "0 s or more"});
    o = {};
    o.t0 = 2;
    o.t1 = 1;
    expectError([&] { o.validate(); }, {"ends before it starts"});
    o = {};
    o.t0 = 4;
    expectError([&] { o.validateRange(4.0); },
                {"--start", "start 4 s: the recording is 4 s long", "less than 4 s"});
    o.t0 = -0.5;
    expectError([&] { o.validateRange(4.0); }, {"--start", "start -0.5 s"});
    o.t0 = 3.5;
    o.t1 = 9; // to the end
    EXPECT_NO_THROW(o.validateRange(4.0));
}

TEST(BurstDetector, DefaultAnalysisIsAbout64Microseconds) {
    EXPECT_EQ(detectionAnalysis(2e6).nperseg, 128);
    EXPECT_EQ(detectionAnalysis(2e6).noverlap, 64);
    EXPECT_EQ(detectionAnalysis(250e3).nperseg, 16);
    EXPECT_EQ(detectionAnalysis(48e3).nperseg, 16);
    EXPECT_EQ(detectionAnalysis(1e9).nperseg, 4096);
}

// The shortest burst wanted only drops shorter ones: the bursts kept are the default's, box
// for box. (Its analysis followed the minimum: at 5 ms the bursts grew by tens of ms and
// neighbours merged, a tester's OOK burst of 50 ms read 131 ms.)
TEST(BurstDetector, ARaisedMinimumKeepsASubsetOfTheBursts) {
    TempDir dir;
    const auto src = record(dir, 15.0);
    JobControl job;
    const auto all = detectBursts(*src, detectionAnalysis(kRate), DetectOptions{}, job);
    for (const double minimum : {1e-3, 5e-3, 20e-3}) {
        DetectOptions o;
        o.minDuration = minimum;
        const auto kept = detectBursts(*src, detectionAnalysis(kRate), o, job);
        std::vector<Label> expected;
        std::copy_if(all.begin(), all.end(), std::back_inserter(expected),
                     [&](const Label& l) { return l.duration() >= minimum; });
        ASSERT_EQ(kept.size(), expected.size()) << minimum;
        EXPECT_LT(kept.size(), all.size()) << minimum;
        EXPECT_FALSE(kept.empty()) << minimum;
        for (std::size_t i = 0; i < kept.size(); ++i) {
            EXPECT_EQ(kept[i].t0, expected[i].t0) << minimum;
            EXPECT_EQ(kept[i].t1, expected[i].t1) << minimum;
            EXPECT_EQ(kept[i].f0, expected[i].f0) << minimum;
            EXPECT_EQ(kept[i].f1, expected[i].f1) << minimum;
        }
    }
}

// The real captures beside the project (../shared/data/real, skipped without them), opened as
// a user opens them (2 MS/s): ook_overshoot's five packets and elektromaten's eleven bursts
// each get one box, none longer than a packet.
TEST(BurstDetector, RealUrhCapturesGiveOneBoxPerPacket) {
    const std::filesystem::path dataDir(SPECEDIT_SHARED_DATA_DIR);
    for (const auto& [name, packets, longest] :
         {std::tuple{"urh_ook_overshoot.cs8", 5, 0.026}, {"urh_elektromaten.cs8", 11, 0.041}}) {
        const auto path = dataDir / name;
        if (!std::filesystem::exists(path))
            GTEST_SKIP() << "real captures not found in " << dataDir;
        const RawIqSource src(path.string(), *rawLayoutFromExtension(path.string()), 2e6,
                              std::nullopt);
        DetectOptions o;
        JobControl job;
        const auto found = detectBursts(src, detectionAnalysis(2e6), o, job);
        EXPECT_EQ(int(found.size()), packets) << name;
        // Repeats of one remote's packet: one band (low edges from -1 MHz to -140 kHz before
        // the band came from the merged pieces' energy), within two bins of 15.6 kHz; not
        // ook_overshoot's last packet, which the end of the file cuts to a third.
        for (const auto& d : found) {
            EXPECT_LT(d.duration(), longest) << name << " " << d.t0 << "-" << d.t1;
            if (d.duration() < 0.5 * found[0].duration())
                continue;
            EXPECT_NEAR(d.f0, found[0].f0, 31250) << name << " " << d.t0;
            EXPECT_NEAR(d.f1, found[0].f1, 31250) << name << " " << d.t0;
            // The remote's SNR is near its box's power over the noise as the features
            // measure it (the mean of its cells' ratios read 34 dB against 39; now within
            // 2.1 dB). Not ook_overshoot's: the DC offset beside it lifts the floor of its
            // bins, which the features' margins do not see (4.7-5.4 dB apart).
            if (std::string(name) != "urh_elektromaten.cs8")
                continue;
            FeaturePlans plans;
            const auto f = burstFeatures(src, d, {}, plans);
            const double box =
                f.values[featureIndex("mean_power_db")] - f.values[featureIndex("noise_power_db")];
            ASSERT_TRUE(d.snrDb);
            EXPECT_NEAR(*d.snrDb, box, 2.5) << name << " " << d.t0;
        }
    }
}

// The other two real captures: two_participants' eighteen packets of two devices (6 to 16 ms
// apart where the clicks between them joined them; two pairs 4.6 and 4.9 ms apart, at levels
// 5 and 10 dB apart, joined within the 5 ms merge gap) and homematic's two packets, whose boxes
// took in 8 and 7 ms of the receiver's DC settling (ends measured on the envelope, 30 dB over
// the floor: 37.96 and 99.48 ms).
TEST(BurstDetector, RealUrhPacketsEndWhereTheyEnd) {
    const std::filesystem::path dataDir(SPECEDIT_SHARED_DATA_DIR);
    const auto two = dataDir / "urh_two_participants.cs8", home = dataDir / "urh_homematic.cs16";
    if (!std::filesystem::exists(two) || !std::filesystem::exists(home))
        GTEST_SKIP() << "real captures not found in " << dataDir;
    JobControl job;
    const RawIqSource a(two.string(), *rawLayoutFromExtension(two.string()), 2e6, std::nullopt);
    int packets = 0;
    for (const auto& d : detectBursts(a, detectionAnalysis(2e6), DetectOptions{}, job)) {
        if (!d.snrDb || *d.snrDb < 20)
            continue;
        ++packets;
        EXPECT_LT(d.duration(), 0.016) << d.t0; // one packet, not two
    }
    EXPECT_EQ(packets, 18);
    const RawIqSource b(home.string(), *rawLayoutFromExtension(home.string()), 1e6, std::nullopt);
    std::vector<Label> found;
    for (const auto& d : detectBursts(b, detectionAnalysis(1e6), DetectOptions{}, job))
        if (d.snrDb && *d.snrDb > 20)
            found.push_back(d);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_NEAR(found[0].t1, 0.03796, 3e-4);
    EXPECT_NEAR(found[1].t1, 0.09948, 3e-4);
}
