#pragma once
// Where the plot lies in a figure (io/PictureLevels.h): given which pixels are colours of the
// plot's colour map, the longest run of columns, then of rows within it, then of columns
// within those rows, whose pixels mostly are, across gaps of a few pixels (a grid line, a
// letter); half the best column's share counts as mostly, so a colour bar (as tall as the
// plot, narrower) or a title row loses to the plot. Then onto the axes box its frame draws
// (io/PlotFrame.h): a plot read one pixel short put speech 9 ms off and doubled the rebuilt
// spectrogram's error (2.2 to 3.9 dB mean).

#include "io/GrayImage.h"

#include <vector>

namespace specedit::core {

struct PixelSpan {
    int first = 0, count = 0;
    int end() const { return first + count; }
};

struct PlotArea {
    PixelSpan cols, rows; // the pixels read
    // The axes box (pixel c covers [c, c + 1)): where the time and frequency ranges end.
    double left = 0, right = 0, top = 0, bottom = 0;
    // Columns and rows read that a frame line covers: they show the line, not the plot.
    std::vector<int> lineCols, lineRows;
};

// `on`: per pixel of `image`, whether it is a colour of the map.
PlotArea findPlotArea(const RgbImage& image, const std::vector<char>& on);

} // namespace specedit::core
