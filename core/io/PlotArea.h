#pragma once
// Where the plot lies in a figure (io/PictureLevels.h): given which pixels are colours of the
// plot's colour map, the longest run of columns, then of rows within it, then of columns
// within those rows, whose pixels mostly are, across gaps of a few pixels (a grid line, a
// letter); half the best column's share counts as mostly, so a colour bar (as tall as the
// plot, narrower) or a title row loses to the plot. Then the frame: a dark line the length of
// the plot beside an edge (matplotlib's spines, MATLAB's box) marks where the axes end, and
// its pixel index is that edge. matplotlib snaps a spine on the axes' edge x to pixel floor(x),
// so the left and top lines cover the plot's first column and row, and the right and bottom
// ones lie just past its last: a plot read one pixel short put speech 9 ms off and doubled the
// rebuilt spectrogram's error (2.2 to 3.9 dB mean).

#include "io/GrayImage.h"

#include <vector>

namespace specedit::core {

struct PixelSpan {
    int first = 0, count = 0;
    int end() const { return first + count; }
};

struct PlotArea {
    PixelSpan cols, rows;
    // Frame lines found inside the plot (its first column, its first row): their pixels show
    // the line, not the plot.
    std::vector<int> lineCols, lineRows;
};

// `on`: per pixel of `image`, whether it is a colour of the map.
PlotArea findPlotArea(const RgbImage& image, const std::vector<char>& on);

} // namespace specedit::core
