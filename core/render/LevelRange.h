#pragma once
// Auto levels: the colour scale's floor and ceiling from a sample of the picture's levels.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace specedit::core {

struct LevelSample {
    std::int64_t row = 0; // the picture row it came from (any id: rows are only told apart)
    float db = 0;
};

struct LevelRange {
    float minDb = 0, maxDb = 0;
};

// The floor 10 dB below the 10th percentile of the levels in the rows that hold something:
// rows whose loudest (their 99th percentile) lies within 60 dB of the picture's peak. An audio
// file's empty band (speech at 22.05 kHz resampled to 44.1 kHz: nothing above 11 kHz, -126 dB
// against peaks near -36) put the floor at -142 dB, and the speech and its noise filled the
// picture in bright colours. The ceiling 3 dB above the peak (the 99.95th percentile of all
// levels); at most maxRangeDb apart (a pure tone's sidelobes near -200 dB in a float file), at
// least 30 dB. Whole decibels. Nothing for fewer than 16 samples.
std::optional<LevelRange> autoLevelRange(std::vector<LevelSample> samples,
                                         float maxRangeDb = 120.0f);

struct Tile;
// Every `step`-th level of the tile that is above kFloorDb and finite, with its row told apart
// from the rows of every other row level.
void appendLevelSamples(const Tile& tile, std::size_t step, std::vector<LevelSample>& out);

} // namespace specedit::core
