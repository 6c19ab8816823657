#include "label/Proposals.h"

#include <algorithm>

namespace specedit::core {

bool overlapsMuch(const Label& a, const Label& b) {
    const double inter = std::max(0.0, std::min(a.t1, b.t1) - std::max(a.t0, b.t0));
    const double uni = std::max(a.t1, b.t1) - std::min(a.t0, b.t0);
    return uni > 0 && inter / uni >= 0.5 && std::min(a.f1, b.f1) > std::max(a.f0, b.f0);
}

ProposalMerge mergeProposals(std::vector<Label> labels, const std::vector<Label>& found,
                             const LabelRegion& region) {
    ProposalMerge m;
    m.replaced = std::erase_if(labels, [&](const Label& l) {
        return !l.confirmed && l.className.empty() && l.t1 > region.t0 && l.t0 < region.t1 &&
               (!region.f0 || l.f1 > *region.f0) && (!region.f1 || l.f0 < *region.f1);
    });
    const std::size_t kept = labels.size();
    for (const auto& d : found) {
        const auto first = labels.begin(), last = labels.begin() + std::ptrdiff_t(kept);
        if (std::any_of(first, last, [&](const Label& l) { return overlapsMuch(l, d); })) {
            ++m.alreadyThere;
            continue;
        }
        Label proposal = d;
        proposal.id = 0;
        labels.push_back(proposal);
        ++m.added;
    }
    m.labels = std::move(labels);
    return m;
}

} // namespace specedit::core
