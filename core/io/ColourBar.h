#pragma once
// Which way a figure's colour bar runs (io/PictureLevels.h): the line of pixels outside the
// plot with the most colours of the map that climb or fall steadily through at least half of
// it (correlation of their place along the map with their position 0.9 or more) is the bar.
// matplotlib puts a vertical bar's lowest level at the bottom and a horizontal one's at the
// left: a bar the other way shows the map reversed (magma_r, gray_r: bright is quiet), which
// the plot's colours alone cannot tell.

#include "io/PlotArea.h"

#include <vector>

namespace specedit::core {

enum class BarDirection { None, Forward, Reversed };

struct ColourBar {
    BarDirection direction = BarDirection::None;
    bool vertical = true;
    int line = -1;            // the bar's column (vertical) or row
    int first = 0, last = -1; // its first and last pixels of the map's colours along the line
};

// `place`: per pixel of a width x height picture, its place along the map (0 .. 1), NaN for a
// pixel that is no colour of it.
ColourBar findColourBar(int width, int height, const std::vector<float>& place,
                        const PlotArea& plot);

} // namespace specedit::core
