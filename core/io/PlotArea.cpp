#include "io/PlotArea.h"

#include <algorithm>

namespace specedit::core {
namespace {

// The longest run of indices whose share is at least half the largest, across gaps of up to
// 1 % of the indices (at least 3).
PixelSpan longestRun(const std::vector<double>& share) {
    const double least = 0.5 * *std::max_element(share.begin(), share.end());
    const int gap = std::max(3, int(share.size()) / 100);
    PixelSpan best, run;
    int lastOn = -1;
    for (int i = 0; i < int(share.size()); ++i) {
        if (!(share[std::size_t(i)] >= least && least > 0))
            continue;
        run = lastOn >= 0 && i - lastOn - 1 <= gap ? PixelSpan{run.first, i - run.first + 1}
                                                   : PixelSpan{i, 1};
        lastOn = i;
        if (run.count > best.count)
            best = run;
    }
    return best;
}

// A frame line's pixel: dark. A JPEG tints a black line with its neighbours' chroma, up to
// (0, 0, 67) beside jet's dark blue; the darkest colours of viridis and cividis are lighter.
bool isDark(const std::array<std::uint16_t, 3>& p) {
    return std::max({p[0], p[1], p[2]}) < 0.3 * 65535;
}

// A figure's background beside a frame line: white, or the light gray where the line is
// smoothed into it (matplotlib's (241, 241, 241); a JPEG's (223, 242, 249)).
bool isLight(const std::array<std::uint16_t, 3>& p) {
    return std::min({p[0], p[1], p[2]}) >= 0.8 * 65535;
}

class Frame {
public:
    Frame(const RgbImage& image, PlotArea& plot) : m_image(image), m_plot(plot) {}

    // A frame line at each edge, within two pixels of where the colours end: a dark line the
    // length of the plot with the figure's light background outside it. A silent column of
    // magma's near-black floor at the edge is dark too, but has the frame outside it, or
    // nothing.
    void place() {
        PixelSpan& cols = m_plot.cols;
        PixelSpan& rows = m_plot.rows;
        const int left = lineNear(cols.first, -1, true);
        const int right = lineNear(cols.end() - 1, +1, true);
        const int top = lineNear(rows.first, -1, false);
        const int bottom = lineNear(rows.end() - 1, +1, false);
        cols = framed(cols, left, right, m_plot.lineCols);
        rows = framed(rows, top, bottom, m_plot.lineRows);
        // The frame is a rectangle: where its top or bottom line runs on past the colours, so
        // does the plot (matplotlib draws a level of -inf, the log of digital silence, as the
        // white background: specgram's plot of a signal ending in zeros stopped there).
        for (int r : {top, bottom})
            if (r >= 0)
                extend(cols, r, false, m_plot.lineCols);
        for (int c : {left, right})
            if (c >= 0)
                extend(rows, c, true, m_plot.lineRows);
    }

private:
    // Widens `span` to the ends of the dark run of line i (a row, or a column) through it,
    // when they lie well beyond: the first end is a line over the plot, the last one past it.
    void extend(PixelSpan& span, int i, bool column, std::vector<int>& lines) const {
        const int limit = column ? m_image.height : m_image.width;
        auto dark = [&](int k) {
            const int r = column ? k : i, c = column ? i : k;
            return isDark(
                m_image.pixels[std::size_t(r) * std::size_t(m_image.width) + std::size_t(c)]);
        };
        auto runEnd = [&](int from, int step) { // across gaps of up to 2 pixels (a JPEG's)
            int last = from;
            for (int k = from + step, gap = 0; k >= 0 && k < limit && gap <= 2; k += step) {
                gap = dark(k) ? 0 : gap + 1;
                if (gap == 0)
                    last = k;
            }
            return last;
        };
        if (!dark(span.first) || !dark(span.end() - 1))
            return;
        // Tick marks and caps run a few pixels on (3.5 points, 5 pixels at 100 dpi); a bare
        // stretch of the plot runs on far.
        const int beyond = std::max(8, span.count / 20);
        const int first = runEnd(span.first, -1), last = runEnd(span.end() - 1, +1);
        if (first < span.first - beyond) {
            span = {first, span.end() - first};
            lines.push_back(first);
        }
        if (last > span.end() + beyond)
            span.count = last - span.first;
    }

    // The span between the lines found (-1: none), the first one inside it.
    static PixelSpan framed(PixelSpan span, int first, int end, std::vector<int>& lines) {
        const int from = first >= 0 ? first : span.first;
        const int to = end >= 0 ? end : span.end();
        if (to - from < span.count / 2) // lines that frame no plot of this size
            return span;
        if (first >= 0)
            lines.push_back(first);
        return {from, to - from};
    }

    // The frame line (four fifths of it dark: a JPEG lightens some) within two pixels of `edge`
    // with the background on its `outward` side;
    // -1 for none.
    int lineNear(int edge, int outward, bool column) const {
        for (int d : {0, 1, -1, 2, -2}) {
            const int i = edge + d;
            if (share(i, column, isDark) >= 0.8 && share(i + outward, column, isLight) >= 0.5)
                return i;
        }
        return -1;
    }

    // The share of column (or row) i along the plot whose pixels are `kind`; none outside the
    // picture.
    template <typename Kind> double share(int i, bool column, Kind kind) const {
        const int w = m_image.width, h = m_image.height;
        if (i < 0 || i >= (column ? w : h))
            return 0.0;
        const PixelSpan along = column ? m_plot.rows : m_plot.cols;
        int n = 0;
        for (int k = along.first; k < along.end(); ++k) {
            const std::size_t at =
                std::size_t(column ? k : i) * std::size_t(w) + std::size_t(column ? i : k);
            n += kind(m_image.pixels[at]);
        }
        return double(n) / double(std::max(along.count, 1));
    }

    const RgbImage& m_image;
    PlotArea& m_plot;
};

} // namespace

PlotArea findPlotArea(const RgbImage& image, const std::vector<char>& on) {
    const int w = image.width, h = image.height;
    PlotArea plot{{0, w}, {0, h}, {}, {}};
    auto columns = [&] {
        std::vector<double> share(std::size_t(w), 0.0);
        for (int r = plot.rows.first; r < plot.rows.end(); ++r)
            for (int c = 0; c < w; ++c)
                share[std::size_t(c)] += on[std::size_t(r) * std::size_t(w) + std::size_t(c)];
        return longestRun(share);
    };
    auto rows = [&] {
        std::vector<double> share(std::size_t(h), 0.0);
        for (int r = 0; r < h; ++r)
            for (int c = plot.cols.first; c < plot.cols.end(); ++c)
                share[std::size_t(r)] += on[std::size_t(r) * std::size_t(w) + std::size_t(c)];
        return longestRun(share);
    };
    plot.cols = columns();
    plot.rows = rows();
    plot.cols = columns();
    if (plot.cols.count > 0 && plot.rows.count > 0)
        Frame(image, plot).place();
    return plot;
}

} // namespace specedit::core
