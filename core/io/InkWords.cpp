#include "io/InkWords.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

namespace specedit::core {
namespace {

// A pixel this far from the background (in RGB, channels 0 .. 1) belongs to a glyph.
constexpr float kGlyphInk = 0.35f;

std::array<double, 3> backgroundOf(const RgbImage& img) {
    std::map<std::uint32_t, std::size_t> counts;
    auto count = [&](int r, int c) {
        const auto& p = img.pixels[std::size_t(r) * std::size_t(img.width) + std::size_t(c)];
        ++counts[std::uint32_t(p[0] >> 8) << 16 | std::uint32_t(p[1] >> 8) << 8 |
                 std::uint32_t(p[2] >> 8)];
    };
    for (int c = 0; c < img.width; ++c) {
        count(0, c);
        count(img.height - 1, c);
    }
    for (int r = 0; r < img.height; ++r) {
        count(r, 0);
        count(r, img.width - 1);
    }
    const auto most = std::max_element(counts.begin(), counts.end(),
                                       [](auto& a, auto& b) { return a.second < b.second; });
    const std::uint32_t k = most->first;
    return {((k >> 16) + 0.5) / 256, (((k >> 8) & 255) + 0.5) / 256, ((k & 255) + 0.5) / 256};
}

// Union-find over glyphs.
std::size_t root(std::vector<std::size_t>& parent, std::size_t i) {
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

std::vector<InkRect> glyphsOf(const InkMap& map, const std::vector<InkRect>& excluded) {
    const std::size_t w = std::size_t(map.width), n = map.ink.size();
    std::vector<char> seen(n, 0);
    for (const InkRect& e : excluded)
        for (int r = std::max(e.top, 0); r < std::min(e.bottom, map.height); ++r)
            for (int c = std::max(e.left, 0); c < std::min(e.right, map.width); ++c)
                seen[std::size_t(r) * w + std::size_t(c)] = 1;
    std::vector<InkRect> glyphs;
    std::vector<std::size_t> stack;
    for (std::size_t start = 0; start < n; ++start) {
        if (seen[start] || map.ink[start] < kGlyphInk)
            continue;
        InkRect g{int(start % w), int(start / w), int(start % w) + 1, int(start / w) + 1};
        seen[start] = 1;
        stack.push_back(start);
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            const int r = int(i / w), c = int(i % w);
            g = {std::min(g.left, c), std::min(g.top, r), std::max(g.right, c + 1),
                 std::max(g.bottom, r + 1)};
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = r + dr, cc = c + dc;
                    if (rr < 0 || cc < 0 || rr >= map.height || cc >= map.width)
                        continue;
                    const std::size_t j = std::size_t(rr) * w + std::size_t(cc);
                    if (!seen[j] && map.ink[j] >= kGlyphInk) {
                        seen[j] = 1;
                        stack.push_back(j);
                    }
                }
        }
        glyphs.push_back(g);
    }
    return glyphs;
}

int overlap(int a0, int a1, int b0, int b1) {
    return std::min(a1, b1) - std::max(a0, b0);
}

// Side by side on one line (a gap under 0.6 of the taller glyph), or stacked along a column
// (a gap under half the wider one: letters of a title turned upright). A dash (a glyph under
// a third of the other's height) joins only what is close (a minus sign, 0.1 of a digit's
// height from it), not a tick mark beside a label (matplotlib pads labels by about half a
// digit's height).
bool sameWord(const InkRect& a, const InkRect& b) {
    const int rows = overlap(a.top, a.bottom, b.top, b.bottom);
    const int cols = overlap(a.left, a.right, b.left, b.right);
    const int tall = std::max(a.height(), b.height());
    const bool dash = 3 * std::min(a.height(), b.height()) < tall;
    if (rows >= 0.5 * std::min(a.height(), b.height()) && -cols <= (dash ? 0.3 : 0.6) * tall)
        return true;
    const int wide = std::max(a.width(), b.width());
    return cols >= 0.5 * std::min(a.width(), b.width()) &&
           3 * std::min(a.width(), b.width()) >= wide && -rows <= 0.5 * wide &&
           a.height() < 3 * a.width() + 3 && b.height() < 3 * b.width() + 3;
}

// The first gap of a third of the word's height or more between glyphs that follow each
// other along a line (a dot sits closer to its digits): its columns, or -1 and -1.
std::pair<int, int> spaceIn(std::vector<const InkRect*> glyphs, int height) {
    std::sort(glyphs.begin(), glyphs.end(),
              [](const InkRect* a, const InkRect* b) { return a->left < b->left; });
    int reach = glyphs.empty() ? 0 : glyphs.front()->right;
    for (std::size_t k = 1; k < glyphs.size(); ++k) {
        if (3 * (glyphs[k]->left - reach) >= height)
            return {reach, glyphs[k]->left};
        reach = std::max(reach, glyphs[k]->right);
    }
    return {-1, -1};
}

} // namespace

InkMap inkOf(const RgbImage& image) {
    const auto bg = backgroundOf(image);
    InkMap map{image.width, image.height, std::vector<float>(image.pixels.size())};
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        double d2 = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            const double d = image.pixels[i][k] / 65535.0 - bg[k];
            d2 += d * d;
        }
        map.ink[i] = float(std::min(1.0, std::sqrt(d2)));
    }
    return map;
}

std::vector<InkWord> inkWords(const InkMap& map, const std::vector<InkRect>& excluded) {
    std::vector<InkRect> glyphs = glyphsOf(map, excluded);
    // Lines and bars (a frame, a spine with its ticks) are no glyphs.
    const int most = std::max(12, std::min(map.width, map.height) / 8);
    auto beside = [&](const InkRect& g) {
        return std::any_of(excluded.begin(), excluded.end(), [&](const InkRect& e) {
            return g.left <= e.right + 2 && g.right >= e.left - 2 && g.top <= e.bottom + 2 &&
                   g.bottom >= e.top - 2;
        });
    };
    std::erase_if(glyphs, [&](const InkRect& g) {
        return g.width() > most || g.height() > most || beside(g);
    });
    std::vector<std::size_t> parent(glyphs.size());
    std::iota(parent.begin(), parent.end(), std::size_t(0));
    for (std::size_t i = 0; i < glyphs.size(); ++i)
        for (std::size_t j = i + 1; j < glyphs.size(); ++j)
            if (sameWord(glyphs[i], glyphs[j]))
                parent[root(parent, i)] = root(parent, j);
    std::map<std::size_t, std::vector<const InkRect*>> groups;
    for (std::size_t i = 0; i < glyphs.size(); ++i)
        groups[root(parent, i)].push_back(&glyphs[i]);
    std::vector<InkWord> out;
    for (const auto& [key, members] : groups) {
        InkWord w{*members.front(), 0, false, int(members.size())};
        for (const InkRect* g : members) {
            w.rect = {std::min(w.rect.left, g->left), std::min(w.rect.top, g->top),
                      std::max(w.rect.right, g->right), std::max(w.rect.bottom, g->bottom)};
            w.glyphHeight = std::max(w.glyphHeight, g->height());
        }
        for (const InkRect* g : members)
            w.raised = w.raised || (2 * g->height() > w.glyphHeight &&
                                    g->bottom <= w.rect.bottom - 0.3 * w.glyphHeight);
        std::tie(w.spaceLeft, w.spaceRight) = spaceIn(members, w.glyphHeight);
        out.push_back(w);
    }
    return out;
}

InkPatch patchOf(const InkMap& map, const InkRect& rect, int pad, int textHeight) {
    InkPatch p{rect.width() + 2 * pad, rect.height() + 2 * pad, {}, textHeight};
    p.ink.assign(std::size_t(p.width) * std::size_t(p.height), 0.f);
    for (int r = 0; r < rect.height(); ++r)
        for (int c = 0; c < rect.width(); ++c) {
            const int rr = rect.top + r, cc = rect.left + c;
            if (rr >= 0 && cc >= 0 && rr < map.height && cc < map.width)
                p.ink[std::size_t(r + pad) * std::size_t(p.width) + std::size_t(c + pad)] =
                    map.at(rr, cc);
        }
    return p;
}

} // namespace specedit::core
