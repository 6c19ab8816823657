// Labels written and read in the formats of other tools (core/label/LabelFiles).

#include "label/LabelFiles.h"

#include "TestUtil.h"
#include "io/SourceFactory.h"
#include "util/Error.h"

#include <fstream>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::expectError;
using specedit::test::TempDir;
using specedit::test::writeText;

namespace {

std::vector<Label> someLabels() {
    Label a;
    a.id = 4;
    a.t0 = 1.25;
    a.t1 = 1.3125;
    a.f0 = 433.80e6;
    a.f1 = 434.05e6;
    a.className = "open";
    a.comment = "pressed twice, \"hard\"";
    a.snrDb = 17.5;
    Label b;
    b.id = 9;
    b.t0 = 0.5;
    b.t1 = 0.75;
    b.f0 = 433.9e6;
    b.f1 = 433.95e6;
    b.confirmed = false;
    b.confidence = 0.625;
    return {a, b};
}

void expectSameBoxes(const std::vector<Label>& got, const std::vector<Label>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_DOUBLE_EQ(got[i].t0, want[i].t0);
        EXPECT_DOUBLE_EQ(got[i].t1, want[i].t1);
        EXPECT_DOUBLE_EQ(got[i].f0, want[i].f0);
        EXPECT_DOUBLE_EQ(got[i].f1, want[i].f1);
        EXPECT_EQ(got[i].className, want[i].className);
    }
}

} // namespace

TEST(LabelFiles, CsvKeepsEveryFieldThroughQuotesAndCommas) {
    TempDir dir;
    const auto labels = someLabels();
    writeLabelFile(dir.file("l.csv"), labels, {});
    const auto back = readLabelFile(dir.file("l.csv"));
    EXPECT_EQ(back, labels);
}

TEST(LabelFiles, AudacityLabelTracksWithAndWithoutFrequencies) {
    TempDir dir;
    const auto labels = someLabels();
    writeLabelFile(dir.file("l.txt"), labels, {});
    expectSameBoxes(readLabelFile(dir.file("l.txt")), labels);
    // As Audacity writes them: a label with a spectral selection, one without, CRLF.
    writeText(dir.file("aud.txt"), "1.000000\t2.500000\tcough\r\n\\\t100.000000\t2000.000000\r\n"
                                   "3.000000\t3.500000\t\r\n");
    const auto read = readLabelFile(dir.file("aud.txt"));
    ASSERT_EQ(read.size(), 2u);
    EXPECT_EQ(read[0].className, "cough");
    EXPECT_DOUBLE_EQ(read[0].f1, 2000.0);
    EXPECT_DOUBLE_EQ(read[1].t1, 3.5);
    EXPECT_TRUE(read[1].className.empty());
    writeText(dir.file("bad.txt"), "1.0\tabc\tx\n");
    expectError([&] { readLabelFile(dir.file("bad.txt")); },
                {"bad.txt: line 1", "\"abc\" is not a number"});
    writeText(dir.file("orphan.txt"), "\\\t1\t2\n");
    expectError([&] { readLabelFile(dir.file("orphan.txt")); },
                {"line 1", "a frequency line without a label above it"});
}

TEST(LabelFiles, RavenSelectionTablesKeepTheirOtherColumns) {
    TempDir dir;
    const auto labels = someLabels();
    writeLabelFile(dir.file("l.selections.txt"), labels, {});
    expectSameBoxes(readLabelFile(dir.file("l.selections.txt")), labels);
    writeText(dir.file("raven.txt"),
              "Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\t"
              "High Freq (Hz)\tAnnotation\tDelta Time (s)\n"
              "1\tSpectrogram 1\t1\t0.5\t0.8\t1200\t3400\twren\t0.3\n");
    const auto read = readLabelFile(dir.file("raven.txt")); // a .txt with Raven's header
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].className, "wren");
    EXPECT_DOUBLE_EQ(read[0].f0, 1200.0);
    EXPECT_EQ(read[0].extra["raven:Delta Time (s)"], "0.3");
    writeText(dir.file("short.selections.txt"), "Selection\tBegin Time (s)\n1\t0.5\n");
    expectError([&] { readLabelFile(dir.file("short.selections.txt")); },
                {"has no \"End Time (s)\" column"});
}

TEST(LabelFiles, SigmfAnnotationsDescribeTheRecordingInPlace) {
    TempDir dir;
    // A raw cu8 recording at 2 MS/s; its labels go to a .sigmf-meta beside it.
    std::vector<std::uint8_t> raw(2 * 4000000, 128);
    specedit::test::writeBytes(dir.file("rec.cu8"), raw.data(), raw.size());
    LabelRecording r;
    r.sampleRate = 2e6;
    r.centerFrequency = 433.92e6;
    r.datatype = "cu8";
    r.datasetPath = dir.file("rec.cu8");
    const auto labels = someLabels();
    writeLabelFile(dir.file("rec.sigmf-meta"), labels, r);
    std::ifstream in(dir.file("rec.sigmf-meta"));
    const auto doc = nlohmann::json::parse(in);
    ASSERT_EQ(doc["annotations"].size(), 2u);
    const auto& first = doc["annotations"][0]; // sorted by sample_start: the 0.5 s label
    EXPECT_EQ(first["core:sample_start"], 1000000);
    EXPECT_EQ(first["core:sample_count"], 500000);
    EXPECT_EQ(doc["annotations"][1]["core:label"], "open");
    EXPECT_EQ(doc["global"]["core:dataset"], "rec.cu8");
    // The metadata opens the recording, and the annotations read back as the labels.
    const auto src = openRecording(dir.file("rec.sigmf-meta"), {});
    EXPECT_EQ(src->info().sampleRate, 2e6);
    EXPECT_EQ(src->info().frames, 4000000);
    EXPECT_EQ(*src->info().centerFrequency, 433.92e6);
    const auto back = readLabelFile(dir.file("rec.sigmf-meta"));
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[1], labels[0]);
    EXPECT_EQ(back[0], labels[1]);
    LabelRecording unknownRate;
    expectError([&] { writeLabelFile(dir.file("x.sigmf-meta"), labels, unknownRate); },
                {"sample rate is unknown"});
}

TEST(LabelFiles, UnknownFormatsAndBrokenFilesAreNamed) {
    TempDir dir;
    expectError([&] { writeLabelFile(dir.file("l.xlsx"), someLabels(), {}); },
                {"l.xlsx", "not a label file format", ".csv"});
    writeText(dir.file("q.csv"), "t0_s,t1_s,f0_hz,f1_hz,comment\n1,2,3,4,\"open quote\n");
    expectError([&] { readLabelFile(dir.file("q.csv")); }, {"q.csv", "malformed table"});
    writeText(dir.file("n.csv"), "t0_s,t1_s,f0_hz\n1,2,3\n");
    expectError([&] { readLabelFile(dir.file("n.csv")); }, {"has no \"f1_hz\" column"});
    writeText(dir.file("inv.csv"), "t0_s,t1_s,f0_hz,f1_hz\n2,1,3,4\n");
    expectError([&] { readLabelFile(dir.file("inv.csv")); }, {"inv.csv: row 2", "t1 < t0"});
    expectError([&] { readLabelFile(dir.file("missing.csv")); }, {"cannot open"});
    // Found by fuzzing (tests/fuzz/regressions/labels): JSON that is not an object.
    writeText(dir.file("n.sigmf-meta"), "9");
    expectError(
        [&] {
            readLabelFile(dir.file("n.sigmf-meta"), {2e6, {}, "", "", 0});
        },
        {"n.sigmf-meta", "is not a JSON object", "\"annotations\""});
}
