// A shape's harmonics: the band and its integer multiples, as one shape. The rasteriser's
// cells against the definition (Shape.h), the project file, bad values, and a 50 Hz hum with
// nine overtones taken out of audio through the streaming export to -60 dB, a tone beside it
// untouched.

#include "TestUtil.h"
#include "apply/StreamingApply.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "mask/MaskRasterizer.h"
#include "project/Project.h"
#include "util/Error.h"

#include <cmath>
#include <complex>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

Shape hum(double f0, double f1, int harmonics) {
    Shape s;
    s.t0 = -1;
    s.t1 = 1000;
    s.f0 = f0;
    s.f1 = f1;
    s.harmonics = harmonics;
    return s;
}

// Gains of one frame on a grid of 1 Hz per bin (one-sided, or two-sided around centerHz).
std::vector<float> frameGains(const Shape& s, bool twoSided, double centerHz = 0) {
    MaskGrid g;
    g.fs = 8000;
    g.hop = 2000;
    g.nfft = 8000;
    g.twoSided = twoSided;
    g.centerHz = centerHz;
    std::vector<float> out(std::size_t(g.bins()));
    rasterizeMask({s}, g, 1, 1, out.data());
    return out;
}

// Amplitude of the component at hz in x (sampled at fs), by projection.
double amplitudeAt(const std::vector<float>& x, double fs, double hz) {
    std::complex<double> sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        sum += double(x[i]) * std::polar(1.0, -2 * std::numbers::pi * hz * double(i) / fs);
    return 2 * std::abs(sum) / double(x.size());
}

} // namespace

TEST(Harmonics, CoverTheBandAndItsMultiplesOnly) {
    const auto gains = frameGains(hum(49, 51, 4), false);
    for (int m = 1; m <= 4; ++m)
        for (int f : {49 * m, 50 * m, 51 * m})
            EXPECT_EQ(gains[std::size_t(f)], 0.0f) << f << " Hz";
    for (int f : {48, 52, 97, 103, 145, 155, 195, 205, 250, 1000})
        EXPECT_EQ(gains[std::size_t(f)], 1.0f) << f << " Hz";
    // One harmonic is the band alone.
    const auto alone = frameGains(hum(49, 51, 1), false);
    EXPECT_EQ(alone[50], 0.0f);
    EXPECT_EQ(alone[100], 1.0f);
}

TEST(Harmonics, OverlappingMultiplesApplyTheGainOnce) {
    Shape s = hum(40, 60, 6); // 3 x 60 = 180 > 4 x 40 = 160: the 3rd and 4th overlap
    s.gainDb = -20;
    const auto gains = frameGains(s, false);
    EXPECT_NEAR(gains[170], 0.1f, 1e-6); // in both: -20 dB, not -40
    EXPECT_NEAR(gains[50], 0.1f, 1e-6);
    EXPECT_EQ(gains[65], 1.0f);
}

// Where the copies run together: copies m and m + 1 meet once m * high >= (m + 1) * low
// (distances from the reference), so a wide hum box covers everything above its 2nd copy.
TEST(Harmonics, TheFirstOverlapIsWhereTheCopiesRunTogether) {
    EXPECT_EQ(hum(35.5, 66.3, 10).firstOverlappingHarmonic(0), 2); // 2 x 66.3 >= 3 x 35.5
    EXPECT_EQ(hum(35.5, 66.3, 2).firstOverlappingHarmonic(0), 0);  // one copy: nothing meets
    EXPECT_EQ(hum(49, 51, 10).firstOverlappingHarmonic(0), 0);
    EXPECT_EQ(hum(49, 51, 26).firstOverlappingHarmonic(0), 25); // 25 x 51 = 1275 >= 26 x 49
    EXPECT_EQ(hum(49, 51, 25).firstOverlappingHarmonic(0), 0);
    // IQ: distances from the centre, on either side; a band around it holds it in every copy.
    const double c = 433.92e6;
    EXPECT_EQ(hum(c - 51, c - 49, 26).firstOverlappingHarmonic(c), 25);
    EXPECT_EQ(hum(c - 10, c + 10, 2).firstOverlappingHarmonic(c), 1);
    // The feather widens the band that the copies stretch.
    Shape feathered = hum(49, 51, 10);
    feathered.featherHz = 3; // 46 to 54 Hz: 46 / 8 -> the 6th meets the 7th
    EXPECT_EQ(feathered.firstOverlappingHarmonic(0), 6);
}

TEST(Harmonics, IqMultipliesTheOffsetFromTheCentre) {
    const double fc = 433.92e6;
    Shape s = hum(fc - 3005, fc - 2995, 3); // a carrier 3 kHz below the centre
    const auto gains = frameGains(s, true, fc);
    auto bin = [](int offset) { return std::size_t(offset < 0 ? offset + 8000 : offset); };
    // Bins span -4000..3999 Hz, so the 2nd multiple (-6 kHz) is off the grid.
    EXPECT_EQ(gains[bin(-3000)], 0.0f);
    EXPECT_EQ(gains[bin(3000)], 1.0f);
    Shape near = hum(fc + 995, fc + 1005, 3);
    const auto g2 = frameGains(near, true, fc);
    for (int f : {1000, 2000, 3000})
        EXPECT_EQ(g2[bin(f)], 0.0f) << f;
    EXPECT_EQ(g2[bin(-1000)], 1.0f);
    EXPECT_EQ(g2[bin(1500)], 1.0f);
}

TEST(Harmonics, ProjectFileKeepsThemAndRefusesBadCounts) {
    TempDir dir;
    Project p;
    p.source = "x.wav";
    p.shapes = {hum(49, 51, 10)};
    saveProject(p, dir.file("p.specedit.json"));
    EXPECT_EQ(loadProject(dir.file("p.specedit.json")).shapes.at(0).harmonics, 10);
    p.shapes[0].harmonics = 1; // absent from the file, and read back as 1
    saveProject(p, dir.file("q.specedit.json"));
    EXPECT_EQ(loadProject(dir.file("q.specedit.json")).shapes.at(0).harmonics, 1);
    for (const char* bad : {"0", "-3", "1001", "2.5", "\"ten\""}) {
        const std::string text = std::string(R"({"version": 1, "source": "x.wav", "shapes": [)"
                                             R"({"type": "rect", "t0": 0, "t1": 1, "f0": 49,)"
                                             R"( "f1": 51, "harmonics": )") +
                                 bad + "}]}";
        specedit::test::writeBytes(dir.file("bad.specedit.json"), text.data(), text.size());
        try {
            loadProject(dir.file("bad.specedit.json"));
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("harmonics"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("shapes[0]"), std::string::npos) << e.what();
        }
    }
}

// 20 s at 8 kHz: a 50 Hz hum with harmonics 2..10 (amplitudes 0.2 / m) and a 1 kHz tone.
// One shape, 47-53 Hz with 10 harmonics, gain -inf, through the streaming export with a
// Blackman-Harris window of 16384 samples (its main lobe is +-2 Hz wide at 8 kHz).
TEST(Harmonics, AHumAndNineOvertonesAreRemovedToMinus60Db) {
    constexpr double fs = 8000;
    constexpr std::int64_t n = 20 * 8000;
    std::vector<float> x(n);
    for (std::int64_t i = 0; i < n; ++i) {
        const double t = double(i) / fs;
        double v = 0.3 * std::sin(2 * std::numbers::pi * 1000 * t);
        for (int m = 1; m <= 10; ++m)
            v += 0.2 / m * std::sin(2 * std::numbers::pi * 50 * m * t + m);
        x[std::size_t(i)] = float(v);
    }
    TempDir dir;
    SignalInfo info;
    info.sampleRate = fs;
    info.frames = n;
    info.channels = 1;
    info.sampleType = SampleType::Float32;
    {
        SignalWriter w(dir.file("in.wav"), info, {});
        w.write(x.data(), n);
        w.finish();
    }
    const auto src = openRecording(dir.file("in.wav"), {});
    SignalWriter out(dir.file("out.wav"), src->info(), {});
    JobControl job;
    applyMask(*src, StftParams::make(parseWindow("blackmanharris"), 16384, 12288),
              {hum(47, 53, 10)}, out, job);
    out.finish();
    const auto y = openRecording(dir.file("out.wav"), {});
    std::vector<float> v(std::size_t(8 * 8000));
    y->read(6 * 8000, 8 * 8000, v.data()); // 6 to 14 s: away from the ends
    for (int m = 1; m <= 10; ++m) {
        const double before = 0.2 / m;
        const double after = amplitudeAt(v, fs, 50 * m);
        EXPECT_LT(20 * std::log10(after / before), -60) << 50 * m << " Hz";
    }
    EXPECT_NEAR(20 * std::log10(amplitudeAt(v, fs, 1000) / 0.3), 0, 0.01);
}
