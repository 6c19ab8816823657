// Detected bursts merged into the labels there are (core/label/Proposals): a second run
// replaces the first run's unreviewed proposals and leaves reviewed labels alone.

#include "label/Proposals.h"

#include <gtest/gtest.h>

using namespace specedit::core;

namespace {

Label box(double t0, double t1, double f0, double f1, bool confirmed = false,
          std::string className = {}) {
    Label l;
    l.t0 = t0;
    l.t1 = t1;
    l.f0 = f0;
    l.f1 = f1;
    l.confirmed = confirmed;
    l.className = std::move(className);
    return l;
}

} // namespace

TEST(Proposals, OverlapMeansHalfTheJointSpanAndSomeBand) {
    const Label a = box(1, 2, 100, 200);
    EXPECT_TRUE(overlapsMuch(a, box(1.2, 2.2, 150, 300)));  // 0.8 s of the 1.2 s spanned
    EXPECT_FALSE(overlapsMuch(a, box(1.4, 2.4, 150, 300))); // 0.6 s of 1.4 s
    EXPECT_FALSE(overlapsMuch(a, box(1, 2, 200, 300)));     // bands only touch
    EXPECT_FALSE(overlapsMuch(a, box(3, 3, 100, 200)));     // no time in common
}

TEST(Proposals, ASecondRunReplacesUnreviewedProposalsOnly) {
    std::vector<Label> labels = {box(0.1, 0.2, 0, 10, false),         // proposed: replaced
                                 box(0.4, 0.5, 0, 10, true),          // confirmed: kept
                                 box(0.7, 0.8, 0, 10, false, "open"), // classified: kept
                                 box(2.1, 2.2, 0, 10, false)};        // outside: kept
    for (std::uint64_t i = 0; i < labels.size(); ++i)
        labels[i].id = i + 1;
    const std::vector<Label> found = {box(0.1, 0.2, 0, 10), box(0.41, 0.5, 0, 10),
                                      box(0.7, 0.8, 0, 10), box(1.0, 1.1, 0, 10)};
    const ProposalMerge m = mergeProposals(labels, found, {0, 2, {}, {}});
    EXPECT_EQ(m.replaced, 1u);
    EXPECT_EQ(m.alreadyThere, 2u);
    EXPECT_EQ(m.added, 2u);
    ASSERT_EQ(m.labels.size(), 5u);
    EXPECT_EQ(m.labels[0].id, 2u);
    EXPECT_EQ(m.labels[1].id, 3u);
    EXPECT_EQ(m.labels[2].id, 4u);
    EXPECT_EQ(m.labels[3].t0, 0.1); // proposed again, as new
    EXPECT_EQ(m.labels[3].id, 0u);
    EXPECT_EQ(m.labels[4].t0, 1.0);
    // The same run again changes nothing but the new proposals' ids.
    const ProposalMerge again = mergeProposals(m.labels, found, {0, 2, {}, {}});
    EXPECT_EQ(again.replaced, 2u);
    EXPECT_EQ(again.added, 2u);
    EXPECT_EQ(again.labels.size(), 5u);
}

TEST(Proposals, ARunInABandLeavesProposalsOutsideIt) {
    const std::vector<Label> labels = {box(0.1, 0.2, 0, 10), box(0.1, 0.2, 100, 110)};
    const ProposalMerge m = mergeProposals(labels, {}, {0, 1, 50.0, 200.0});
    EXPECT_EQ(m.replaced, 1u);
    ASSERT_EQ(m.labels.size(), 1u);
    EXPECT_EQ(m.labels[0].f0, 0);
}
