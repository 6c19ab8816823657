#pragma once
// Plots under a figure's plot that share its time axis: matplotlib's sharex (a waveform under
// a spectrogram, the time labels printed only under the lowest), SpecEdit's trace lane under
// its picture. Such a plot's box ends in a line of ink from the plot's left edge, about as
// wide as the plot (3/4 to 3/2 of it: a colour bar takes its room from the spectrogram's axes
// alone, 1/5 of matplotlib's figure), with no ink under it;
// the time labels under that line give the times at its box's edges, which are the plot's.

#include "io/InkWords.h"

#include <vector>

namespace specedit::core {

struct BoxBelow {
    double left = 0, right = 0; // its edges' columns (pixel edges)
    double bottom = 0;          // the row just under its bottom line
};

// Nearest first, at most `most`: the lines of ink through the middle column of [left, right)
// below row `bottom` (two rows past it: the plot's own frame) that end a box.
std::vector<BoxBelow> boxesBelow(const InkMap& map, double left, double right, double bottom,
                                 int most = 6);

} // namespace specedit::core
