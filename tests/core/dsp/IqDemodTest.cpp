#include "dsp/IqDemod.h"

#include "util/Error.h"

#include <cmath>
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
    EXPECT_THROW(parseDemodulation("wfm"), Error);
    const auto silent = demodulate(x.data(), 100, kFs, -1e3, 1e3, Demodulation::Fm);
    for (float v : silent.audio)
        EXPECT_EQ(v, 0.0f);
}
