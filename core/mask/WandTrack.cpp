#include "mask/WandTrack.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace specedit::core {
namespace {

int width(RowSpan s) {
    return s.second - s.first + 1;
}

// The rows two spans share; apart, minus the rows between them (less the more apart).
int common(RowSpan a, RowSpan b) {
    return std::min(a.second, b.second) - std::max(a.first, b.first) + 1;
}

// Each frame's runs of cells at or above their row's threshold.
class FrameRuns {
public:
    FrameRuns(const LevelGrid& g, const std::vector<float>& threshold)
        : m_g(g), m_threshold(threshold) {}

    const std::vector<RowSpan>& of(int j) {
        m_runs.clear();
        auto above = [&](int k) { return m_g.at(j, k) >= m_threshold[std::size_t(k)]; };
        for (int k = 0; k < m_g.bins;) {
            if (!above(k)) {
                ++k;
                continue;
            }
            const int b0 = k;
            while (k < m_g.bins && above(k))
                ++k;
            m_runs.push_back({b0, k - 1});
        }
        return m_runs;
    }

    int frames() const { return m_g.frames; }

private:
    const LevelGrid& m_g;
    const std::vector<float>& m_threshold;
    std::vector<RowSpan> m_runs;
};

// The run of frame j holding row k.
RowSpan clickedRun(FrameRuns& runs, int j, int k) {
    RowSpan best{-1, -1};
    for (const RowSpan& r : runs.of(j))
        if (best.first < 0 || common(r, {k, k}) > common(best, {k, k}))
            best = r;
    return best;
}

// The local maximum of frame j's levels reached from row k by climbing within run r: the
// sound's own peak even where a louder one shares the run.
int climb(const LevelGrid& g, int j, RowSpan r, int k) {
    k = std::clamp(k, r.first, r.second);
    for (;;) {
        const int up = k < r.second && g.at(j, k + 1) > g.at(j, k) ? k + 1 : k;
        const int down = k > r.first && g.at(j, k - 1) > g.at(j, up) ? k - 1 : up;
        if (down == k)
            return k;
        k = down;
    }
}

// Follows the sound from frame j (rows[j] and peaks[j] set) outwards, step +1 or -1: into the
// run that shares a row with the sound's run in the frame before; of several, the one nearest
// the sound's peak (then the narrower). The peak moves to the local maximum climbed to from it
// in the run taken.
void follow(const LevelGrid& g, FrameRuns& runs, int j, int step, std::vector<RowSpan>& rows,
            std::vector<int>& peaks) {
    RowSpan previous = rows[std::size_t(j)];
    int peak = peaks[std::size_t(j)];
    for (int a = j + step; a >= 0 && a < runs.frames(); a += step) {
        const RowSpan* best = nullptr;
        auto apart = [&](RowSpan r) { return std::max(0, 1 - common(r, {peak, peak})); };
        for (const RowSpan& r : runs.of(a)) {
            if (common(r, previous) < 1)
                continue;
            if (!best || apart(r) < apart(*best) ||
                (apart(r) == apart(*best) && width(r) < width(*best)))
                best = &r;
        }
        if (!best)
            break;
        rows[std::size_t(a)] = previous = *best;
        peaks[std::size_t(a)] = peak = climb(g, a, *best, peak);
    }
}

// A tonal sound (a whistle, a hum's line, a chirp): its peak moves by at most a row from frame
// to frame in 80 % of its frames. A noisy sound's peak (a cough) jumps between the local
// maxima of its band.
bool tonal(const std::vector<int>& peaks) {
    int steps = 0, steady = 0;
    for (std::size_t a = 1; a < peaks.size(); ++a)
        if (peaks[a] >= 0 && peaks[a - 1] >= 0) {
            ++steps;
            steady += std::abs(peaks[a] - peaks[a - 1]) <= 1;
        }
    return steps >= 4 && steady >= 0.8 * steps;
}

// The hill around row `peak` of frame j within run r: down each side until a cell stands
// more than 6 dB above the lowest passed (another sound's slope: a voice's harmonic beside a
// whistle, or the window's first sidelobe).
RowSpan hill(const LevelGrid& g, int j, RowSpan r, int peak) {
    constexpr float kRiseDb = 6.0f;
    auto edge = [&](int step, int end) {
        int k = peak;
        float lowest = g.at(j, k);
        while (k != end && g.at(j, k + step) <= lowest + kRiseDb) {
            k += step;
            lowest = std::min(lowest, g.at(j, k));
        }
        return k;
    };
    return {edge(-1, r.first), edge(+1, r.second)};
}

// The median width of the sound's cross-sections in frames [from, to] (0 if none).
int medianWidth(const std::vector<RowSpan>& rows, int from, int to) {
    std::vector<int> widths;
    for (int a = std::max(0, from); a <= std::min(int(rows.size()) - 1, to); ++a)
        if (rows[std::size_t(a)].first >= 0)
            widths.push_back(width(rows[std::size_t(a)]));
    if (widths.empty())
        return 0;
    const auto mid = widths.begin() + std::ptrdiff_t(widths.size() / 2);
    std::nth_element(widths.begin(), mid, widths.end());
    return *mid;
}

// The sound's own width: the clicked cross-section's, or the median of the two frames either
// side of it, or the median of the whole track, whichever is narrowest (a click where another
// sound crosses, or a voice on the whistle for most of a stretch).
int soundWidth(const std::vector<RowSpan>& rows, int j) {
    return std::min({width(rows[std::size_t(j)]), medianWidth(rows, j - 2, j + 2),
                     medianWidth(rows, 0, int(rows.size()) - 1)});
}

// Cuts each frame wider than `wide` rows back to the rows between the sound's own
// cross-sections (no wider than that) before and after it, interpolated in time.
void cutBackCrossings(std::vector<RowSpan>& rows, int wide) {
    const int n = int(rows.size());
    auto own = [&](int a) {
        return rows[std::size_t(a)].first >= 0 && width(rows[std::size_t(a)]) <= wide;
    };
    std::vector<int> before(std::size_t(n), -1), after(std::size_t(n), -1);
    for (int a = 0, last = -1; a < n; ++a) {
        before[std::size_t(a)] = last;
        last = own(a) ? a : last;
    }
    for (int a = n - 1, next = -1; a >= 0; --a) {
        after[std::size_t(a)] = next;
        next = own(a) ? a : next;
    }
    const std::vector<RowSpan> found = rows;
    for (int a = 0; a < n; ++a) {
        const RowSpan here = found[std::size_t(a)];
        const int b = before[std::size_t(a)], c = after[std::size_t(a)];
        if (here.first < 0 || width(here) <= wide || (b < 0 && c < 0))
            continue;
        const RowSpan lo = found[std::size_t(b >= 0 ? b : c)];
        const RowSpan hi = found[std::size_t(c >= 0 ? c : b)];
        const double w = b >= 0 && c >= 0 ? double(a - b) / double(c - b) : 0.0;
        const RowSpan guide{int(std::lround(lo.first + w * (hi.first - lo.first))),
                            int(std::lround(lo.second + w * (hi.second - lo.second)))};
        rows[std::size_t(a)] =
            common(here, guide) >= 1
                ? RowSpan{std::max(here.first, guide.first), std::min(here.second, guide.second)}
                : guide;
    }
}

// Each frame's hill around the sound's peak, no further from the peak on either side than
// twice the median over the frames, plus a row: where a weaker sound beside it leaves no
// valley but a shoulder, the hill would run down the shoulder to the threshold.
std::vector<RowSpan> hills(const LevelGrid& g, std::vector<RowSpan> rows,
                           const std::vector<int>& peaks) {
    std::vector<int> below, above;
    for (std::size_t a = 0; a < rows.size(); ++a)
        if (rows[a].first >= 0) {
            rows[a] = hill(g, int(a), rows[a], peaks[a]);
            below.push_back(peaks[a] - rows[a].first);
            above.push_back(rows[a].second - peaks[a]);
        }
    auto limit = [](std::vector<int> v) {
        const auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
        std::nth_element(v.begin(), mid, v.end());
        return 2 * *mid + 1;
    };
    const int down = limit(below), up = limit(above);
    for (std::size_t a = 0; a < rows.size(); ++a)
        if (rows[a].first >= 0)
            rows[a] = {std::max(rows[a].first, peaks[a] - down),
                       std::min(rows[a].second, peaks[a] + up)};
    return rows;
}

} // namespace

std::vector<RowSpan> trackSound(const LevelGrid& g, int j, int k,
                                const std::vector<float>& threshold) {
    FrameRuns runs(g, threshold);
    std::vector<RowSpan> rows(std::size_t(g.frames), {-1, -1});
    rows[std::size_t(j)] = clickedRun(runs, j, k);
    if (rows[std::size_t(j)].first < 0)
        return rows;
    std::vector<int> peaks(rows.size(), -1);
    peaks[std::size_t(j)] = climb(g, j, rows[std::size_t(j)], k);
    follow(g, runs, j, -1, rows, peaks);
    follow(g, runs, j, +1, rows, peaks);
    if (!tonal(peaks)) {
        cutBackCrossings(rows, 2 * soundWidth(rows, j) + 2);
        return rows;
    }
    return hills(g, rows, peaks);
}

} // namespace specedit::core
