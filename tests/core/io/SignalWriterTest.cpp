#include "io/SignalWriter.h"

#include "TestUtil.h"
#include "io/SourceFactory.h"
#include "io/WavAuxi.h"
#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

// A ramp through [-0.9, 0.9] on every channel, distinct per channel.
std::vector<float> ramp(std::int64_t frames, int channels) {
    std::vector<float> v(std::size_t(frames * channels));
    for (std::int64_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            v[std::size_t(i * channels + c)] =
                float(0.9 * std::sin(0.01 * double(i) + c) * (c % 2 ? -1 : 1));
    return v;
}

SignalInfo info(SignalKind kind, int channels, SampleType type) {
    SignalInfo s;
    s.kind = kind;
    s.channels = channels;
    s.sampleRate = 48000;
    s.frames = 3000;
    s.sampleType = type;
    if (kind == SignalKind::Iq)
        s.centerFrequency = 7.1e6;
    return s;
}

struct Case {
    const char* file;
    SignalKind kind;
    int channels;
    SampleType type;
    double tolerance;
};

} // namespace

TEST(SignalWriter, EveryOutputFormatReadsBackAsWritten) {
    const Case cases[] = {
        {"a.cf32", SignalKind::Iq, 2, SampleType::Float32, 0},
        {"a.cf64", SignalKind::Iq, 2, SampleType::Float64, 1e-7},
        {"a.cs16", SignalKind::Iq, 2, SampleType::Int16, 1.0 / 32768},
        {"a.cs8", SignalKind::Iq, 2, SampleType::Int8, 1.0 / 128},
        {"a.cu8", SignalKind::Iq, 2, SampleType::UInt8, 1.0 / 128},
        {"iq.wav", SignalKind::Iq, 2, SampleType::Int16, 1.0 / 32768},
        {"iq.sigmf-meta", SignalKind::Iq, 2, SampleType::Int16, 1.0 / 32768},
        {"five.wav", SignalKind::Audio, 5, SampleType::Float32, 0},
        {"a.flac", SignalKind::Audio, 2, SampleType::Int16, 1.0 / 32768},
        {"a.aiff", SignalKind::Audio, 1, SampleType::Int24, 1.0 / 8e6},
        {"a.w64", SignalKind::Audio, 3, SampleType::Int16, 1.0 / 32768},
        {"a.ogg", SignalKind::Audio, 1, SampleType::Float32, 0.05},
        {"Tonspur_äöü.wav", SignalKind::Audio, 1, SampleType::Int16, 1.0 / 32768},
    };
    TempDir dir;
    for (const auto& c : cases) {
        const auto path = dir.file(c.file);
        const auto like = info(c.kind, c.channels, c.type);
        const auto values = ramp(like.frames, c.channels);
        {
            SignalWriter w(path, like, {});
            w.write(values.data(), like.frames);
            w.finish();
            EXPECT_EQ(w.clippedValues(), 0) << c.file;
        }
        OpenOptions open;
        open.sampleRate = 48000; // raw files carry no rate
        const auto src = openRecording(path, open);
        EXPECT_EQ(src->info().kind, c.kind) << c.file;
        EXPECT_EQ(src->info().channels, c.channels) << c.file;
        ASSERT_EQ(src->info().frames, like.frames) << c.file;
        if (c.kind == SignalKind::Iq && std::string(c.file).find(".c") == std::string::npos) {
            EXPECT_EQ(src->info().centerFrequency.value_or(0), 7.1e6) << c.file;
        }
        std::vector<float> back(values.size());
        src->read(0, like.frames, back.data());
        double err = 0;
        for (std::size_t i = 500 * std::size_t(c.channels); i < values.size(); ++i)
            err = std::max(err, double(std::abs(back[i] - values[i])));
        EXPECT_LE(err, c.tolerance + 1e-9) << c.file;
    }
}

TEST(SignalWriter, IqWavWithoutAuxiGetsOneHoldingTheCentreFrequency) {
    TempDir dir;
    const auto path = dir.file("x.wav");
    SignalWriter w(path, info(SignalKind::Iq, 2, SampleType::Int16), {});
    const auto v = ramp(3000, 2);
    w.write(v.data(), 3000);
    w.finish();
    const auto auxi = readAuxi(path);
    ASSERT_TRUE(auxi.has_value());
    EXPECT_EQ(auxi->centerFrequency.value_or(0), 7.1e6);
}

TEST(SignalWriter, ClippingIsCountedForIntegerOutput) {
    TempDir dir;
    auto like = info(SignalKind::Audio, 1, SampleType::Int16);
    like.frames = 4;
    SignalWriter w(dir.file("c.wav"), like, {});
    const float v[] = {0.5f, 1.5f, -2.0f, 0.0f};
    w.write(v, 4);
    w.finish();
    EXPECT_EQ(w.clippedValues(), 2);
    const auto src = openRecording(dir.file("c.wav"), {});
    float back[4];
    src->read(0, 4, back);
    EXPECT_NEAR(back[1], 32767.0 / 32768.0, 1e-6); // saturated, not wrapped
    EXPECT_EQ(back[2], -1.0f);
}

TEST(SignalWriter, FailedExportLeavesNothing) {
    TempDir dir;
    {
        SignalWriter w(dir.file("never.cs16"), info(SignalKind::Iq, 2, SampleType::Int16), {});
        const auto v = ramp(100, 2);
        w.write(v.data(), 100);
        // destroyed without finish(): an error or a cancel happened
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    EXPECT_THROW(parseSampleType("int12"), Error);
}
