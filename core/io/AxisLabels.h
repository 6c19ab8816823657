#pragma once
// Where an axis' tick labels are printed (io/FigureAxes.h): the words (io/InkWords.h) in the
// first line beyond one edge of the plot or the colour bar, each placed at its tick mark when
// one leads to it, and the axis title beyond them.

#include "io/InkWords.h"

#include <optional>
#include <vector>

namespace specedit::core {

// The side of the plot (or bar) the labels lie on: below it, or left or right of it.
enum class LabelSide { Below, Left, Right };

struct AxisEdge {
    LabelSide side = LabelSide::Below;
    double at = 0;           // the edge: a row (Below) or a column, in pixel coordinates
    double from = 0, to = 0; // its extent along the axis
};

struct PlacedLabel {
    InkRect word;
    double at = 0;       // its position along the axis (a column, or a row)
    bool onTick = false; // placed at its tick mark
    bool raised = false; // with an exponent (io/InkWords.h)
    int glyphs = 0;
    int spaceLeft = -1, spaceRight = -1; // a space inside: a number and its unit (InkWords.h)
};

struct AxisText {
    std::vector<PlacedLabel> labels; // along the axis
    std::optional<InkRect> title;    // the words beyond the labels
    std::optional<InkRect> offset;   // a multiplier: over a vertical axis' top, under a
                                     // horizontal one's right end
    int textHeight = 0;              // the labels' glyphs' height
};

class FigureWords {
public:
    FigureWords(const InkMap& map, const std::vector<InkRect>& excluded);
    AxisText axisText(const AxisEdge& edge) const;
    int textHeight() const { return m_height; }

private:
    std::vector<double> ticks(const AxisEdge& edge) const;
    const InkMap& m_map;
    std::vector<InkWord> m_words;
    int m_height = 10; // the most common glyph height
};

} // namespace specedit::core
