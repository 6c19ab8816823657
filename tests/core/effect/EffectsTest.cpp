// Effects of shapes (Shape.h, effect/SpectralEffects.h) on known signals through the
// streaming export, against what they promise: attenuate brings a burst to the surrounding
// level, replace restores a tone across a dropout without steps, denoise keeps a tone and
// lowers the noise by its reduction limit. Also: blocks of any size give the same result,
// a played range equals the same stretch of the export, the edited view shows the effect,
// the project file keeps the effects, and bad values get clear errors.

#include "TestUtil.h"
#include "apply/RangeRender.h"
#include "apply/StreamingApply.h"
#include "dsp/Stft.h"
#include "effect/ReplaceFill.h"
#include "effect/SpectralEffects.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "project/Project.h"
#include "render/TileComputer.h"
#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

constexpr double kFs = 8000;

std::shared_ptr<const SampleSource> wavOf(const TempDir& dir, const std::vector<float>& x,
                                          const char* name = "in.wav") {
    SignalInfo info;
    info.sampleRate = kFs;
    info.frames = std::int64_t(x.size());
    info.channels = 1;
    info.sampleType = SampleType::Float32;
    SignalWriter w(dir.file(name), info, {});
    w.write(x.data(), info.frames);
    w.finish();
    return openRecording(dir.file(name), {});
}

std::vector<float> exported(const SampleSource& src, const std::vector<Shape>& shapes,
                            std::int64_t blockSamples = 1 << 18) {
    MemorySink sink(1);
    JobControl job;
    ApplyOptions opt;
    opt.blockSamples = blockSamples;
    applyMask(src, StftParams::make(parseWindow("hann"), 256, 192), shapes, sink, job, opt);
    return sink.samples();
}

// Mean power of x over seconds [t0, t1), in dB.
double levelDb(const std::vector<float>& x, double t0, double t1) {
    double sum = 0;
    const auto a = std::size_t(t0 * kFs), b = std::size_t(t1 * kFs);
    for (std::size_t i = a; i < b; ++i)
        sum += double(x[i]) * x[i];
    return 10 * std::log10(sum / double(b - a));
}

std::vector<float> noise(std::size_t n, double sigma, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> d(0, sigma);
    std::vector<float> x(n);
    for (auto& v : x)
        v = float(d(rng));
    return x;
}

Shape rect(double t0, double t1, double f0, double f1, ShapeEffect effect) {
    Shape s;
    s.t0 = t0;
    s.t1 = t1;
    s.f0 = f0;
    s.f1 = f1;
    s.effect = effect;
    return s;
}

// Mean STFT power (Hann 256, hop 64) over frames in [t0, t1) and bins inside [f0, f1] (or
// outside it, when `outside`), in dB.
double bandDb(const std::vector<float>& x, double t0, double t1, double f0, double f1,
              bool outside = false) {
    const auto z = stft(x, StftParams::make(parseWindow("hann"), 256, 192, {}, kFs));
    double sum = 0;
    int n = 0;
    for (auto j = std::int64_t(t0 * kFs / 64); j < std::int64_t(t1 * kFs / 64); ++j)
        for (int k = 0; k < z.bins; ++k)
            if (double f = k * kFs / 256; (f >= f0 && f <= f1) != outside) {
                sum += std::norm(z.at(k, j));
                ++n;
            }
    return 10 * std::log10(sum / n);
}

// Amplitude and phase of the component at hz over samples [a, b), by projection.
std::complex<double> component(const std::vector<float>& x, double hz, std::size_t a,
                               std::size_t b) {
    std::complex<double> sum = 0;
    for (std::size_t i = a; i < b; ++i)
        sum += double(x[i]) * std::polar(1.0, -2 * std::numbers::pi * hz * double(i) / kFs);
    return 2.0 * sum / double(b - a);
}

// 3 s of noise at -40 dBFS (sigma 0.01) with a burst 30 dB louder at 1.4-1.6 s.
std::vector<float> noiseWithBurst() {
    auto x = noise(3 * 8000, 0.01, 1);
    const auto burst = noise(1600, 0.01 * std::pow(10, 1.5), 2);
    for (std::size_t i = 0; i < burst.size(); ++i)
        x[11200 + i] += burst[i];
    return x;
}

} // namespace

// The burst region (with the window's half-length, 16 ms, either side: what the spectrogram
// shows) sinks to within 1 dB of the surrounding level; outside the shape nothing changes.
TEST(Effects, AttenuateBringsABurstToTheSurroundingLevel) {
    TempDir dir;
    const auto x = noiseWithBurst();
    const auto src = wavOf(dir, x);
    const auto y = exported(*src, {rect(1.38, 1.62, 0, 4000, ShapeEffect::Attenuate)});
    const double around = levelDb(x, 0.5, 1.3);
    EXPECT_GT(levelDb(x, 1.4, 1.6) - around, 29);
    EXPECT_NEAR(levelDb(y, 1.4, 1.6), around, 1.0);
    EXPECT_NEAR(levelDb(y, 0.5, 1.3), around, 0.01);
    for (std::size_t i = 0; i < 8000; ++i) // the first second, far from the shape: untouched
        ASSERT_NEAR(y[i], x[i], 1e-5) << i;
    // Half the amount: half the reduction in dB, within 1 dB.
    Shape half = rect(1.38, 1.62, 0, 4000, ShapeEffect::Attenuate);
    half.amount = 0.5;
    const auto h = exported(*src, {half});
    EXPECT_NEAR(levelDb(h, 1.4, 1.6), (levelDb(x, 1.4, 1.6) + around) / 2, 1.0);
}

// A 440 Hz tone with 10 ms of silence (a dropout) at 1.5 s. Replace over the dropout and the
// frames it smears into brings back the tone: level within 1 dB in every 5 ms across the
// repair (no step, no dip) and the same phase as the tone that was there.
TEST(Effects, ReplaceRestoresAToneAcrossADropout) {
    TempDir dir;
    std::vector<float> clean(3 * 8000), x;
    for (std::size_t i = 0; i < clean.size(); ++i)
        clean[i] = float(0.5 * std::sin(2 * std::numbers::pi * 440 * double(i) / kFs));
    x = clean;
    std::fill(x.begin() + 12000, x.begin() + 12080, 0.0f);
    const auto src = wavOf(dir, x);
    const auto y = exported(*src, {rect(1.48, 1.53, 0, 4000, ShapeEffect::Replace)});
    const double tone = levelDb(clean, 1.0, 2.0);
    EXPECT_LT(levelDb(x, 1.5, 1.505) - tone, -20); // the dropout is there before
    for (double t = 1.45; t < 1.56; t += 0.005)
        EXPECT_NEAR(levelDb(y, t, t + 0.005), tone, 1.0) << t << " s";
    // Phase continues: the repaired stretch matches the tone itself within -20 dB.
    const auto c = component(y, 440, 12000, 12080), ref = component(clean, 440, 12000, 12080);
    EXPECT_LT(20 * std::log10(std::abs(c - ref) / std::abs(ref)), -20);
}

// A whistle at 1 kHz, 40 dB above the noise in its bins, all through the recording. Replace
// from the frequencies beside it (fill_from frequency) over 1-2 s and 875-1125 Hz takes it
// out there, down to the noise level within 1.5 dB; from the frames before and after
// (fill_from time) it would come back, since it is there too.
TEST(Effects, ReplaceFromFrequencyTakesOutAWhistle) {
    TempDir dir;
    auto x = noise(3 * 8000, 0.01, 6);
    const double amplitude = std::sqrt(4 * 1e4 * 0.01 * 0.01 * 1.5 / 256);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] += float(amplitude * std::sin(2 * std::numbers::pi * 1000 * double(i) / kFs));
    const auto src = wavOf(dir, x);
    Shape across = rect(1.0, 2.0, 875, 1125, ShapeEffect::Replace);
    across.fillFrom = FillFrom::Frequency;
    const auto y = exported(*src, {across});
    const double noiseLevel = bandDb(x, 1.2, 1.8, 2000, 3000);
    EXPECT_GT(bandDb(x, 1.2, 1.8, 950, 1050) - noiseLevel, 25);
    EXPECT_NEAR(bandDb(y, 1.2, 1.8, 950, 1050), noiseLevel, 1.5);
    EXPECT_NEAR(bandDb(y, 1.2, 1.8, 2000, 3000), noiseLevel, 0.01); // beside: untouched
    Shape fromTime = across;
    fromTime.fillFrom = FillFrom::Time;
    EXPECT_GT(bandDb(exported(*src, {fromTime}), 1.2, 1.8, 950, 1050) - noiseLevel, 25);
    // A whistle through the whole recording (the wand outlines it so): nothing before or after
    // it, and from frequency nothing is needed there (it was refused: "no recording before or
    // after it to take levels from").
    Shape whole = across;
    whole.t0 = 0;
    whole.t1 = 3;
    const auto z = exported(*src, {whole});
    EXPECT_NEAR(bandDb(z, 1.2, 1.8, 950, 1050), noiseLevel, 1.5);
    EXPECT_NEAR(bandDb(z, 0.2, 0.8, 950, 1050), noiseLevel, 1.5);
    whole.fillFrom = FillFrom::Both; // the time half has nothing: frequency alone
    EXPECT_NEAR(bandDb(exported(*src, {whole}), 1.2, 1.8, 950, 1050), noiseLevel, 1.5);
    whole.fillFrom = FillFrom::Time;
    specedit::test::expectError([&] { exported(*src, {whole}); },
                                {"shapes[0]", "no recording before or after it"});
}

// Without being asked, a replace shape fills from across its band when it is long and narrow
// in cells (a whistle), from before and after when it is short and wide (a click, a cough).
TEST(Effects, AReplaceShapeFillsFromWhereItsNeighboursAreClosest) {
    const auto p = StftParams::make(parseWindow("hann"), 512, 384, 512, 16000); // hop 128
    Shape whistle;
    whistle.t0 = 1.0, whistle.t1 = 2.6, whistle.f0 = 2400, whistle.f1 = 2600;
    EXPECT_EQ(naturalFillFrom(whistle, p), FillFrom::Frequency); // 200 frames, 6.4 bins
    Shape click;
    click.t0 = 2.0, click.t1 = 2.01, click.f0 = 0, click.f1 = 8000;
    EXPECT_EQ(naturalFillFrom(click, p), FillFrom::Time); // 1.25 frames, 256 bins
    Shape cough;
    cough.t0 = 1.0, cough.t1 = 1.5, cough.f0 = 300, cough.f1 = 3300;
    EXPECT_EQ(naturalFillFrom(cough, p), FillFrom::Time); // 62.5 frames, 96 bins
}

// Noise everywhere, a 1 kHz tone from 0.6 s whose bin stands 20 dB above the noise's bin
// power, a noise profile over the first 0.5 s and denoise (limit 12 dB) over the rest. The
// tone keeps its amplitude within 1 dB; the noise away from it drops by 12 dB within 1 dB.
TEST(Effects, DenoiseKeepsAToneAndLowersTheNoiseByItsLimit) {
    TempDir dir;
    const double sigma = 0.01;
    // Hann 256, spectrum scaling: noise bin power sigma^2 * 1.5 / 256; a centred tone A^2 / 4.
    const double amplitude = std::sqrt(4 * 100 * sigma * sigma * 1.5 / 256);
    auto x = noise(3 * 8000, sigma, 3);
    for (std::size_t i = 4800; i < x.size(); ++i)
        x[i] += float(amplitude * std::sin(2 * std::numbers::pi * 1000 * double(i) / kFs));
    const auto src = wavOf(dir, x);
    Shape profile = rect(0, 0.5, 0, 4000, ShapeEffect::Gain);
    profile.noiseProfile = true;
    Shape dn = rect(0.6, 3, 0, 4000, ShapeEffect::Denoise);
    dn.reductionDb = 12;
    const auto y = exported(*src, {profile, dn});
    EXPECT_NEAR(20 * std::log10(std::abs(component(y, 1000, 8000, 20000)) / amplitude), 0, 1.0);
    // The noise away from the tone (bins more than 100 Hz from it), 1 to 2.5 s.
    EXPECT_NEAR(bandDb(y, 1.0, 2.5, 900, 1100, true) - bandDb(x, 1.0, 2.5, 900, 1100, true), -12,
                1.0);
    EXPECT_NEAR(levelDb(y, 0, 0.4), levelDb(x, 0, 0.4), 0.01); // the profile changes nothing
}

// Without a profile, denoise takes the region's own floor: white noise drops by the limit.
TEST(Effects, DenoiseWithoutAProfileUsesTheRegionsFloor) {
    TempDir dir;
    const auto x = noise(2 * 8000, 0.01, 4);
    const auto src = wavOf(dir, x);
    Shape dn = rect(-1, 3, 0, 4000, ShapeEffect::Denoise);
    dn.reductionDb = 10;
    const auto y = exported(*src, {dn});
    EXPECT_NEAR(levelDb(y, 0.2, 1.8) - levelDb(x, 0.2, 1.8), -10, 1.0);
}

// Effects reach two frames per shape into neighbouring frames: blocks of 64 hops and of
// 2^18 samples must give the same samples (each block reads that margin), and playing a
// range gives exactly the export's samples there.
TEST(Effects, BlocksAndRangesMatchTheWholeExport) {
    TempDir dir;
    const auto x = noiseWithBurst();
    const auto src = wavOf(dir, x);
    Shape dn = rect(0.2, 2.8, 500, 3000, ShapeEffect::Denoise);
    Shape gain = rect(1.0, 2.0, 0, 1000, ShapeEffect::Gain);
    gain.gainDb = -6;
    const std::vector<Shape> shapes{gain, rect(1.38, 1.62, 0, 4000, ShapeEffect::Attenuate), dn,
                                    rect(2.3, 2.35, 0, 4000, ShapeEffect::Replace)};
    const auto whole = exported(*src, shapes);
    const auto small = exported(*src, shapes, 64 * 64);
    ASSERT_EQ(whole.size(), small.size());
    for (std::size_t i = 0; i < whole.size(); ++i)
        ASSERT_NEAR(small[i], whole[i], 1e-6) << i;
    JobControl job;
    const auto range = renderRange(*src, StftParams::make(parseWindow("hann"), 256, 192), shapes,
                                   1.3, 1.7, true, job);
    ASSERT_EQ(range.samples.size(), std::size_t(0.4 * kFs));
    for (std::size_t i = 0; i < range.samples.size(); ++i)
        ASSERT_NEAR(range.samples[i], whole[std::size_t(range.firstFrame) + i], 1e-6) << i;
}

// The edited view applies effects too: the burst's tile levels come down to the
// surroundings' within a few dB (maxima of single cells, not means).
TEST(Effects, TheEditedViewShowsThem) {
    TempDir dir;
    const auto src = wavOf(dir, noiseWithBurst());
    const auto params = StftParams::make(parseWindow("hann"), 256, 192);
    TileComputer before(src, params, -1);
    TileComputer after(src, params, -1, {rect(1.38, 1.62, 0, 4000, ShapeEffect::Attenuate)});
    JobControl job;
    const Tile a = before.compute(0, 0, 0, {0}, true, job).front();
    const Tile b = after.compute(0, 0, 0, {0}, true, job).front();
    auto meanDb = [](const Tile& t, int c0, int c1) {
        double sum = 0;
        for (int c = c0; c < c1; ++c)
            for (int r = 0; r < t.bins; ++r)
                sum += t.at(c, r);
        return sum / ((c1 - c0) * t.bins);
    };
    // Frames are 8 ms apart: the burst's frames are 175-200, quiet ones 60-160.
    EXPECT_GT(meanDb(a, 178, 197) - meanDb(a, 60, 160), 25);
    EXPECT_NEAR(meanDb(b, 178, 197), meanDb(b, 60, 160), 2.0);
}

TEST(Effects, ProjectFileKeepsThemAndRefusesBadValues) {
    TempDir dir;
    Project p;
    p.source = "x.wav";
    Shape a = rect(0, 1, 0, 100, ShapeEffect::Attenuate);
    a.amount = 0.25;
    Shape d = rect(0, 1, 0, 100, ShapeEffect::Denoise);
    d.reductionDb = 18;
    Shape n = rect(0, 1, 0, 100, ShapeEffect::Gain);
    n.noiseProfile = true;
    Shape r = rect(0, 1, 0, 100, ShapeEffect::Replace);
    r.fillFrom = FillFrom::Both;
    p.shapes = {a, d, n, r};
    saveProject(p, dir.file("p.specedit.json"));
    const auto back = loadProject(dir.file("p.specedit.json")).shapes;
    ASSERT_EQ(back.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_EQ(back[i], p.shapes[i]) << i;
    const std::pair<const char*, const char*> bad[] = {
        {R"("effect": "blur")", "unknown effect \"blur\""},
        {R"("effect": 3)", "effect"},
        {R"("effect": "attenuate", "amount": 1.5)", "amount 1.5"},
        {R"("effect": "denoise", "reduction_db": 0)", "reduction_db 0"},
        {R"("noise_profile": "yes")", "noise_profile"},
        {R"("effect": "replace", "fill_from": "space")", "unknown fill_from \"space\""},
        {R"("effect": "denoise", "mode": "isolate")", "isolate mode with effect denoise"}};
    for (const auto& [keys, message] : bad) {
        const std::string text =
            std::string(R"({"version": 1, "source": "x.wav", "shapes": [{"type": "rect", )"
                        R"("t0": 0, "t1": 1, "f0": 49, "f1": 51, )") +
            keys + "}]}";
        specedit::test::writeBytes(dir.file("bad.specedit.json"), text.data(), text.size());
        try {
            loadProject(dir.file("bad.specedit.json"));
            ADD_FAILURE() << keys;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("shapes[0]"), std::string::npos) << e.what();
        }
    }
}

TEST(Effects, ShapesWithoutSurroundingsOrTooLargeAreRefused) {
    TempDir dir;
    const auto src = wavOf(dir, noise(8000, 0.01, 5));
    try {
        exported(*src, {rect(-1, 2, 0, 4000, ShapeEffect::Attenuate)});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("shapes[0]"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("no recording before or after it"), std::string::npos)
            << e.what();
    }
    // 580 s at an 8 ms hop: 72,500 frames x 129 bins, more than 8 million cells.
    SignalInfo info;
    info.sampleRate = kFs;
    info.frames = 600 * 8000;
    info.channels = 1;
    info.sampleType = SampleType::Float32;
    {
        SignalWriter w(dir.file("long.wav"), info, {});
        std::vector<float> zeros(8000);
        for (int s = 0; s < 600; ++s)
            w.write(zeros.data(), 8000);
        w.finish();
    }
    const auto longSrc = openRecording(dir.file("long.wav"), {});
    try {
        exported(*longSrc, {rect(10, 590, 0, 4000, ShapeEffect::Replace)});
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("replace covers"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("attenuate for longer regions"), std::string::npos)
            << e.what();
    }
}

// A block reads kEffectReach (3) extra frames per smoothing shape near it, none for those
// far away (at 8 ms a frame: 0.2-0.4 s is frames 24-51, 2.5-2.7 s frames 311-339).
TEST(Effects, BlocksReadMarginsOnlyForShapesNearThem) {
    TempDir dir;
    const auto src = wavOf(dir, noise(3 * 8000, 0.01, 7));
    const Stft<float> stft(StftParams::make(parseWindow("hann"), 256, 192, {}, kFs));
    const std::vector<Shape> shapes{rect(0.2, 0.4, 0, 4000, ShapeEffect::Denoise),
                                    rect(2.5, 2.7, 0, 4000, ShapeEffect::Attenuate),
                                    rect(1.0, 1.05, 0, 4000, ShapeEffect::Replace)};
    JobControl job;
    const SpectralEffects fx(*src, stft, shapes, -1, job);
    ASSERT_TRUE(fx.active());
    EXPECT_EQ(fx.margin(0, 10), 0);
    EXPECT_EQ(fx.margin(0, 20), 3);    // within 6 frames of the first shape
    EXPECT_EQ(fx.margin(100, 200), 0); // the replace shape needs no neighbours
    EXPECT_EQ(fx.margin(330, 340), 3);
    EXPECT_EQ(fx.margin(0, 375), 6);
}
