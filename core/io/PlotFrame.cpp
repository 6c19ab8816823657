#include "io/PlotFrame.h"

#include "io/ColourFit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace specedit::core {
namespace {

// Colours of the background, or of a line the plot's colours are followed along, lie this
// close (a JPEG's stray this far).
constexpr double kSame = 0.12;
// A frame line is drawn in one colour: nearly all of it this close to its median (a smooth
// plot column is not), this far from the background at least.
constexpr double kLineSame = 0.08;
constexpr double kLineSameLossy = 0.16; // a JPEG tints a black line up to (0, 0, 67) beside jet
constexpr double kLineContrast = 0.3;
// A line is mostly a colour when this share of its pixels along the plot are.
constexpr double kMostly = 0.8;

// The colour of half the picture's outermost pixels or more (to 8 bits), when it is no
// colour of the map; none for a picture that is all plot (plt.imsave's: its silent edges are
// the map's floor colour), nor for a background the map holds (black under magma).
std::optional<Rgb> background(const RgbImage& img, const std::vector<char>& on) {
    std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> counts; // pixels, on the map
    std::size_t total = 0;
    auto count = [&](int r, int c) {
        const std::size_t at = std::size_t(r) * std::size_t(img.width) + std::size_t(c);
        const auto& p = img.pixels[at];
        auto& n = counts[keyOf(p)];
        ++n.first;
        n.second += std::size_t(on[at]);
        ++total;
    };
    for (int c = 0; c < img.width; ++c) {
        count(0, c);
        count(img.height - 1, c);
    }
    for (int r = 1; r + 1 < img.height; ++r) {
        count(r, 0);
        count(r, img.width - 1);
    }
    const auto most =
        std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
            return a.second.first < b.second.first;
        });
    if (most == counts.end() || most->second.first * 2 < total ||
        most->second.second * 2 > most->second.first)
        return std::nullopt;
    return colourOf(most->first);
}

struct Side {
    bool margin = false; // the background found beside the plot: `edge` is where it starts
    int lineStart = -1;  // the first solid pixel of the frame line, from outside
    int lineWidth = 0;   // its solid pixels
    Rgb colour{};        // the line's
    bool onMap = false;  // in a colour of the map
    double edge = 0;     // where the margin ends (pixel coordinates), without a line
};

// A line is a frame's when a side across it has a line of its colour (a frame's sides meet
// at its corners); a smooth plot column beside a margin is no frame. Others are dropped.
void keepFramed(Side& top, Side& bottom, Side& left, Side& right) {
    auto meets = [](const Side& s, const Side& a, const Side& b) {
        auto same = [&](const Side& x) {
            return x.lineStart >= 0 && rgbDistance(x.colour, s.colour) <= kSame;
        };
        return s.lineStart >= 0 && (same(a) || same(b));
    };
    const bool keep[] = {meets(top, left, right), meets(bottom, left, right),
                         meets(left, top, bottom), meets(right, top, bottom)};
    Side* sides[] = {&top, &bottom, &left, &right};
    for (int i = 0; i < 4; ++i)
        if (!keep[i])
            sides[i]->lineStart = -1;
}

// The frame's width: its thinnest side's. Lines in a colour of the map (a black spine on
// magma's near-black floor) are a frame's only when all four sides have one and one of them
// is thin (2 pixels, or 1 % of the plot): else they are silent stretches of the plot
// (viridis's floor along an empty top and a silent end of a plot without a frame), dropped;
// a wide one beside thin ones is a line and a silent stretch together, whose outer side is
// the line's.
int frameWidth(Side& top, Side& bottom, Side& left, Side& right, int extent) {
    Side* sides[] = {&top, &bottom, &left, &right};
    auto thinnest = [&] {
        int width = 0;
        for (const Side* s : sides)
            if (s->lineStart >= 0)
                width = width == 0 ? s->lineWidth : std::min(width, s->lineWidth);
        return width;
    };
    const bool boxed = std::all_of(std::begin(sides), std::end(sides),
                                   [](const Side* s) { return s->lineStart >= 0; });
    if (!boxed || thinnest() > std::max(2, extent / 100))
        for (Side* s : sides)
            if (s->onMap)
                s->lineStart = -1;
    return thinnest();
}

class Lines {
public:
    Lines(const RgbImage& image, const std::vector<char>& on, const Rgb& background,
          const PlotArea& plot)
        : m_image(image), m_on(on), m_background(background), m_plot(plot) {}

    // The side of the plot at `edge` (its outermost pixels' index), `inward` +1 for the left
    // and top sides, -1 for the right and bottom ones.
    Side find(bool column, int edge, int inward) const {
        const int reach = std::max(6, (column ? m_plot.cols.count : m_plot.rows.count) / 50);
        Side s;
        // Without a line (or one dropped later): the plot ends where the margin starts.
        for (int k = edge; inside(column, k) && (edge - k) * inward <= reach; k -= inward)
            if (shareNear(column, k, m_background) >= kMostly) {
                s.margin = true;
                s.edge = inward > 0 ? k + 1 : k;
                break;
            }
        // From just inside the edge outward: a line in one colour with the background outside
        // it, or its smoothed edge (a blend of the two; tick labels beyond leave it mostly
        // background still).
        for (int k = edge + 2 * inward; inside(column, k) && (edge - k) * inward <= reach;
             k -= inward) {
            const std::optional<Rgb> colour = uniform(column, k);
            if (!colour || rgbDistance(*colour, m_background) <= kLineContrast ||
                !outsideOf(column, k - inward, *colour))
                continue;
            int last = k;
            while (inside(column, last + inward) &&
                   shareNear(column, last + inward, *colour, lineSame()) >= kMostly)
                last += inward;
            s.lineStart = k;
            s.lineWidth = (last - k) * inward + 1;
            s.colour = *colour;
            s.onMap = onShare(column, k) >= 0.5;
            break;
        }
        return s;
    }

    // How far line i (a column, or a row) runs on in its colour beyond pixels [from, to) of
    // it, across gaps of up to 2 pixels: its first and last pixel.
    std::pair<int, int> run(bool column, int i, int from, int to) const {
        const Rgb colour = rgbOf(pixel(column, i, (from + to) / 2));
        const int limit = column ? m_image.height : m_image.width;
        auto end = [&](int start, int step) {
            int last = start;
            for (int k = start + step, gap = 0; k >= 0 && k < limit && gap <= 2; k += step) {
                gap = rgbDistance(rgbOf(pixel(column, i, k)), colour) <= kSame ? 0 : gap + 1;
                if (gap == 0)
                    last = k;
            }
            return last;
        };
        return {end(from, -1), end(to - 1, +1)};
    }

private:
    double lineSame() const { return m_image.lossy ? kLineSameLossy : kLineSame; }

    bool inside(bool column, int k) const {
        return k >= 0 && k < (column ? m_image.width : m_image.height);
    }

    // Pixel k along line i: row k of column i, or column k of row i.
    const std::array<std::uint16_t, 3>& pixel(bool column, int i, int k) const {
        const int r = column ? k : i, c = column ? i : k;
        return m_image.pixels[std::size_t(r) * std::size_t(m_image.width) + std::size_t(c)];
    }

    // The middle 80 % of the plot along line i (away from the corners).
    std::pair<int, int> along(bool column) const {
        const PixelSpan s = column ? m_plot.rows : m_plot.cols;
        return {s.first + s.count / 10, s.end() - s.count / 10};
    }

    // Line i lies outside a line of `colour`: mostly background or a blend of the two, and not
    // mostly the line's colour itself.
    bool outsideOf(bool column, int i, const Rgb& colour) const {
        if (!inside(column, i) || shareNear(column, i, colour, lineSame()) >= 0.5)
            return false;
        const auto [a, b] = along(column);
        const double span = rgbDistance(m_background, colour);
        int n = 0;
        for (int k = a; k < b; ++k) {
            const Rgb p = rgbOf(pixel(column, i, k));
            n += rgbDistance(p, m_background) + rgbDistance(p, colour) <= span + kSame;
        }
        return n * 2 >= b - a;
    }

    double shareNear(bool column, int i, const Rgb& colour, double within = kSame) const {
        const auto [a, b] = along(column);
        int n = 0;
        for (int k = a; k < b; ++k)
            n += rgbDistance(rgbOf(pixel(column, i, k)), colour) <= within;
        return double(n) / double(std::max(b - a, 1));
    }

    // The line's colour when it is mostly one (its channels' medians).
    std::optional<Rgb> uniform(bool column, int i) const {
        const auto [a, b] = along(column);
        if (b <= a)
            return std::nullopt;
        Rgb median{};
        for (std::size_t ch = 0; ch < 3; ++ch) {
            std::vector<std::uint16_t> v;
            for (int k = a; k < b; ++k)
                v.push_back(pixel(column, i, k)[ch]);
            std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
            median[ch] = v[v.size() / 2] / 65535.0;
        }
        return shareNear(column, i, median, lineSame()) >= kMostly ? std::optional(median)
                                                                   : std::nullopt;
    }

    // The share of line i along the plot that is colours of the map.
    double onShare(bool column, int i) const {
        const auto [a, b] = along(column);
        int n = 0;
        for (int k = a; k < b; ++k) {
            const int r = column ? k : i, c = column ? i : k;
            n += m_on[std::size_t(r) * std::size_t(m_image.width) + std::size_t(c)];
        }
        return double(n) / double(std::max(b - a, 1));
    }

    const RgbImage& m_image;
    const std::vector<char>& m_on;
    Rgb m_background;
    const PlotArea& m_plot;
};

// Widens `span` to the run of the frame line of `side` (a row when the span is of columns)
// where it lies well beyond (a tick or a cap runs on a few pixels, 5 at 100 dpi).
void extend(const Lines& lines, const Side& side, bool spanOfColumns, PixelSpan& span) {
    if (side.lineStart < 0)
        return;
    // The span of columns runs along a row line (the top or bottom one), and the other way.
    const auto [first, last] = lines.run(!spanOfColumns, side.lineStart, span.first, span.end());
    const int beyond = std::max(8, span.count / 20);
    if (first < span.first - beyond)
        span = {first, span.end() - first};
    if (last + 1 > span.end() + beyond)
        span.count = last + 1 - span.first;
}

// The axes' edge on one side: the middle of the solid line `width` pixels thick from its
// outer side (for an odd width, the start of its middle pixel), or where the margin ends, or
// the plot's own edge. matplotlib snaps a line of odd width centred on x to round(x) + 0.5
// and one of even width to round(x): either way x lies within half a pixel of the start of
// pixel low + width / 2, low the line's first pixel.
double edgeOf(const Side& s, int width, int inward, double own) {
    if (s.lineStart >= 0) {
        const int low = inward > 0 ? s.lineStart : s.lineStart - (width - 1);
        return low + width / 2;
    }
    return s.margin ? s.edge : own;
}

// The pixels a line of `width` from `s` covers inside [first, end).
void covered(const Side& s, int width, int inward, const PixelSpan& span, std::vector<int>& out) {
    if (s.lineStart < 0)
        return;
    for (int k = 0; k < width; ++k) { // the solid pixels (a blend beside them that is no colour
                                      // of the map is filled as any such pixel)
        const int i = s.lineStart + inward * k;
        if (i >= span.first && i < span.end())
            out.push_back(i);
    }
}

} // namespace

void fitToFrame(const RgbImage& image, const std::vector<char>& on, PlotArea& plot) {
    plot.left = plot.cols.first;
    plot.right = plot.cols.end();
    plot.top = plot.rows.first;
    plot.bottom = plot.rows.end();
    const std::optional<Rgb> bg = background(image, on);
    if (!bg || plot.cols.count < 8 || plot.rows.count < 8)
        return;
    const Lines lines(image, on, *bg, plot);
    Side top = lines.find(false, plot.rows.first, +1);
    Side bottom = lines.find(false, plot.rows.end() - 1, -1);
    extend(lines, top, true, plot.cols);
    extend(lines, bottom, true, plot.cols);
    Side left = lines.find(true, plot.cols.first, +1);
    Side right = lines.find(true, plot.cols.end() - 1, -1);
    const PixelSpan rows = plot.rows;
    extend(lines, left, false, plot.rows);
    extend(lines, right, false, plot.rows);
    if (plot.rows.first != rows.first || plot.rows.count != rows.count) {
        top = lines.find(false, plot.rows.first, +1);
        bottom = lines.find(false, plot.rows.end() - 1, -1);
    }
    keepFramed(top, bottom, left, right);
    const int width =
        frameWidth(top, bottom, left, right, std::min(plot.cols.count, plot.rows.count));
    const double l = edgeOf(left, width, +1, plot.cols.first);
    const double r = edgeOf(right, width, -1, plot.cols.end());
    const double t = edgeOf(top, width, +1, plot.rows.first);
    const double b = edgeOf(bottom, width, -1, plot.rows.end());
    if (r - l < plot.cols.count / 2.0 || b - t < plot.rows.count / 2.0)
        return; // lines that frame no plot of this size
    plot.left = l;
    plot.right = r;
    plot.top = t;
    plot.bottom = b;
    plot.cols = {int(std::lround(l)), int(std::lround(r) - std::lround(l))};
    plot.rows = {int(std::lround(t)), int(std::lround(b) - std::lround(t))};
    covered(left, width, +1, plot.cols, plot.lineCols);
    covered(right, width, -1, plot.cols, plot.lineCols);
    covered(top, width, +1, plot.rows, plot.lineRows);
    covered(bottom, width, -1, plot.rows, plot.lineRows);
}

} // namespace specedit::core
