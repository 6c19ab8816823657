#include "io/SndfileSource.h"

#include "TestUtil.h"
#include "io/SourceFactory.h"
#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <sndfile.h>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

// A 3-channel test signal: channel c is a sine of frequency 100 (c + 1) Hz at 8 kHz, 0.5 peak.
float sample(std::int64_t i, int c) {
    return float(0.5 * std::sin(2 * std::numbers::pi * 100.0 * (c + 1) * double(i) / 8000.0));
}

void writeSoundFile(const std::string& path, int format, int channels, std::int64_t frames) {
    SF_INFO info{};
    info.samplerate = 8000;
    info.channels = channels;
    info.format = format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    ASSERT_NE(f, nullptr) << sf_strerror(nullptr);
    std::vector<float> buf(std::size_t(frames * channels));
    for (std::int64_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            buf[std::size_t(i * channels + c)] = sample(i, c);
    sf_writef_float(f, buf.data(), frames);
    sf_close(f);
}

struct FormatCase {
    const char* name;
    int format;
    double tolerance;
};

} // namespace

TEST(SndfileSource, ReadsEveryContainerWithRandomAccess) {
    const FormatCase cases[] = {
        {"a.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1.0 / 32768},
        {"a.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 1.0 / 8e6},
        {"a.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 1.0 / 32768},
        {"a.w64", SF_FORMAT_W64 | SF_FORMAT_FLOAT, 1e-7},
        {"a.rf64", SF_FORMAT_RF64 | SF_FORMAT_PCM_16, 1.0 / 32768},
        {"a.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 0.05},
        {"Aufnahme größe ü.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 1e-7},
    };
    TempDir dir;
    for (const auto& fc : cases) {
        const auto path = dir.file(fc.name);
        writeSoundFile(path, fc.format, 3, 8000);
        const SndfileSource src(path);
        EXPECT_EQ(src.info().channels, 3) << fc.name;
        EXPECT_EQ(src.info().frames, 8000) << fc.name;
        EXPECT_EQ(src.info().sampleRate, 8000.0) << fc.name;
        EXPECT_EQ(src.info().kind, SignalKind::Audio);
        // A range that starts before 0 and one in the middle.
        std::vector<float> out(std::size_t(10 * 3));
        src.read(-5, 10, out.data());
        for (int c = 0; c < 3; ++c) {
            EXPECT_EQ(out[std::size_t(c)], 0.0f) << fc.name;
            EXPECT_NEAR(out[std::size_t(7 * 3 + c)], sample(2, c), fc.tolerance) << fc.name;
        }
        src.read(4000, 10, out.data());
        for (int i = 0; i < 10; ++i)
            EXPECT_NEAR(out[std::size_t(i * 3 + 2)], sample(4000 + i, 2), fc.tolerance) << fc.name;
    }
}

TEST(SndfileSource, ReadsPastTheEndAsZeros) {
    TempDir dir;
    const auto path = dir.file("short.wav");
    writeSoundFile(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 1, 100);
    const SndfileSource src(path);
    std::vector<float> out(20, 1.0f);
    src.read(95, 20, out.data());
    EXPECT_FLOAT_EQ(out[4], sample(99, 0));
    for (int i = 5; i < 20; ++i)
        EXPECT_EQ(out[std::size_t(i)], 0.0f);
}

TEST(SndfileSource, SwapExchangesFirstTwoChannels) {
    TempDir dir;
    const auto path = dir.file("iq.wav");
    writeSoundFile(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 2, 100);
    SndfileSource src(path);
    src.setSwapFirstTwoChannels(true);
    float out[2];
    src.read(10, 1, out);
    EXPECT_FLOAT_EQ(out[0], sample(10, 1));
    EXPECT_FLOAT_EQ(out[1], sample(10, 0));
}

namespace {
std::string openError(const std::string& path) {
    return specedit::test::errorMessage([&] { SndfileSource src(path); });
}
} // namespace

TEST(SndfileSource, BadFilesGetSpecificErrors) {
    TempDir dir;
    EXPECT_NE(openError(dir.file("nope.wav")).find("does not exist"), std::string::npos);
    specedit::test::writeBytes(dir.file("empty.wav"), "", 0);
    EXPECT_NE(openError(dir.file("empty.wav")).find("file is empty"), std::string::npos);
    specedit::test::writeBytes(dir.file("text.wav"), "this is not audio at all", 24);
    const auto msg = openError(dir.file("text.wav"));
    EXPECT_NE(msg.find("text.wav"), std::string::npos);
    EXPECT_NE(msg.find("cannot read as a sound file"), std::string::npos) << msg;
    EXPECT_NE(openError(dir.path().string()).find("directory"), std::string::npos);
}

TEST(SndfileSource, TruncatedDataIsReadAsFarAsItGoesAndSaid) {
    TempDir dir;
    const auto path = dir.file("cut.wav");
    writeSoundFile(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2, 10000);
    std::filesystem::resize_file(path, 44 + 4 * 5000); // half the data chunk
    // libsndfile alone clamps the frame count to the bytes present; reading stays in bounds.
    const SndfileSource src(path);
    EXPECT_LE(src.info().frames, 5000);
    std::vector<float> out(2 * 100);
    EXPECT_NO_THROW(src.read(src.info().frames - 50, 100, out.data()));
    EXPECT_EQ(out[2 * 99], 0.0f);
    // Opened as a recording, the part before the cut is read (as sox does), and what is wrong
    // is said: the writer made 10000 frames at 8 kHz (1.25 s), 5000 (0.625 s) are left.
    const auto recording = openRecording(path, {});
    EXPECT_EQ(recording->info().frames, 5000);
    EXPECT_EQ(recording->info().damage,
              "truncated: the file holds 0.625 s of the 1.250 s its header declares (20000 of "
              "40000 data bytes), as when a recorder stops abruptly; what is there is read");
    // A complete file has nothing to say.
    writeSoundFile(dir.file("whole.wav"), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2, 100);
    EXPECT_EQ(openRecording(dir.file("whole.wav"), {})->info().damage, "");
}

// A recorder that wrote the header and stopped: the error says what the header declares.
TEST(SndfileSource, AHeaderWithoutItsDataSaysWhatItDeclares) {
    TempDir dir;
    const auto path = dir.file("header.wav");
    writeSoundFile(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2, 10000);
    std::filesystem::resize_file(path, 44);
    specedit::test::expectError([&] { SndfileSource src(path); },
                                {"header.wav", "holds no samples",
                                 "its header declares 40000 data bytes, 1.25 s, but the file "
                                 "ends with the header: the recording was cut off"});
}

TEST(SndfileSource, UnreadableAuxiChunkLeavesPlainStereoAudio) {
    TempDir dir;
    const auto path = dir.file("odd.wav");
    writeSoundFile(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 2, 100);
    // Append a too-short auxi chunk after the data (libsndfile ignores unknown chunks).
    const char chunk[] = {'a', 'u', 'x', 'i', 4, 0, 0, 0, 1, 2, 3, 4};
    {
        std::ofstream out(path, std::ios::binary | std::ios::app);
        out.write(chunk, sizeof(chunk));
    }
    const auto src = openRecording(path, {});
    EXPECT_EQ(src->info().kind, SignalKind::Audio);
    EXPECT_EQ(src->info().channels, 2);
}
