// Label similar: k-nearest-neighbour class proposals (core/features/Similar).

#include "features/Similar.h"

#include "TestUtil.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

using namespace specedit::core;
using specedit::test::expectError;

TEST(Similar, ProposesTheClassOfTheNearestClusterWithItsConfidence) {
    // Two clusters far apart in feature 0 (in Hz, large) and feature 1 (small units): both
    // count once standardised. Feature 2 is constant and left out.
    std::mt19937 rng(3);
    std::normal_distribution<double> g(0, 1);
    std::vector<std::vector<double>> x;
    std::vector<std::string> c;
    for (int i = 0; i < 10; ++i) {
        x.push_back({433.92e6 + 1e3 * g(rng), 0.01 * g(rng), 7});
        c.push_back(i < 8 ? "open" : "");
        x.push_back({433.98e6 + 1e3 * g(rng), 0.5 + 0.01 * g(rng), 7});
        c.push_back(i < 8 ? "close" : "");
    }
    // Halfway between, nearer "close" in both features.
    x.push_back({433.96e6, 0.35, 7});
    c.push_back("");
    const auto p = proposeClasses(x, c, 5);
    ASSERT_EQ(p.size(), 5u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(p[std::size_t(i)].className, i % 2 ? "close" : "open");
        EXPECT_DOUBLE_EQ(p[std::size_t(i)].confidence, 1.0);
    }
    EXPECT_EQ(p[4].className, "close");
    EXPECT_EQ(p[4].row, 20u);
}

TEST(Similar, AVoteSplitBetweenClassesLowersTheConfidence) {
    // Query at 0; references at distance 1 ("a", twice) and 2 ("b", twice): weights 1, 1 for
    // a and 0.5, 0.5 for b, so a wins with 2 / 3.
    std::vector<std::vector<double>> x = {{0}, {1}, {-1}, {2}, {-2}};
    std::vector<std::string> c = {"", "a", "a", "b", "b"};
    const auto p = proposeClasses(x, c, 4);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].className, "a");
    EXPECT_NEAR(p[0].confidence, 2.0 / 3.0, 1e-6);
}

TEST(Similar, UnmeasuredValuesCountAsTheMean) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<std::vector<double>> x = {{0, 5}, {10, 6}, {1, nan}};
    std::vector<std::string> c = {"low", "high", ""};
    const auto p = proposeClasses(x, c, 1);
    EXPECT_EQ(p[0].className, "low");
}

TEST(Similar, RefusesWithoutReferences) {
    expectError(
        [] {
            proposeClasses({{1}, {2}}, {"", ""});
        },
        {"label similar", "no burst has a class"});
    expectError([] { proposeClasses({{1}, {2, 3}}, {"a", ""}); }, {"differ in length"});
}
