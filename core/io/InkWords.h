#pragma once
// The printed words around a figure's plot (io/FigureAxes.h): ink is a pixel's distance from
// the figure's background (the colour of most of its border), so black labels on white and
// white on black read alike; glyphs are its 8-connected blobs, and words the glyphs side by
// side on a line, or stacked along a column (a vertical axis title).

#include "io/GrayImage.h"
#include "io/TextReader.h"

#include <vector>

namespace specedit::core {

struct InkRect {
    int left = 0, top = 0, right = 0, bottom = 0; // right and bottom exclusive
    int width() const { return right - left; }
    int height() const { return bottom - top; }
    double centreX() const { return 0.5 * (left + right); }
    double centreY() const { return 0.5 * (top + bottom); }
};

struct InkMap {
    int width = 0, height = 0;
    std::vector<float> ink; // 0 the background .. 1 (a distance in RGB of 1 or more)
    float at(int row, int col) const {
        return ink[std::size_t(row) * std::size_t(width) + std::size_t(col)];
    }
};

InkMap inkOf(const RgbImage& image);

struct InkWord {
    InkRect rect;
    int glyphHeight = 0; // its tallest glyph's
    // A glyph of it, over half as tall as the tallest, ends 0.3 of that above the word's
    // bottom: an exponent (10 with a raised 3: a logarithmic axis' label).
    bool raised = false;
    int glyphs = 0; // its glyphs: more than the characters read as a number are letters too
    // A gap between glyphs side by side of a third of their height or more: a space, as
    // between a number and its unit ("0.5 s", whose "s" reads as a 5 among digits). The
    // first such gap's columns [spaceLeft, spaceRight); -1 for none.
    int spaceLeft = -1, spaceRight = -1;
    bool spaced() const { return spaceLeft >= 0; }
};

// The words outside `excluded` (the plot, the colour bar); a glyph within 3 pixels of one is
// a tick mark (beside a frame that cannot be seen: ggplot's white spines), no letter.
std::vector<InkWord> inkWords(const InkMap& map, const std::vector<InkRect>& excluded);

// The ink of `rect` and `pad` pixels around it, for reading.
InkPatch patchOf(const InkMap& map, const InkRect& rect, int pad, int textHeight);

} // namespace specedit::core
