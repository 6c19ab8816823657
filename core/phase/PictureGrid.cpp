#include "phase/PictureGrid.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace specedit::core {
namespace {

// Where the picture's levels change from one row (or column) to the next: edge[j] for the
// line between j - 1 and j.
std::vector<char> edgesOf(const GrayImage& img, bool rows) {
    const int n = rows ? img.height : img.width, across = rows ? img.width : img.height;
    std::vector<char> edge(std::size_t(std::max(n, 0)), 0);
    for (int j = 1; j < n; ++j) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < across; ++i) {
            const double a = rows ? img.at(j - 1, i) : img.at(i, j - 1);
            const double b = rows ? img.at(j, i) : img.at(i, j);
            if (!std::isnan(a) && !std::isnan(b)) {
                sum += std::abs(a - b);
                ++count;
            }
        }
        edge[std::size_t(j)] = count > 0 && sum / count > 1e-4;
    }
    return edge;
}

// The number of equal bands between the axes' ends `from` and `to` (picture coordinates; the
// first line read at `first`) whose edges best match those seen: the harmonic mean of the
// share of its edges seen (80 % at least: a silence clipped to one colour hides some) and of
// the edges seen that are its (90 % at least: where every line differs from the next, as in
// a JPEG or where the bins are finer than the rows, no bands are seen). Bands under 1.3 lines
// wide are not looked for.
std::optional<int> bandsOf(const std::vector<char>& edge, double first, double from, double to) {
    const int n = int(edge.size());
    const double seen = double(std::count(edge.begin(), edge.end(), 1));
    if (n < 8 || seen < 3)
        return std::nullopt;
    // Its edges are looked for where edges are seen: a band silent throughout (a low-passed
    // signal's empty top) shows none.
    const auto firstSeen = double(std::find(edge.begin(), edge.end(), 1) - edge.begin());
    const auto lastSeen =
        double(n - 1 - (std::find(edge.rbegin(), edge.rend(), 1) - edge.rbegin()));
    double best = 0.7;
    std::optional<int> bands;
    std::vector<char> matched(edge.size());
    for (int b = 3; b <= int(n / 1.3); ++b) {
        std::fill(matched.begin(), matched.end(), 0);
        int predicted = 0, hits = 0;
        const double width = (to - from) / b;
        for (int k = 1; k < b; ++k) {
            const double x = from + k * width - first;
            const int j = int(std::lround(x));
            if (j < 1 || j >= n || x < firstSeen - width || x > lastSeen + width)
                continue;
            ++predicted;
            const int other = x > j ? j + 1 : j - 1; // a half-way edge rounds either way
            const bool near = std::abs(x - j) > 0.3 && other >= 1 && other < n;
            const int at = edge[std::size_t(j)] ? j : near && edge[std::size_t(other)] ? other : -1;
            if (at >= 0 && !matched[std::size_t(at)]) {
                matched[std::size_t(at)] = 1;
                ++hits;
            }
        }
        if (predicted == 0 || hits == 0)
            continue;
        const double precision = double(hits) / predicted, recall = hits / seen;
        const double f1 = 2 * precision * recall / (precision + recall);
        if (precision >= 0.8 && recall >= 0.9 && f1 > best) {
            best = f1;
            bands = b;
        }
    }
    return bands;
}

int powerOfTwoAtMost(double n) {
    int p = 16;
    while (2.0 * p <= n)
        p *= 2;
    return p;
}

// nperseg from the bands of rows: B bins over the band shown are fs B / band long. A whole
// one-sided band drawn with half a bin beyond either end (pcolormesh) gives 2 (B - 1), one
// drawn from 0 to fs/2 exactly (imshow with specgram's extent) 2 B: both are taken as the
// first (within 2 %), and a whole two-sided band's B as B; a part of the band (a zoomed
// plot) gives what it gives.
std::pair<int, std::string> windowFromRows(const PictureLevels& p, const ImageAxes& a, double fs) {
    const bool twoSided = spansNegativeFrequencies(a);
    const double band = a.f1 - a.f0;
    // Rows run down from the top (the highest frequency): the bands are the same either way.
    if (const auto bins = bandsOf(edgesOf(p.levels, true), p.top, p.boxTop, p.boxBottom)) {
        const double n = fs * *bins / band;
        const int whole = twoSided ? *bins : 2 * (*bins - 1);
        return {std::abs(n - whole) <= 0.02 * n ? whole : int(std::lround(n)),
                "its " + std::to_string(*bins) + " bands of rows (bins)"};
    }
    const int rows = p.levels.height;
    const int n = powerOfTwoAtMost(fs * (rows - (twoSided ? 0 : 1)) / band);
    return {n, "the power of two its " + std::to_string(rows) + " rows hold (a bin per " +
                   shortNumber(std::round(100 * fs / n) / 100) + " Hz): no bands of rows seen"};
}

} // namespace

PictureGrid pictureGrid(const PictureLevels& p, const ImageAxes& a, double fs) {
    auto [nperseg, window] = windowFromRows(p, a, fs);
    const double samples = (a.t1 - a.t0) * fs;
    std::string hopSaid = "a quarter of nperseg: no bands of columns seen";
    int hop = 0;
    if (const auto frames = bandsOf(edgesOf(p.levels, false), p.left, p.boxLeft, p.boxRight))
        if (const int h = int(std::lround(samples / *frames)); h >= 1 && 4.0 * h <= samples) {
            hop = h;
            hopSaid = "its " + std::to_string(*frames) + " bands of columns (frames)";
            if (2 * hop > nperseg) { // frames half a window apart at most (a Hann's overlap)
                nperseg = 4 * hop;
                window = "4 hops (" + window + ")";
            }
        }
    if (samples >= 16 && nperseg > samples) {
        nperseg = powerOfTwoAtMost(samples);
        window = "the picture's length (" + window + ")";
    }
    hop = hop > 0 && hop < nperseg ? hop : std::max(1, nperseg / 4);
    return {nperseg, nperseg - hop,
            "nperseg " + std::to_string(nperseg) + " from " + window + ", hop " +
                std::to_string(hop) + " from " + hopSaid};
}

} // namespace specedit::core
