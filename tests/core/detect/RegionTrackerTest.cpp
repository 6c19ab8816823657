// Connected regions of a thresholded spectrogram (core/detect/RegionTracker), alone and
// inside the detector.

#include "detect/RegionTracker.h"

#include "IqFixture.h"
#include "TestUtil.h"
#include "detect/BurstDetector.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;
using specedit::test::TempDir;

// Regions: touching cells (diagonals too) are one region; a region needs a seed; a U shape
// met from both arms becomes one region when its base joins them.
TEST(RegionTracker, JoinsTouchingCellsAndNeedsASeed) {
    RegionTracker t;
    const float rows[4][8] = {{0, 2, 0, 0, 0, 2, 0, 0},
                              {0, 2, 0, 0, 0, 5, 0, 2},
                              {0, 0, 2, 2, 2, 0, 0, 0},
                              {0, 0, 0, 0, 0, 0, 0, 0}};
    for (int j = 0; j < 4; ++j)
        t.addFrame(j, rows[j], 8, 1.5f, 4.0f);
    t.finish();
    const auto regions = t.takeFinished();
    ASSERT_EQ(regions.size(), 1u); // the lone cell at bin 7 has no seed
    EXPECT_EQ(regions[0].frame0, 0);
    EXPECT_EQ(regions[0].frame1, 2);
    EXPECT_EQ(regions[0].bin0, 1);
    EXPECT_EQ(regions[0].bin1, 5);
    EXPECT_EQ(regions[0].cells, 7);
    EXPECT_DOUBLE_EQ(regions[0].peakRatio, 5.0);
}

// A run is cut where its cells lie 20 dB below the loudest on both sides; a burst's splatter
// falling away from it is kept. Row 0: a 40 dB peak, splatter down to 12 dB, a 35 dB peak
// (both sides stand more than 20 dB above the valley's 12 dB cells); row 1: one peak whose
// splatter falls away on both sides.
TEST(RegionTracker, DeepValleysSplitARun) {
    const float rows[2][10] = {{10000, 100, 16, 16, 16, 100, 3000, 0, 0, 0},
                               {0, 0, 0, 16, 100, 10000, 100, 16, 0, 0}};
    for (const bool split : {true, false}) {
        RegionTracker t(split);
        t.addFrame(0, rows[0], 10, 10.0f, 500.0f);
        t.finish();
        t.addFrame(2, rows[1], 10, 10.0f, 500.0f);
        t.finish();
        const auto regions = t.takeFinished();
        ASSERT_EQ(regions.size(), split ? 3u : 2u) << split;
        EXPECT_EQ(regions[0].bin0, 0);
        EXPECT_EQ(regions[0].bin1, split ? 1 : 6); // without the 16s, 20 dB under both peaks
        if (split) {
            EXPECT_EQ(regions[1].bin0, 5);
            EXPECT_EQ(regions[1].bin1, 6);
        }
        EXPECT_EQ(regions.back().bin0, 3); // a burst's own splatter stays
        EXPECT_EQ(regions.back().bin1, 7);
    }
}

// The demo's scene: a chirp sweeping -700 to -100 kHz over a second, and an OOK burst at
// +300 kHz, hard-keyed at 5 kbaud, while the chirp is at -280 kHz. Each edge of the OOK
// sprays splatter across the band; the chirp was one region with it, its box 433.217 to
// 434.233 MHz. Now the chirp's box stops near its sweep's end and the OOK has its own.
TEST(BurstDetector, AChirpDoesNotTakeInABurstWhoseSplatterReachesIt) {
    constexpr double rate = 2e6, centre = 433.92e6;
    const TempDir dir;
    std::mt19937 rng(5);
    std::normal_distribution<double> g(0, 0.01);
    std::uniform_int_distribution<int> bit(0, 1);
    std::vector<int> bits(1000);
    for (auto& b : bits)
        b = bit(rng);
    const auto src = specedit::test::iqRecording(
        dir.file("chirp.cf32"), std::int64_t(1.4 * rate), rate, centre, [&](std::int64_t i) {
            const double t = double(i) / rate, u = t - 0.2;
            std::complex<double> x(g(rng), g(rng));
            if (u >= 0 && u < 1)
                x += std::polar(0.2, 2 * std::numbers::pi * (-700e3 * u + 300e3 * u * u));
            if (u >= 0.7 && u < 0.82 && bits[std::size_t((u - 0.7) * 5000)])
                x += std::polar(0.3, 2 * std::numbers::pi * 300e3 * t);
            return x;
        });
    DetectOptions o;
    JobControl job;
    const auto found = detectBursts(*src, detectionAnalysis(rate), o, job);
    ASSERT_EQ(found.size(), 2u);
    const Label& chirp = found[0];
    EXPECT_NEAR(chirp.t0, 0.2, 1e-3);
    EXPECT_NEAR(chirp.t1, 1.2, 1e-3);
    EXPECT_NEAR(chirp.f0, centre - 700e3, 20e3);
    EXPECT_NEAR(chirp.f1, centre - 100e3, 20e3);
    const Label& ook = found[1];
    EXPECT_NEAR(ook.t0, 0.9, 1e-3);
    EXPECT_NEAR(ook.t1, 1.02, 1e-3);
    EXPECT_LT(ook.f0, centre + 300e3);
    EXPECT_GT(ook.f1, centre + 300e3);
    EXPECT_LT(ook.f1 - ook.f0, 150e3);
}
