#pragma once
// The magic wand's tracker (MagicWand.cpp): from the clicked cell, the sound's rows frame by
// frame.
//
// Each frame's cells at or above their row's threshold form runs. From the clicked frame
// outwards, the sound goes on in the run that shares a row with its run in the frame before;
// of several, the one most over the sound's last cross-section about as wide as the clicked
// one. A 2-D flood fill took in every sound that touched it once: a speech harmonic crossing
// a whistle joined the whistle to the whole voice (0-11 kHz).
//
// The clicked cross-section sets the sound's width: a frame whose run is more than twice as
// wide holds another sound crossing it, and is cut back to the rows between the sound's own
// cross-sections before and after. So a whistle stays a whistle through speech, and a burst
// clicked on stays a burst across a chirp; a carrier clicked on stays the carrier across a
// burst on it. A sound that truly widens after the click (a narrow preamble, then wide data)
// keeps the clicked width: click on the wide part.
//
// One run per frame: a sound of several bands at once (harmonics with gaps between them) is
// followed in the band clicked, as a partial (the Shapes panel adds harmonics). An FSK burst
// whose frames show one tone, then the other, cannot be followed this way; the wand keeps the
// flood fill for IQ recordings (MagicWand.cpp).

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace specedit::core {

// Levels in dB of frames [j0, j0 + frames) in display order (ascending frequency),
// frame-major.
struct LevelGrid {
    std::int64_t j0 = 0;
    int frames = 0, bins = 0;
    std::vector<float> db;
    float at(int j, int k) const { return db[std::size_t(j) * std::size_t(bins) + std::size_t(k)]; }
};

using RowSpan = std::pair<int, int>; // lowest and highest row, inclusive; {-1, -1}: none

// The rows of the sound through cell (j, k) in each frame of the grid ({-1, -1} where it is
// not). threshold: per row, the level a cell must reach. The clicked cell must reach it.
std::vector<RowSpan> trackSound(const LevelGrid& g, int j, int k,
                                const std::vector<float>& threshold);

} // namespace specedit::core
