#include "io/SigmfSource.h"

#include "TestUtil.h"
#include "io/RawIqSource.h"
#include "util/Error.h"

#include <array>
#include <cstdio>
#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sndfile.h>

using namespace specedit::core;
using nlohmann::json;
using specedit::test::expectError;
using specedit::test::TempDir;
using specedit::test::writeText;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Sample bytes of a layout and the floats they must decode to. The bytes are a fixed
// pseudo-random pattern; decodeSamples itself is checked against analytic values in
// RawIqSourceTest.
struct Samples {
    Bytes bytes;
    std::vector<float> values;
};

Samples makeSamples(const RawLayout& layout, std::int64_t frames) {
    const std::size_t values = std::size_t(frames) * (layout.isComplex ? 2 : 1);
    Samples s;
    s.bytes.resize(values * bytesPerValue(layout.type));
    std::uint32_t state = 12345;
    for (auto& b : s.bytes) {
        state = state * 1103515245u + 12345u;
        b = std::uint8_t(state >> 16);
    }
    if (layout.type == SampleType::Float32 || layout.type == SampleType::Float64) {
        // Random bytes may be NaN: use small exact floats instead.
        std::vector<float> f(values);
        for (std::size_t i = 0; i < values; ++i)
            f[i] = float(int(i % 17) - 8) / 16.0f;
        encodeSamples(f.data(), values, layout, s.bytes.data());
    }
    s.values.resize(values);
    decodeSamples(s.bytes.data(), values, layout, s.values.data());
    return s;
}

json metaFor(const std::string& datatype) {
    return json{{"global",
                 {{"core:datatype", datatype},
                  {"core:sample_rate", 48000},
                  {"core:version", "1.0.0"},
                  {"core:description", "Prüfung"}}},
                {"captures",
                 {{{"core:sample_start", 0},
                   {"core:frequency", 915e6},
                   {"core:datetime", "2022-03-09T14:01:38.123Z"}}}},
                {"annotations",
                 {{{"core:sample_start", 10}, {"core:sample_count", 5}, {"core:label", "burst"}}}}};
}

void writeBytes(const std::string& path, const Bytes& bytes) {
    specedit::test::writeBytes(path, bytes.data(), bytes.size());
}

std::vector<float> readAll(const SampleSource& src) {
    std::vector<float> out(std::size_t(src.info().frames * src.info().channels));
    src.read(0, src.info().frames, out.data());
    return out;
}

// ---- hand-made tar archives ----

using Block = std::array<char, 512>;

// A ustar header; the size in octal, or in GNU base-256 form when base256 is set.
Block tarHeader(const std::string& name, std::uint64_t size, char type,
                const std::string& prefix = "", bool base256 = false) {
    Block h{};
    name.copy(h.data(), 100);
    std::snprintf(h.data() + 100, 8, "%07o", 0644);
    std::snprintf(h.data() + 108, 8, "%07o", 0);
    std::snprintf(h.data() + 116, 8, "%07o", 0);
    if (base256) {
        h[124] = char(0x80);
        for (int i = 0; i < 8; ++i) // big-endian in bytes 125..135; the upper three stay 0
            h[std::size_t(135 - i)] = char((size >> (8 * i)) & 0xFF);
    } else {
        std::snprintf(h.data() + 124, 12, "%011llo", static_cast<unsigned long long>(size));
    }
    std::snprintf(h.data() + 136, 12, "%011o", 0);
    h[156] = type;
    std::string("ustar").copy(h.data() + 257, 6);
    h[263] = '0';
    h[264] = '0';
    prefix.copy(h.data() + 345, 155);
    std::fill(h.begin() + 148, h.begin() + 156, ' ');
    unsigned sum = 0;
    for (char c : h)
        sum += static_cast<unsigned char>(c);
    std::snprintf(h.data() + 148, 8, "%06o", sum);
    return h;
}

void appendMember(Bytes& tar, const Block& header, const std::string& content) {
    tar.insert(tar.end(), header.begin(), header.end());
    tar.insert(tar.end(), content.begin(), content.end());
    tar.resize((tar.size() + 511) / 512 * 512, 0);
}

void endArchive(Bytes& tar) {
    tar.resize(tar.size() + 1024, 0);
}

// One pax record "<len> key=value\n", len counting the whole record.
std::string paxRecord(const std::string& key, const std::string& value) {
    const std::string body = " " + key + "=" + value + "\n";
    std::size_t length = body.size() + 1;
    while (std::to_string(length).size() + body.size() != length)
        ++length;
    return std::to_string(length) + body;
}

const char* const kDatatypes[] = {"cf32_le", "cf32_be", "cf64_le", "ci32_le", "ci16_le",
                                  "ci16_be", "ci8",     "cu8",     "rf32_le", "rf64_le",
                                  "ri32_le", "ri16_le", "ri8",     "ru8"};

} // namespace

TEST(Sigmf, MetaAndDataPairForEveryDatatype) {
    TempDir dir;
    for (const char* datatype : kDatatypes) {
        const RawLayout layout = *rawLayoutFromName(datatype);
        const Samples s = makeSamples(layout, 64);
        const auto base = dir.file(std::string("rec_") + datatype);
        writeText(base + ".sigmf-meta", metaFor(datatype).dump(2));
        writeBytes(base + ".sigmf-data", s.bytes);
        for (const char* ext : {".sigmf-meta", ".sigmf-data"}) {
            const auto src = openSigmf(base + ext, {});
            const SignalInfo& info = src->info();
            EXPECT_EQ(info.frames, 64) << datatype;
            EXPECT_EQ(info.channels, layout.isComplex ? 2 : 1) << datatype;
            EXPECT_EQ(info.kind, layout.isComplex ? SignalKind::Iq : SignalKind::Audio);
            EXPECT_EQ(info.sampleRate, 48000.0);
            EXPECT_EQ(info.datatype, datatype);
            EXPECT_EQ(info.container, Container::Sigmf);
            EXPECT_EQ(info.metadataOrigin, "sigmf");
            EXPECT_EQ(info.startTime, "2022-03-09T14:01:38.123Z");
            if (layout.isComplex) {
                EXPECT_EQ(info.centerFrequency, 915e6) << datatype;
            }
            EXPECT_EQ(info.sigmfMeta["annotations"][0]["core:label"], "burst");
            EXPECT_EQ(info.sigmfMeta["global"]["core:description"], "Prüfung");
            EXPECT_EQ(readAll(*src), s.values) << datatype;
        }
    }
}

TEST(Sigmf, OptionsOverrideTheMetadata) {
    TempDir dir;
    const Samples s = makeSamples(*rawLayoutFromName("cf32_le"), 8);
    const auto base = dir.file("Aufnahme_größe_ü");
    writeText(base + ".sigmf-meta", metaFor("cf32_le").dump());
    writeBytes(base + ".sigmf-data", s.bytes);
    OpenOptions options;
    options.sampleRate = 2e6;
    options.centerFrequency = 433.92e6;
    options.swapIq = true;
    const auto src = openSigmf(base + ".sigmf-meta", options);
    EXPECT_EQ(src->info().sampleRate, 2e6);
    EXPECT_EQ(src->info().centerFrequency, 433.92e6);
    EXPECT_TRUE(src->info().iqSwapped);
    const auto out = readAll(*src);
    EXPECT_EQ(out[0], s.values[1]);
    EXPECT_EQ(out[1], s.values[0]);

    // --rate stands in for a missing core:sample_rate.
    json meta = metaFor("cf32_le");
    meta["global"].erase("core:sample_rate");
    writeText(base + ".sigmf-meta", meta.dump());
    OpenOptions rateOnly;
    rateOnly.sampleRate = 1e6;
    EXPECT_EQ(openSigmf(base + ".sigmf-meta", rateOnly)->info().sampleRate, 1e6);
}

TEST(Sigmf, ArchiveIsReadInPlace) {
    TempDir dir;
    const RawLayout layout = *rawLayoutFromName("ci16_le");
    const Samples s = makeSamples(layout, 300); // 1200 bytes: not a multiple of 512
    const std::string data(s.bytes.begin(), s.bytes.end());
    const std::string meta = metaFor("ci16_le").dump();
    Bytes tar;
    appendMember(tar, tarHeader("rec/", 0, '5'), "");
    appendMember(tar, tarHeader("rec/rec.sigmf-meta", meta.size(), '0'), meta);
    appendMember(tar, tarHeader("rec/rec.sigmf-data", data.size(), '0'), data);
    endArchive(tar);
    const auto path = dir.file("rec.sigmf");
    writeBytes(path, tar);

    const auto src = openSigmf(path, {});
    EXPECT_EQ(src->info().frames, 300);
    EXPECT_EQ(src->info().container, Container::Sigmf);
    EXPECT_EQ(src->info().centerFrequency, 915e6);
    EXPECT_EQ(readAll(*src), s.values);
}

TEST(Sigmf, TarPrefixPaxAndBase256) {
    TempDir dir;
    const Samples s = makeSamples(*rawLayoutFromName("cu8"), 100);
    const std::string data(s.bytes.begin(), s.bytes.end());
    const std::string meta = metaFor("cu8").dump();
    const std::string longDir(120, 'd'); // too long for the 100-byte name field
    Bytes tar;
    appendMember(tar, tarHeader("g.sigmf-meta", meta.size(), '0', longDir), meta);
    const std::string pax =
        paxRecord("path", longDir + "/g.sigmf-data") + paxRecord("mtime", "1646834498.5");
    appendMember(tar, tarHeader("PaxHeaders/g", pax.size(), 'x'), pax);
    appendMember(tar, tarHeader("truncated-name", data.size(), '0', "", true), data);
    endArchive(tar);
    const auto path = dir.file("fancy.sigmf");
    writeBytes(path, tar);

    const auto members = listTarMembers(path);
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].name, longDir + "/g.sigmf-meta");
    EXPECT_EQ(members[0].offset, 512u);
    EXPECT_EQ(members[1].name, longDir + "/g.sigmf-data");
    EXPECT_EQ(members[1].size, data.size());
    EXPECT_EQ(readAll(*openSigmf(path, {})), s.values);
}

TEST(Sigmf, NonConformingDatasetWithHeaderBytes) {
    TempDir dir;
    const Samples s = makeSamples(*rawLayoutFromName("ci16_le"), 50);
    Bytes file(16 + s.bytes.size() + 8, 0xDD); // a recorder's header, samples and trailer
    std::fill(file.begin(), file.begin() + 16, 0xEE);
    std::copy(s.bytes.begin(), s.bytes.end(), file.begin() + 16);
    std::filesystem::create_directory(dir.path() / "raw");
    writeBytes(dir.file("raw/capture.bin"), file);
    json meta = metaFor("ci16_le");
    meta["global"]["core:dataset"] = "raw/capture.bin";
    meta["global"]["core:trailing_bytes"] = 8;
    meta["captures"][0]["core:header_bytes"] = 16;
    writeText(dir.file("capture.sigmf-meta"), meta.dump());

    const auto src = openSigmf(dir.file("capture.sigmf-meta"), {});
    EXPECT_EQ(src->info().frames, 50);
    EXPECT_EQ(readAll(*src), s.values);

    meta["captures"].push_back({{"core:sample_start", 25}, {"core:header_bytes", 16}});
    writeText(dir.file("capture.sigmf-meta"), meta.dump());
    expectError([&] { openSigmf(dir.file("capture.sigmf-meta"), {}); },
                {"capture.sigmf-meta", "captures[1]", "core:header_bytes"});
}

TEST(Sigmf, WavDatasetOpensAsSoundFile) {
    TempDir dir;
    const auto wavPath = dir.file("rec.wav");
    SF_INFO sfinfo{};
    sfinfo.samplerate = 48000;
    sfinfo.channels = 2;
    sfinfo.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* f = sf_open(wavPath.c_str(), SFM_WRITE, &sfinfo);
    ASSERT_NE(f, nullptr);
    const short pcm[] = {16384, -8192, 4096, 2048, -32768, 32767};
    sf_writef_short(f, pcm, 3);
    sf_close(f);

    json meta = metaFor("ci16_le");
    meta["global"]["core:dataset"] = "rec.wav";
    meta["global"]["core:sample_rate"] = 96000; // SigMF wins over the WAV header
    meta["captures"][0]["core:header_bytes"] = 44;
    writeText(dir.file("rec.sigmf-meta"), meta.dump());
    OpenOptions options;
    options.swapIq = true;
    const auto src = openSigmf(dir.file("rec.sigmf-meta"), options);
    EXPECT_EQ(src->info().kind, SignalKind::Iq);
    EXPECT_EQ(src->info().frames, 3);
    EXPECT_EQ(src->info().sampleRate, 96000.0);
    EXPECT_EQ(src->info().centerFrequency, 915e6);
    EXPECT_EQ(src->info().container, Container::Sigmf);
    EXPECT_EQ(src->info().metadataOrigin, "sigmf");
    EXPECT_TRUE(src->info().iqSwapped);
    const auto out = readAll(*src);
    EXPECT_EQ(out[0], -0.25f); // swapped: Q first
    EXPECT_EQ(out[1], 0.5f);
    EXPECT_EQ(out[4], 32767.0f / 32768.0f);
    EXPECT_EQ(out[5], -1.0f);

    // A mono WAV cannot hold complex samples.
    sfinfo.channels = 1;
    f = sf_open(wavPath.c_str(), SFM_WRITE, &sfinfo);
    ASSERT_NE(f, nullptr);
    sf_writef_short(f, pcm, 6);
    sf_close(f);
    expectError([&] { openSigmf(dir.file("rec.sigmf-meta"), {}); },
                {"rec.wav", "1 channels", "complex"});
}

TEST(Sigmf, MetadataErrors) {
    TempDir dir;
    const auto metaPath = dir.file("bad.sigmf-meta");
    writeBytes(dir.file("bad.sigmf-data"), Bytes(16, 0));

    writeText(metaPath, "{\"global\": {\"core:datatype\": \"cf32_le\",, }}");
    expectError([&] { openSigmf(metaPath, {}); }, {metaPath, "not valid JSON", "line 1", "column"});

    json meta = metaFor("cf32_le");
    meta["global"].erase("core:datatype");
    writeText(metaPath, meta.dump());
    expectError([&] { openSigmf(metaPath, {}); }, {metaPath, "core:datatype"});

    meta = metaFor("cf32_le");
    meta["global"].erase("core:sample_rate");
    writeText(metaPath, meta.dump());
    expectError([&] { openSigmf(metaPath, {}); }, {metaPath, "no core:sample_rate"});

    meta["global"]["core:sample_rate"] = -5;
    writeText(metaPath, meta.dump());
    expectError([&] { openSigmf(metaPath, {}); }, {metaPath, "core:sample_rate is -5"});

    writeText(metaPath, metaFor("cf16_le").dump());
    expectError([&] { openSigmf(metaPath, {}); },
                {metaPath, "unknown core:datatype \"cf16_le\"", "ci16_le", "cu8"});

    writeText(metaPath, "[1, 2]");
    expectError([&] { openSigmf(metaPath, {}); }, {metaPath, "global"});
}

TEST(Sigmf, FileErrors) {
    TempDir dir;
    writeText(dir.file("lonely.sigmf-meta"), metaFor("ci8").dump());
    expectError([&] { openSigmf(dir.file("lonely.sigmf-meta"), {}); },
                {dir.file("lonely.sigmf-data"), "does not exist"});

    json meta = metaFor("ci8");
    meta["global"]["core:dataset"] = "elsewhere.bin";
    writeText(dir.file("ds.sigmf-meta"), meta.dump());
    expectError([&] { openSigmf(dir.file("ds.sigmf-meta"), {}); },
                {dir.file("elsewhere.bin"), "does not exist", "ds.sigmf-meta"});

    writeBytes(dir.file("orphan.sigmf-data"), Bytes(4, 0));
    expectError([&] { openSigmf(dir.file("orphan.sigmf-data"), {}); },
                {"orphan.sigmf-data", "no SigMF metadata", "orphan.sigmf-meta"});

    expectError([&] { openSigmf(dir.file("x.wav"), {}); }, {"x.wav", "not a SigMF file"});
    EXPECT_TRUE(isSigmfPath("a.SIGMF-META"));
    EXPECT_TRUE(isSigmfPath("a.sigmf-data"));
    EXPECT_TRUE(isSigmfPath("a.sigmf"));
    EXPECT_FALSE(isSigmfPath("a.sigmf.txt"));
}

TEST(Sigmf, ArchiveErrors) {
    TempDir dir;
    const std::string meta = metaFor("ci8").dump();
    Bytes noData;
    appendMember(noData, tarHeader("r/r.sigmf-meta", meta.size(), '0'), meta);
    endArchive(noData);
    writeBytes(dir.file("nodata.sigmf"), noData);
    expectError([&] { openSigmf(dir.file("nodata.sigmf"), {}); },
                {"nodata.sigmf", "no .sigmf-data member"});

    Bytes noMeta;
    appendMember(noMeta, tarHeader("r/r.sigmf-data", 4, '0'), "abcd");
    endArchive(noMeta);
    writeBytes(dir.file("nometa.sigmf"), noMeta);
    expectError([&] { openSigmf(dir.file("nometa.sigmf"), {}); },
                {"nometa.sigmf", "no .sigmf-meta member"});

    writeBytes(dir.file("garbage.sigmf"), Bytes(2048, 'g'));
    expectError([&] { openSigmf(dir.file("garbage.sigmf"), {}); },
                {"garbage.sigmf", "corrupt tar header"});

    Bytes cut = noMeta;
    cut.resize(512 + 2); // header claims 4 bytes, 2 remain
    writeBytes(dir.file("cut.sigmf"), cut);
    expectError([&] { listTarMembers(dir.file("cut.sigmf")); },
                {"cut.sigmf", "past the end of the archive"});

    expectError([&] { openSigmf(dir.file("missing.sigmf"), {}); },
                {"missing.sigmf", "does not exist"});
}

TEST(Sigmf, MultiChannelRecordingsAreRefusedNotMisread) {
    TempDir dir;
    json meta = metaFor("ci16_le");
    meta["global"]["core:num_channels"] = 2;
    writeText(dir.file("mc.sigmf-meta"), meta.dump());
    writeBytes(dir.file("mc.sigmf-data"), Bytes(64, 0));
    expectError([&] { openSigmf(dir.file("mc.sigmf-meta"), {}); },
                {"mc.sigmf-meta", "core:num_channels is 2"});
}
