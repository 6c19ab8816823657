#include "io/AxisLabels.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

// A tick mark's pixels: this much ink two and three pixels out from the edge.
constexpr float kTickInk = 0.2f;

bool alongRange(double centre, const AxisEdge& e) {
    return centre >= std::min(e.from, e.to) - 2 && centre <= std::max(e.from, e.to) + 2;
}

InkRect unite(const InkRect& a, const InkRect& b) {
    return {std::min(a.left, b.left), std::min(a.top, b.top), std::max(a.right, b.right),
            std::max(a.bottom, b.bottom)};
}

// Distance of a word's near side (or its far side) from the edge outward.
double outward(const InkRect& w, const AxisEdge& e, bool farSide = false) {
    switch (e.side) {
    case LabelSide::Below:
        return (farSide ? w.bottom : w.top) - e.at;
    case LabelSide::Left:
        return e.at - (farSide ? w.left : w.right);
    case LabelSide::Right:
        return (farSide ? w.right : w.left) - e.at;
    }
    return 0;
}

double along(const InkRect& w, const AxisEdge& e) {
    return e.side == LabelSide::Below ? w.centreX() : w.centreY();
}

} // namespace

FigureWords::FigureWords(const InkMap& map, const std::vector<InkRect>& excluded) : m_map(map) {
    m_words = inkWords(map, excluded);
    std::vector<int> common;
    for (const InkWord& w : m_words)
        if (w.glyphHeight >= 4)
            common.push_back(w.glyphHeight);
    if (!common.empty()) {
        std::nth_element(common.begin(), common.begin() + common.size() / 2, common.end());
        m_height = common[common.size() / 2];
    }
}

// Tick marks: short lines out from the edge, two and three pixels beyond it.
std::vector<double> FigureWords::ticks(const AxisEdge& e) const {
    const bool rows = e.side != LabelSide::Below; // ticks lie at rows (a vertical edge)
    const int k0 = e.side == LabelSide::Left ? int(std::ceil(e.at)) - 3 : int(std::floor(e.at)) + 2;
    const int lo = int(std::floor(std::min(e.from, e.to))) - 2;
    const int hi = int(std::ceil(std::max(e.from, e.to))) + 2;
    auto ink = [&](int i, int k) {
        const int r = rows ? i : k, c = rows ? k : i;
        if (r < 0 || c < 0 || r >= m_map.height || c >= m_map.width)
            return 0.f;
        return m_map.at(r, c);
    };
    std::vector<double> out;
    double sum = 0, weighted = 0;
    int run = 0;
    for (int i = lo; i <= hi + 1; ++i) {
        const float w = i <= hi ? std::min(ink(i, k0), ink(i, k0 + 1)) : 0.f;
        if (w >= kTickInk) {
            sum += w;
            weighted += w * (i + 0.5);
            ++run;
            continue;
        }
        // matplotlib (Agg) snaps a line of odd width to the middle of the pixel its place
        // rounds to, round(x) + 0.5: its place is half a pixel back.
        if (run > 0 && run <= 4 + m_height / 3)
            out.push_back(weighted / sum - (run % 2 == 0 ? 0.0 : 0.5));
        sum = weighted = 0;
        run = 0;
    }
    return out;
}

AxisText FigureWords::axisText(const AxisEdge& e) const {
    const int h = m_height;
    AxisText text;
    text.textHeight = h;
    // Words near the edge, as tall as a line of text at most; smaller than a digit both ways
    // is a tick mark left over (a JPEG's frame found a pixel or two in), no label.
    std::vector<InkWord> near;
    for (const InkWord& word : m_words)
        if (const InkRect& w = word.rect; outward(w, e) >= 1 && outward(w, e) <= 5 * h &&
                                          alongRange(along(w, e), e) && w.height() <= 2 * h + 2 &&
                                          std::max(w.width(), w.height()) >= 0.7 * h)
            near.push_back(word);
    if (near.empty())
        return text;
    // The first line of words out from the edge: a column of labels right-aligned to the
    // ticks at the left, aligned by their tops below.
    double first = 1e9;
    for (const InkWord& w : near)
        first = std::min(first, outward(w.rect, e));
    const std::vector<double> tickAt = ticks(e);
    double beyond = 0;
    for (const InkWord& word : near) {
        const InkRect& w = word.rect;
        if (outward(w, e) > first + 0.6 * h)
            continue;
        PlacedLabel label{w,           along(w, e),    false,          word.raised,
                          word.glyphs, word.spaceLeft, word.spaceRight};
        const double lo = e.side == LabelSide::Below ? w.left : w.top;
        const double hi = e.side == LabelSide::Below ? w.right : w.bottom;
        for (double t : tickAt)
            if (t >= lo - 1 && t <= hi + 1 &&
                (!label.onTick || std::abs(t - along(w, e)) < std::abs(label.at - along(w, e))))
                label = {w, t, true, word.raised, word.glyphs, word.spaceLeft, word.spaceRight};
        text.labels.push_back(label);
        beyond = std::max(beyond, outward(w, e, true));
    }
    std::sort(text.labels.begin(), text.labels.end(),
              [](const PlacedLabel& a, const PlacedLabel& b) { return a.at < b.at; });
    const double end = std::max(e.from, e.to);
    for (const InkWord& word : m_words) {
        const InkRect& w = word.rect;
        const double out = outward(w, e);
        if (out <= beyond || out > beyond + 4 * h || !alongRange(along(w, e), e))
            continue;
        // matplotlib's "1e-3" under a horizontal axis' right end, beside its title.
        if (e.side == LabelSide::Below && w.right >= end - 2 * h && w.left > 0.5 * (e.from + e.to))
            text.offset = text.offset ? unite(*text.offset, w) : w;
        else if (along(w, e) > std::min(e.from, e.to) && along(w, e) < end)
            text.title = text.title ? unite(*text.title, w) : w;
    }
    if (e.side == LabelSide::Left) // matplotlib's "1e6" over the axis' top
        for (const InkWord& word : m_words)
            if (const InkRect& w = word.rect; w.bottom <= std::min(e.from, e.to) &&
                                              w.bottom >= std::min(e.from, e.to) - 3 * h &&
                                              w.right >= e.at - 3 * h && w.left <= e.at + 3 * h)
                text.offset = text.offset ? unite(*text.offset, w) : w;
    return text;
}

} // namespace specedit::core
