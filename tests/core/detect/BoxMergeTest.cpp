// How the detector's pieces become one burst's box (core/detect/BoxMerge).

#include "detect/BoxMerge.h"

#include <gtest/gtest.h>

using namespace specedit::core;

namespace {

// A piece from t0 to t1 s whose profile is `sum` on bins df Hz wide from f0 Hz.
Found piece(double t0, double t1, double f0, double df, std::vector<float> sum) {
    Found f;
    f.profile = {f0, df, std::move(sum)};
    f.box = {t0, t1, f0, f0 + df * double(f.profile.sum.size() - 1)};
    f.cells = std::int64_t(f.profile.sum.size());
    for (float v : f.profile.sum)
        f.sumRatio += v;
    return f;
}

} // namespace

TEST(BoxMerge, ProfilesOfFinerBinsAddIntoTheWiderBins) {
    BandProfile wide{0, 4000, {10, 20}};
    addProfile(wide, {-1000, 1000, {1, 2, 3, 4, 5}}); // -1, 0, 1, 2, 3 kHz
    // -1 and 0 kHz round to the bin at 0, 1 kHz too (a quarter bin), 2 kHz (half a bin) and
    // 3 kHz to the bin at 4 kHz.
    EXPECT_DOUBLE_EQ(wide.f0, 0);
    EXPECT_DOUBLE_EQ(wide.df, 4000);
    EXPECT_EQ(wide.sum, (std::vector<float>{16, 29}));
    BandProfile fine{0, 1000, {1, 1}}; // the result takes the wider bins and reaches below
    addProfile(fine, {-8000, 4000, {5, 0, 7}});
    EXPECT_DOUBLE_EQ(fine.f0, -8000);
    EXPECT_DOUBLE_EQ(fine.df, 4000);
    EXPECT_EQ(fine.sum, (std::vector<float>{5, 0, 9}));
}

TEST(BoxMerge, ProfilesOfUnrelatedBinsLeaveNone) {
    BandProfile a{0, 1000, {1, 2}};
    addProfile(a, {0, 1500, {1}});
    EXPECT_TRUE(a.sum.empty());
    EXPECT_EQ(a.df, 0);
    BandProfile b{0, 1000, {1}};
    addProfile(b, {}); // a piece with no profile (a steady carrier's)
    EXPECT_TRUE(b.sum.empty());
}

TEST(BoxMerge, TheOccupiedBandLeavesHalfAPercentOnEachSide) {
    // 0.4 % on the outer bins: outside; the next bins reach past half a percent: inside.
    const BandProfile p{-2000, 1000, {0.4f, 9.6f, 40, 40, 9.6f, 0.4f}};
    const auto [low, high] = occupiedBand(p);
    EXPECT_DOUBLE_EQ(low, -1000);
    EXPECT_DOUBLE_EQ(high, 2000);
    // One or two bins: half a bin beyond their centres.
    const auto [low1, high1] = occupiedBand({5000, 1000, {0, 1, 0}});
    EXPECT_DOUBLE_EQ(low1, 5500);
    EXPECT_DOUBLE_EQ(high1, 6500);
}

// A strong keyed carrier (one fine piece, 5 bins around 0 Hz) and the faint pieces its clicks
// leave in the longer windows, chained across the band (each overlaps the next), 0.15 % of the
// energy: merged, their box spans 1 MHz; the band is the carrier's, as the energy says.
TEST(BoxMerge, AMergedBurstsBandFollowsItsEnergyNotItsPieces) {
    const double df = 15625;
    std::vector<Found> pieces{piece(0.016, 0.056, -2 * df, df, {5, 400, 1000, 400, 5})};
    for (int i = 0; i < 8; ++i) // 3.9 kHz bins, 129 kHz wide each, from 20 kHz to 1 MHz
        pieces.push_back(piece(0.02 + 0.003 * i, 0.0205 + 0.003 * i, 20e3 + 122e3 * i, 3906.25,
                               std::vector<float>(34, 0.01f)));
    auto merged = mergeClose(pieces, 0.001, 25e3, {});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_GT(merged[0].box.f1, 900e3); // the union
    bandsFromProfiles(merged);
    EXPECT_DOUBLE_EQ(merged[0].box.f0, -df);
    EXPECT_DOUBLE_EQ(merged[0].box.f1, df);
    EXPECT_DOUBLE_EQ(merged[0].box.t0, 0.016);
    EXPECT_DOUBLE_EQ(merged[0].box.t1, 0.056);
}

// Packets 4.6 ms apart in one band: one device's repeats keep their level and merge within
// the 5 ms gap; a request and an answer from another device 5 dB weaker stay two bursts. Near
// the floor a level is too uncertain to tell senders apart: there they merge as before.
TEST(BoxMerge, PacketsOfTwoSendersDoNotMerge) {
    const double df = 15625;
    auto packet = [&](double t0, double t1, double db) {
        const float level = float(std::pow(10.0, db / 10.0));
        return piece(t0, t1, -2 * df, df, {level, level, level, level, level});
    };
    const auto same =
        mergeClose({packet(0.100, 0.112, 50), packet(0.1166, 0.122, 47.5)}, 0.005, 25e3, {});
    ASSERT_EQ(same.size(), 1u);
    EXPECT_DOUBLE_EQ(same[0].box.t1, 0.122);
    const auto two =
        mergeClose({packet(0.100, 0.112, 50), packet(0.1166, 0.122, 45)}, 0.005, 25e3, {});
    ASSERT_EQ(two.size(), 2u);
    EXPECT_DOUBLE_EQ(two[0].box.t1, 0.112);
    EXPECT_DOUBLE_EQ(two[1].box.t0, 0.1166);
    // Overlapping in time they are one burst whatever their levels (a packet's loud middle).
    EXPECT_EQ(
        mergeClose({packet(0.100, 0.112, 50), packet(0.110, 0.122, 40)}, 0.005, 25e3, {}).size(),
        1u);
    EXPECT_EQ(
        mergeClose({packet(0.100, 0.112, 14), packet(0.1166, 0.122, 8)}, 0.005, 25e3, {}).size(),
        1u);
}
