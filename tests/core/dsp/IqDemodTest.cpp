#include "dsp/IqDemod.h"

#include "io/RawIqSource.h"
#include "io/RawLayout.h"
#include "util/Error.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::core;

namespace {

constexpr double kFs = 2e6;
constexpr double kPi = std::numbers::pi;

// Frequency of the strongest component of audio (naive DFT on a 1 Hz grid near guesses).
double dominantHz(const Listening& l, double lo, double hi) {
    double best = 0, bestPower = -1;
    for (double f = lo; f <= hi; f += 10) {
        std::complex<double> acc = 0;
        for (std::size_t i = 0; i < l.audio.size(); ++i)
            acc += double(l.audio[i]) * std::polar(1.0, -2 * kPi * f * double(i) / l.rate);
        if (std::norm(acc) > bestPower) {
            bestPower = std::norm(acc);
            best = f;
        }
    }
    return best;
}

std::vector<std::complex<float>> signal(const std::function<std::complex<double>(double)>& s) {
    std::vector<std::complex<float>> x(std::size_t(kFs / 5)); // 0.2 s
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = std::complex<float>(s(double(i) / kFs));
    return x;
}

} // namespace

TEST(IqDemod, AmToneComesBackAtItsModulationFrequency) {
    const auto x = signal([](double t) {
        return (1.0 + 0.5 * std::sin(2 * kPi * 1000 * t)) * std::polar(0.3, 2 * kPi * 100e3 * t);
    });
    const auto l = demodulate(x.data(), std::int64_t(x.size()), kFs, 90e3, 110e3, Demodulation::Am);
    EXPECT_NEAR(l.rate, kFs / 41, 1e-9);
    EXPECT_NEAR(dominantHz(l, 200, 5000), 1000, 10);
}

TEST(IqDemod, FmToneComesBackAtItsModulationFrequency) {
    const auto x = signal([](double t) {
        // 5 kHz deviation at 700 Hz, carrier at -200 kHz
        const double phase = -2 * kPi * 200e3 * t + (5000.0 / 700.0) * std::sin(2 * kPi * 700 * t);
        return std::polar(0.3, phase);
    });
    const auto l =
        demodulate(x.data(), std::int64_t(x.size()), kFs, -215e3, -185e3, Demodulation::Fm);
    EXPECT_NEAR(dominantHz(l, 200, 5000), 700, 10);
}

TEST(IqDemod, SidebandsComeBackAtTheirOffsetFromTheBandEdge) {
    // USB: a tone 1000 Hz above the band's low edge (300 kHz).
    const auto usb = signal([](double t) { return std::polar(0.3, 2 * kPi * 301.0e3 * t); });
    auto l = demodulate(usb.data(), std::int64_t(usb.size()), kFs, 300e3, 303e3, Demodulation::Usb);
    EXPECT_NEAR(dominantHz(l, 200, 5000), 1000, 10);
    // LSB: a tone 1200 Hz below the band's high edge (-100 kHz).
    const auto lsb = signal([](double t) { return std::polar(0.3, 2 * kPi * -101.2e3 * t); });
    l = demodulate(lsb.data(), std::int64_t(lsb.size()), kFs, -103e3, -100e3, Demodulation::Lsb);
    EXPECT_NEAR(dominantHz(l, 200, 5000), 1200, 10);
}

TEST(IqDemod, BadBandsAndModesAreExplained) {
    std::vector<std::complex<float>> x(100);
    EXPECT_THROW(demodulate(x.data(), 100, kFs, 10e3, 5e3, Demodulation::Am), Error);
    EXPECT_THROW(demodulate(x.data(), 100, kFs, 0, 2e6, Demodulation::Am), Error);
    try {
        parseDemodulation("wfm");
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown demodulation 'wfm'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("am, fm, usb, lsb or auto"), std::string::npos);
    }
    const auto silent = demodulate(x.data(), 100, kFs, -1e3, 1e3, Demodulation::Fm);
    for (float v : silent.audio)
        EXPECT_EQ(v, 0.0f);
}

namespace {

// Faint complex noise, the same on every run (two uniform draws per sample).
std::complex<double> noise(double t) {
    auto u = std::uint64_t(t * kFs) * 6364136223846793005ull + 1442695040888963407ull;
    u ^= u >> 29;
    const double a = double(u % 10007) / 10007 - 0.5, b = double((u >> 20) % 10009) / 10009 - 0.5;
    return {0.01 * a, 0.01 * b};
}

// Bursts of 20 ms every 50 ms; bits of 0.5 ms from a fixed pattern.
bool bit(double t, bool& inBurst) {
    const double inPeriod = std::fmod(t, 0.05);
    inBurst = inPeriod > 0.01 && inPeriod < 0.03;
    const auto k = int(inPeriod / 5e-4);
    return ((0x5b3c9e1du >> (k % 32)) & 1) != 0;
}

} // namespace

// Auto hears an on/off keyed remote as AM (FM made its bits a hiss in the gaps) and a
// frequency keyed one as FM, over the burst's own band or the whole view's, and says why.
TEST(IqDemod, AutoTellsOnOffKeyingFromFrequencyKeying) {
    const auto ook = signal([](double t) {
        bool burst = false;
        const bool on = bit(t, burst) && burst;
        return noise(t) + (on ? std::polar(0.3, 2 * kPi * 100e3 * t) : 0.0);
    });
    const auto fsk = signal([](double t) {
        bool burst = false;
        const double hz = -200e3 + (bit(t, burst) ? 20e3 : -20e3);
        // The phase of a tone at the bit's frequency; its jumps at bit edges do not matter.
        return noise(t) + (burst ? std::polar(0.3, 2 * kPi * hz * t) : 0.0);
    });
    const auto n = std::int64_t(ook.size());
    for (auto [lo, hi] : {std::pair{80e3, 120e3}, std::pair{-400e3, 400e3}}) {
        const auto l = demodulate(ook.data(), n, kFs, lo, hi, Demodulation::Auto);
        EXPECT_EQ(l.used, Demodulation::Am) << lo << ": " << l.why;
        EXPECT_NE(l.why.find("stays within"), std::string::npos) << l.why;
    }
    for (auto [lo, hi] : {std::pair{-240e3, -160e3}, std::pair{-400e3, 400e3}}) {
        const auto l = demodulate(fsk.data(), n, kFs, lo, hi, Demodulation::Auto);
        EXPECT_EQ(l.used, Demodulation::Fm) << lo << ": " << l.why;
        EXPECT_NE(l.why.find("moves over ±"), std::string::npos) << l.why;
    }
    // The plain modulated tones: an AM carrier holds still, an FM one does not.
    const auto am = signal([](double t) {
        return (1.0 + 0.5 * std::sin(2 * kPi * 1000 * t)) * std::polar(0.3, 2 * kPi * 100e3 * t);
    });
    EXPECT_EQ(demodulate(am.data(), n, kFs, 90e3, 110e3, Demodulation::Auto).used,
              Demodulation::Am);
    const auto fm = signal([](double t) {
        return std::polar(0.3,
                          -2 * kPi * 200e3 * t + (5000.0 / 700.0) * std::sin(2 * kPi * 700 * t));
    });
    EXPECT_EQ(demodulate(fm.data(), n, kFs, -215e3, -185e3, Demodulation::Auto).used,
              Demodulation::Fm);
}

// Listening to a whole wide view hears a burst off its centre: the band was cut to the audio
// rate's 44 kHz around the centre, and a remote 100 kHz away was silence.
TEST(IqDemod, AWideBandHearsABurstOffItsCentre) {
    const auto ook = signal([](double t) {
        bool burst = false;
        const bool on = bit(t, burst) && burst;
        return noise(t) + (on ? std::polar(0.3, 2 * kPi * 100e3 * t) : 0.0);
    });
    const auto l =
        demodulate(ook.data(), std::int64_t(ook.size()), kFs, -400e3, 400e3, Demodulation::Am);
    EXPECT_NEAR(l.rate, 1e6 / 20, 1e-9); // 1 MHz holds the band, then down to 50 kHz
    // The bits sound as a square wave within the bursts and the gaps are quiet (56 dB apart;
    // 21 when the band was cut to the centre, from what leaked through the filter): the spread
    // of the audio about its mean, in each.
    auto spread = [&](double from, double to) {
        double sum = 0, squares = 0;
        int n = 0;
        for (std::size_t i = 0; i + std::size_t(0.01 * l.rate) < l.audio.size(); ++i) {
            const double inPeriod = std::fmod(double(i) / l.rate, 0.05); // not the fade out
            if (inPeriod > from && inPeriod < to) {
                sum += l.audio[i];
                squares += double(l.audio[i]) * l.audio[i];
                ++n;
            }
        }
        return squares / n - (sum / n) * (sum / n);
    };
    EXPECT_GT(10 * std::log10(spread(0.012, 0.028) / spread(0.035, 0.048)), 40);
}

// The real captures beside the project (../shared/data/real, skipped without them), the whole
// view at 1 MS/s: the two on/off keyed remotes are heard as AM, ook_overshoot's too although
// its carrier drifts over 10-15 kHz within a packet and a DC offset sits beside it; the FSK
// captures as FM, two_participants' too although runs of exact zeros are cut into it.
TEST(IqDemod, AutoHearsTheRealCapturesByTheirKeying) {
    const std::filesystem::path dataDir(SPECEDIT_SHARED_DATA_DIR);
    for (const auto& [name, mode] : {std::pair{"urh_elektromaten.cs8", Demodulation::Am},
                                     {"urh_ook_overshoot.cs8", Demodulation::Am},
                                     {"urh_homematic.cs16", Demodulation::Fm},
                                     {"urh_two_participants.cs8", Demodulation::Fm}}) {
        const auto path = dataDir / name;
        if (!std::filesystem::exists(path))
            GTEST_SKIP() << "real captures not found in " << dataDir;
        const RawIqSource src(path.string(), *rawLayoutFromExtension(path.string()), 1e6,
                              std::nullopt);
        std::vector<std::complex<float>> x(std::size_t(src.info().frames));
        src.read(0, src.info().frames, reinterpret_cast<float*>(x.data()));
        const auto l =
            demodulate(x.data(), std::int64_t(x.size()), 1e6, -5e5, 5e5, Demodulation::Auto);
        EXPECT_EQ(l.used, mode) << name << ": " << l.why;
    }
}

namespace {

// The RMS of the audio in [from, to) of each 50 ms period (the keyed signals' bursts lie in
// 10-30 ms), leaving out the 10 ms faded out at the end.
double rmsIn(const Listening& l, double from, double to) {
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i + std::size_t(0.01 * l.rate) < l.audio.size(); ++i) {
        const double inPeriod = std::fmod(double(i) / l.rate, 0.05);
        if (inPeriod >= from && inPeriod < to) {
            sum += double(l.audio[i]) * l.audio[i];
            ++n;
        }
    }
    return std::sqrt(sum / std::max(n, 1));
}

} // namespace

// An edited version is heard as its original was: with the remote's bursts removed, the noise
// left stays as faint as it was beside them (scaled on its own it came out at full loudness,
// a loud hiss where the user expected the removal to be heard); FM is muted between bursts,
// and a band of noise alone says so.
TEST(IqDemod, AnEditedVersionIsHeardAtItsOriginalsLevelAndFmIsSquelched) {
    const auto ook = signal([](double t) {
        bool burst = false;
        return noise(t) + (bit(t, burst) && burst ? std::polar(0.3, 2 * kPi * 100e3 * t) : 0.0);
    });
    const auto removed = signal([](double t) { return noise(t); });
    const auto n = std::int64_t(ook.size());
    const auto a = demodulate(ook.data(), n, kFs, 80e3, 120e3, Demodulation::Auto);
    const auto b = demodulate(removed.data(), n, kFs, 80e3, 120e3, Demodulation::Auto, 48000, &a);
    EXPECT_EQ(b.used, a.used);
    EXPECT_LT(rmsIn(b, 0, 0.05), rmsIn(a, 0, 0.05) / 30); // 30 dB quieter at least
    const auto alone = demodulate(removed.data(), n, kFs, 80e3, 120e3, Demodulation::Am);
    EXPECT_GT(rmsIn(alone, 0, 0.05), rmsIn(a, 0, 0.05) / 5); // what it was
    // FSK bursts: the gaps between them are muted, the bursts are not.
    const auto fsk = signal([](double t) {
        bool burst = false;
        const double hz = -200e3 + (bit(t, burst) ? 20e3 : -20e3);
        return noise(t) + (burst ? std::polar(0.3, 2 * kPi * hz * t) : 0.0);
    });
    const auto f = demodulate(fsk.data(), n, kFs, -240e3, -160e3, Demodulation::Fm);
    EXPECT_GT(f.squelch, 0);
    EXPECT_GT(rmsIn(f, 0.012, 0.028), 0.05);
    EXPECT_LT(rmsIn(f, 0.035, 0.048), 1e-6);
    // A band always on (an FM tone) has no squelch.
    const auto tone = signal([](double t) { return std::polar(0.3, 2 * kPi * 50e3 * t); });
    EXPECT_EQ(demodulate(tone.data(), n, kFs, 40e3, 60e3, Demodulation::Fm).squelch, 0);
    // Noise alone.
    const auto heard = demodulate(removed.data(), n, kFs, 80e3, 120e3, Demodulation::Auto);
    EXPECT_NE(heard.why.find("the band seems to hold noise alone"), std::string::npos) << heard.why;
    // Narrower, in blocks of two samples whose levels flicker: not on/off keying either.
    const auto narrow = demodulate(removed.data(), n, kFs, 90e3, 110e3, Demodulation::Auto);
    EXPECT_NE(narrow.why.find("the band seems to hold noise alone"), std::string::npos)
        << narrow.why << " " << narrow.rate;
}
