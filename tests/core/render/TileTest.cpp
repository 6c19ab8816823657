#include "AudioFixture.h"
#include "IqFixture.h"
#include "TestUtil.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "render/TileCache.h"
#include "render/TileComputer.h"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

// IQ at 1 MHz: a -250 kHz tone throughout, silence (digital zero) for the first 2048 samples,
// and a +125 kHz burst only in samples [40000, 40256).
std::shared_ptr<const SampleSource> iqFixture(const TempDir& dir) {
    return specedit::test::iqRecording(dir.file("t.cf32"), 100000, 1e6, 10e6, [](std::int64_t i) {
        if (i < 2048)
            return std::complex<double>{};
        auto x = std::polar(0.5, -2 * std::numbers::pi * 0.25 * double(i));
        if (i >= 40000 && i < 40256)
            x += std::polar(0.5, 2 * std::numbers::pi * 0.125 * double(i));
        return x;
    });
}

int argmax(const Tile& t, int column) {
    int best = 0;
    for (int r = 1; r < t.bins; ++r)
        if (t.at(column, r) > t.at(column, best))
            best = r;
    return best;
}

} // namespace

TEST(TileComputer, ToneLandsInItsRowWithAbsoluteFrequency) {
    TempDir dir;
    const TileComputer tc(iqFixture(dir), StftParams::make(WindowSpec{}, 256, 192), -1);
    ASSERT_TRUE(tc.isTwoSided());
    const Tile t = tc.compute(0, 0, JobControl());
    ASSERT_EQ(t.columns, kTileColumns);
    const int row = argmax(t, 100);
    EXPECT_DOUBLE_EQ(tc.rowFrequency(row), 10e6 - 250e3);
    EXPECT_NEAR(t.at(100, row), 20 * std::log10(0.5), 0.01); // spectrum scaling: amplitude
    EXPECT_DOUBLE_EQ(tc.rowFrequency(0), 10e6 - 500e3);      // ascending, negative first
}

TEST(TileComputer, DigitalSilenceIsFlooredNotInfinite) {
    TempDir dir;
    const TileComputer tc(iqFixture(dir), StftParams::make(WindowSpec{}, 256, 192), -1);
    const Tile t = tc.compute(0, 0, JobControl());
    EXPECT_EQ(t.at(2, 10), kFloorDb); // frame 2 covers samples -128..127: all zero
    for (float v : t.db)
        EXPECT_TRUE(std::isfinite(v));
}

TEST(TileComputer, CoarseLevelsKeepShortBurstsByMaximum) {
    TempDir dir;
    const TileComputer tc(iqFixture(dir), StftParams::make(WindowSpec{}, 256, 192), -1);
    const int burstRow = 128 + 32; // +125 kHz of 1 MHz over 256 bins, after the shift
    EXPECT_DOUBLE_EQ(tc.rowFrequency(burstRow), 10e6 + 125e3);
    // Level 2: four frames per column; frame 627 (sample 40128) is the burst's centre.
    const Tile t2 = tc.compute(2, 0, JobControl());
    EXPECT_GT(t2.at(627 / 4, burstRow), -10.0f);
    EXPECT_LT(t2.at(100, burstRow), -60.0f);
    // Fewer tiles at coarser levels.
    EXPECT_EQ(tc.tileCount(0), (tc.frameCount() + 255) / 256);
    EXPECT_EQ(tc.tileCount(3), (tc.frameCount() + 2047) / 2048);
}

TEST(TileComputer, MaskedTilesShowTheEditedSpectrum) {
    TempDir dir;
    const auto src = iqFixture(dir);
    const auto params = StftParams::make(WindowSpec{}, 256, 192);
    Shape cut; // remove the -250 kHz tone between 8 ms and 12 ms (frames 125..187 of tile 0)
    cut.t0 = 0.008;
    cut.t1 = 0.012;
    cut.f0 = 10e6 - 260e3;
    cut.f1 = 10e6 - 240e3;
    cut.gainDb = -40;
    const TileComputer original(src, params, -1);
    const TileComputer edited(src, params, -1, {cut});
    EXPECT_NE(original.analysisHash(), edited.analysisHash());
    const Tile a = original.compute(0, 0, JobControl());
    const Tile b = edited.compute(0, 0, JobControl());
    const int row = 128 - 64; // -250 kHz
    const int inside = 156;   // 10 ms at hop 64
    const int outside = 60;   // 3.8 ms
    EXPECT_NEAR(b.at(inside, row), a.at(inside, row) - 40.0f, 0.01);
    EXPECT_EQ(b.at(outside, row), a.at(outside, row));
    // Any field that changes a gain changes the hash, so no stale edited tile is reused.
    const auto hashWith = [&](auto change) {
        Shape s = cut;
        change(s);
        return TileComputer(src, params, -1, {s}).analysisHash();
    };
    EXPECT_NE(hashWith([](Shape& s) { s.harmonics = 3; }), edited.analysisHash());
    EXPECT_NE(hashWith([](Shape& s) { s.channel = 1; }), edited.analysisHash());
    EXPECT_NE(hashWith([](Shape& s) { s.mode = MaskMode::Isolate; }), edited.analysisHash());
    EXPECT_EQ(hashWith([](Shape& s) { s.extra["label"] = "hum"; }), edited.analysisHash());
    EXPECT_EQ(hashWith([](Shape& s) { s.id = 77; }), edited.analysisHash());
    // Every other field. Changing a replace shape's "Fill from" kept the old picture: it was
    // missing from the hash. A new field of Shape breaks the size check below: add it to
    // TileComputer's hashShapes and here.
    static_assert(sizeof(Shape) == 192, "Shape changed: does the new field change the picture?");
    const std::vector<std::function<void(Shape&)>> changes = {
        [](Shape& s) { s.t0 = 0.009; },          [](Shape& s) { s.t1 = 0.011; },
        [](Shape& s) { s.f0 += 1e3; },           [](Shape& s) { s.f1 -= 1e3; },
        [](Shape& s) { s.gainDb = -20; },        [](Shape& s) { s.featherS = 1e-3; },
        [](Shape& s) { s.featherHz = 1e3; },     [](Shape& s) { s.effect = ShapeEffect::Replace; },
        [](Shape& s) { s.amount = 0.5; },        [](Shape& s) { s.reductionDb = 10; },
        [](Shape& s) { s.noiseProfile = true; }, [](Shape& s) { s.fillFrom = FillFrom::Frequency; },
    };
    for (std::size_t i = 0; i < changes.size(); ++i)
        EXPECT_NE(hashWith(changes[i]), edited.analysisHash()) << "change " << i;
    // The type, a polygon's points and holes, a stroke's radii.
    Shape polygon = cut;
    polygon.type = ShapeType::Polygon;
    polygon.points = {{0.008, 9.7e6}, {0.012, 9.7e6}, {0.012, 9.8e6}, {0.008, 9.8e6}};
    Shape moved = polygon, holed = polygon;
    moved.points[2].f += 1e3;
    holed.holes = {{{0.009, 9.72e6}, {0.011, 9.72e6}, {0.011, 9.75e6}}};
    Shape stroke = cut;
    stroke.type = ShapeType::Stroke;
    stroke.points = {{0.01, 9.75e6}};
    stroke.radiusS = 1e-3;
    stroke.radiusHz = 1e3;
    Shape wider = stroke, taller = stroke;
    wider.radiusS = 2e-3;
    taller.radiusHz = 2e3;
    const auto hash = [&](const Shape& s) {
        return TileComputer(src, params, -1, {s}).analysisHash();
    };
    EXPECT_NE(hash(polygon), edited.analysisHash());
    EXPECT_NE(hash(moved), hash(polygon));
    EXPECT_NE(hash(holed), hash(polygon));
    EXPECT_NE(hash(wider), hash(stroke));
    EXPECT_NE(hash(taller), hash(stroke));
}

TEST(TileComputer, CancelStopsWork) {
    TempDir dir;
    const TileComputer tc(iqFixture(dir), StftParams::make(WindowSpec{}, 256, 192), -1);
    JobControl job;
    job.cancel();
    EXPECT_THROW(tc.compute(0, 0, job), Cancelled);
}

TEST(TileCache, EvictsLeastRecentlyUsedBeyondItsBudget) {
    auto tile = [] {
        auto t = std::make_shared<Tile>();
        t->db.resize(1000);
        return std::shared_ptr<const Tile>(t);
    };
    const std::size_t one = tile()->bytes();
    TileCache cache(3 * one);
    for (int i = 0; i < 3; ++i)
        cache.put({1, 0, i}, tile());
    EXPECT_NE(cache.get({1, 0, 0}), nullptr); // 0 becomes most recent
    cache.put({1, 0, 3}, tile());             // evicts 1, the least recent
    EXPECT_EQ(cache.get({1, 0, 1}), nullptr);
    EXPECT_NE(cache.get({1, 0, 0}), nullptr);
    EXPECT_NE(cache.get({1, 0, 3}), nullptr);
    EXPECT_EQ(cache.size(), 3u);
    EXPECT_LE(cache.bytes(), cache.maxBytes());
    EXPECT_EQ(cache.get({2, 0, 0}), nullptr); // another analysis
}

// Any finite float sample displays: one sample of 1.8e31 among quiet noise gives finite levels
// (its power, about 10 log10((1.8e31 w/sum w)^2), overflows float but not double).
TEST(TileComputer, HugeFiniteSamplesGiveFiniteLevels) {
    TempDir dir;
    auto src = specedit::test::iqRecording(dir.file("h.cf32"), 20000, 1e6, 0, [](std::int64_t i) {
        return i == 5000 ? std::complex<double>(1.8e31, 0) : std::complex<double>(1e-3, 0);
    });
    const TileComputer tc(std::move(src), StftParams::make(WindowSpec{}, 256, 192), -1);
    const Tile t = tc.compute(0, 0, JobControl());
    EXPECT_EQ(t.nonFiniteFrame, -1);
    float peak = kFloorDb;
    for (float v : t.db) {
        ASSERT_TRUE(std::isfinite(v));
        peak = std::max(peak, v);
    }
    // Hann at its centre: w = 1, sum w = 128 (periodic, 256): amplitude 1.8e31 / 128.
    EXPECT_NEAR(peak, 20 * std::log10(1.8e31 / 128), 0.1);
}

// NaN or infinite samples are reported (the first frame holding one), never turned into a
// colour index: their levels are NaN.
TEST(TileComputer, NonFiniteSamplesAreReportedByFrame) {
    TempDir dir;
    auto src = specedit::test::iqRecording(dir.file("n.cf32"), 20000, 1e6, 0, [](std::int64_t i) {
        return i == 6400 ? std::complex<double>(std::nan(""), 0) : std::complex<double>(1e-3, 0);
    });
    const TileComputer tc(std::move(src), StftParams::make(WindowSpec{}, 256, 192), -1);
    const Tile t = tc.compute(0, 0, JobControl());
    // Frame j covers samples [64 j - 128, 64 j + 128): sample 6400 first falls in j = 99.
    EXPECT_EQ(t.nonFiniteFrame, 99);
    EXPECT_TRUE(std::isnan(t.at(100, 3)));
    EXPECT_FALSE(std::isnan(t.at(90, 3)));
}

namespace {

// 4 s at 100 kHz: a +20 kHz burst of 1 ms (100 samples) every 50 ms, quiet noise elsewhere.
std::shared_ptr<const SampleSource> shortBursts(const TempDir& dir) {
    return specedit::test::iqRecording(dir.file("b.cf32"), 400000, 1e5, 0, [](std::int64_t i) {
        const double noise = 1e-4 * double((i * 7919) % 13 - 6);
        const bool on = i % 5000 < 100;
        return std::complex<double>(noise, 0) +
               (on ? std::polar(0.5, 2 * std::numbers::pi * 0.2 * double(i)) : 0.0);
    });
}

} // namespace

// Level 6: 64 frames per column, hop 32: a 1 ms burst touches about 7 frames. Quick tiles look
// at 4 of the 64 and miss most bursts; exact tiles hold every one.
TEST(TileComputer, ExactTilesKeepEveryShortBurstThatQuickOnesMiss) {
    TempDir dir;
    const TileComputer tc(shortBursts(dir), StftParams::make(WindowSpec{}, 128, 96), -1);
    const int row = 64 + 26; // +20 kHz of 100 kHz over 128 bins, after the shift (25.6 -> 26)
    const Tile quick = tc.compute(6, 0, 0, {0}, false, JobControl()).front();
    const Tile exact = tc.compute(6, 0, 0, {0}, true, JobControl()).front();
    EXPECT_FALSE(quick.exact);
    EXPECT_TRUE(exact.exact);
    int seenQuick = 0, seenExact = 0;
    for (int burst = 0; burst < 80; ++burst) {
        const int column = int((burst * 5000 + 50) / 32 / 64); // the burst's centre frame
        seenQuick += quick.at(column, row) > -20.0f ? 1 : 0;
        seenExact += exact.at(column, row) > -20.0f ? 1 : 0;
    }
    EXPECT_EQ(seenExact, 80);
    EXPECT_LT(seenQuick, 60);
}

// Pooling finer exact tiles gives exactly the tile computed directly, in time and in rows.
TEST(TileComputer, PoolingEqualsDirectComputation) {
    TempDir dir;
    const TileComputer tc(shortBursts(dir), StftParams::make(WindowSpec{}, 128, 96), -1);
    const JobControl job;
    const Tile left = tc.compute(3, 0, 0, {0}, true, job).front();
    const Tile right = tc.compute(3, 0, 1, {0}, true, job).front();
    const Tile pooled = TileComputer::pool(left, &right);
    const Tile direct = tc.compute(4, 0, 0, {0}, true, job).front();
    ASSERT_EQ(pooled.columns, direct.columns);
    EXPECT_EQ(pooled.db, direct.db);
    EXPECT_TRUE(pooled.exact);
    // Rows: row level 1 from row level 0 (one band of 128 rows: no upper half).
    const Tile rows = TileComputer::poolRows(direct, nullptr);
    const Tile directRows = tc.compute(4, 1, 0, {0}, true, job).front();
    ASSERT_EQ(rows.bins, 64);
    EXPECT_EQ(rows.db, directRows.db);
    // The last tile of a level is short; pooling it alone keeps its columns.
    const std::int64_t last = tc.tileCount(3) - 1;
    const Tile end = tc.compute(3, 0, last, {0}, true, job).front();
    ASSERT_EQ(last % 2, 0) << "the fixture should end on an even tile";
    const Tile alone = TileComputer::pool(end, nullptr);
    EXPECT_EQ(alone.db, tc.compute(4, 0, last / 2, {0}, true, job).front().db);
}

// Large FFTs: a tile never holds more than kBandRows rows; bands and row levels cover all bins.
TEST(TileComputer, TilesOfLargeFftsAreCutIntoBands) {
    TempDir dir;
    const TileComputer tc(shortBursts(dir), StftParams::make(WindowSpec{}, 8192, 6144), -1);
    EXPECT_EQ(tc.bins(), 8192);
    EXPECT_EQ(tc.bandCount(0), 8);
    EXPECT_EQ(tc.maxRowLevel(), 3);
    EXPECT_EQ(tc.rowCount(3), 1024);
    const auto tiles = tc.compute(0, 1, 0, {0, 1, 3}, false, JobControl());
    ASSERT_EQ(tiles.size(), 3u);
    for (const auto& t : tiles)
        EXPECT_EQ(t.bins, kBandRows);
    EXPECT_EQ(tiles[2].firstRow, 3 * kBandRows);
    const auto span = tc.rowSpan(1, tiles[1].firstRow, tiles[1].bins);
    const double df = 100e3 / 8192;
    EXPECT_NEAR(span.first, (2048 - 4096) * df - df / 2, 1e-6);
    EXPECT_NEAR(span.second, (4095 - 4096) * df + df / 2, 1e-6);
}

// A one-sided spectrum has nfft / 2 + 1 bins: at row level 1 the top row holds one bin. The
// rows are drawn 2 bins high each, so every row lies on its bins (squeezing 513 rows into
// 1025 bins put the top rows up to a row off); the spectrum's extent still ends at the top bin.
TEST(TileComputer, RowsAreDrawnWholeAtTheTopOfAOneSidedSpectrum) {
    TempDir dir;
    const std::string path = specedit::test::audioRecording(
        dir.file("a.wav"), 1, 8000, 8000, [](std::int64_t i, int) { return 0.01 * (i % 7); });
    const TileComputer tc(openRecording(path, {}), StftParams::make(WindowSpec{}, 2048, 1536), -1);
    ASSERT_EQ(tc.bins(), 1025);
    ASSERT_EQ(tc.rowCount(1), 513);
    const double df = 8000.0 / 2048;
    const auto grid = tc.rowGridSpan(1, 0, 513);
    EXPECT_NEAR(grid.first, -df / 2, 1e-9);
    EXPECT_NEAR(grid.second, 1025.5 * df, 1e-9); // 513 rows of 2 bins
    const auto extent = tc.rowSpan(1, 0, 513);
    EXPECT_NEAR(extent.second, 1024.5 * df, 1e-9); // the top bin's upper edge
    // Row 256 covers bins 512 and 513 in the drawing as in the data.
    const auto row = tc.rowGridSpan(1, 256, 1);
    EXPECT_NEAR(row.first, 511.5 * df, 1e-9);
    EXPECT_NEAR(row.second, 513.5 * df, 1e-9);
}
