// Label similar: k-nearest-neighbour class proposals (core/features/Similar).

#include "features/Similar.h"

#include "TestUtil.h"

#include <algorithm>
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
    // Just off the "close" cluster (about one spread), and halfway between the two (twenty):
    // the first is "close", the second like neither.
    x.push_back({433.981e6, 0.51, 7});
    x.push_back({433.95e6, 0.25, 7});
    c.insert(c.end(), {"", ""});
    const auto p = proposeClasses(x, c, 5);
    ASSERT_EQ(p.size(), 6u);
    for (int i = 0; i < 4; ++i) { // all neighbours agree, and each is typical of its cluster
        EXPECT_EQ(p[std::size_t(i)].className, i % 2 ? "close" : "open");
        EXPECT_GT(p[std::size_t(i)].confidence, 0.5);
        EXPECT_LE(p[std::size_t(i)].confidence, 1.0);
    }
    EXPECT_EQ(p[4].className, "close");
    EXPECT_EQ(p[4].row, 20u);
    EXPECT_GT(p[4].confidence, 0.3);
    EXPECT_TRUE(p[5].className.empty());
}

TEST(Similar, AVoteSplitBetweenClassesLowersTheConfidence) {
    // Query at 0; references at distance 1 ("a", twice) and 2 ("b", twice): weights 1, 1 for
    // a and 0.5, 0.5 for b, so a wins with 2 / 3. Standardised (sd sqrt 2), a's references lie
    // 2 apart (its spread s) and the query 1 from the nearest: typicality exp(-1/32).
    std::vector<std::vector<double>> x = {{0}, {1}, {-1}, {2}, {-2}};
    std::vector<std::string> c = {"", "a", "a", "b", "b"};
    const auto p = proposeClasses(x, c, 4);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].className, "a");
    EXPECT_NEAR(p[0].confidence, 2.0 / 3.0 * std::exp(-1.0 / 32), 1e-6);
}

// One class given: every burst's neighbours agree, but one unlike the examples is not 100 %
// sure of it, and one far from them gets no class (Label similar once gave every label 100 %).
TEST(Similar, WithOneClassTheConfidenceSaysHowTypicalTheBurstIs) {
    std::mt19937 rng(5);
    std::normal_distribution<double> g(0, 1);
    std::vector<std::vector<double>> x;
    std::vector<std::string> c;
    for (int i = 0; i < 16; ++i) { // 8 examples, 8 more of the same kind
        x.push_back({10 + 0.1 * g(rng), 3 + 0.1 * g(rng)});
        c.push_back(i < 8 ? "remote" : "");
    }
    x.push_back({10.3, 3.3}); // a little off: 3 standard deviations in each feature
    x.push_back({40, -20});   // a spur: nothing like them
    c.insert(c.end(), {"", ""});
    const auto p = proposeClasses(x, c, 3);
    ASSERT_EQ(p.size(), 10u);
    std::vector<double> members;
    for (std::size_t i = 0; i < 8; ++i) {
        EXPECT_EQ(p[i].className, "remote");
        members.push_back(p[i].confidence);
    }
    std::sort(members.begin(), members.end());
    EXPECT_GT(members[4], 0.6); // the median member
    EXPECT_EQ(p[8].className, "remote");
    EXPECT_LT(p[8].confidence, members[4]);
    EXPECT_TRUE(p[9].className.empty());
    EXPECT_EQ(p[9].confidence, 0.0);
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

// A tester's case, rebuilt: two OOK references, one FSK, one CW, and an FSK burst to classify.
// Two columns tell OOK from FSK (duty cycle, frequency levels); sixty more (an MFCC-like
// group) happen to match the first OOK burst. Column by column, those sixty win and the FSK
// burst goes to OOK; with the sixty weighing as one group, and the modulation guesses as
// kinds, it goes to FSK.
TEST(Similar, GroupsWeighAsOneFeatureAndKindsKeepModulationsApart) {
    std::mt19937 rng(4);
    std::normal_distribution<double> g;
    std::vector<std::vector<double>> rows = {
        {0.5, 1}, {0.5, 1}, {1.0, 2}, {1.0, 1}, {1.0, 2}}; // duty, levels
    std::vector<double> shared(60);
    for (double& v : shared)
        v = g(rng);
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (int c = 0; c < 60; ++c)
            rows[r].push_back(r == 0 || r == 4 ? shared[std::size_t(c)] : g(rng));
    const std::vector<std::string> classes = {"ook_open", "ook_open", "fsk_close", "cw_beacon", ""};
    const auto plain = proposeClasses(rows, classes, 2);
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_EQ(plain[0].className, "ook_open");
    SimilarOptions o;
    o.k = 2;
    o.columnGroups = {0, 4};
    o.columnGroups.resize(62, 5);
    o.kinds = {"OOK/ASK", "OOK/ASK", "2-FSK", "other", "2-FSK"};
    const auto grouped = proposeClasses(rows, classes, o);
    ASSERT_EQ(grouped.size(), 1u);
    EXPECT_EQ(grouped[0].className, "fsk_close");
    EXPECT_GT(grouped[0].confidence, 0.5);
    o.kinds.pop_back();
    expectError([&] { proposeClasses(rows, classes, o); }, {"kinds and rows differ in count"});
}
