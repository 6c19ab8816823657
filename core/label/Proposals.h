#pragma once
// Detected bursts merged into the labels there are, as the editor's Detect bursts and the
// CLI's `detect --out project.specedit.json` do it: a new run replaces the proposals an earlier
// run left in its region (unreviewed: no class, not confirmed), and a burst that overlaps a
// label kept (for half the time the two span or more, and in some of its band) is not
// proposed again. Run twice, the labels do not double.

#include "label/Label.h"

#include <optional>
#include <vector>

namespace specedit::core {

// Where a detection looked: a time span, and a band when it looked in one (Hz).
struct LabelRegion {
    double t0 = 0, t1 = 0;
    std::optional<double> f0, f1;
};

struct ProposalMerge {
    std::vector<Label> labels;    // the labels kept, then the new proposals (id 0)
    std::size_t added = 0;        // found bursts proposed
    std::size_t replaced = 0;     // earlier proposals in the region dropped
    std::size_t alreadyThere = 0; // found bursts a kept label overlaps
};

// True when b overlaps a for at least half of the time both span and somewhere in frequency.
bool overlapsMuch(const Label& a, const Label& b);

ProposalMerge mergeProposals(std::vector<Label> labels, const std::vector<Label>& found,
                             const LabelRegion& region);

} // namespace specedit::core
