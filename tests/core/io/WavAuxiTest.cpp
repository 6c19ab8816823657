#include "io/WavAuxi.h"

#include "TestUtil.h"
#include "io/SndfileSource.h"
#include "util/Error.h"

#include <functional>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;

namespace {

using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& b, unsigned v) {
    b.push_back(std::uint8_t(v));
    b.push_back(std::uint8_t(v >> 8));
}

void put32(Bytes& b, std::uint32_t v) {
    put16(b, v & 0xFFFF);
    put16(b, v >> 16);
}

void put64(Bytes& b, std::uint64_t v) {
    put32(b, std::uint32_t(v & 0xFFFFFFFF));
    put32(b, std::uint32_t(v >> 32));
}

void putId(Bytes& b, const char* id) {
    b.insert(b.end(), id, id + 4);
}

// A chunk: id, 32-bit size (or the given override), payload and the pad byte for odd sizes.
Bytes chunk(const char* id, const Bytes& payload, std::optional<std::uint32_t> size = {}) {
    Bytes b;
    putId(b, id);
    put32(b, size.value_or(std::uint32_t(payload.size())));
    b.insert(b.end(), payload.begin(), payload.end());
    if (payload.size() % 2 == 1)
        b.push_back(0);
    return b;
}

// A WAVE file with the given magic ("RIFF", "RF64", "BW64") and chunks.
Bytes wave(const char* magic, const std::vector<Bytes>& chunks) {
    Bytes body;
    putId(body, "WAVE");
    for (const auto& c : chunks)
        body.insert(body.end(), c.begin(), c.end());
    Bytes file;
    putId(file, magic);
    put32(file, std::string(magic) == "RIFF" ? std::uint32_t(body.size()) : 0xFFFFFFFFu);
    file.insert(file.end(), body.begin(), body.end());
    return file;
}

// fmt chunk of 16-bit PCM stereo at the given rate.
Bytes fmtChunk(std::uint32_t rate) {
    Bytes p;
    put16(p, 1);
    put16(p, 2);
    put32(p, rate);
    put32(p, rate * 4);
    put16(p, 4);
    put16(p, 16);
    return chunk("fmt ", p);
}

void putSystemTime(Bytes& b, unsigned y, unsigned mo, unsigned dow, unsigned d, unsigned h,
                   unsigned mi, unsigned s, unsigned ms) {
    for (unsigned v : {y, mo, dow, d, h, mi, s, ms})
        put16(b, v);
}

// The SDRuno/SDR#/HDSDR auxi payload of the given length (36, 68 or 164 bytes).
Bytes binaryAuxi(std::size_t length) {
    Bytes b;
    putSystemTime(b, 2022, 3, 3, 9, 14, 1, 38, 0);   // Wednesday 2022-03-09 14:01:38.000
    putSystemTime(b, 2022, 3, 3, 9, 14, 2, 38, 250); // one minute and 250 ms later
    put32(b, 7050000);                               // CenterFreq
    put32(b, 192000);                                // ADFrequency
    put32(b, 0);                                     // IFFrequency
    put32(b, 150000);                                // Bandwidth
    put32(b, 0);                                     // IQOffset
    for (int i = 0; i < 4; ++i)
        put32(b, 0);
    const std::string next = "SDRuno_20220309_140238Z_7050kHz.wav";
    b.insert(b.end(), next.begin(), next.end());
    b.resize(164, 0);
    b.resize(length);
    return b;
}

Bytes utf16le(const std::u16string& text, bool bom) {
    Bytes b;
    if (bom)
        put16(b, 0xFEFF);
    for (char16_t c : text)
        put16(b, c);
    return b;
}

// What SDR Console 3 writes (taken from a recording's auxi, shortened), UTF-16 encoded.
const std::u16string kSdrConsoleXml =
    u"<?xml version=\"1.0\"?>\r\n<SDR-XML-Root xml:lang=\"EN\" Description=\"Saved recording "
    u"data\" Created=\"20-Jan-2020 01:50\"><Definition CurrentTimeUTC=\"20-01-2020 01:50:24\" "
    u"Filename=\"19-Jan-2020 175024.012 162.550MHz.wav\" RadioModel=\"RTL Dongle - R820T\" "
    u"SoftwareName=\"SDR Console\" UTC=\"20-01-2020 01:50:24\" XMLLevel=\"XMLLevel003\" "
    u"CreatedBy=\"Jürgen on PC\" TimeZoneStatus=\"1\" BitsPerSample=\"16\" "
    u"BytesPerSecond=\"10000000\" RadioCenterFreq=\"162550000\" SampleRate=\"2500000\" "
    u"UTCSeconds=\"1579485024\"></Definition></SDR-XML-Root>\r\n";

std::string writeFile(const TempDir& dir, const std::string& name, const Bytes& bytes) {
    const auto path = dir.file(name);
    specedit::test::writeBytes(path, bytes.data(), bytes.size());
    return path;
}

} // namespace

TEST(RiffChunks, ListsChunksWithOffsetsAndPadding) {
    TempDir dir;
    const Bytes junk = {1, 2, 3}; // odd size: followed by a pad byte
    const auto path =
        writeFile(dir, "plain.wav",
                  wave("RIFF", {fmtChunk(48000), chunk("junk", junk),
                                chunk("auxi", binaryAuxi(164)), chunk("data", Bytes(400, 0))}));
    const auto chunks = scanRiffChunks(path);
    ASSERT_EQ(chunks.size(), 4u);
    EXPECT_EQ(chunks[0].id, "fmt ");
    EXPECT_EQ(chunks[0].offset, 20u);
    EXPECT_EQ(chunks[0].size, 16u);
    EXPECT_EQ(chunks[1].id, "junk");
    EXPECT_EQ(chunks[1].offset, 44u);
    EXPECT_EQ(chunks[1].size, 3u);
    EXPECT_EQ(chunks[2].id, "auxi");
    EXPECT_EQ(chunks[2].offset, 56u); // 44 + 3 + pad + 8
    EXPECT_EQ(chunks[3].id, "data");
    EXPECT_EQ(chunks[3].size, 400u);
    // The hand-made file is a valid WAV for libsndfile too.
    const SndfileSource sound(path);
    EXPECT_EQ(sound.info().frames, 100);
}

TEST(RiffChunks, Rf64TakesTheDataSizeFromDs64) {
    TempDir dir;
    const std::uint64_t hugeData = 5'000'000'000ull; // larger than 32 bits; not in the file
    Bytes ds64;
    put64(ds64, hugeData + 100); // riffSize
    put64(ds64, hugeData);       // dataSize
    put64(ds64, hugeData / 4);   // sampleCount
    put32(ds64, 0);              // table length
    const auto path = writeFile(dir, "big.rf64",
                                wave("RF64", {chunk("ds64", ds64), fmtChunk(2000000),
                                              chunk("data", Bytes(64, 0), 0xFFFFFFFFu)}));
    const auto chunks = scanRiffChunks(path);
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].id, "ds64");
    EXPECT_EQ(chunks[2].id, "data");
    EXPECT_EQ(chunks[2].size, hugeData);
    EXPECT_EQ(chunks[2].offset, 12u + 36u + 24u + 8u);
}

TEST(RiffChunks, Bw64SeeksOverDataToAnAuxiChunk) {
    TempDir dir;
    Bytes ds64;
    put64(ds64, 0);
    put64(ds64, 64); // the data chunk's true size
    put64(ds64, 16);
    put32(ds64, 0);
    const auto path = writeFile(dir, "after.wav",
                                wave("BW64", {chunk("ds64", ds64), fmtChunk(48000),
                                              chunk("data", Bytes(64, 0x55), 0xFFFFFFFFu),
                                              chunk("auxi", binaryAuxi(164))}));
    const auto chunks = scanRiffChunks(path);
    ASSERT_EQ(chunks.size(), 4u);
    EXPECT_EQ(chunks[2].size, 64u);
    EXPECT_EQ(chunks[3].id, "auxi");
    const auto auxi = readAuxi(path);
    ASSERT_TRUE(auxi);
    EXPECT_EQ(*auxi->centerFrequency, 7050000.0);
}

TEST(RiffChunks, NonRiffAndBrokenFiles) {
    TempDir dir;
    EXPECT_TRUE(scanRiffChunks(writeFile(dir, "text.wav", Bytes(100, 'x'))).empty());
    EXPECT_TRUE(scanRiffChunks(writeFile(dir, "tiny.wav", Bytes{'R', 'I', 'F', 'F'})).empty());
    EXPECT_FALSE(readAuxi(writeFile(dir, "noauxi.wav", wave("RIFF", {fmtChunk(8000)}))));

    const auto missing = dir.file("missing.wav");
    expectError([&] { scanRiffChunks(missing); }, {missing, "does not exist"});

    Bytes cut = wave("RIFF", {fmtChunk(8000)});
    putId(cut, "data"); // a chunk header cut off after its id
    cut[4] = 100;       // the RIFF size claims more than the file holds
    const auto truncated = writeFile(dir, "truncated.wav", cut);
    expectError([&] { scanRiffChunks(truncated); }, {truncated, "cut off"});
}

TEST(AuxiParse, SdrunoLayout164And68And36Bytes) {
    for (std::size_t length : {164u, 68u, 36u}) {
        const AuxiInfo info = parseAuxi(binaryAuxi(length));
        EXPECT_EQ(info.flavour, "sdruno");
        ASSERT_TRUE(info.centerFrequency) << length;
        EXPECT_EQ(*info.centerFrequency, 7050000.0);
        EXPECT_EQ(info.startTime, "2022-03-09T14:01:38Z");
        EXPECT_EQ(info.stopTime, "2022-03-09T14:02:38.250Z");
        EXPECT_EQ(info.raw.size(), length);
        EXPECT_EQ(info.sampleRate.has_value(), length >= 40) << length;
        EXPECT_EQ(info.bandwidth.has_value(), length >= 48) << length;
    }
    const AuxiInfo full = parseAuxi(binaryAuxi(164));
    EXPECT_EQ(*full.sampleRate, 192000.0);
    EXPECT_EQ(*full.bandwidth, 150000.0);
}

TEST(AuxiParse, ZeroOrInvalidTimesAreUnknown) {
    Bytes b = binaryAuxi(164);
    std::fill(b.begin(), b.begin() + 16, 0); // StartTime all zero
    b[16 + 2] = 13;                          // StopTime month 13
    const AuxiInfo info = parseAuxi(b);
    EXPECT_EQ(info.startTime, "");
    EXPECT_EQ(info.stopTime, "");
    EXPECT_EQ(*info.centerFrequency, 7050000.0);
    std::fill(b.begin() + 32, b.begin() + 36, 0);
    EXPECT_FALSE(parseAuxi(b).centerFrequency);
}

TEST(AuxiParse, TooShortIsAnError) {
    expectError([] { parseAuxi(Bytes(20, 0x07)); }, {"auxi", "20 bytes", "too short"});
    expectError([] { parseAuxi(Bytes{}); }, {"too short"});
    TempDir dir;
    const auto path =
        writeFile(dir, "short.wav", wave("RIFF", {fmtChunk(8000), chunk("auxi", Bytes(20, 7))}));
    expectError([&] { readAuxi(path); }, {path, "auxi chunk", "too short"});
}

TEST(AuxiParse, SdrConsoleUtf16Xml) {
    for (bool bom : {false, true}) {
        Bytes b = utf16le(kSdrConsoleXml, bom);
        put16(b, 0); // SDR Console ends the text with a NUL character
        const AuxiInfo info = parseAuxi(b);
        EXPECT_EQ(info.flavour, "sdrconsole-xml");
        ASSERT_TRUE(info.centerFrequency);
        EXPECT_EQ(*info.centerFrequency, 162550000.0);
        ASSERT_TRUE(info.sampleRate);
        EXPECT_EQ(*info.sampleRate, 2500000.0);
        EXPECT_EQ(info.startTime, "2020-01-20T01:50:24Z");
        EXPECT_EQ(info.raw, b);
    }
}

TEST(AuxiParse, SdrConsoleXmlVariants) {
    // Without UTCSeconds the UTC attribute (DD-MM-YYYY) gives the time; CurrentTimeUTC must not
    // be mistaken for UTC.
    const std::u16string noSeconds =
        u"<SDR-XML-Root><Definition CurrentTimeUTC=\"01-01-1999 00:00:00\" "
        u"UTC=\"04-01-2023 13:03:07\" CurrentFrequency=\"500512500\"/></SDR-XML-Root>";
    const AuxiInfo a = parseAuxi(utf16le(noSeconds, false));
    EXPECT_EQ(a.startTime, "2023-01-04T13:03:07Z");
    EXPECT_EQ(*a.centerFrequency, 500512500.0);
    EXPECT_FALSE(a.sampleRate);

    // 8-bit XML, ISO time, odd spacing.
    const std::string eightBit =
        "<?xml version=\"1.0\"?><SDR-XML-Root><Definition "
        "DateTimeUTC = '2021-06-01T10:20:30Z' RadioCenterFreq=\"88500000\" "
        "SampleRate=\"192000\"/></SDR-XML-Root>";
    const AuxiInfo b = parseAuxi(Bytes(eightBit.begin(), eightBit.end()));
    EXPECT_EQ(b.flavour, "sdrconsole-xml");
    EXPECT_EQ(b.startTime, "2021-06-01T10:20:30Z");
    EXPECT_EQ(*b.centerFrequency, 88500000.0);
    EXPECT_EQ(*b.sampleRate, 192000.0);

    // XML without anything useful is not an error, just empty.
    const AuxiInfo c = parseAuxi(utf16le(u"<SDR-XML-Root Foo=\"bar\"/>", false));
    EXPECT_FALSE(c.centerFrequency);
    EXPECT_EQ(c.startTime, "");
}

TEST(AuxiParse, ReadsSdrConsoleAuxiFromAWavFile) {
    TempDir dir;
    const auto path =
        writeFile(dir, "19-Jan-2020 175024.012 162.550MHz.wav",
                  wave("RIFF", {fmtChunk(2500000), chunk("auxi", utf16le(kSdrConsoleXml, false)),
                                chunk("data", Bytes(16, 0))}));
    const auto info = readAuxi(path);
    ASSERT_TRUE(info);
    EXPECT_EQ(*info->centerFrequency, 162550000.0);
    EXPECT_EQ(info->startTime, "2020-01-20T01:50:24Z");
}

TEST(AuxiMake, BuildsA164ByteChunkThatParsesBack) {
    const Bytes b = makeSdrunoAuxi(100e6, 2e6, "2022-03-09T14:01:38Z", 61.25);
    ASSERT_EQ(b.size(), 164u);
    EXPECT_EQ(b[4], 3); // Wednesday
    EXPECT_EQ(b[5], 0);
    const AuxiInfo info = parseAuxi(b);
    EXPECT_EQ(*info.centerFrequency, 100e6);
    EXPECT_EQ(*info.sampleRate, 2e6);
    EXPECT_EQ(info.startTime, "2022-03-09T14:01:38Z");
    EXPECT_EQ(info.stopTime, "2022-03-09T14:02:39.250Z");

    // Across midnight and a month end.
    const AuxiInfo late = parseAuxi(makeSdrunoAuxi(1e3, 48e3, "2024-02-29T23:59:59.500Z", 1.0));
    EXPECT_EQ(late.startTime, "2024-02-29T23:59:59.500Z");
    EXPECT_EQ(late.stopTime, "2024-03-01T00:00:00.500Z");

    const AuxiInfo unknown = parseAuxi(makeSdrunoAuxi(7e6, 48e3, "", 10));
    EXPECT_EQ(unknown.startTime, "");

    // SigMF-style microseconds are cut to milliseconds.
    const AuxiInfo micro = parseAuxi(makeSdrunoAuxi(1e6, 2e6, "2022-03-09T14:01:38.123456Z", 0));
    EXPECT_EQ(micro.startTime, "2022-03-09T14:01:38.123Z");

    // What the chunk cannot hold is stored as 0, the format's "unknown"; nothing throws.
    const AuxiInfo high = parseAuxi(makeSdrunoAuxi(5.8e9, 2e6, "yesterday", 1));
    EXPECT_FALSE(high.centerFrequency);
    EXPECT_EQ(*high.sampleRate, 2e6);
    EXPECT_EQ(high.startTime, "");
    EXPECT_EQ(parseAuxi(makeSdrunoAuxi(1e6, -5, "2022-13-01T00:00:00Z", 1)).sampleRate,
              std::nullopt);
    EXPECT_EQ(parseAuxi(makeSdrunoAuxi(1e6, 1, "2022-13-01T00:00:00Z", 1)).startTime, "");
}

TEST(AuxiParse, NonAsciiWavName) {
    TempDir dir;
    const auto path = writeFile(
        dir, "Aufnahme_größe_ü.wav",
        wave("RIFF", {fmtChunk(48000), chunk("auxi", binaryAuxi(68)), chunk("data", Bytes(8, 0))}));
    const auto info = readAuxi(path);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->startTime, "2022-03-09T14:01:38Z");
}

TEST(RiffScan, ABogusHugeChunkSizeEndsTheScanInsteadOfLooping) {
    TempDir dir;
    // A 'junk' chunk claiming 4 GiB in a small file, then more bytes: the scan must stop.
    const auto path =
        writeFile(dir, "bogus.wav",
                  wave("RIFF", {fmtChunk(48000), chunk("junk", Bytes(16, 0), 0xFFFFFFF0u),
                                chunk("data", Bytes(8, 0))}));
    const auto chunks = scanRiffChunks(path);
    ASSERT_EQ(chunks.size(), 2u);
    EXPECT_EQ(chunks.back().id, "junk");
}
