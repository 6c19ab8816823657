#include "io/RawIqSource.h"

#include "TestUtil.h"
#include "io/SourceFactory.h"
#include "util/Error.h"

#include <bit>
#include <cmath>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <numbers>
#include <thread>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;

namespace {

// Appends the low `bytes` bytes of bits in the given byte order (written by hand, so the
// fixtures do not depend on the encoder under test).
void appendBytes(std::vector<std::uint8_t>& out, std::uint64_t bits, int bytes, bool big) {
    for (int i = 0; i < bytes; ++i) {
        const int shift = 8 * (big ? bytes - 1 - i : i);
        out.push_back(std::uint8_t(bits >> shift));
    }
}

// A fixture: file bytes and the exact floats a correct decoder must produce.
struct Fixture {
    std::vector<std::uint8_t> bytes;
    std::vector<float> expected;
};

// Value v (I and Q counted separately) of a ramp of integer codes covering the type's range,
// or of a complex tone (I = cos, Q = sin of 0.05 cycles per frame) for float types.
Fixture makeFixture(const RawLayout& layout, std::size_t values) {
    Fixture f;
    const bool big = layout.bigEndian;
    for (std::size_t v = 0; v < values; ++v) {
        const double phase = 2 * std::numbers::pi * 0.05 * double(layout.isComplex ? v / 2 : v);
        const double tone = (layout.isComplex && v % 2 == 1) ? std::sin(phase) : std::cos(phase);
        switch (layout.type) {
        case SampleType::Int8: {
            const int code = int((v * 37) % 256) - 128;
            appendBytes(f.bytes, std::uint64_t(code), 1, big);
            f.expected.push_back(float(code) / 128.0f);
            break;
        }
        case SampleType::UInt8: {
            const int code = int((v * 37) % 256);
            appendBytes(f.bytes, std::uint64_t(code), 1, big);
            f.expected.push_back((float(code) - 127.5f) / 128.0f);
            break;
        }
        case SampleType::Int16: {
            const int code = int((v * 1237) % 65536) - 32768;
            appendBytes(f.bytes, std::uint64_t(code), 2, big);
            f.expected.push_back(float(code) / 32768.0f);
            break;
        }
        case SampleType::UInt16: { // URH's .complex32u: offset binary, (x - 32767.5) / 32768
            const int code = int((v * 1237) % 65536);
            appendBytes(f.bytes, std::uint64_t(code), 2, big);
            f.expected.push_back(float((code - 32767.5) / 32768.0));
            break;
        }
        case SampleType::Int32: {
            // Multiples of 2^16 from -2^31: exactly representable after scaling to float.
            const std::int64_t code = (std::int64_t((v * 97) % 65536) - 32768) * 65536;
            appendBytes(f.bytes, std::uint64_t(code), 4, big);
            f.expected.push_back(float(double(code) / 2147483648.0));
            break;
        }
        case SampleType::Float32:
            appendBytes(f.bytes, std::bit_cast<std::uint32_t>(float(tone)), 4, big);
            f.expected.push_back(float(tone));
            break;
        case SampleType::Float64:
            // Rounded to float first, so that decode and encode are both exact.
            appendBytes(f.bytes, std::bit_cast<std::uint64_t>(double(float(tone))), 8, big);
            f.expected.push_back(float(tone));
            break;
        default:
            ADD_FAILURE() << "no fixture for this type";
        }
    }
    return f;
}

const char* const kAllFormats[] = {
    "cf32_le", "cf32_be", "cf64_le", "cf64_be", "ci32_le", "ci32_be", "ci16_le", "ci16_be",
    "ci8",     "cu8",     "rf32_le", "rf32_be", "rf64_le", "rf64_be", "ri32_le", "ri32_be",
    "ri16_le", "ri16_be", "ri8",     "ru8",     "cu16_le", "cu16_be", "ru16_le", "ru16_be"};

} // namespace

TEST(RawLayout, NamesAndAliases) {
    for (const char* name : kAllFormats) {
        const auto layout = rawLayoutFromName(name);
        ASSERT_TRUE(layout) << name;
        EXPECT_EQ(sigmfDatatypeName(*layout), name);
    }
    const auto cs16 = rawLayoutFromName("cs16");
    ASSERT_TRUE(cs16);
    EXPECT_EQ(cs16->type, SampleType::Int16);
    EXPECT_TRUE(cs16->isComplex);
    EXPECT_FALSE(cs16->bigEndian);
    EXPECT_EQ(sigmfDatatypeName(*rawLayoutFromName("fc32")), "cf32_le");
    EXPECT_EQ(sigmfDatatypeName(*rawLayoutFromName("CF32")), "cf32_le");
    EXPECT_EQ(sigmfDatatypeName(*rawLayoutFromName("sc16")), "ci16_le");
    EXPECT_EQ(sigmfDatatypeName(*rawLayoutFromName("cs8")), "ci8");
    EXPECT_EQ(sigmfDatatypeName(*rawLayoutFromName("cu8")), "cu8");
    EXPECT_EQ(sigmfDatatypeName(*rawLayoutFromName("cf64")), "cf64_le");
    for (const char* bad : {"", "cf16", "ci8_le", "cu8_le", "cs32", "xyz", "cf32_xx", "c"})
        EXPECT_FALSE(rawLayoutFromName(bad)) << bad;
}

TEST(RawLayout, FromExtension) {
    const std::pair<const char*, const char*> cases[] = {{"a.cf32", "cf32_le"},
                                                         {"a.cfile", "cf32_le"},
                                                         {"a.FC32", "cf32_le"},
                                                         {"a.cf64", "cf64_le"},
                                                         {"a.cs16", "ci16_le"},
                                                         {"dir.x/a.sc16", "ci16_le"},
                                                         {"a.cs8", "ci8"},
                                                         {"a.cu8", "cu8"},
                                                         {"a.complex", "cf32_le"},
                                                         {"a.complex16s", "ci8"},
                                                         {"a.complex16u", "cu8"},
                                                         {"a.complex32s", "ci16_le"},
                                                         {"a.complex32u", "cu16_le"},
                                                         {"a.cu16", "cu16_le"}};
    for (const auto& [path, name] : cases) {
        const auto layout = rawLayoutFromExtension(path);
        ASSERT_TRUE(layout) << path;
        EXPECT_EQ(sigmfDatatypeName(*layout), name) << path;
    }
    for (const char* path : {"a.raw", "a.wav", "a", "cf32", "a.iq"})
        EXPECT_FALSE(rawLayoutFromExtension(path)) << path;
}

TEST(RawIqSource, DecodesEveryFormatExactly) {
    TempDir dir;
    for (const char* name : kAllFormats) {
        const RawLayout layout = *rawLayoutFromName(name);
        const int ch = layout.isComplex ? 2 : 1;
        const std::int64_t frames = 300;
        const Fixture f = makeFixture(layout, std::size_t(frames * ch));
        const auto path = dir.file(std::string("x.") + name);
        specedit::test::writeBytes(path, f.bytes.data(), f.bytes.size());

        const RawIqSource src(path, layout, 48000.0, 1e6);
        EXPECT_EQ(src.info().frames, frames) << name;
        EXPECT_EQ(src.info().channels, ch) << name;
        EXPECT_EQ(src.info().kind, layout.isComplex ? SignalKind::Iq : SignalKind::Audio);
        EXPECT_EQ(src.info().datatype, name);
        EXPECT_EQ(src.info().sampleType, layout.type);
        EXPECT_EQ(src.info().container, Container::RawIq);
        EXPECT_EQ(src.info().sampleRate, 48000.0);
        EXPECT_EQ(src.info().centerFrequency.has_value(), layout.isComplex) << name;

        std::vector<float> out(f.expected.size());
        src.read(0, frames, out.data());
        for (std::size_t i = 0; i < out.size(); ++i)
            ASSERT_EQ(out[i], f.expected[i]) << name << " value " << i;

        // decodeSamples on the same bytes, and the encoder inverts it bit for bit.
        std::vector<float> direct(f.expected.size());
        decodeSamples(f.bytes.data(), direct.size(), layout, direct.data());
        EXPECT_EQ(direct, f.expected) << name;
        std::vector<std::uint8_t> encoded(f.bytes.size());
        EXPECT_EQ(encodeSamples(direct.data(), direct.size(), layout, encoded.data()), 0u);
        EXPECT_EQ(encoded, f.bytes) << name;
    }
}

TEST(RawIqSource, ReadsAcrossBothEndsAsZeros) {
    TempDir dir;
    const RawLayout layout = *rawLayoutFromName("ci16_le");
    const Fixture f = makeFixture(layout, 20); // 10 frames
    const auto path = dir.file("ends.cs16");
    specedit::test::writeBytes(path, f.bytes.data(), f.bytes.size());
    const RawIqSource src(path, layout, 1000.0, std::nullopt);
    ASSERT_EQ(src.info().frames, 10);

    const float guard = 99.0f;
    std::vector<float> out(2 * 16 + 2, guard); // 16 frames and one guard frame
    src.read(-3, 16, out.data());
    for (std::size_t i = 0; i < 6; ++i)
        EXPECT_EQ(out[i], 0.0f) << i;
    for (std::size_t i = 0; i < 20; ++i)
        EXPECT_EQ(out[6 + i], f.expected[i]) << i;
    for (std::size_t i = 26; i < 32; ++i)
        EXPECT_EQ(out[i], 0.0f) << i;
    EXPECT_EQ(out[32], guard);
    EXPECT_EQ(out[33], guard);

    std::fill(out.begin(), out.end(), guard);
    src.read(50, 4, out.data());      // wholly past the end
    src.read(-20, 4, out.data() + 8); // wholly before the start
    for (std::size_t i = 0; i < 16; ++i)
        EXPECT_EQ(out[i], 0.0f) << i;
    EXPECT_EQ(out[16], guard);
    src.read(5, 0, out.data());
    EXPECT_EQ(out[0], 0.0f);
}

TEST(RawIqSource, SwapIqExchangesIAndQ) {
    TempDir dir;
    const float iq[] = {0.25f, -0.5f, 0.125f, 0.75f};
    const auto path = dir.file("swap.cf32");
    specedit::test::writeBytes(path, iq, sizeof(iq));
    const RawIqSource src(path, *rawLayoutFromExtension(path), 1e6, 433.92e6, true);
    EXPECT_TRUE(src.info().iqSwapped);
    EXPECT_EQ(*src.info().centerFrequency, 433.92e6);
    float out[4];
    src.read(0, 2, out);
    EXPECT_EQ(out[0], -0.5f);
    EXPECT_EQ(out[1], 0.25f);
    EXPECT_EQ(out[2], 0.75f);
    EXPECT_EQ(out[3], 0.125f);
}

TEST(RawIqSource, HeaderAndPayloadFrameTheSamples) {
    TempDir dir;
    std::vector<std::uint8_t> bytes = {0xAA, 0xBB, 0xCC};       // 3-byte header
    const std::uint8_t samples[] = {0, 64, 192, 255, 128, 128}; // cu8: 3 frames
    bytes.insert(bytes.end(), std::begin(samples), std::end(samples));
    bytes.insert(bytes.end(), {7, 7, 7, 7}); // trailing bytes outside the payload
    const auto path = dir.file("framed.bin");
    specedit::test::writeBytes(path, bytes.data(), bytes.size());
    RawLayout layout = *rawLayoutFromName("cu8");
    layout.headerBytes = 3;
    layout.payloadBytes = 6;
    const RawIqSource src(path, layout, 2.4e6, std::nullopt);
    ASSERT_EQ(src.info().frames, 3);
    float out[6];
    src.read(0, 3, out);
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(out[i], (float(samples[i]) - 127.5f) / 128.0f) << i;
}

TEST(RawIqSource, NonAsciiFileName) {
    TempDir dir;
    const float iq[] = {0.5f, -0.25f};
    const auto path = dir.file("Aufnahme_größe_ü.cf32");
    specedit::test::writeBytes(path, iq, sizeof(iq));
    const auto layout = rawLayoutFromExtension(path);
    ASSERT_TRUE(layout);
    const RawIqSource src(path, *layout, 8000.0, std::nullopt);
    float out[2];
    src.read(0, 1, out);
    EXPECT_EQ(out[0], 0.5f);
    EXPECT_EQ(out[1], -0.25f);
    expectError([&] { RawIqSource(dir.file("fehlt_ä.cf32"), *layout, 8000.0, std::nullopt); },
                {"fehlt_ä.cf32", "does not exist"});
}

TEST(RawIqSource, ConcurrentReadsAgree) {
    TempDir dir;
    const RawLayout layout = *rawLayoutFromName("ci16_le");
    const Fixture f = makeFixture(layout, 2 * 4096);
    const auto path = dir.file("threads.cs16");
    specedit::test::writeBytes(path, f.bytes.data(), f.bytes.size());
    const RawIqSource src(path, layout, 1e6, std::nullopt);
    std::vector<bool> ok(4, false);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < ok.size(); ++t) {
        threads.emplace_back([&, t] {
            std::vector<float> out(2 * 64);
            bool good = true;
            for (std::int64_t start = std::int64_t(t); start < 4096; start += 61) {
                src.read(start, 64, out.data());
                for (std::size_t i = 0; i < out.size() && start * 2 + std::int64_t(i) < 8192; ++i)
                    good = good && out[i] == f.expected[std::size_t(start * 2) + i];
            }
            ok[t] = good;
        });
    }
    for (auto& th : threads)
        th.join();
    for (std::size_t t = 0; t < ok.size(); ++t)
        EXPECT_TRUE(ok[t]) << "thread " << t;
}

TEST(RawIqSource, EncodeRoundsAndCountsClipping) {
    const float in[] = {1.0f, -1.0f, 0.1f, 2.0f, -3.0f, std::numeric_limits<float>::quiet_NaN()};
    std::int16_t out16[6];
    const std::size_t clipped16 =
        encodeSamples(in, 6, *rawLayoutFromName("ri16_le"), reinterpret_cast<std::uint8_t*>(out16));
    EXPECT_EQ(clipped16, 4u); // 1.0, 2.0, -3.0 saturate; NaN is counted and written as 0
    EXPECT_EQ(out16[0], 32767);
    EXPECT_EQ(out16[1], -32768);
    EXPECT_EQ(out16[2], 3277); // 3276.8 rounds to nearest
    EXPECT_EQ(out16[3], 32767);
    EXPECT_EQ(out16[4], -32768);
    EXPECT_EQ(out16[5], 0);

    std::uint8_t out8[6];
    EXPECT_EQ(encodeSamples(in, 6, *rawLayoutFromName("ru8"), out8), 4u);
    EXPECT_EQ(out8[0], 255);
    EXPECT_EQ(out8[1], 0); // -1.0 is (0 - 127.5) / 128 rounded: -0.5 -> 0
    EXPECT_EQ(out8[4], 0);
    EXPECT_EQ(out8[5], 128); // NaN: the zero level 127.5 rounds to even 128

    float outF[6];
    EXPECT_EQ(
        encodeSamples(in, 6, *rawLayoutFromName("rf32_le"), reinterpret_cast<std::uint8_t*>(outF)),
        0u);
    EXPECT_EQ(outF[3], 2.0f);
    EXPECT_EQ(bytesPerValue(SampleType::Int24), 3u);
    EXPECT_EQ(bytesPerValue(SampleType::Float64), 8u);
    EXPECT_EQ(bytesPerValue(SampleType::Other), 0u);
}

TEST(RawIqSource, ErrorsNameTheFileAndTheProblem) {
    TempDir dir;
    const RawLayout cs16 = *rawLayoutFromName("ci16_le");
    const auto missing = dir.file("missing.cs16");
    expectError([&] { RawIqSource(missing, cs16, 1e6, std::nullopt); },
                {missing, "does not exist"});

    const auto empty = dir.file("empty.cs16");
    specedit::test::writeBytes(empty, "", 0);
    expectError([&] { RawIqSource(empty, cs16, 1e6, std::nullopt); }, {empty, "empty"});

    const auto odd = dir.file("odd.cs16");
    const std::uint8_t ten[10] = {};
    specedit::test::writeBytes(odd, ten, sizeof(ten));
    expectError([&] { RawIqSource(odd, cs16, 1e6, std::nullopt); },
                {odd, "10 bytes", "not a whole number of samples", "sample size 4 bytes",
                 "remainder 2 bytes"});

    const auto good = dir.file("good.cs16");
    specedit::test::writeBytes(good, ten, 8);
    for (double rate : {0.0, -48000.0, std::nan(""), std::numeric_limits<double>::infinity()})
        expectError([&] { RawIqSource(good, cs16, rate, std::nullopt); },
                    {good, "sample rate", "not valid"});

    RawLayout header = cs16;
    header.headerBytes = 100;
    expectError([&] { RawIqSource(good, header, 1e6, std::nullopt); },
                {good, "header of 100 bytes", "past the end of the file (8 bytes)"});
    RawLayout payload = cs16;
    payload.headerBytes = 4;
    payload.payloadBytes = 8;
    expectError([&] { RawIqSource(good, payload, 1e6, std::nullopt); },
                {good, "payload of 8 bytes", "past the end of the file"});

    expectError([&] { RawIqSource(dir.path().string(), cs16, 1e6, std::nullopt); },
                {dir.path().string(), "directory"});
}

TEST(RawIqSource, RealUrhCaptures) {
    const std::filesystem::path dataDir(SPECEDIT_SHARED_DATA_DIR);
    const auto cs8 = dataDir / "urh_elektromaten.cs8";
    const auto cs16 = dataDir / "urh_homematic.cs16";
    if (!std::filesystem::exists(cs8) || !std::filesystem::exists(cs16))
        GTEST_SKIP() << "real captures not found in " << dataDir;

    const RawIqSource elektromaten(cs8.string(), *rawLayoutFromExtension(cs8.string()), 2e6,
                                   433.92e6);
    EXPECT_EQ(elektromaten.info().frames, 1236159);
    EXPECT_EQ(elektromaten.info().datatype, "ci8");

    const RawIqSource homematic(cs16.string(), *rawLayoutFromExtension(cs16.string()), 1e6,
                                868.3e6);
    EXPECT_EQ(homematic.info().frames, 117396);
    // Weak FSK packets: rms about 1.6 % of full scale (README of the captures).
    std::vector<float> all(std::size_t(2 * homematic.info().frames));
    homematic.read(0, homematic.info().frames, all.data());
    double sum = 0;
    for (float v : all)
        sum += double(v) * v;
    const double rms = std::sqrt(sum / double(all.size()));
    EXPECT_GT(rms, 0.005);
    EXPECT_LT(rms, 0.05);
    const auto raw = specedit::test::readBytes(cs16.string());
    EXPECT_EQ(all[0], float(std::int16_t(raw[0] | raw[1] << 8)) / 32768.0f);
}

// SDRangel's 24-bit .sdriq keeps each value in a 32-bit word: full scale is +-2^23, so a value
// of 2^22 reads 0.5 (it read 2^22 / 2^31, 48 dB low, before). 16-bit files read / 2^15.
TEST(RawIqSource, SdrangelTwentyFourBitSamplesReadAtTheirScale) {
    TempDir dir;
    for (const std::uint32_t bits : {16u, 24u}) {
        std::vector<std::uint8_t> file(32, 0);
        auto put = [&](std::size_t at, std::uint64_t v, int n) {
            for (int i = 0; i < n; ++i)
                file[at + std::size_t(i)] = std::uint8_t(v >> (8 * i));
        };
        put(0, 48000, 4);          // rate
        put(4, 7100000, 8);        // centre
        put(12, 1700000000000, 8); // start, ms
        put(20, bits, 4);
        const std::int32_t half = std::int32_t(1) << (bits - 2), quarter = -half / 2;
        for (int k = 0; k < 4; ++k) {
            const std::int32_t v = k % 2 == 0 ? half : quarter;
            const int n = bits == 16 ? 2 : 4;
            for (int i = 0; i < n; ++i)
                file.push_back(std::uint8_t(std::uint32_t(v) >> (8 * i)));
        }
        const std::string path = dir.file("rec" + std::to_string(bits) + ".sdriq");
        specedit::test::writeBytes(path, file.data(), file.size());
        const auto src = openRecording(path, {});
        ASSERT_EQ(src->info().frames, 2);
        std::vector<float> v(4);
        src->read(0, 2, v.data());
        EXPECT_FLOAT_EQ(v[0], 0.5f) << bits;
        EXPECT_FLOAT_EQ(v[1], -0.25f) << bits;
        EXPECT_DOUBLE_EQ(*src->info().centerFrequency, 7.1e6);
    }
}
