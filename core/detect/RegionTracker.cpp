#include "detect/RegionTracker.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace specedit::core {
namespace {

int findRoot(std::vector<int>& parent, int i) {
    while (parent[std::size_t(i)] != i) {
        parent[std::size_t(i)] = parent[std::size_t(parent[std::size_t(i)])];
        i = parent[std::size_t(i)];
    }
    return i;
}

// Grows the region's per-bin sums (from bin0) to hold bins [first, first + count).
void growBins(Region& g, int first, int count) {
    const int low = std::min(g.bin0, first);
    if (low < g.bin0 || g.profile.empty()) {
        const auto shift = std::ptrdiff_t(g.bin0 - low);
        for (auto* v : {&g.profile, &g.floors, &g.counts})
            v->insert(v->begin(), std::size_t(shift), 0.0f);
        g.bin0 = low;
    }
    const std::size_t need = std::size_t(first - g.bin0 + count);
    for (auto* v : {&g.profile, &g.floors, &g.counts})
        if (v->size() < need)
            v->resize(need, 0.0f);
}

// Adds `count` cells from bin `first` to the per-bin sums: their energy, (ratio - 1) * weight
// (the ratio itself without weights), their weight (1 without) and their number. Returns the
// energy added.
float addProfile(Region& g, int first, const float* ratio, const float* weight, int count) {
    growBins(g, first, count);
    const std::size_t at = std::size_t(first - g.bin0);
    float* energy = g.profile.data() + at;
    float* floors = g.floors.data() + at;
    float* counts = g.counts.data() + at;
    float sum = 0;
    for (int k = 0; k < count; ++k) {
        const float w = weight ? weight[k] : 1.0f;
        const float e = weight ? std::max(0.0f, ratio[k] - 1.0f) * w : ratio[k];
        energy[k] += e;
        floors[k] += w;
        counts[k] += 1.0f;
        sum += e;
    }
    return sum;
}

// Adds another region's per-bin sums.
void addBins(Region& into, const Region& from) {
    if (from.profile.empty())
        return;
    growBins(into, from.bin0, int(from.profile.size()));
    const std::size_t at = std::size_t(from.bin0 - into.bin0);
    for (std::size_t i = 0; i < from.profile.size(); ++i) {
        into.profile[at + i] += from.profile[i];
        into.floors[at + i] += from.floors[i];
        into.counts[at + i] += from.counts[i];
    }
}

// Adds energy per frame, from frame `first`, to the region's (which starts at frame0; the
// region's frame0 is already the earlier of the two).
void addFrames(Region& g, std::int64_t first, const std::vector<float>& energy) {
    const std::size_t at = std::size_t(first - g.frame0);
    if (g.frames.size() < at + energy.size())
        g.frames.resize(at + energy.size(), 0.0f);
    for (std::size_t i = 0; i < energy.size(); ++i)
        g.frames[at + i] += energy[i];
}

void absorb(Region& into, const Region& from) {
    if (from.frame0 < into.frame0) {
        into.frames.insert(into.frames.begin(), std::size_t(into.frame0 - from.frame0), 0.0f);
        into.frame0 = from.frame0;
    }
    addFrames(into, from.frame0, from.frames);
    into.frame1 = std::max(into.frame1, from.frame1);
    addBins(into, from);
    into.bin0 = std::min(into.bin0, from.bin0);
    into.bin1 = std::max(into.bin1, from.bin1);
    into.seeded = into.seeded || from.seeded;
    into.seeds += from.seeds;
    into.cells += from.cells;
    into.sumRatio += from.sumRatio;
    into.peakRatio = std::max(into.peakRatio, from.peakRatio);
    into.noise += from.noise;
    into.excess += from.excess;
}

// The first k from `from` with ratio[k] >= low, or bins: most cells are noise, so whole
// stretches of 16 are tested at once (a loop the compiler vectorises).
int nextAtOrAbove(const float* ratio, int from, int bins, float low) {
    constexpr int kStretch = 16;
    int k = from;
    for (; k + kStretch <= bins; k += kStretch) {
        int above = 0;
        for (int i = 0; i < kStretch; ++i)
            above += ratio[k + i] >= low ? 1 : 0;
        if (above)
            break;
    }
    while (k < bins && !(ratio[k] >= low))
        ++k;
    return k;
}

} // namespace

// The frame's runs of consecutive bins at or above `low`, into m_runs, each cut at its deep
// valleys if asked (splitAtValleys).
void RegionTracker::findRuns(const float* ratio, int bins, float low, const float* weight) {
    m_runs.clear();
    for (int k = 0; k < bins;) {
        if (!(ratio[k] >= low)) {
            k = nextAtOrAbove(ratio, k + 1, bins, low);
            continue;
        }
        const int b0 = k;
        while (k < bins && ratio[k] >= low)
            ++k;
        if (m_splitValleys)
            splitAtValleys(ratio, weight, b0, k - 1);
        else
            m_runs.push_back({b0, k - 1, -1});
    }
}

// Adds the run [b0, b1] to m_runs without the cells of its deep valleys: cells whose power
// (ratio x weight) lies kValleyDb below the loudest cells on both sides of them in the run.
// Two signals at once in different bands are otherwise one run whenever a keyed edge of one
// sprays its splatter across to the other (the demo's chirp took in an OOK burst 580 kHz
// away, and the two were one burst 1 MHz wide). A burst's own splatter falls away from it
// and is kept; a valley that deep lies only between two signals.
void RegionTracker::splitAtValleys(const float* ratio, const float* weight, int b0, int b1) {
    constexpr int kNarrow = 3; // a run this narrow has no valley
    if (b1 - b0 < kNarrow) {
        m_runs.push_back({b0, b1, -1});
        return;
    }
    const float depth = std::pow(10.0f, kValleyDb / 10.0f);
    auto level = [&](int k) { return weight ? ratio[k] * weight[k] : ratio[k]; };
    m_suffix.resize(std::size_t(b1 - b0 + 1));
    float right = 0;
    for (int k = b1; k >= b0; --k)
        m_suffix[std::size_t(k - b0)] = right = std::max(right, level(k));
    float left = 0;
    int start = -1;
    for (int k = b0; k <= b1; ++k) {
        left = std::max(left, level(k));
        const bool valley = level(k) * depth < std::min(left, m_suffix[std::size_t(k - b0)]);
        if (!valley && start < 0)
            start = k;
        if (valley && start >= 0) {
            m_runs.push_back({start, k - 1, -1});
            start = -1;
        }
    }
    if (start >= 0)
        m_runs.push_back({start, b1, -1});
}

// Each run joins the regions of the previous frame's runs it touches (a run touching two
// regions joins them in `parent`); a run touching none starts a region.
void RegionTracker::linkRuns(std::int64_t frame, std::vector<int>& parent) {
    std::size_t p = 0;
    for (Run& r : m_runs) {
        while (p < m_prev.size() && m_prev[p].b1 < r.b0 - 1)
            ++p;
        for (std::size_t q = p; q < m_prev.size() && m_prev[q].b0 <= r.b1 + 1; ++q) {
            const int root = findRoot(parent, m_prev[q].region);
            if (r.region < 0)
                r.region = root;
            else if (const int mine = findRoot(parent, r.region); mine != root)
                parent[std::size_t(std::max(mine, root))] = std::min(mine, root);
        }
        if (r.region < 0) { // a new region starts here
            r.region = int(m_open.size());
            m_open.push_back({frame, frame, r.b0, r.b1, false, 0, 0, 0, 0, {}, 0, 0, {}, {}, {}});
            parent.push_back(r.region);
        }
    }
}

// One run's cells into its region: profile, energy per frame, extent and counts.
void RegionTracker::addRun(Region& g, const Run& r, std::int64_t frame, const float* ratio,
                           float high, const float* weight) {
    g.frame1 = frame;
    const float energy =
        addProfile(g, r.b0, ratio + r.b0, weight ? weight + r.b0 : nullptr, r.b1 - r.b0 + 1);
    if (g.frames.size() < std::size_t(frame - g.frame0 + 1))
        g.frames.resize(std::size_t(frame - g.frame0 + 1), 0.0f);
    g.frames[std::size_t(frame - g.frame0)] += energy;
    g.bin0 = std::min(g.bin0, r.b0);
    g.bin1 = std::max(g.bin1, r.b1);
    for (int k = r.b0; k <= r.b1; ++k) {
        g.seeded = g.seeded || ratio[k] >= high;
        g.seeds += ratio[k] >= high ? 1 : 0;
        g.sumRatio += ratio[k];
        g.peakRatio = std::max(g.peakRatio, double(ratio[k]));
        const double w = weight ? weight[k] : 1.0;
        g.noise += w;
        g.excess += (double(ratio[k]) - 1.0) * w;
    }
    g.cells += r.b1 - r.b0 + 1;
}

// Regions no run continued are finished (kept when seeded); the rest are renumbered compactly.
void RegionTracker::closeRegions(std::vector<int>& parent, const std::vector<bool>& continued) {
    std::vector<int> renumber(m_open.size(), -1);
    std::vector<Region> open;
    for (int i = 0; i < int(m_open.size()); ++i) {
        if (findRoot(parent, i) != i)
            continue; // absorbed
        if (!continued[std::size_t(i)]) {
            if (m_open[std::size_t(i)].seeded)
                m_done.push_back(std::move(m_open[std::size_t(i)]));
            continue;
        }
        renumber[std::size_t(i)] = int(open.size());
        open.push_back(std::move(m_open[std::size_t(i)]));
    }
    for (Run& r : m_runs)
        r.region = renumber[std::size_t(r.region)];
    m_open = std::move(open);
}

void RegionTracker::addFrame(std::int64_t frame, const float* ratio, int bins, float low,
                             float high, const float* weight) {
    findRuns(ratio, bins, low, weight);
    if (m_runs.empty() && m_open.empty())
        return; // noise alone: the common case
    std::vector<int> parent(m_open.size());
    std::iota(parent.begin(), parent.end(), 0);
    linkRuns(frame, parent);
    // Merge the regions this frame joined, then add the frame's cells.
    for (int i = 0; i < int(m_open.size()); ++i)
        if (const int root = findRoot(parent, i); root != i)
            absorb(m_open[std::size_t(root)], m_open[std::size_t(i)]);
    std::vector<bool> continued(m_open.size(), false);
    for (Run& r : m_runs) {
        r.region = findRoot(parent, r.region);
        continued[std::size_t(r.region)] = true;
        addRun(m_open[std::size_t(r.region)], r, frame, ratio, high, weight);
    }
    closeRegions(parent, continued);
    std::swap(m_prev, m_runs);
}

void RegionTracker::finish() {
    for (const Region& g : m_open)
        if (g.seeded)
            m_done.push_back(g);
    m_open.clear();
    m_prev.clear();
}

std::vector<Region> RegionTracker::takeFinished() {
    return std::exchange(m_done, {});
}

} // namespace specedit::core
