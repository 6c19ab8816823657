#pragma once
// The magic wand's tracker (MagicWand.cpp): from the clicked cell, the sound's rows frame by
// frame.
//
// Each frame's cells at or above their row's threshold form runs. From the clicked frame
// outwards, the sound goes on in the run that shares a row with its run in the frame before;
// of several, the one nearest its peak, which moves to the local maximum climbed to from it
// (the sound's own peak even where a louder one shares its run). A 2-D flood fill took in every
// sound that touched it once: a speech harmonic crossing a whistle joined the whistle to the whole
// voice (0-11 kHz).
//
// A tonal sound (a whistle, a hum's line, a chirp: its peak moves at most a row from frame to
// frame) keeps in each frame the hill around its peak, down to where a cell rises again: a
// voice's harmonic merged into the whistle's run is not the whistle. A noisy sound (a cough)
// keeps the run, but a frame more than twice as wide as its own cross-section (the clicked
// one, or the median near it or along it, whichever is narrowest) holds another sound crossing
// it, and is cut back to the rows between the sound's own cross-sections before and after.
// A sound that truly widens after the click (a narrow start, then broad) keeps the clicked
// width: click on the wide part.
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
