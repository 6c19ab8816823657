#include "detect/BoxMerge.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numeric>

namespace specedit::core {
namespace {

double gapBetween(double a0, double a1, double b0, double b1) {
    return std::max(a0, b0) - std::min(a1, b1); // negative when they overlap
}

// Overlap of two intervals over their union (0 when apart).
double shared(double a0, double a1, double b0, double b1) {
    const double uni = std::max(a1, b1) - std::min(a0, b0);
    return uni > 0 ? std::max(0.0, -gapBetween(a0, a1, b0, b1)) / uni : 0.0;
}

// The frequency gap between two boxes, not counting steady bands inside it (a carrier or DC
// cuts a burst that spans it in two: the pieces are one burst).
double frequencyGap(const TfBox& a, const TfBox& b, const Bands& steady) {
    const double gap = gapBetween(a.f0, a.f1, b.f0, b.f1);
    if (gap <= 0)
        return gap;
    const double lo = std::min(a.f1, b.f1), hi = std::max(a.f0, b.f0);
    double hidden = 0;
    for (const auto& [s0, s1] : steady)
        hidden += std::max(0.0, std::min(hi, s1) - std::max(lo, s0));
    return gap - hidden;
}

// Two boxes apart in time, both far above the floor (where a level is measured to a fraction
// of a dB) and kOtherSenderDb apart in level, come from two transmitters: a request and its
// answer, or two devices one after the other. One device's packets and repeats keep their
// level (URH's elektromaten: within 2.7 dB, the mean level of a short piece lower by the
// window's smear at its edges); URH's two_participants' packets and answers, 4.6 and 4.9 ms
// apart, differ by 4.9 and 10.4 dB, and were one burst each.
bool apartSenders(const Found& a, const Found& b) {
    const double la = snrOf(a), lb = snrOf(b);
    return std::min(la, lb) >= kSureLevelDb && std::abs(la - lb) >= kOtherSenderDb;
}

// Pieces of one burst: boxes that overlap, or are close in time with overlapping bands, or
// close in frequency at overlapping times. Next to a sparse box (a chirp's diagonal) only
// pieces sharing half its band (or half its time) count: its box's corners are empty.
// Apart, they must be within kSpurDb of each other's level: a receiver's faint click between
// two packets bridged them (URH's two_participants: packets of two devices 6 to 16 ms apart
// joined through 7 dB blips within 5 ms of each).
bool closeEnough(const Found& a, const Found& b, double gapT, double gapF, const Bands& steady) {
    const double dt = gapBetween(a.box.t0, a.box.t1, b.box.t0, b.box.t1);
    const double dfreq = frequencyGap(a.box, b.box, steady);
    if ((dt > 0 || dfreq > 0) && std::abs(snrOf(a) - snrOf(b)) >= kSpurDb)
        return false;
    if (dt > 0 && apartSenders(a, b))
        return false;
    if (a.fill < kSparseFill || b.fill < kSparseFill)
        return (dt <= gapT && shared(a.box.f0, a.box.f1, b.box.f0, b.box.f1) >= 0.5) ||
               (dfreq <= gapF && shared(a.box.t0, a.box.t1, b.box.t0, b.box.t1) >= 0.5);
    return (dt <= gapT && dfreq <= 0) || (dfreq <= gapF && dt <= 0);
}

// One pass in time order: each box joins the first earlier one it is close to. Boxes are
// sorted by start, so the search back stops where even the longest box ends too early.
bool mergePass(std::vector<Found>& all, double gapT, double gapF, const Bands& steady) {
    std::sort(all.begin(), all.end(),
              [](const Found& x, const Found& y) { return x.box.t0 < y.box.t0; });
    std::vector<Found> out;
    double longest = 0;
    bool merged = false;
    for (const Found& f : all) {
        auto it = out.rbegin();
        for (; it != out.rend() && it->box.t0 + longest + gapT >= f.box.t0; ++it)
            if (closeEnough(*it, f, gapT, gapF, steady))
                break;
        if (it == out.rend() || it->box.t0 + longest + gapT < f.box.t0) {
            out.push_back(f);
            longest = std::max(longest, f.box.t1 - f.box.t0);
            continue;
        }
        it->box = {std::min(it->box.t0, f.box.t0), std::max(it->box.t1, f.box.t1),
                   std::min(it->box.f0, f.box.f0), std::max(it->box.f1, f.box.f1)};
        it->sumRatio += f.sumRatio;
        it->cells += f.cells;
        it->noise += f.noise;
        it->excess += f.excess;
        it->fill = std::min(it->fill, f.fill);
        addProfile(it->profile, f.profile);
        longest = std::max(longest, it->box.t1 - it->box.t0);
        merged = true;
    }
    all = std::move(out);
    return merged;
}

bool overlaps(const TfBox& a, const TfBox& b) {
    return gapBetween(a.t0, a.t1, b.t0, b.t1) < 0 && gapBetween(a.f0, a.f1, b.f0, b.f1) < 0;
}

// Boxes in order of their start, to find the ones that meet a time span without a pass over
// them all: at a low threshold a pass finds tens of thousands of regions, and linking each
// coarse box to each fine one took minutes (4 s of the demo at 2 dB: 5 min).
class TimeIndex {
public:
    explicit TimeIndex(const std::vector<Found>& boxes) : m_boxes(boxes) {
        // The longest hundredth stand apart, so that one box across the recording does not
        // make every query scan them all.
        std::vector<double> lengths;
        for (const Found& f : boxes)
            lengths.push_back(f.box.t1 - f.box.t0);
        if (!lengths.empty()) {
            const auto cut = lengths.begin() + std::ptrdiff_t(lengths.size() * 99 / 100);
            std::nth_element(lengths.begin(), cut, lengths.end());
            m_longest = *cut;
        }
        for (std::size_t i = 0; i < boxes.size(); ++i)
            (boxes[i].box.t1 - boxes[i].box.t0 > m_longest ? m_long : m_order).push_back(i);
        std::sort(m_order.begin(), m_order.end(),
                  [&](std::size_t a, std::size_t b) { return boxes[a].box.t0 < boxes[b].box.t0; });
    }
    // The indices, ascending, of the boxes whose time span meets `box`'s (some may not
    // overlap it in frequency).
    std::vector<std::size_t> meeting(const TfBox& box) const {
        auto from =
            std::lower_bound(m_order.begin(), m_order.end(), box.t0 - m_longest,
                             [&](std::size_t i, double t) { return m_boxes[i].box.t0 < t; });
        std::vector<std::size_t> out;
        auto meets = [&](std::size_t i) {
            return m_boxes[i].box.t0 <= box.t1 && m_boxes[i].box.t1 >= box.t0;
        };
        for (; from != m_order.end() && m_boxes[*from].box.t0 <= box.t1; ++from)
            if (meets(*from))
                out.push_back(*from);
        std::copy_if(m_long.begin(), m_long.end(), std::back_inserter(out), meets);
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    const std::vector<Found>& m_boxes;
    std::vector<std::size_t> m_order; // by start
    std::vector<std::size_t> m_long;  // longer than m_longest
    double m_longest = 0;
};

// A fine box that two coarse boxes apart in time both overlap joins what the longer window
// sees as separate bursts: its region ran through their gap along cells the longer window
// finds at the floor (URH's ook_overshoot: a DC offset that the receiver's gain moves, higher
// between the bursts than during them, joined five bursts into one region). The coarse boxes
// stand for it. (Not for a sparse box: a chirp's box holds other bursts.)
bool joinsCoarseGap(const Found& f, const std::vector<Found>& coarse, const TimeIndex& index) {
    if (f.fill < kSparseFill)
        return false;
    double firstEnd = std::numeric_limits<double>::infinity();
    double lastStart = -firstEnd;
    for (const std::size_t k : index.meeting(f.box)) {
        const Found& c = coarse[k];
        if (c.fill < kSparseFill || c.steady || !overlaps(c.box, f.box))
            continue;
        firstEnd = std::min(firstEnd, c.box.t1);
        lastStart = std::max(lastStart, c.box.t0);
    }
    return lastStart > firstEnd;
}

} // namespace

// Whether bins `df` wide hold whole bins of p (p's width divides df).
bool onGrid(const BandProfile& p, double df) {
    const double ratio = df / p.df;
    return p.df > 0 && std::abs(ratio - std::round(ratio)) < 1e-6 * ratio;
}

void addProfile(BandProfile& into, const BandProfile& from) {
    const BandProfile& wide = from.df > into.df ? from : into; // its bins are the result's
    const double df = wide.df, origin = wide.f0;
    if (!onGrid(into, df) || !onGrid(from, df)) {
        into = {};
        return;
    }
    auto index = [&](const BandProfile& p, std::size_t i) {
        return std::lround((p.f0 + double(i) * p.df - origin) / df);
    };
    const BandProfile* const both[] = {&into, &from};
    long first = 0, last = 0;
    for (const BandProfile* p : both) {
        if (p->sum.empty())
            continue;
        first = std::min(first, index(*p, 0));
        last = std::max(last, index(*p, p->sum.size() - 1));
    }
    const std::size_t bins = std::size_t(last - first + 1);
    std::vector<float> sum(bins, 0.0f), floors(bins, 0.0f), counts(bins, 0.0f);
    bool noise = true; // both profiles know their floors
    for (const BandProfile* p : both) {
        noise = noise && p->floors.size() == p->sum.size() && p->counts.size() == p->sum.size();
        for (std::size_t i = 0; i < p->sum.size(); ++i)
            sum[std::size_t(index(*p, i) - first)] += p->sum[i];
    }
    for (const BandProfile* p : both)
        for (std::size_t i = 0; noise && i < p->sum.size(); ++i) {
            floors[std::size_t(index(*p, i) - first)] += p->floors[i];
            counts[std::size_t(index(*p, i) - first)] += p->counts[i];
        }
    if (!noise)
        floors.clear(), counts.clear();
    into = {origin + double(first) * df, df, std::move(sum), std::move(floors), std::move(counts)};
}

std::pair<double, double> occupiedBand(const BandProfile& p) {
    const double total = std::accumulate(p.sum.begin(), p.sum.end(), 0.0);
    const double tail = kBandTail * total;
    double below = 0, above = 0;
    int first = 0, last = int(p.sum.size()) - 1;
    while (first < last && (below += p.sum[std::size_t(first)]) < tail)
        ++first;
    while (last > first && (above += p.sum[std::size_t(last)]) < tail)
        --last;
    // The smoothing spreads a burst one bin past each edge: the band ends at the centres of
    // those outer bins, half a bin beyond the burst's own, so a tone split between two bins,
    // or one bin wide, lies inside it.
    const double pad = last - first >= 2 ? 0.0 : p.df / 2;
    return {p.f0 + first * p.df - pad, p.f0 + last * p.df + pad};
}

void bandsFromProfiles(std::vector<Found>& all) {
    for (Found& f : all) {
        if (f.profile.df <= 0 || f.profile.sum.empty())
            continue;
        const auto [low, high] = occupiedBand(f.profile);
        const double f0 = std::max(f.box.f0, low), f1 = std::min(f.box.f1, high);
        if (f0 < f1) // (always, unless re-binning moved the band off a narrow union)
            f.box = {f.box.t0, f.box.t1, f0, f1};
    }
}

// Merges boxes within the gaps until none are; steady carriers only with each other.
std::vector<Found> mergeClose(const std::vector<Found>& found, double gapT, double gapF,
                              const Bands& steadyBands) {
    std::vector<Found> bursts, steady;
    for (const Found& f : found)
        (f.steady ? steady : bursts).push_back(f);
    while (mergePass(bursts, gapT, gapF, steadyBands)) {
    }
    while (mergePass(steady, 0, 0, {})) {
    }
    bursts.insert(bursts.end(), steady.begin(), steady.end());
    std::sort(bursts.begin(), bursts.end(),
              [](const Found& x, const Found& y) { return x.box.t0 < y.box.t0; });
    return bursts;
}

// The fine pass gives tight boxes; the coarse pass sees weak narrow bursts whole, where the
// fine pass sees only fragments. Fine boxes inside one coarse box become one (their union,
// still tight); a coarse box with no fine box in it is kept as it is.
// A coarse box longer than a few of its windows resolves its burst in time; fine pieces that
// cover less than half of it are the peaks of a burst too weak for the fine pass, so the coarse
// box stands.
std::vector<Found> linkByCoarse(std::vector<Found> fine, const std::vector<Found>& coarse,
                                double coarseWindow) {
    std::vector<Found> out;
    std::vector<bool> used(fine.size(), false);
    const TimeIndex coarseIndex(coarse), fineIndex(fine);
    for (std::size_t i = 0; i < fine.size(); ++i)
        used[i] = !fine[i].steady && joinsCoarseGap(fine[i], coarse, coarseIndex);
    for (const Found& c : coarse) {
        const std::vector<std::size_t> near = fineIndex.meeting(c.box);
        if (c.fill < kSparseFill) { // a chirp's box holds its neighbours too: do not join them
            if (std::none_of(near.begin(), near.end(),
                             [&](std::size_t i) { return overlaps(c.box, fine[i].box); }))
                out.push_back(c);
            continue;
        }
        auto joins = [&](std::size_t i) {
            return !used[i] && !fine[i].steady && overlaps(c.box, fine[i].box);
        };
        double loudest = -std::numeric_limits<double>::infinity();
        for (const std::size_t i : near)
            if (joins(i))
                loudest = std::max(loudest, snrOf(fine[i]));
        std::optional<Found> joined;
        for (const std::size_t i : near) {
            // (A click kSpurDb fainter than the burst is not one of its pieces: see closeEnough.)
            if (!joins(i) || snrOf(fine[i]) <= loudest - kSpurDb)
                continue;
            used[i] = true;
            if (!joined) {
                joined = fine[i];
                continue;
            }
            TfBox& b = joined->box;
            b = {std::min(b.t0, fine[i].box.t0), std::max(b.t1, fine[i].box.t1),
                 std::min(b.f0, fine[i].box.f0), std::max(b.f1, fine[i].box.f1)};
            joined->sumRatio += fine[i].sumRatio;
            joined->cells += fine[i].cells;
            joined->noise += fine[i].noise;
            joined->excess += fine[i].excess;
            addProfile(joined->profile, fine[i].profile);
        }
        const double length = c.box.t1 - c.box.t0;
        const bool piecesOnly =
            joined && length > 4 * coarseWindow && joined->box.t1 - joined->box.t0 < 0.5 * length;
        out.push_back(joined && !piecesOnly ? *joined : c);
    }
    for (std::size_t i = 0; i < fine.size(); ++i)
        if (!used[i])
            out.push_back(fine[i]);
    return out;
}

double snrOf(const Found& f) {
    return 10.0 * std::log10(f.sumRatio / double(std::max<std::int64_t>(1, f.cells)));
}

double bandSnrOf(const Found& f) {
    if (!(f.noise > 0))
        return snrOf(f);
    const auto& p = f.profile;
    const double t = f.box.t1 - f.box.t0;
    if (p.df <= 0 || p.sum.empty() || p.floors.size() != p.sum.size() || !(t > 0))
        return 10.0 * std::log10(std::max(1e-12, 1.0 + f.excess / f.noise));
    // The energy in the box's band over the noise of all its cells, on and off alike: each
    // analysis's cells, at half overlap, are 1 / (2 df) apart (its hop), so a bin row of the
    // box holds 2 T df of them, each with the bin's floor (its cells' mean, or the burst's).
    const double cellNoise = f.noise / double(std::max<std::int64_t>(1, f.cells));
    double energy = 0, noise = 0;
    for (std::size_t i = 0; i < p.sum.size(); ++i) {
        const double hz = p.f0 + double(i) * p.df;
        if (hz < f.box.f0 - p.df / 2 || hz > f.box.f1 + p.df / 2)
            continue;
        energy += p.sum[i];
        noise += 2 * t * p.df * (p.counts[i] > 0 ? p.floors[i] / p.counts[i] : cellNoise);
    }
    if (!(noise > 0))
        return 10.0 * std::log10(std::max(1e-12, 1.0 + f.excess / f.noise));
    return 10.0 * std::log10(std::max(1e-12, 1.0 + energy / noise));
}

// A strong burst's spurs (its splatter beyond the band, an 8-bit receiver's intermodulation)
// show as faint blobs during it: a burst kSpurDb weaker than another at the same time is
// taken for one of them. (Steady carriers do not count: a weak burst beside one is real.)
std::vector<Found> dropSpurs(const std::vector<Found>& all, double gapT) {
    std::vector<Found> kept;
    for (const Found& f : all) {
        const bool spur = !f.steady && std::any_of(all.begin(), all.end(), [&](const Found& o) {
            if (o.steady || &o == &f || snrOf(o) < snrOf(f) + kSpurDb)
                return false;
            const double dt = gapBetween(o.box.t0, o.box.t1, f.box.t0, f.box.t1);
            return dt < 0 || (dt <= gapT && gapBetween(o.box.f0, o.box.f1, f.box.f0, f.box.f1) < 0);
        });
        if (!spur)
            kept.push_back(f);
    }
    return kept;
}

} // namespace specedit::core
