// The block steps of burst detection (core/detect/NoiseFloor) against direct computations.

#include "detect/NoiseFloor.h"

#include <gtest/gtest.h>
#include <random>

using namespace specedit::core;

namespace {

PowerBlock randomBlock(std::int64_t frames, int bins) {
    std::mt19937 rng(7);
    std::exponential_distribution<float> power(1.0f);
    PowerBlock b;
    b.frames = frames;
    b.bins = bins;
    b.power.resize(std::size_t(frames) * std::size_t(bins));
    for (float& v : b.power)
        v = power(rng);
    return b;
}

} // namespace

// Each cell becomes the mean of itself and its neighbours that exist, the same on every
// thread count (the chunks' edges see their neighbours' rows).
TEST(NoiseFloor, SmoothingIsTheMeanOfTheNeighboursThatExist) {
    for (int bins : {1, 2, 7}) {
        const PowerBlock b = randomBlock(41, bins);
        for (unsigned threads : {1u, 3u}) {
            ThreadPool pool(threads);
            std::vector<float> out;
            smooth3x3(b, out, pool);
            ASSERT_EQ(out.size(), b.power.size());
            for (std::int64_t j = 0; j < b.frames; ++j)
                for (int k = 0; k < bins; ++k) {
                    double sum = 0;
                    int n = 0;
                    for (std::int64_t dj = -1; dj <= 1; ++dj)
                        for (int dk = -1; dk <= 1; ++dk)
                            if (j + dj >= 0 && j + dj < b.frames && k + dk >= 0 && k + dk < bins) {
                                sum += b.row(j + dj)[k + dk];
                                ++n;
                            }
                    EXPECT_NEAR(out[std::size_t(j) * std::size_t(bins) + std::size_t(k)], sum / n,
                                1e-5)
                        << "frame " << j << " bin " << k << " of " << bins;
                }
        }
    }
}

// Rows [r0, r1) are divided by the floor; the rows outside are left alone; a row is flagged
// when one of its cells reaches the threshold.
TEST(NoiseFloor, DividingByTheFloorFlagsRowsThatReachTheThreshold) {
    PowerBlock b = randomBlock(6, 4);
    const std::vector<float> floor{1, 2, 4, 8};
    for (int k = 0; k < 4; ++k)
        b.row(3)[k] = floor[std::size_t(k)] * 0.5f; // all below 1 after dividing
    b.row(2)[3] = 80.0f;                            // 10 after dividing
    const std::vector<float> before = b.power;
    ThreadPool pool(2);
    const auto flags = divideByFloor(b.power, 4, 1, 5, floor, 9.0f, pool);
    ASSERT_EQ(flags.size(), 4u);
    EXPECT_EQ(flags[1], 1); // row 2
    EXPECT_EQ(flags[2], 0); // row 3
    for (std::int64_t j = 0; j < 6; ++j)
        for (int k = 0; k < 4; ++k) {
            const std::size_t i = std::size_t(j) * 4 + std::size_t(k);
            const float expected = j >= 1 && j < 5 ? before[i] / floor[std::size_t(k)] : before[i];
            EXPECT_FLOAT_EQ(b.power[i], expected) << j << "," << k;
        }
}
