// Each kind of evidence about what a file is, tested alone (core/io/Recognizer).

#include "io/Recognizer.h"

#include "TestUtil.h"
#include "util/Error.h"

#include <cstring>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;
using specedit::test::writeBytes;

namespace {

std::string fileWith(const TempDir& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir.file(name);
    writeBytes(path, bytes.data(), bytes.size());
    return path;
}

} // namespace

TEST(Recognizer, HeaderSniffingTellsEmptySoundTextAndBinaryApart) {
    TempDir dir;
    EXPECT_EQ(sniffHeader(fileWith(dir, "e.cu8", "")).kind, HeaderEvidence::Kind::Empty);
    const auto wav = sniffHeader(fileWith(dir, "x.bin", std::string("RIFF\0\0\0\0WAVE", 12)));
    EXPECT_EQ(wav.kind, HeaderEvidence::Kind::SoundFile);
    EXPECT_EQ(wav.container, "WAV");
    EXPECT_EQ(sniffHeader(fileWith(dir, "x.flac", "fLaC....")).container, "FLAC");
    EXPECT_EQ(sniffHeader(fileWith(dir, "x.wav", "RF64....")).container, "RF64");
    const auto text = sniffHeader(fileWith(dir, "notes.wav", "hello\nworld, this is not audio"));
    EXPECT_EQ(text.kind, HeaderEvidence::Kind::Text);
    EXPECT_EQ(text.textStart, "hello world, this is not audio"); // line breaks as spaces
    EXPECT_EQ(text.size, 30u);
    EXPECT_EQ(sniffHeader(fileWith(dir, "x.raw", std::string("\x01\x80\xff\x00", 4))).kind,
              HeaderEvidence::Kind::Binary);
    EXPECT_EQ(sniffHeader(fileWith(dir, "x.sdriq", std::string(40, '\x01'))).kind,
              HeaderEvidence::Kind::Sdriq);
    expectError([&] { sniffHeader(dir.file("missing.cu8")); }, {"missing.cu8", "cannot be read"});
}

TEST(Recognizer, ExtensionsNameSoundFilesAndGenericRawSamples) {
    EXPECT_TRUE(hasSoundExtension("a/b/Take 1.WAV"));
    EXPECT_TRUE(hasSoundExtension("x.flac"));
    EXPECT_FALSE(hasSoundExtension("x.cu8"));
    EXPECT_FALSE(hasSoundExtension("wav"));
    for (const char* name : {"x.raw", "x.IQ", "x.bin", "x.dat"})
        EXPECT_TRUE(hasGenericRawExtension(name)) << name;
    EXPECT_FALSE(hasGenericRawExtension("x.cf32"));
}

TEST(Recognizer, RawSamplesTakeTheUserThenTheNameThenTheExtension) {
    // The extension alone.
    auto r = recognizeRaw("capture.cs16", {});
    ASSERT_TRUE(r.layout.value);
    EXPECT_EQ(r.layout.value->type, SampleType::Int16);
    EXPECT_EQ(r.layout.from, "extension");
    EXPECT_FALSE(r.sampleRate.value);
    // rtl_433's name: the type from the extension, rate and centre from the name.
    r = recognizeRaw("g001_433.92M_250k.cu8", {});
    EXPECT_EQ(r.layout.value->type, SampleType::UInt8);
    EXPECT_EQ(*r.sampleRate.value, 250e3);
    EXPECT_EQ(r.sampleRate.from, "file name");
    EXPECT_EQ(*r.centerFrequency.value, 433.92e6);
    // A type token in the name beats a generic extension.
    r = recognizeRaw("sdr_4MHz_cf32.iq", {});
    EXPECT_EQ(r.layout.value->type, SampleType::Float32);
    EXPECT_EQ(r.layout.from, "file name");
    EXPECT_EQ(*r.sampleRate.value, 4e6);
    // Nothing known about a generic name.
    EXPECT_FALSE(recognizeRaw("capture.dat", {}).layout.value);
    // The user wins over all of them.
    OpenOptions user;
    user.rawFormat = "cs8";
    user.sampleRate = 1e6;
    user.centerFrequency = 868e6;
    r = recognizeRaw("g001_433.92M_250k.cu8", user);
    EXPECT_EQ(r.layout.value->type, SampleType::Int8);
    EXPECT_EQ(r.layout.from, "user");
    EXPECT_EQ(*r.sampleRate.value, 1e6);
    EXPECT_EQ(r.sampleRate.from, "user");
    EXPECT_EQ(*r.centerFrequency.value, 868e6);
    user.rawFormat = "cf99";
    expectError([&] { recognizeRaw("x.cu8", user); }, {"--format", "unknown", "cf99"});
}

TEST(Recognizer, AStereoSoundFileIsIqForTheUserAnAuxiChunkOrARateNoAudioRunsAt) {
    const OpenOptions none;
    EXPECT_EQ(soundFileIqReason(2, 48000, none, false), "");
    EXPECT_EQ(soundFileIqReason(2, 384000, none, false), ""); // the fastest audio rate
    EXPECT_EQ(soundFileIqReason(2, 2e6, none, false), "rate above 384 kHz");
    EXPECT_EQ(soundFileIqReason(1, 2e6, none, false), ""); // mono is never I/Q by its rate
    EXPECT_EQ(soundFileIqReason(2, 48000, none, true), "auxi");
    OpenOptions iq;
    iq.forceIq = true;
    EXPECT_EQ(soundFileIqReason(2, 48000, iq, false), "user");
    OpenOptions audio;
    audio.forceAudio = true;
    EXPECT_EQ(soundFileIqReason(2, 2e6, audio, true), "");
}

TEST(Recognizer, UnreadableFilesAreDescribedForWhatTheyAre) {
    TempDir dir;
    HeaderEvidence h;
    h.kind = HeaderEvidence::Kind::Empty;
    expectError([&] { describeUnreadable("e.cu8", h, {}); }, {"e.cu8", "empty (0 bytes)"});
    h.kind = HeaderEvidence::Kind::SoundFile;
    h.container = "WAV";
    expectError([&] { describeUnreadable("t.wav", h, "no data chunk"); },
                {"damaged WAV file", "no data chunk"});
    h.kind = HeaderEvidence::Kind::Text;
    h.textStart = "hello";
    expectError([&] { describeUnreadable("n.wav", h, {}); },
                {"holds text", "\"hello\"", "raw samples"});
    h.kind = HeaderEvidence::Kind::Binary;
    expectError([&] { describeUnreadable("x.wav", h, "unknown format"); },
                {"named .wav but has no sound-file header"});
    try {
        describeUnreadable("x.dat", h, {});
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NeedsRawParameters);
        EXPECT_NE(std::string(e.what()).find("sample type and rate"), std::string::npos);
    }
}
