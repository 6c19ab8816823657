#include "mask/MaskRasterizer.h"

#include "util/Error.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace specedit::core;

namespace {

// 1 kHz sampling, hop 10 -> frames every 10 ms; nfft 100 -> bins every 10 Hz.
MaskGrid grid(bool twoSided = false, double center = 0) {
    MaskGrid g;
    g.fs = 1000;
    g.hop = 10;
    g.nfft = 100;
    g.twoSided = twoSided;
    g.centerHz = center;
    return g;
}

Shape rect(double t0, double t1, double f0, double f1, double gainDb) {
    Shape s;
    s.type = ShapeType::Rect;
    s.t0 = t0;
    s.t1 = t1;
    s.f0 = f0;
    s.f1 = f1;
    s.gainDb = gainDb;
    return s;
}

std::vector<float> raster(const std::vector<Shape>& shapes, const MaskGrid& g, std::int64_t j0,
                          int frames) {
    std::vector<float> out(std::size_t(frames * g.bins()));
    rasterizeMask(shapes, g, j0, frames, out.data());
    return out;
}

} // namespace

TEST(MaskRasterizer, RectangleEdgesAreInclusiveOnFrameCentresAndBins) {
    const auto g = grid();
    // t 0.10..0.20 s is frames 10..20 inclusive; f 100..200 Hz is bins 10..20 inclusive.
    const auto m = raster({rect(0.10, 0.20, 100, 200, kMinusInfinityDb)}, g, 0, 40);
    for (int j = 0; j < 40; ++j)
        for (int k = 0; k < g.bins(); ++k) {
            const bool inside = j >= 10 && j <= 20 && k >= 10 && k <= 20;
            EXPECT_EQ(m[std::size_t(j * g.bins() + k)], inside ? 0.0f : 1.0f) << j << "," << k;
        }
}

TEST(MaskRasterizer, BlocksAgreeWithTheWholeRaster) {
    const auto g = grid();
    Shape s = rect(0.05, 0.31, 120, 260, -12);
    s.featherS = 0.03;
    s.featherHz = 40;
    const auto whole = raster({s}, g, 0, 50);
    const auto block = raster({s}, g, 17, 20);
    for (int j = 0; j < 20; ++j)
        for (int k = 0; k < g.bins(); ++k)
            EXPECT_EQ(block[std::size_t(j * g.bins() + k)],
                      whole[std::size_t((j + 17) * g.bins() + k)]);
}

TEST(MaskRasterizer, FeatherFallsOffAsRaisedCosine) {
    const auto g = grid();
    Shape s = rect(0.10, 0.20, 100, 200, kMinusInfinityDb);
    s.featherHz = 40; // soft only in frequency
    const auto m = raster({s}, g, 0, 30);
    const int j = 15;
    auto at = [&](int k) { return m[std::size_t(j * g.bins() + k)]; };
    EXPECT_EQ(at(20), 0.0f);                                           // inside
    EXPECT_NEAR(at(22), 1.0 - 0.5 * (1 + std::cos(M_PI * 0.5)), 1e-6); // 20 Hz out = d 0.5
    EXPECT_NEAR(at(21), 1.0 - 0.5 * (1 + std::cos(M_PI * 0.25)), 1e-6);
    EXPECT_EQ(at(24), 1.0f); // d = 1: no effect
    // Hard in time: the frame just after t1 is untouched.
    EXPECT_EQ(m[std::size_t(21 * g.bins() + 15)], 1.0f);
}

TEST(MaskRasterizer, IsolateKeepsOnlyTheInsideAndShapesCompose) {
    const auto g = grid();
    Shape keep = rect(0.10, 0.20, 100, 200, -20);
    keep.mode = MaskMode::Isolate;
    const Shape boost = rect(0.0, 0.5, 150, 150, 6.0205999132796239); // x2 at 150 Hz
    const auto m = raster({keep, boost}, g, 0, 30);
    EXPECT_NEAR(m[std::size_t(15 * g.bins() + 12)], 1.0, 1e-7); // inside: untouched
    EXPECT_NEAR(m[std::size_t(15 * g.bins() + 30)], 0.1, 1e-7); // outside: -20 dB
    EXPECT_NEAR(m[std::size_t(15 * g.bins() + 15)], 2.0, 1e-6); // inside and boosted
    EXPECT_NEAR(m[std::size_t(25 * g.bins() + 15)], 0.2, 1e-6); // outside and boosted
}

TEST(MaskRasterizer, TwoSidedGridUsesSignedBinsAndCentreFrequency) {
    const auto g = grid(true, 1e6);
    // Remove 999.8 .. 999.9 kHz absolute: signed bins -20..-10, stored at k = 80..90.
    const auto m = raster({rect(0.0, 1.0, 1e6 - 200, 1e6 - 100, kMinusInfinityDb)}, g, 0, 5);
    for (int k = 0; k < 100; ++k)
        EXPECT_EQ(m[std::size_t(2 * 100 + k)], (k >= 80 && k <= 90) ? 0.0f : 1.0f) << k;
    EXPECT_DOUBLE_EQ(g.binFrequency(50), 1e6 - 500);
    EXPECT_DOUBLE_EQ(g.binFrequency(49), 1e6 + 490);
}

TEST(MaskRasterizer, PolygonInsideOutside) {
    const auto g = grid();
    Shape tri;
    tri.type = ShapeType::Polygon;
    tri.points = {{0.0, 0}, {0.2, 0}, {0.0, 200}};
    tri.gainDb = kMinusInfinityDb;
    const auto m = raster({tri}, g, 0, 30);
    EXPECT_EQ(m[std::size_t(5 * g.bins() + 5)], 0.0f);   // (0.05 s, 50 Hz): inside
    EXPECT_EQ(m[std::size_t(15 * g.bins() + 15)], 1.0f); // (0.15 s, 150 Hz): outside
    EXPECT_EQ(m[std::size_t(10 * g.bins() + 10)], 0.0f); // on the hypotenuse: inclusive
}

TEST(MaskRasterizer, StrokeCoversAnEllipticalBrushAlongItsPath) {
    const auto g = grid();
    Shape st;
    st.type = ShapeType::Stroke;
    st.points = {{0.1, 100}, {0.3, 100}};
    st.radiusS = 0.02;
    st.radiusHz = 30;
    st.gainDb = kMinusInfinityDb;
    const auto m = raster({st}, g, 0, 40);
    EXPECT_EQ(m[std::size_t(20 * g.bins() + 13)], 0.0f); // 30 Hz off the path: edge, inside
    EXPECT_EQ(m[std::size_t(20 * g.bins() + 14)], 1.0f); // 40 Hz off: outside
    EXPECT_EQ(m[std::size_t(32 * g.bins() + 10)], 0.0f); // 20 ms past the end: edge
    EXPECT_EQ(m[std::size_t(33 * g.bins() + 10)], 1.0f);
}

TEST(Shape, InvalidGeometryIsExplained) {
    Shape bad = rect(2, 1, 0, 10, 0);
    try {
        bad.validate("shapes[0]");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("shapes[0]: rectangle has t1 < t0"),
                  std::string::npos);
    }
    Shape poly;
    poly.type = ShapeType::Polygon;
    poly.points = {{0, 0}, {1, 1}};
    EXPECT_THROW(poly.validate("p"), Error);
    Shape st;
    st.type = ShapeType::Stroke;
    st.points = {{0, 0}};
    EXPECT_THROW(st.validate("s"), Error); // zero radius
    Shape f = rect(0, 1, 0, 1, 0);
    f.featherS = -1;
    EXPECT_THROW(f.validate("f"), Error);
}

TEST(MaskRasterizer, PolygonEdgesAreInclusiveLikeARectangle) {
    const auto g = grid();
    Shape poly;
    poly.type = ShapeType::Polygon;
    poly.points = {{0.10, 100}, {0.20, 100}, {0.20, 200}, {0.10, 200}};
    poly.gainDb = kMinusInfinityDb;
    const auto a = raster({poly}, g, 0, 30);
    const auto b = raster({rect(0.10, 0.20, 100, 200, kMinusInfinityDb)}, g, 0, 30);
    EXPECT_EQ(a, b); // top and right edges included as well
}

TEST(MaskRasterizer, FeatherOnOneAxisOfAPolygonIsSmooth) {
    const auto g = grid();
    Shape poly;
    poly.type = ShapeType::Polygon;
    poly.points = {{0.10, 100}, {0.20, 100}, {0.20, 200}, {0.10, 200}};
    poly.gainDb = kMinusInfinityDb;
    poly.featherHz = 40;
    Shape box = rect(0.10, 0.20, 100, 200, kMinusInfinityDb);
    box.featherHz = 40;
    const auto a = raster({poly}, g, 0, 30);
    const auto b = raster({box}, g, 0, 30);
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_NEAR(a[i], b[i], 1e-6) << i;
}

TEST(MaskRasterizer, ShapesReachingFarBeyondTheRecordingStillApply) {
    const auto g = grid();
    const auto m = raster({rect(-1e30, 1e30, 100, 200, kMinusInfinityDb)}, g, 5, 10);
    EXPECT_EQ(m[std::size_t(3 * g.bins() + 15)], 0.0f);
    Shape loud = rect(0, 1, 0, 100, 61);
    EXPECT_THROW(loud.validate("s"), Error);
}
