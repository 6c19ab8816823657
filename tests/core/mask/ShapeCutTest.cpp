#include "mask/ShapeCut.h"

#include "project/Project.h"
#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::core;

namespace {

Shape rect(double t0, double t1, double f0, double f1) {
    Shape s;
    s.type = ShapeType::Rect;
    s.t0 = t0;
    s.t1 = t1;
    s.f0 = f0;
    s.f1 = f1;
    return s;
}

Shape stroke(std::vector<TfPoint> points, double radiusS, double radiusHz) {
    Shape s;
    s.type = ShapeType::Stroke;
    s.points = std::move(points);
    s.radiusS = radiusS;
    s.radiusHz = radiusHz;
    return s;
}

// Coverage of a set of shapes at a point: inside any of them.
bool covered(const std::vector<Shape>& shapes, double t, double f) {
    for (const auto& s : shapes)
        if (s.coverage(t, f) >= 1.0)
            return true;
    return false;
}

// Fraction of an n x n grid over the box that the shapes cover.
double coveredFraction(const std::vector<Shape>& shapes, const TfBox& box, int n = 200) {
    int in = 0;
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < n; ++k)
            in += covered(shapes, box.t0 + (i + 0.5) / n * (box.t1 - box.t0),
                          box.f0 + (k + 0.5) / n * (box.f1 - box.f0));
    return double(in) / (n * n);
}

} // namespace

TEST(ShapeCut, StrokeAcrossARectangleSplitsItInTwo) {
    const Shape box = rect(0, 1, 0, 1000);
    const Shape eraser = stroke({{0.5, -500}, {0.5, 1500}}, 0.1, 100);
    const CutResult cut = cutShape(box, eraser);
    ASSERT_TRUE(cut.changed);
    ASSERT_EQ(cut.pieces.size(), 2u);
    for (const auto& p : cut.pieces) {
        EXPECT_EQ(p.type, ShapeType::Polygon);
        EXPECT_TRUE(p.holes.empty());
    }
    EXPECT_TRUE(covered(cut.pieces, 0.25, 500));
    EXPECT_TRUE(covered(cut.pieces, 0.39, 500)); // just outside the 0.1 s brush
    EXPECT_FALSE(covered(cut.pieces, 0.41, 500));
    EXPECT_FALSE(covered(cut.pieces, 0.5, 0));
    EXPECT_FALSE(covered(cut.pieces, 0.59, 999));
    EXPECT_TRUE(covered(cut.pieces, 0.61, 999));
    EXPECT_TRUE(covered(cut.pieces, 1.0, 1000)); // the untouched corner stays inclusive
}

TEST(ShapeCut, DotInsideLeavesAHoleOfTheBrushArea) {
    const Shape box = rect(0, 1, 0, 1000);
    const Shape eraser = stroke({{0.5, 500}}, 0.2, 200); // an ellipse of area pi * 0.2 * 0.2
    const CutResult cut = cutShape(box, eraser);
    ASSERT_TRUE(cut.changed);
    ASSERT_EQ(cut.pieces.size(), 1u);
    ASSERT_EQ(cut.pieces[0].holes.size(), 1u);
    EXPECT_FALSE(covered(cut.pieces, 0.5, 500));
    EXPECT_FALSE(covered(cut.pieces, 0.69, 500));
    EXPECT_TRUE(covered(cut.pieces, 0.71, 500));
    const double expected = 1.0 - std::numbers::pi * 0.2 * 0.2;
    EXPECT_NEAR(coveredFraction(cut.pieces, {0, 1, 0, 1000}), expected, 0.005);
}

TEST(ShapeCut, UntouchedShapeIsKeptAsItIs) {
    const Shape box = rect(0, 1, 0, 1000);
    const CutResult cut = cutShape(box, stroke({{2, 500}, {3, 500}}, 0.1, 100));
    EXPECT_FALSE(cut.changed);
    const auto all = cutShapes({box}, stroke({{2, 500}}, 0.1, 100));
    EXPECT_FALSE(all.changed);
    ASSERT_EQ(all.shapes.size(), 1u);
    EXPECT_EQ(all.shapes[0], box);
}

TEST(ShapeCut, ErasingAllOfAShapeLeavesNothing) {
    const Shape box = rect(0, 0.1, 0, 100);
    const CutResult cut = cutShape(box, stroke({{0.05, 50}}, 1, 1000));
    EXPECT_TRUE(cut.changed);
    EXPECT_TRUE(cut.pieces.empty());
}

TEST(ShapeCut, BrushStrokeCutInTheMiddleKeepsBothEnds) {
    Shape line = stroke({{0, 100}, {1, 100}}, 0.05, 20);
    line.gainDb = -12;
    line.featherS = 0.01;
    line.mode = MaskMode::Isolate;
    line.extra["note"] = "hum";
    const auto all = cutShapes({rect(5, 6, 0, 10), line}, stroke({{0.5, 0}, {0.5, 200}}, 0.1, 10));
    ASSERT_TRUE(all.changed);
    ASSERT_EQ(all.shapes.size(), 3u);
    EXPECT_EQ(all.shapes[0].type, ShapeType::Rect); // order kept, untouched one unchanged
    for (std::size_t i = 1; i < 3; ++i) {
        EXPECT_EQ(all.shapes[i].gainDb, -12);
        EXPECT_EQ(all.shapes[i].featherS, 0.01);
        EXPECT_EQ(all.shapes[i].mode, MaskMode::Isolate);
        EXPECT_EQ(all.shapes[i].extra["note"], "hum");
    }
    const std::vector<Shape> pieces(all.shapes.begin() + 1, all.shapes.end());
    EXPECT_TRUE(covered(pieces, 0.0, 100));
    EXPECT_TRUE(covered(pieces, -0.049, 100)); // round end of the original brush
    EXPECT_TRUE(covered(pieces, 0.2, 119));
    EXPECT_FALSE(covered(pieces, 0.2, 121));
    EXPECT_FALSE(covered(pieces, 0.5, 100));
    EXPECT_TRUE(covered(pieces, 0.95, 85));
}

TEST(ShapeCut, EraserAsWideAsABrushStrokeCutsItThrough) {
    const Shape line = stroke({{0, 100}, {1, 100}}, 0.05, 20);
    const CutResult cut = cutShape(line, stroke({{0.5, 100}}, 0.05, 20));
    ASSERT_TRUE(cut.changed);
    ASSERT_EQ(cut.pieces.size(), 2u); // two ends, no sliver joining them
    for (const auto& p : cut.pieces)
        EXPECT_TRUE(p.holes.empty());
}

TEST(ShapeCut, SelfCrossingLassoKeepsItsEvenOddInside) {
    Shape bowTie;
    bowTie.type = ShapeType::Polygon;
    bowTie.points = {{0, 0}, {1, 1000}, {1, 0}, {0, 1000}}; // crosses itself at (0.5, 500)
    const auto all = cutShapes({bowTie}, stroke({{0.9, 500}}, 0.05, 50));
    ASSERT_TRUE(all.changed);
    EXPECT_TRUE(covered(all.shapes, 0.1, 500));  // left lobe
    EXPECT_FALSE(covered(all.shapes, 0.5, 100)); // between the lobes: outside, as before
    EXPECT_TRUE(covered(all.shapes, 0.8, 500));
    EXPECT_FALSE(covered(all.shapes, 0.9, 500)); // the erased dot
}

TEST(ShapeCut, HolesSurviveTheProjectFile) {
    const auto cut = cutShape(rect(0, 1, 0, 1000), stroke({{0.5, 500}}, 0.2, 200));
    Project p;
    p.source = "x.wav";
    p.shapes = cut.pieces;
    p.shapes[0].id = 7;
    const Project back = projectFromJson(projectToJson(p), "p.json");
    ASSERT_EQ(back.shapes.size(), 1u);
    EXPECT_EQ(back.shapes[0], p.shapes[0]);
}

TEST(ShapeCut, BadHolesAndErasersAreRefusedWithTheirReason) {
    Shape poly;
    poly.type = ShapeType::Polygon;
    poly.points = {{0, 0}, {1, 0}, {1, 1}};
    poly.holes = {{{0.5, 0.2}, {0.6, 0.2}}};
    try {
        poly.validate("shapes[2]");
        FAIL() << "a two-point hole was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("a hole has 2 points"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("shapes[2]"), std::string::npos);
    }
    try {
        cutShape(poly, rect(0, 1, 0, 1));
        FAIL() << "a rectangle eraser was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("a brush stroke"), std::string::npos) << e.what();
    }
}

TEST(ShapeCut, PiecesKeepTheirChannelAndTheProjectKeepsIt) {
    Shape box = rect(0, 1, 0, 1000);
    box.channel = 1;
    const auto cut = cutShape(box, stroke({{0.5, -500}, {0.5, 1500}}, 0.1, 100));
    ASSERT_EQ(cut.pieces.size(), 2u);
    EXPECT_EQ(cut.pieces[0].channel, 1);
    Project p;
    p.source = "x.wav";
    p.shapes = {box};
    EXPECT_EQ(projectFromJson(projectToJson(p), "p.json").shapes[0].channel, 1);
    box.channel = -2;
    EXPECT_THROW(box.validate("shapes[0]"), Error);
}

// An eraser over one channel's pane cuts only what applies to that channel: a shape of every
// channel stays whole on the others, a shape of another channel is not touched.
TEST(ShapeCut, AnEraserOfOneChannelLeavesTheOtherChannelsWhole) {
    Shape everyChannel = rect(0, 1, 0, 1000);
    Shape otherChannel = rect(0, 1, 0, 1000);
    otherChannel.channel = 2;
    Shape eraser = stroke({{0.5, -500}, {0.5, 1500}}, 0.1, 100);
    eraser.channel = 1;
    const auto all = cutShapes({everyChannel, otherChannel}, eraser, 3);
    ASSERT_TRUE(all.changed);
    int whole0 = 0, whole2 = 0, pieces1 = 0;
    for (const auto& s : all.shapes) {
        if (s.type == ShapeType::Rect && s.channel == 0)
            ++whole0;
        if (s.type == ShapeType::Rect && s.channel == 2)
            ++whole2; // the copy of the every-channel shape, and the untouched one
        if (s.channel == 1) {
            ++pieces1;
            EXPECT_EQ(s.coverage(0.5, 500), 0.0);
        }
    }
    EXPECT_EQ(whole0, 1);
    EXPECT_EQ(whole2, 2);
    EXPECT_EQ(pieces1, 2);
    EXPECT_EQ(all.shapes.size(), 5u);
    // On channel 1 the stroke is cut out; on channels 0 and 2 the box is whole.
    std::vector<Shape> on1, on0;
    for (const auto& s : all.shapes) {
        if (s.appliesTo(1))
            on1.push_back(s);
        if (s.appliesTo(0))
            on0.push_back(s);
    }
    EXPECT_FALSE(covered(on1, 0.5, 500));
    EXPECT_TRUE(covered(on1, 0.2, 500));
    EXPECT_TRUE(covered(on0, 0.5, 500));
    // An eraser of channel 0 does not touch a shape of channel 2.
    eraser.channel = 0;
    EXPECT_FALSE(cutShapes({otherChannel}, eraser, 3).changed);
}
