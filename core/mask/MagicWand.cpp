#include "mask/MagicWand.h"

#include "dsp/Stft.h"
#include "mask/MaskRasterizer.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace specedit::core {
namespace {

// Levels in dB of frames [j0, j1) in display order (ascending frequency), frame-major.
struct LevelGrid {
    std::int64_t j0 = 0;
    int frames = 0, bins = 0;
    std::vector<float> db;
    float at(int j, int k) const { return db[std::size_t(j) * std::size_t(bins) + std::size_t(k)]; }
};

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
                pw > 0 ? 10.0f * std::log10(pw) : -300.0f;
        }
    }
    return g;
}

// Per frame of the flood-filled region: the lowest and highest row (-1 where none) and the
// number of cells.
struct Spans {
    std::vector<std::pair<int, int>> rows;
    std::vector<int> cells;
};

Spans floodFill(const LevelGrid& g, int j, int k, float threshold) {
    Spans result{std::vector<std::pair<int, int>>(std::size_t(g.frames), {-1, -1}),
                 std::vector<int>(std::size_t(g.frames), 0)};
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
            if (!seen[idx] && g.db[idx] >= threshold) {
                seen[idx] = 1;
                queue.push_back({n[0], n[1]});
            }
        }
    }
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
    const std::int64_t reach = std::int64_t(std::ceil(options.searchSeconds / frameSeconds));
    const std::int64_t j0 = std::clamp<std::int64_t>(jc - reach, 0, total);
    const std::int64_t j1 = std::clamp<std::int64_t>(jc + reach + 1, 0, total);
    if (jc < 0 || jc >= total)
        throw Error("magic wand", "the click is outside the recording",
                    "a point on the spectrogram");
    const LevelGrid g = iq ? levels<std::complex<float>>(src, p, -1, j0, j1, job)
                           : levels<float>(src, p, options.channel, j0, j1, job);
    const double df = p.fs / p.nfft;
    const double base = iq ? src.info().centerFrequency.value_or(0.0) - (p.nfft / 2) * df : 0.0;
    const int k = int(std::lround((f - base) / df));
    if (k < 0 || k >= g.bins)
        throw Error("magic wand", "the click is outside the frequency range",
                    "a point on the spectrogram");
    std::vector<float> sorted = g.db;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(sorted.size() / 2),
                     sorted.end());
    const float threshold = sorted[sorted.size() / 2] + float(options.thresholdDb);
    const int j = int(jc - j0);
    if (g.at(j, k) < threshold)
        throw Error("magic wand",
                    "nothing stands out here: the level is " + std::to_string(int(g.at(j, k))) +
                        " dB, the threshold " + std::to_string(int(threshold)) + " dB",
                    "a click on a burst or tone at least " +
                        std::to_string(int(options.thresholdDb)) + " dB above the noise floor");
    const Spans region = floodFill(g, j, k, threshold);
    const auto [first, last] =
        burstFrames(region.cells, j, int(std::floor(options.maxGapSeconds / frameSeconds)));
    Shape shape;
    shape.type = ShapeType::Polygon;
    std::vector<TfPoint> lower;
    for (int a = first; a <= last; ++a) {
        const auto [lo, hi] = region.rows[std::size_t(a)];
        if (lo < 0)
            continue;
        const double time = double(j0 + a) * frameSeconds;
        for (double edge : {-0.5, 0.5}) {
            shape.points.push_back({time + edge * frameSeconds, base + (hi + 0.5) * df});
            lower.push_back({time + edge * frameSeconds, base + (lo - 0.5) * df});
        }
    }
    shape.points.insert(shape.points.end(), lower.rbegin(), lower.rend());
    dropCollinear(shape.points); // steady runs give long straight edges: keep their ends
    return shape;
}

} // namespace specedit::core
