#include "io/CocoArchive.h"

#include "TestUtil.h"
#include "io/SourceFactory.h"

#include <archive.h>
#include <archive_entry.h>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;

namespace {

struct Member {
    std::string name;
    std::vector<std::uint8_t> bytes;
};

// Writes a tar (bzip2-compressed unless told otherwise) as URH's "w:bz2" tarfile does.
void writeTar(const std::string& path, const std::vector<Member>& members, bool bzip2 = true) {
    archive* a = archive_write_new();
    if (bzip2)
        archive_write_add_filter_bzip2(a);
    archive_write_set_format_pax_restricted(a);
    ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
    for (const auto& m : members) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, m.name.c_str());
        archive_entry_set_size(e, la_int64_t(m.bytes.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(a, e);
        archive_write_data(a, m.bytes.data(), m.bytes.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
}

// A complex tone at 0.01 cycles per sample as interleaved float32.
std::vector<float> tone(int frames) {
    std::vector<float> iq;
    for (int n = 0; n < frames; ++n) {
        iq.push_back(float(std::cos(2 * std::numbers::pi * 0.01 * n)));
        iq.push_back(float(std::sin(2 * std::numbers::pi * 0.01 * n)));
    }
    return iq;
}

std::vector<std::uint8_t> bytesOf(const std::vector<float>& v) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(v.data());
    return {p, p + v.size() * sizeof(float)};
}

} // namespace

TEST(CocoArchive, OpensAsItsComplexFloatMemberWithTheNamesMetadata) {
    TempDir dir;
    const auto samples = tone(5000);
    const std::string coco = dir.file("remote_433.92M_2Msps.coco");
    writeTar(coco, {{"remote.complex", bytesOf(samples)}});
    const auto before = specedit::test::readBytes(coco);
    OpenOptions options;
    options.cacheDir = dir.file("cache");
    const auto src = openRecording(coco, options);
    const SignalInfo& info = src->info();
    EXPECT_EQ(info.kind, SignalKind::Iq);
    EXPECT_EQ(info.frames, 5000);
    EXPECT_EQ(info.sampleRate, 2e6);
    ASSERT_TRUE(info.centerFrequency);
    EXPECT_EQ(*info.centerFrequency, 433.92e6);
    EXPECT_EQ(info.origins.sampleRate, "file name");
    EXPECT_EQ(info.origins.sampleType, "extension");
    std::vector<float> out(samples.size());
    src->read(0, 5000, out.data());
    EXPECT_EQ(out, samples);
    EXPECT_EQ(specedit::test::readBytes(coco), before); // the recording is never changed

    // Unpacked once: the second opening reuses the cache file.
    const auto cached = std::filesystem::directory_iterator(options.cacheDir)->path();
    const auto stamp = std::filesystem::last_write_time(cached);
    const auto again = openRecording(coco, options);
    EXPECT_EQ(std::filesystem::last_write_time(cached), stamp);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(options.cacheDir),
                            std::filesystem::directory_iterator()),
              1);
}

TEST(CocoArchive, MemberNameGivesTypeAndRateWhenTheArchiveNameDoesNot) {
    TempDir dir;
    std::vector<std::uint8_t> cs16(4000, 0);
    const std::string coco = dir.file("capture.coco");
    writeTar(coco, {{"capture_250ksps.complex32s", cs16}});
    OpenOptions options;
    options.cacheDir = dir.file("cache");
    const auto src = openRecording(coco, options);
    EXPECT_EQ(src->info().sampleType, SampleType::Int16);
    EXPECT_EQ(src->info().frames, 1000);
    EXPECT_EQ(src->info().sampleRate, 250e3);
}

TEST(CocoArchive, BrokenArchivesSayWhatIsWrong) {
    TempDir dir;
    OpenOptions options;
    options.cacheDir = dir.file("cache");
    const std::string text = dir.file("notes.coco");
    specedit::test::writeBytes(text, "just some text\n", 15);
    expectError([&] { openRecording(text, options); }, {"notes.coco", ".coco archive"});

    const std::string two = dir.file("two.coco");
    writeTar(two, {{"a.complex", bytesOf(tone(10))}, {"b.complex", bytesOf(tone(10))}});
    expectError([&] { openRecording(two, options); }, {"two.coco", "holds 2 files", "exactly one"});

    const std::string full = dir.file("full.coco");
    writeTar(full, {{"a.complex", bytesOf(tone(20000))}});
    auto bytes = specedit::test::readBytes(full);
    const std::string cut = dir.file("cut_2Msps.coco");
    specedit::test::writeBytes(cut, bytes.data(), bytes.size() / 2);
    expectError([&] { openRecording(cut, options); }, {"cut_2Msps.coco", "truncated"});
    // Nothing half-written is left in the cache.
    EXPECT_FALSE(std::filesystem::exists(options.cacheDir) &&
                 !std::filesystem::is_empty(options.cacheDir));
}
