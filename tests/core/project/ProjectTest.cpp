#include "project/Project.h"

#include "TestUtil.h"
#include "util/Error.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::TempDir;
using specedit::test::writeText;

namespace {
std::string loadError(const std::string& path) {
    return specedit::test::errorMessage([&] { loadProject(path); });
}
} // namespace

TEST(Project, AcceptsTheMinimalDocumentedForm) {
    TempDir dir;
    const auto path = dir.file("a.specedit.json");
    writeText(path, R"({"version": 1, "source": "rec.wav",
       "analysis": {"window": "hann", "nperseg": 4096, "noverlap": 3072, "nfft": 4096},
       "shapes": [{"type": "rect", "t0": 1.0, "t1": 2.0, "f0": -20000, "f1": 20000, "gain_db": -120}]})");
    const Project p = loadProject(path);
    EXPECT_EQ(p.source, "rec.wav");
    EXPECT_EQ(p.analysis.nperseg, 4096);
    EXPECT_EQ(p.analysis.noverlap, 3072);
    ASSERT_EQ(p.shapes.size(), 1u);
    EXPECT_EQ(p.shapes[0].f0, -20000);
    EXPECT_EQ(p.shapes[0].gainDb, -120);
    EXPECT_EQ(resolveSourcePath(p, path), dir.file("rec.wav"));
}

TEST(Project, AProjectWithoutItsRecordingSaysWhereItLooked) {
    TempDir dir;
    const auto path = dir.file("a.specedit.json");
    Project p;
    p.source = "../takes/rec.wav";
    const std::string lookedAt =
        std::filesystem::path(dir.file("../takes/rec.wav")).lexically_normal().string();
    specedit::test::expectError(
        [&] { (void)existingSourcePath(p, path); },
        {path, "its recording (\"source\": \"../takes/rec.wav\") is not at " + lookedAt,
         "the recording back in that place, or \"source\" naming where it is now"});
    p.source = "rec.wav";
    writeText(dir.file("rec.wav"), "x");
    EXPECT_EQ(existingSourcePath(p, path), dir.file("rec.wav"));
}

TEST(Project, AllShapeKindsAndUnknownKeysSurviveLoadAndSave) {
    TempDir dir;
    const auto path = dir.file("b.specedit.json");
    writeText(path, R"({"version": 1, "source": "../rec.cs16", "future_key": {"x": [1, 2]},
       "source_options": {"format": "cs16", "rate": 2000000, "center": 433920000, "gain": 30},
       "analysis": {"window": "kaiser,8.6", "nperseg": 1024, "noverlap": 768, "nfft": 2048, "colormap": "magma"},
       "shapes": [
         {"type": "polygon", "points": [[0, 0], [1, 0], [1, 100]], "gain_db": null, "mode": "isolate", "label": "burst"},
         {"type": "stroke", "points": [[0.5, 10]], "radius_s": 0.01, "radius_hz": 5, "gain_db": -6,
          "feather_s": 0.002, "feather_hz": 3}]})");
    const Project p = loadProject(path);
    EXPECT_EQ(p.shapes[0].type, ShapeType::Polygon);
    EXPECT_TRUE(std::isinf(p.shapes[0].gainDb));
    EXPECT_EQ(p.shapes[0].mode, MaskMode::Isolate);
    EXPECT_EQ(p.shapes[1].featherHz, 3);
    EXPECT_EQ(*p.sourceOptions.rawFormat, "cs16");
    const auto out = dir.file("c.specedit.json");
    saveProject(p, out);
    const Project q = loadProject(out);
    EXPECT_EQ(q.shapes, p.shapes);
    EXPECT_EQ(q.analysis, p.analysis);
    EXPECT_EQ(q.unknown["future_key"]["x"][1], 2);
    EXPECT_EQ(q.unknownAnalysis["colormap"], "magma");
    EXPECT_EQ(q.unknownSourceOptions["gain"], 30);
    EXPECT_EQ(*q.sourceOptions.centerFrequency, 433920000);
    EXPECT_EQ(q.shapes[0].extra["label"], "burst");
    const auto saved = nlohmann::json::parse(std::ifstream(out));
    EXPECT_TRUE(saved["shapes"][0]["gain_db"].is_null());
}

TEST(Project, BadDocumentsNameTheFileAndTheProblem) {
    TempDir dir;
    const auto f = dir.file("bad.specedit.json");
    writeText(f, "{\"version\": 1, \"source\": ");
    EXPECT_NE(loadError(f).find("not valid JSON"), std::string::npos);
    // Found by fuzzing (tests/fuzz/regressions/project): a number beyond double's range.
    writeText(f, "{\"version\": 1e999999}");
    EXPECT_NE(loadError(f).find("not valid JSON: number overflow"), std::string::npos)
        << loadError(f);
    writeText(f, R"({"version": 7, "source": "x.wav"})");
    EXPECT_NE(loadError(f).find("newer SpecEdit"), std::string::npos);
    writeText(f, R"({"version": 1})");
    EXPECT_NE(loadError(f).find("missing \"source\""), std::string::npos);
    writeText(f, R"({"source": "x.wav", "shapes": [{"type": "circle"}]})");
    const auto msg = loadError(f);
    EXPECT_NE(msg.find("shapes[0]"), std::string::npos);
    EXPECT_NE(msg.find("unknown shape type \"circle\""), std::string::npos);
    writeText(
        f,
        R"({"source": "x.wav", "shapes": [{"type": "rect", "t0": "a", "t1": 1, "f0": 0, "f1": 1}]})");
    EXPECT_NE(loadError(f).find("\"t0\" is string"), std::string::npos);
    writeText(
        f,
        R"({"source": "x.wav", "analysis": {"window": "hann", "nperseg": 256, "noverlap": 256}})");
    EXPECT_NE(loadError(f).find("noverlap"), std::string::npos) << "analysis is validated later";
    EXPECT_NE(loadError(dir.file("none.json")).find("cannot open"), std::string::npos);
}

TEST(Project, ViewStateRoundTripsAndBadViewsAreNamed) {
    TempDir dir;
    const auto path = dir.file("v.specedit.json");
    writeText(path, R"({"version": 1, "source": "r.wav", "view": {"time": [1.5, 2.25],
        "frequency": [-1000, 3000], "levels_db": [-90, -10], "colormap": "viridis"}})");
    const Project p = loadProject(path);
    ASSERT_TRUE(p.view);
    EXPECT_EQ(*p.view, (ViewState{1.5, 2.25, -1000, 3000, -90, -10, "viridis", "linear"}));
    saveProject(p, dir.file("copy.specedit.json"));
    EXPECT_EQ(loadProject(dir.file("copy.specedit.json")).view, p.view);
    EXPECT_FALSE(loadProject(dir.file("copy.specedit.json")).unknown.contains("view"));
    // A log or mel frequency axis is kept too.
    for (const char* scale : {"log", "mel"}) {
        Project scaled = p;
        scaled.view->frequencyScale = scale;
        saveProject(scaled, dir.file("s.specedit.json"));
        EXPECT_EQ(loadProject(dir.file("s.specedit.json")).view->frequencyScale, scale);
    }
    writeText(path, R"({"version": 1, "source": "r.wav", "view": {"time": [1, 2],
        "frequency": [0, 1], "levels_db": [-90, -10], "frequency_scale": "bark"}})");
    EXPECT_NE(loadError(path).find("\"linear\", \"log\" or \"mel\""), std::string::npos)
        << loadError(path);
    writeText(path, R"({"version": 1, "source": "r.wav", "view": {"time": [3, 2],
        "frequency": [0, 1], "levels_db": [-90, -10]}})");
    const std::string message = loadError(path);
    EXPECT_NE(message.find("view.time is not an increasing pair"), std::string::npos) << message;
    EXPECT_NE(message.find("v.specedit.json"), std::string::npos) << message;
}

TEST(Project, AutoLengthRoundTripsAndIsOffUnlessSaid) {
    TempDir dir;
    const auto path = dir.file("a.specedit.json");
    writeText(path, R"({"version": 1, "source": "r.wav",
        "analysis": {"window": "hann", "nperseg": 512, "auto_length": true}})");
    Project p = loadProject(path);
    EXPECT_TRUE(p.autoLength);
    EXPECT_FALSE(p.unknownAnalysis.contains("auto_length"));
    saveProject(p, dir.file("b.specedit.json"));
    EXPECT_TRUE(loadProject(dir.file("b.specedit.json")).autoLength);
    p.autoLength = false; // a length the user chose: written without the key, read as chosen
    saveProject(p, dir.file("c.specedit.json"));
    EXPECT_FALSE(loadProject(dir.file("c.specedit.json")).autoLength);
    writeText(path, R"({"version": 1, "source": "r.wav",
        "analysis": {"nperseg": 512, "auto_length": "yes"}})");
    const std::string message = loadError(path);
    EXPECT_NE(message.find("analysis.auto_length is string"), std::string::npos) << message;
    EXPECT_NE(message.find("true or false"), std::string::npos) << message;
}
