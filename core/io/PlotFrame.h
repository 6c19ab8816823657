#pragma once
// The axes box of a figure's plot (io/PlotArea.h), from the lines drawn around it. The
// figure's background is the colour of most of its outermost pixels; beside each edge of the
// plot found from its colours, within a few pixels, the margin (a line of mostly background)
// and then, inward, the frame line (a line of mostly one colour that is not the background:
// matplotlib's spines, black on white, white on dark_background, any colour or width). The
// axes' edge is the middle of the frame's solid part, of the thinnest of its four sides (a
// silent plot column of the line's colour beside it must not widen one): matplotlib centres a
// spine on the edge, snapped to a pixel's centre, so the middle is within half a pixel of it.
// Without a line the edge is where the margin ends. The top and bottom lines also run as far
// as the plot does where the plot is bare (plt.specgram leaves a level of -inf as the
// background), and so do the left and right ones.

#include "io/PlotArea.h"

namespace specedit::core {

// Moves `plot` (its pixels found from their colours) onto the axes box its frame draws: its
// edges, the pixels read (the box rounded to whole pixels) and the lines over them.
// `on`: per pixel, whether it is a colour of the plot's map (a line of the map's colours is
// the plot's, not its frame: a silent stretch of magma's floor beside a black spine).
void fitToFrame(const RgbImage& image, const std::vector<char>& on, PlotArea& plot);

} // namespace specedit::core
