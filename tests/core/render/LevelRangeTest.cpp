#include "render/LevelRange.h"

#include <gtest/gtest.h>
#include <random>

using namespace specedit::core;

namespace {

// Rows [first, last) of `frames` levels each: noise at `noiseDb` (exponential power, as an
// STFT's cells), with every 10th cell of rows below `loudRows` 50 dB louder (a voice).
void addRows(std::vector<LevelSample>& out, int first, int last, float noiseDb, int loudRows,
             std::mt19937& rng) {
    std::exponential_distribution<float> power(1.0f);
    for (int r = first; r < last; ++r)
        for (int j = 0; j < 200; ++j) {
            const float loud = r < loudRows && j % 10 == 0 ? 50.0f : 0.0f;
            out.push_back({r, noiseDb + loud + 10.0f * std::log10(power(rng))});
        }
}

} // namespace

// Noise through the band: the floor 10 dB below its 10th percentile (an exponential power's
// 10th percentile lies 9.8 dB below its mean), the ceiling above the loudest.
TEST(LevelRange, NoiseThroughTheBand) {
    std::mt19937 rng(1);
    std::vector<LevelSample> s;
    addRows(s, 0, 100, -90.0f, 50, rng);
    const auto r = autoLevelRange(s);
    ASSERT_TRUE(r);
    EXPECT_NEAR(r->minDb, -90.0f - 9.8f - 10.0f, 1.5f);
    EXPECT_GE(r->maxDb, -40.0f + 3.0f);
    EXPECT_LE(r->maxDb, -40.0f + 12.0f);
}

// Speech at 22.05 kHz resampled to 44.1 kHz: the top half of the band holds nothing, 45 dB
// below the noise under the speech and 95 dB below its peaks. Its rows are left out of the
// floor, which stays under the speech's noise (it was at the empty band's, 45 dB lower, and
// the picture was washed out).
TEST(LevelRange, AnEmptyBandDoesNotSetTheFloor) {
    std::mt19937 rng(2);
    std::vector<LevelSample> s;
    addRows(s, 0, 100, -90.0f, 50, rng);
    addRows(s, 100, 200, -135.0f, 0, rng);
    const auto r = autoLevelRange(s);
    ASSERT_TRUE(r);
    EXPECT_NEAR(r->minDb, -90.0f - 9.8f - 10.0f, 1.5f);
    // A band 30 dB under the rest with sounds of its own is in the picture: quieter is not
    // empty.
    std::vector<LevelSample> quiet;
    addRows(quiet, 0, 100, -90.0f, 50, rng);
    addRows(quiet, 100, 200, -120.0f, 200, rng);
    // Half the cells are the quiet band's: the 10th percentile of all is its 20th, 6.5 dB
    // below its mean.
    EXPECT_NEAR(autoLevelRange(quiet)->minDb, -120.0f - 6.5f - 10.0f, 1.5f);
}

// At most the range asked for (a pure tone's sidelobes near -200 dB), at least 30 dB; nothing
// for too few samples.
TEST(LevelRange, BoundedAndNeedsSamples) {
    std::vector<LevelSample> s;
    for (int row = 0; row < 10; ++row)
        for (int i = 0; i < 100; ++i)
            s.push_back({row, i < 90 ? -200.0f : -10.0f});
    EXPECT_EQ(autoLevelRange(s, 120.0f)->minDb, -127.0f); // -10 + 3 - 120
    std::vector<LevelSample> flat(100, LevelSample{0, -50.0f});
    const auto r = autoLevelRange(flat);
    EXPECT_EQ(r->minDb, -60.0f);
    EXPECT_EQ(r->maxDb, -30.0f); // 30 dB shown, not 13
    EXPECT_FALSE(autoLevelRange(std::vector<LevelSample>(15)));
}
