#include "mask/MagicWand.h"

#include "dsp/Stft.h"
#include "mask/MaskRasterizer.h"
#include "mask/WandLeakage.h"
#include "mask/WandTrack.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <tuple>

namespace specedit::core {
namespace {

constexpr float kZeroDb = -300.0f;   // a cell of exact zeros
constexpr float kSilentDb = -290.0f; // at or below: digital silence, not noise

template <typename S>
LevelGrid levels(const SampleSource& src, const StftParams& p, int channel, std::int64_t j0,
                 std::int64_t j1, JobControl& job) {
    const Stft<S> stft(p, StftDirections::Forward);
    auto ws = stft.makeWorkspace();
    LevelGrid g{j0, int(j1 - j0), stft.bins(), {}};
    g.db.resize(std::size_t(g.frames) * std::size_t(g.bins));
    std::vector<S> seg(std::size_t(p.nperseg));
    std::vector<std::complex<float>> spec(std::size_t(g.bins));
    std::vector<float> scratch;
    const int shift = Stft<S>::kComplexInput ? g.bins - g.bins / 2 : 0; // fftshift for IQ
    for (int j = 0; j < g.frames; ++j) {
        if (j % 128 == 0)
            job.checkCancelled();
        if constexpr (Stft<S>::kComplexInput)
            readComplex(src, stft.frameStart(j0 + j), p.nperseg, seg.data());
        else
            readChannel(src, channel, stft.frameStart(j0 + j), p.nperseg, seg.data(), scratch);
        stft.forward(seg.data(), spec.data(), ws);
        for (int k = 0; k < g.bins; ++k) {
            const float pw = std::norm(spec[std::size_t((k + shift) % g.bins)]);
            g.db[std::size_t(j) * std::size_t(g.bins) + std::size_t(k)] =
                pw > 0 ? 10.0f * std::log10(pw) : kZeroDb;
        }
    }
    return g;
}

// Per frame of the flood-filled region: the lowest and highest row (-1 where none) and the
// number of cells.
struct Spans {
    std::vector<RowSpan> rows;
    std::vector<int> cells;
    std::vector<char> taken; // the flood fill's cells, frame-major (empty when followed)
};

// Per row, the level a cell must reach: the noise floor there plus `above` dB. The floor is
// the 20th percentile of the row's levels over the stretch, digital silence left out (a
// capture with runs of exact zeros put it at -295 dB, and a click on noise beside them outlined
// a blob of noise; a burst on for up to 80 % of it leaves the noise), raised by 4.92 dB to where
// the median of noise alone lies (exponential power: ln 2 / -ln 0.8), then the median of that over
// +-16 rows (a tone through the whole stretch narrower than that leaves its surroundings' floor).
// So coloured noise keeps its own floor: with one median for the whole band, the loud low rows of
// pink noise joined a whistle above them and the wand took everything below it.
std::vector<float> thresholds(const LevelGrid& g, float above) {
    constexpr int kRows = 16;
    constexpr float kToMedian = 4.92f;
    std::vector<float> floor(std::size_t(g.bins)), column;
    for (int k = 0; k < g.bins; ++k) {
        column.clear();
        for (int j = 0; j < g.frames; ++j)
            if (g.at(j, k) > kSilentDb) // runs of exact zeros (cut in by hand) are no noise
                column.push_back(g.at(j, k));
        if (column.empty()) {
            floor[std::size_t(k)] = kSilentDb;
            continue;
        }
        const auto at = column.begin() + std::ptrdiff_t(column.size() / 5);
        std::nth_element(column.begin(), at, column.end());
        floor[std::size_t(k)] = *at + kToMedian;
    }
    std::vector<float> out(std::size_t(g.bins)), near;
    for (int k = 0; k < g.bins; ++k) {
        near.assign(floor.begin() + std::max(0, k - kRows),
                    floor.begin() + std::min(g.bins, k + kRows + 1));
        const auto mid = near.begin() + std::ptrdiff_t(near.size() / 2);
        std::nth_element(near.begin(), mid, near.end());
        out[std::size_t(k)] = *mid + above;
    }
    return out;
}

Spans floodFill(const LevelGrid& g, int j, int k, const std::vector<float>& threshold) {
    Spans result{std::vector<std::pair<int, int>>(std::size_t(g.frames), {-1, -1}),
                 std::vector<int>(std::size_t(g.frames), 0),
                 {}};
    auto& span = result.rows;
    std::vector<char> seen(g.db.size(), 0);
    std::deque<std::pair<int, int>> queue{{j, k}};
    seen[std::size_t(j) * std::size_t(g.bins) + std::size_t(k)] = 1;
    while (!queue.empty()) {
        const auto [a, b] = queue.front();
        queue.pop_front();
        ++result.cells[std::size_t(a)];
        auto& s = span[std::size_t(a)];
        s = s.first < 0 ? std::make_pair(b, b)
                        : std::make_pair(std::min(s.first, b), std::max(s.second, b));
        const int next[4][2] = {{a - 1, b}, {a + 1, b}, {a, b - 1}, {a, b + 1}};
        for (const auto& n : next) {
            if (n[0] < 0 || n[0] >= g.frames || n[1] < 0 || n[1] >= g.bins)
                continue;
            const std::size_t idx = std::size_t(n[0]) * std::size_t(g.bins) + std::size_t(n[1]);
            if (!seen[idx] && g.db[idx] >= threshold[std::size_t(n[1])]) {
                seen[idx] = 1;
                queue.push_back({n[0], n[1]});
            }
        }
    }
    result.taken = std::move(seen);
    return result;
}

// The sound through (j, k) followed frame by frame (WandTrack.h), as Spans.
Spans followed(const LevelGrid& g, int j, int k, const std::vector<float>& threshold) {
    Spans result{trackSound(g, j, k, threshold), {}, {}};
    for (const RowSpan& r : result.rows)
        result.cells.push_back(r.first < 0 ? 0 : r.second - r.first + 1);
    return result;
}

// The frames [first, last] of the burst around frame j: frames with at least a quarter of the
// cells of the burst's fattest frame near j (within maxGap, so a click on a burst's thin edge
// still measures the burst), joined across thinner runs of at most maxGap frames.
std::pair<int, int> burstFrames(const std::vector<int>& cells, int j, int maxGap) {
    const int from = std::max(0, j - maxGap);
    const int to = std::min(int(cells.size()) - 1, j + maxGap);
    const int fattest = *std::max_element(cells.begin() + from, cells.begin() + to + 1);
    const int needed = std::max(1, fattest / 4);
    auto extend = [&](int step) {
        int edge = j, gap = 0;
        for (int a = j + step; a >= 0 && a < int(cells.size()); a += step) {
            if (cells[std::size_t(a)] >= needed) {
                edge = a;
                gap = 0;
            } else if (++gap > maxGap) {
                break;
            }
        }
        return edge;
    };
    return {extend(-1), extend(+1)};
}

// The flood fill's frames [first, last] held to the burst's own band: the rows taken in at
// least a quarter of them. A chirp crossing an FSK burst joins the fill, but each of its rows
// is crossed in a frame or two: the demo's FSK burst at 1.6 s (433.47-433.57 MHz) outlined
// 433.38-433.75 MHz. Left as it is when the clicked row is no such row (a chirp clicked).
void keepBurstBand(const LevelGrid& g, const std::vector<char>& taken, std::vector<RowSpan>& rows,
                   int first, int last, int clickedRow) {
    std::vector<int> count(std::size_t(g.bins), 0);
    for (int a = first; a <= last; ++a)
        for (int b = 0; b < g.bins; ++b)
            count[std::size_t(b)] += taken[std::size_t(a) * std::size_t(g.bins) + std::size_t(b)];
    const int needed = std::max(1, (last - first + 1) / 4);
    int lo = -1, hi = -1;
    for (int b = 0; b < g.bins; ++b)
        if (count[std::size_t(b)] >= needed) {
            lo = lo < 0 ? b : lo;
            hi = b;
        }
    if (lo < 0 || clickedRow < lo || clickedRow > hi)
        return;
    for (int a = first; a <= last; ++a) {
        auto& span = rows[std::size_t(a)];
        if (span.first < 0)
            continue;
        span = {std::max(span.first, lo), std::min(span.second, hi)};
        if (span.first > span.second)
            span = {-1, -1};
    }
}

// Removes points that lie on the straight line through their neighbours (exactly: the outline
// is built from frame and bin edges, so collinear runs share a coordinate).
void dropCollinear(std::vector<TfPoint>& pts) {
    if (pts.size() < 4)
        return;
    std::vector<TfPoint> kept{pts.front()};
    for (std::size_t i = 1; i + 1 < pts.size(); ++i) {
        const TfPoint& a = kept.back();
        const TfPoint& b = pts[i];
        const TfPoint& c = pts[i + 1];
        const bool sameT = a.t == b.t && b.t == c.t;
        const bool sameF = a.f == b.f && b.f == c.f;
        if (!sameT && !sameF)
            kept.push_back(b);
    }
    kept.push_back(pts.back());
    pts = std::move(kept);
}

// The region found in frames [j0, j1): the levels, the threshold, the flood-filled cells and
// the frames of the burst around the click.
struct Search {
    LevelGrid g;
    std::vector<float> threshold; // per row
    std::vector<RowSpan> rows;    // the sound's, per frame
    int first = 0, last = 0;
};

// Moves (j, k) to the loudest cell within +-frames and +-bins of it.
void loudestNear(const LevelGrid& g, double frames, double bins, int& j, int& k) {
    const int dj = int(std::floor(std::max(0.0, frames))),
              dk = int(std::floor(std::max(0.0, bins)));
    const int jc = j, kc = k;
    for (int a = std::max(0, jc - dj); a <= std::min(g.frames - 1, jc + dj); ++a)
        for (int b = std::max(0, kc - dk); b <= std::min(g.bins - 1, kc + dk); ++b)
            if (g.at(a, b) > g.at(j, k)) {
                j = a;
                k = b;
            }
}

Search search(const SampleSource& src, const StftParams& p, const WandOptions& options,
              std::int64_t jc, int k, std::int64_t j0, std::int64_t j1, JobControl& job) {
    Search s;
    s.g = src.info().isComplex() ? levels<std::complex<float>>(src, p, -1, j0, j1, job)
                                 : levels<float>(src, p, options.channel, j0, j1, job);
    s.threshold = thresholds(s.g, float(options.thresholdDb));
    int j = int(jc - j0);
    loudestNear(s.g, options.pixelSeconds * p.fs / p.hop(), options.pixelHertz * p.nfft / p.fs, j,
                k);
    if (s.g.at(j, k) < s.threshold[std::size_t(k)])
        throw Error("magic wand",
                    "nothing stands out here: the level is " + std::to_string(int(s.g.at(j, k))) +
                        " dB, the threshold " + std::to_string(int(s.threshold[std::size_t(k)])) +
                        " dB",
                    "a click on a burst or tone at least " +
                        std::to_string(int(options.thresholdDb)) + " dB above the noise floor");
    // Cells far below the clicked sound are not part of it: a cheap transmitter lifts the
    // whole band 20 dB above the noise while it sends (the real captures in data/real).
    for (float& level : s.threshold)
        level = std::max(level, s.g.at(j, k) - float(options.rangeDb));
    // Audio: the sound clicked, followed frame by frame (a whistle through speech stays a
    // whistle). IQ: the connected region (an FSK burst whose frames show one tone, then the
    // other, is one region but no one track).
    Spans found = src.info().isComplex() ? floodFill(s.g, j, k, s.threshold)
                                         : followed(s.g, j, k, s.threshold);
    s.rows = std::move(found.rows);
    std::tie(s.first, s.last) =
        burstFrames(found.cells, j, int(std::floor(options.maxGapSeconds * p.fs / p.hop())));
    if (!found.taken.empty())
        keepBurstBand(s.g, found.taken, s.rows, s.first, s.last, k);
    return s;
}

// The rows of frames [first, last] with a running median over 5 frames (of those that have
// rows): a noise cell that touches the region in one frame makes no spike in the outline
// (about one cell in a thousand stands 10 dB over the median of noise alone), while a burst's
// edges and a chirp's slope are kept.
std::vector<RowSpan> steadyRows(const std::vector<RowSpan>& rows, int first, int last) {
    std::vector<int> with;
    for (int a = first; a <= last; ++a)
        if (rows[std::size_t(a)].first >= 0)
            with.push_back(a);
    std::vector<RowSpan> out(rows.begin() + first, rows.begin() + last + 1);
    const int n = int(with.size());
    for (int i = 0; i < n; ++i) {
        const int from = std::max(0, std::min(i - 2, n - 5)), to = std::min(n, from + 5);
        std::vector<int> lo, hi;
        for (int m = from; m < to; ++m) {
            lo.push_back(rows[std::size_t(with[std::size_t(m)])].first);
            hi.push_back(rows[std::size_t(with[std::size_t(m)])].second);
        }
        const auto mid = std::ptrdiff_t(lo.size() / 2);
        std::nth_element(lo.begin(), lo.begin() + mid, lo.end());
        std::nth_element(hi.begin(), hi.begin() + mid, hi.end());
        out[std::size_t(with[std::size_t(i)] - first)] = {lo[std::size_t(mid)],
                                                          hi[std::size_t(mid)]};
    }
    return out;
}

// The region's outline as a polygon (frames from j0): its upper edge frame by frame, then its
// lower edge back; kept inside the recording (0 s to `duration`) and the spectrum's bins (it
// reached half a bin below -1 MHz, and began at -0.004 s).
Shape outline(const Search& found, std::int64_t j0, double frameSeconds, double base, double df,
              double duration) {
    Shape shape;
    shape.type = ShapeType::Polygon;
    std::vector<TfPoint> lower;
    const auto rows = steadyRows(found.rows, found.first, found.last);
    for (int a = found.first; a <= found.last; ++a) {
        const auto [lo, hi] = rows[std::size_t(a - found.first)];
        if (lo < 0)
            continue;
        const double time = double(j0 + a) * frameSeconds;
        const double top = base + (found.g.bins - 1) * df;
        for (double edge : {-0.5, 0.5}) {
            const double t = std::clamp(time + edge * frameSeconds, 0.0, duration);
            shape.points.push_back({t, std::min(top, base + (hi + 0.5) * df)});
            lower.push_back({t, std::max(base, base + (lo - 0.5) * df)});
        }
    }
    shape.points.insert(shape.points.end(), lower.rbegin(), lower.rend());
    dropCollinear(shape.points); // steady runs give long straight edges: keep their ends
    return shape;
}

} // namespace

Shape magicWand(const SampleSource& src, StftParams p, double t, double f,
                const WandOptions& options, JobControl& job) {
    p.fs = src.info().sampleRate;
    p.validate();
    const bool iq = src.info().isComplex();
    if (!iq && (options.channel < -1 || options.channel >= src.info().channels))
        throw Error("magic wand",
                    "channel " + std::to_string(options.channel + 1) + " does not exist",
                    "a channel from 1 to " + std::to_string(src.info().channels));
    const double frameSeconds = p.hop() / p.fs;
    const std::int64_t total =
        Stft<float>(p, StftDirections::Forward).frameCount(src.info().frames);
    const std::int64_t jc = std::int64_t(std::llround(t / frameSeconds));
    if (jc < 0 || jc >= total)
        throw Error("magic wand", "the click is outside the recording",
                    "a point on the spectrogram");
    const int bins = p.bins(iq);
    const double df = p.fs / p.nfft;
    const double base = iq ? src.info().centerFrequency.value_or(0.0) - (p.nfft / 2) * df : 0.0;
    const int k = int(std::lround((f - base) / df));
    if (k < 0 || k >= bins)
        throw Error("magic wand", "the click is outside the frequency range",
                    "a point on the spectrogram");
    // A region that reaches the searched stretch's start or end (a whistle through the whole
    // recording) is searched again over twice as much on that side, as far as the recording
    // and kMaxWandCells go.
    std::int64_t before = std::int64_t(std::ceil(options.searchSeconds / frameSeconds));
    std::int64_t after = before;
    std::int64_t j0 = 0;
    Search found;
    for (;;) {
        j0 = std::clamp<std::int64_t>(jc - before, 0, total);
        const std::int64_t j1 = std::clamp<std::int64_t>(jc + after + 1, 0, total);
        found = search(src, p, options, jc, k, j0, j1, job);
        const bool back = found.first == 0 && j0 > 0;
        const bool on = found.last == found.g.frames - 1 && j1 < total;
        const std::int64_t grown = (j1 - j0 + (back ? before : 0) + (on ? after : 0)) * bins;
        if ((!back && !on) || grown > kMaxWandCells)
            break;
        before *= back ? 2 : 1;
        after *= on ? 2 : 1;
    }
    constexpr int kLeakageRows = 32;
    widenOverLeakage(found.g, found.rows, found.first, found.last, thresholds(found.g, 0.0f),
                     leakageProfile(p.window, p.nperseg, p.nfft, kLeakageRows));
    return outline(found, j0, frameSeconds, base, df, src.info().duration());
}

} // namespace specedit::core
