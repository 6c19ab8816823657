// Labels and their classes in the project file (core/label).

#include "label/Label.h"

#include "TestUtil.h"
#include "label/LabelJson.h"
#include "project/Project.h"
#include "util/Error.h"

#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::expectError;
using json = nlohmann::json;

namespace {

json projectWith(json classes, json labels) {
    return {{"version", 1}, {"source", "rec.cu8"}, {"classes", classes}, {"labels", labels}};
}

} // namespace

TEST(Label, ClassesAndLabelsRoundTripWithTheirUnknownKeys) {
    const json doc = projectWith(
        json::array({{{"name", "open"}, {"color", "#e57373"}, {"hotkey", 1}, {"note", "x"}},
                     {{"name", "close"}, {"color", "#81C784"}}}),
        json::array({{{"id", 3},
                      {"t0", 1.2},
                      {"t1", 1.35},
                      {"f0", 433.8e6},
                      {"f1", 434.0e6},
                      {"class", "open"},
                      {"comment", "first press"},
                      {"snr_db", 18.5},
                      {"sigmf:extra", {{"a", 1}}}},
                     {{"t0", 2.0},
                      {"t1", 2.1},
                      {"f0", 433.9e6},
                      {"f1", 433.95e6},
                      {"state", "proposed"},
                      {"confidence", 0.75}}}));
    const Project p = projectFromJson(doc, "p.json");
    ASSERT_EQ(p.classes.size(), 2u);
    EXPECT_EQ(p.classes[0].hotkey, 1);
    EXPECT_EQ(p.classes[1].hotkey, 0);
    EXPECT_EQ(p.classes[0].extra["note"], "x");
    ASSERT_EQ(p.labels.size(), 2u);
    const Label& a = p.labels[0];
    EXPECT_EQ(a.id, 3u);
    EXPECT_EQ(a.className, "open");
    EXPECT_TRUE(a.confirmed);
    EXPECT_DOUBLE_EQ(*a.snrDb, 18.5);
    EXPECT_NEAR(a.duration(), 0.15, 1e-12);
    EXPECT_EQ(a.extra["sigmf:extra"]["a"], 1);
    const Label& b = p.labels[1];
    EXPECT_FALSE(b.confirmed);
    EXPECT_TRUE(b.className.empty());
    EXPECT_DOUBLE_EQ(*b.confidence, 0.75);
    const Project again = projectFromJson(projectToJson(p), "p.json");
    EXPECT_EQ(again.classes, p.classes);
    EXPECT_EQ(again.labels, p.labels);
    // Labels are not shapes: they do not enter the mask.
    EXPECT_TRUE(again.shapes.empty());
}

TEST(Label, OldProjectsWithoutLabelsLoadAndSaveWithoutThem) {
    const Project p = projectFromJson({{"version", 1}, {"source", "a.wav"}}, "old.json");
    EXPECT_TRUE(p.classes.empty());
    EXPECT_TRUE(p.labels.empty());
    const json out = projectToJson(p);
    EXPECT_FALSE(out.contains("labels"));
    EXPECT_FALSE(out.contains("classes"));
}

TEST(Label, BadClassesAndLabelsAreNamedWithTheirPlace) {
    const json box = {{"t0", 1.0}, {"t1", 2.0}, {"f0", 0.0}, {"f1", 10.0}};
    auto withClass = [&](const std::string& c) {
        json l = box;
        l["class"] = c;
        return l;
    };
    expectError(
        [&] {
            projectFromJson(
                projectWith(json::array({{{"name", "a"}}}), json::array({box, withClass("b")})),
                "p.json");
        },
        {"p.json: labels[1]", "class \"b\" is not in \"classes\""});
    expectError(
        [&] {
            projectFromJson(projectWith(json::array({{{"name", "a"}, {"hotkey", 2}},
                                                     {{"name", "b"}, {"hotkey", 2}}}),
                                        json::array()),
                            "p.json");
        },
        {"p.json: classes[1]", "hotkey 2 is taken twice"});
    expectError(
        [&] {
            projectFromJson(
                projectWith(json::array({{{"name", "a"}, {"color", "red"}}}), json::array()),
                "p.json");
        },
        {"classes[0]", "colour \"red\"", "#rrggbb"});
    expectError(
        [&] {
            projectFromJson(
                projectWith(json::array({{{"name", "a"}, {"hotkey", 12}}}), json::array()),
                "p.json");
        },
        {"hotkey 12", "from 1 to 9"});
    json inverted = box;
    inverted["t1"] = 0.5;
    expectError([&] { projectFromJson(projectWith(json::array(), {inverted}), "p.json"); },
                {"labels[0]", "t1 < t0"});
    json state = box;
    state["state"] = "maybe";
    expectError([&] { projectFromJson(projectWith(json::array(), {state}), "p.json"); },
                {"unknown state \"maybe\"", "\"proposed\""});
    json missing = box;
    missing.erase("f1");
    expectError([&] { projectFromJson(projectWith(json::array(), {missing}), "p.json"); },
                {"labels[0]", "missing \"f1\""});
    expectError([&] { projectFromJson(projectWith(json::array(), json::object()), "p.json"); },
                {"\"labels\" is not an array"});
}

TEST(Label, ALabelBecomesAnIsolateOrRemoveShape) {
    Label l;
    l.t0 = 1;
    l.t1 = 2;
    l.f0 = 100;
    l.f1 = 200;
    const Shape isolate = toShape(l, MaskMode::Isolate);
    EXPECT_EQ(isolate.mode, MaskMode::Isolate);
    EXPECT_EQ(isolate.coverage(1.5, 150), 1.0);
    EXPECT_EQ(isolate.coverage(2.5, 150), 0.0);
    EXPECT_EQ(isolate.linearGain(), 0.0);
    const Shape remove = toShape(l, MaskMode::Apply);
    EXPECT_EQ(remove.mode, MaskMode::Apply);
    EXPECT_NO_THROW(remove.validate("shape"));
}

TEST(Label, LabelsWithoutAnIdGetTheNextFreeOnesInOrder) {
    auto withId = [](std::uint64_t id) {
        Label l;
        l.id = id;
        return l;
    };
    std::vector<Label> labels{withId(0), withId(4), withId(0), withId(2)};
    numberLabels(labels);
    ASSERT_EQ(labels.size(), 4u);
    EXPECT_EQ(labels[0].id, 5u); // after the largest, not in a gap
    EXPECT_EQ(labels[1].id, 4u);
    EXPECT_EQ(labels[2].id, 6u);
    EXPECT_EQ(labels[3].id, 2u);

    std::vector<Label> fresh{withId(0), withId(0)};
    numberLabels(fresh);
    EXPECT_EQ(fresh[0].id, 1u);
    EXPECT_EQ(fresh[1].id, 2u);

    std::vector<Label> more{withId(0)}; // ids already handed out are not given again
    numberLabels(more, labels);
    EXPECT_EQ(more[0].id, 7u);
}
