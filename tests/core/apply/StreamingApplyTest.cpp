#include "apply/StreamingApply.h"

#include "TestUtil.h"
#include "apply/RangeRender.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "io/WavAuxi.h"
#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

constexpr double kFs = 2e6;

// Complex noise plus tones at +100 kHz (amplitude 0.3) and -300 kHz (0.2), as cf32.
std::vector<float> iqSignal(std::int64_t n) {
    std::mt19937 rng(1);
    std::normal_distribution<double> g(0, 0.01);
    std::vector<float> v(std::size_t(2 * n));
    for (std::int64_t i = 0; i < n; ++i) {
        const double t = double(i) / kFs;
        const auto x = std::polar(0.3, 2 * std::numbers::pi * 100e3 * t) +
                       std::polar(0.2, -2 * std::numbers::pi * 300e3 * t) +
                       std::complex<double>(g(rng), g(rng));
        v[std::size_t(2 * i)] = float(x.real());
        v[std::size_t(2 * i + 1)] = float(x.imag());
    }
    return v;
}

SignalInfo iqInfo(std::int64_t n, SampleType type = SampleType::Float32) {
    SignalInfo info;
    info.kind = SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = kFs;
    info.frames = n;
    info.sampleType = type;
    info.centerFrequency = 100e6;
    return info;
}

std::string writeFixture(const std::string& path, const SignalInfo& info,
                         const std::vector<float>& v) {
    SignalWriter w(path, info, {});
    w.write(v.data(), info.frames);
    w.finish();
    return path;
}

std::vector<float> readAll(const std::string& path, const OpenOptions& opt = {}) {
    const auto src = openRecording(path, opt);
    std::vector<float> v(std::size_t(src->info().frames * src->info().channels));
    src->read(0, src->info().frames, v.data());
    return v;
}

double maxRelativeError(const std::vector<float>& a, const std::vector<float>& b) {
    double err = 0, peak = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        err = std::max(err, double(std::abs(a[i] - b[i])));
        peak = std::max(peak, double(std::abs(a[i])));
    }
    return err / peak;
}

OpenOptions iqOpen(std::optional<double> center = std::nullopt) {
    OpenOptions o;
    o.sampleRate = kFs;
    o.centerFrequency = center;
    return o;
}

ApplyReport run(const std::string& in, const std::string& out, const std::vector<Shape>& shapes,
                ApplyOptions opt = {}, const OpenOptions& open = {}) {
    const auto src = openRecording(in, open);
    SignalWriter writer(out, src->info(), {});
    JobControl job;
    const auto params = StftParams::make(parseWindow("hann"), 1024, 768);
    const auto report = applyMask(*src, params, shapes, writer, job, opt);
    writer.finish();
    return report;
}

Shape band(double f0, double f1) {
    Shape s;
    s.t0 = -1;
    s.t1 = 100;
    s.f0 = f0;
    s.f1 = f1;
    return s;
}

} // namespace

TEST(StreamingApply, NullEditGivesTheInputBackForIq) {
    TempDir dir;
    const std::int64_t n = 300001; // not a multiple of anything
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(n), iqSignal(n));
    const auto out = dir.file("out.cf32");
    ApplyOptions opt;
    opt.blockSamples = 1 << 16;
    const auto report = run(in, out, {}, opt, iqOpen());
    EXPECT_EQ(report.frames, n);
    EXPECT_GT(report.blocks, 3);
    const auto a = readAll(in, iqOpen());
    const auto b = readAll(out, iqOpen());
    ASSERT_EQ(a.size(), b.size());
    EXPECT_LT(maxRelativeError(a, b), 1e-5);
}

TEST(StreamingApply, NullEditGivesEveryAudioChannelBack) {
    TempDir dir;
    SignalInfo info;
    info.channels = 3;
    info.sampleRate = 44100;
    info.frames = 100000;
    info.sampleType = SampleType::Float32;
    std::vector<float> v(std::size_t(3 * info.frames));
    std::mt19937 rng(2);
    std::uniform_real_distribution<float> u(-0.5f, 0.5f);
    for (auto& x : v)
        x = u(rng);
    const auto in = writeFixture(dir.file("in.wav"), info, v);
    run(in, dir.file("out.wav"), {});
    const auto b = readAll(dir.file("out.wav"));
    ASSERT_EQ(b.size(), v.size());
    EXPECT_LT(maxRelativeError(v, b), 1e-5);
}

TEST(StreamingApply, RemovingABandRemovesItsToneOnly) {
    TempDir dir;
    const std::int64_t n = 200000;
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(n), iqSignal(n));
    Shape remove = band(100e6 + 80e3, 100e6 + 120e3); // absolute: centre + 100 kHz
    remove.gainDb = kMinusInfinityDb;
    run(in, dir.file("out.cf32"), {remove}, {}, iqOpen(100e6));
    const auto b = readAll(dir.file("out.cf32"), iqOpen());
    // Away from the edges the output is the -300 kHz tone plus noise outside the band.
    double err = 0;
    for (std::int64_t i = 5000; i < n - 5000; ++i) {
        const auto expected = std::polar(0.2, -2 * std::numbers::pi * 300e3 * double(i) / kFs);
        const std::complex<double> got(b[std::size_t(2 * i)], b[std::size_t(2 * i + 1)]);
        err = std::max(err, std::abs(got - expected));
    }
    EXPECT_LT(err, 0.06); // the noise (sigma 0.01 per component) is all that remains
}

TEST(StreamingApply, BlockSizeDoesNotChangeTheResult) {
    TempDir dir;
    const std::int64_t n = 150000;
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(n), iqSignal(n));
    Shape s = band(-200e3, 150e3);
    s.gainDb = -12;
    s.featherHz = 20e3;
    s.t0 = 0.01;
    s.t1 = 0.05;
    s.featherS = 0.002;
    ApplyOptions small, large;
    small.blockSamples = 1; // clamps to 64 hops
    large.blockSamples = 1 << 22;
    run(in, dir.file("a.cf32"), {s}, small, iqOpen());
    run(in, dir.file("b.cf32"), {s}, large, iqOpen());
    EXPECT_LT(maxRelativeError(readAll(dir.file("a.cf32"), iqOpen()),
                               readAll(dir.file("b.cf32"), iqOpen())),
              1e-6);
}

TEST(StreamingApply, CancelLeavesNoOutput) {
    TempDir dir;
    const std::int64_t n = 400000;
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(n), iqSignal(n));
    const auto out = dir.file("out.cf32");
    {
        const auto src = openRecording(in, iqOpen());
        SignalWriter writer(out, src->info(), {});
        JobControl* self = nullptr;
        JobControl job([&self](double f) {
            if (f > 0.2)
                self->cancel();
        });
        self = &job;
        ApplyOptions opt;
        opt.blockSamples = 1 << 15;
        EXPECT_THROW(
            applyMask(*src, StftParams::make(parseWindow("hann"), 1024, 768), {}, writer, job, opt),
            Cancelled);
    }
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(StreamingApply, NanSamplesAreReportedWithTheirIndex) {
    TempDir dir;
    const std::int64_t n = 20000;
    auto v = iqSignal(n);
    v[2 * 12345 + 1] = std::nanf("");
    const auto in = writeFixture(dir.file("nan.cf32"), iqInfo(n), v);
    try {
        ApplyOptions opt;
        opt.sourceName = in;
        run(in, dir.file("out.cf32"), {}, opt, iqOpen());
        FAIL();
    } catch (const Error& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("sample 12345 (channel 1) is NaN"), std::string::npos) << msg;
        EXPECT_NE(msg.find("nan.cf32"), std::string::npos) << msg;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.cf32")));
}

TEST(StreamingApply, IqWavKeepsItsAuxiChunkAndInt16) {
    TempDir dir;
    const std::int64_t n = 50000;
    const auto in = writeFixture(dir.file("in.wav"), iqInfo(n, SampleType::Int16), iqSignal(n));
    const auto auxiIn = readAuxi(in);
    ASSERT_TRUE(auxiIn.has_value());
    EXPECT_EQ(*auxiIn->centerFrequency, 100e6);
    run(in, dir.file("out.wav"), {});
    const auto src = openRecording(dir.file("out.wav"), {});
    EXPECT_EQ(src->info().kind, SignalKind::Iq);
    EXPECT_EQ(src->info().sampleType, SampleType::Int16);
    EXPECT_EQ(*src->info().centerFrequency, 100e6);
    EXPECT_EQ(readAuxi(dir.file("out.wav"))->raw, auxiIn->raw);
}

TEST(StreamingApply, ClippingIsCounted) {
    TempDir dir;
    const std::int64_t n = 50000;
    const auto in = writeFixture(dir.file("in.wav"), iqInfo(n, SampleType::Int16), iqSignal(n));
    Shape boost = band(99e6, 101e6);
    boost.gainDb = 20; // 0.5 peak -> 5
    const auto report = run(in, dir.file("loud.wav"), {boost});
    EXPECT_GT(report.clippedValues, n / 2);
}

TEST(SignalWriter, RefusesToOverwriteTheSource) {
    TempDir dir;
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(1000), iqSignal(1000));
    const auto before = specedit::test::readBytes(in);
    try {
        run(in, in, {}, {}, iqOpen());
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("is the source recording"), std::string::npos);
    }
    EXPECT_EQ(specedit::test::readBytes(in), before);
}

TEST(SignalWriter, UnknownExtensionIsExplained) {
    TempDir dir;
    try {
        SignalWriter w(dir.file("out.xyz"), iqInfo(10), {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown output file type '.xyz'"), std::string::npos);
    }
}

TEST(RangeRender, EditedStretchEqualsTheSameStretchOfTheFullExport) {
    TempDir dir;
    const std::int64_t n = 200000;
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(n), iqSignal(n));
    Shape remove = band(100e6 + 80e3, 100e6 + 120e3);
    remove.t0 = 0.02;
    remove.t1 = 0.06;
    remove.gainDb = kMinusInfinityDb;
    run(in, dir.file("full.cf32"), {remove}, {}, iqOpen(100e6));
    const auto full = readAll(dir.file("full.cf32"), iqOpen());
    const auto src = openRecording(in, iqOpen(100e6));
    JobControl job;
    const auto params = StftParams::make(parseWindow("hann"), 1024, 768);
    const auto part = renderRange(*src, params, {remove}, 0.03, 0.05, true, job);
    ASSERT_EQ(part.firstFrame, 60000);
    ASSERT_EQ(part.samples.size(), std::size_t(2 * 40000));
    double err = 0;
    for (std::size_t i = 0; i < part.samples.size(); ++i)
        err = std::max(err, double(std::abs(part.samples[i] - full[std::size_t(2 * 60000) + i])));
    EXPECT_LT(err, 1e-4); // frame grids differ by the range's start: float rounding only
    const auto original = renderRange(*src, params, {remove}, 0.03, 0.05, false, job);
    EXPECT_EQ(original.samples[0], readAll(in, iqOpen())[2 * 60000]);
    EXPECT_THROW(renderRange(*src, params, {}, 0.5, 0.5, true, job), Error);
}

// A shape for channel 1 of a stereo recording removes its tone there only: channel 0 comes
// back as it was (to rounding), channel 1 loses the 1 kHz tone and keeps the 3 kHz one.
TEST(StreamingApply, ShapeForOneChannelLeavesTheOthersAlone) {
    TempDir dir;
    SignalInfo info;
    info.channels = 2;
    info.sampleRate = 16000;
    info.frames = 32000;
    info.sampleType = SampleType::Float32;
    std::vector<float> v(std::size_t(2 * info.frames));
    auto tone = [](double f, std::int64_t i) {
        return 0.3 * std::sin(2 * std::numbers::pi * f * double(i) / 16000.0);
    };
    for (std::int64_t i = 0; i < info.frames; ++i) {
        v[std::size_t(2 * i)] = float(tone(1000, i) + tone(3000, i));
        v[std::size_t(2 * i + 1)] = float(tone(1000, i) + tone(3000, i));
    }
    const auto in = writeFixture(dir.file("in.wav"), info, v);
    Shape remove = band(800, 1200);
    remove.gainDb = kMinusInfinityDb;
    remove.channel = 1;
    run(in, dir.file("out.wav"), {remove});
    const auto b = readAll(dir.file("out.wav"));
    double err0 = 0, err1 = 0;
    for (std::int64_t i = 2000; i < info.frames - 2000; ++i) {
        err0 = std::max(err0, double(std::abs(b[std::size_t(2 * i)] - v[std::size_t(2 * i)])));
        err1 = std::max(err1, std::abs(double(b[std::size_t(2 * i + 1)]) - tone(3000, i)));
    }
    EXPECT_LT(err0, 1e-5);
    EXPECT_LT(err1, 0.01);
    // A channel the recording does not have is refused, naming the shape.
    remove.channel = 2;
    specedit::test::expectError(
        [&] {
            run(in, dir.file("bad.wav"), {band(0, 1), remove});
        },
        {"shapes[1]", "applies to channel 2", "has 2 channels"});
}

// A tone removed from the whole recording is gone at its ends too. The frames over the ends
// used to see it cut off by zeros, spread over every bin, and the edit kept that spread: the
// first and last milliseconds still held the tone (11 times the noise between, as scipy's
// stft/istft gives too). Now the recording is continued past its ends by linear prediction,
// and frames past the last sample take the mask there. IQ (complex) and audio (real) both.
TEST(StreamingApply, ARemovedToneIsGoneAtTheEndsToo) {
    TempDir dir;
    const std::int64_t n = 200000; // 0.1 s
    const auto in = writeFixture(dir.file("in.cf32"), iqInfo(n), iqSignal(n));
    Shape remove = band(100e6 + 80e3, 100e6 + 120e3);
    remove.t0 = 0; // exactly the recording: its first and last samples
    remove.t1 = double(n - 1) / kFs;
    remove.gainDb = kMinusInfinityDb;
    run(in, dir.file("out.cf32"), {remove}, {}, iqOpen(100e6));
    const auto b = readAll(dir.file("out.cf32"), iqOpen());
    auto worst = [&](std::int64_t from, std::int64_t to) {
        double err = 0;
        for (std::int64_t i = from; i < to; ++i) {
            const auto expected = std::polar(0.2, -2 * std::numbers::pi * 300e3 * double(i) / kFs);
            const std::complex<double> got(b[std::size_t(2 * i)], b[std::size_t(2 * i + 1)]);
            err = std::max(err, std::abs(got - expected));
        }
        return err;
    };
    EXPECT_LT(worst(0, 512), 0.06);     // the noise alone, as in the middle
    EXPECT_LT(worst(n - 512, n), 0.06); // (before: 0.3, the removed tone)
    EXPECT_LT(worst(5000, n - 5000), 0.06);

    // Audio: 0.5 s of a 1 kHz tone (0.15) in faint noise at 16 kHz, the tone's band removed.
    const double fs = 16000;
    const std::int64_t m = 8000;
    SignalInfo info;
    info.sampleRate = fs;
    info.frames = m;
    std::mt19937 rng(3);
    std::normal_distribution<double> g(0, 0.003);
    std::vector<float> audio(static_cast<std::size_t>(m));
    for (std::int64_t i = 0; i < m; ++i)
        audio[std::size_t(i)] =
            float(0.15 * std::sin(2 * std::numbers::pi * 1000 * double(i) / fs) + g(rng));
    writeFixture(dir.file("tone.wav"), info, audio);
    Shape tone = band(700, 1300);
    tone.t0 = 0;
    tone.t1 = double(m - 1) / fs;
    tone.gainDb = kMinusInfinityDb;
    run(dir.file("tone.wav"), dir.file("clean.wav"), {tone});
    const auto clean = readAll(dir.file("clean.wav"));
    auto rms = [&](std::int64_t from, std::int64_t to) {
        double sum = 0;
        for (std::int64_t i = from; i < to; ++i)
            sum += double(clean[std::size_t(i)]) * double(clean[std::size_t(i)]);
        return std::sqrt(sum / double(to - from));
    };
    const double middle = rms(2000, 6000);
    EXPECT_LT(middle, 0.005);
    EXPECT_LT(rms(0, 64), 2 * middle);
    EXPECT_LT(rms(m - 64, m), 2 * middle);
}
