#pragma once
// The steps of burst detection that look at a whole block of STFT power: the 3 x 3
// time-frequency smoothing, the noise floor of each frequency bin and the power over it. All
// run on the caller's thread pool.

#include "detect/PowerBlock.h"
#include "util/ThreadPool.h"

#include <vector>

namespace specedit::core {

// out[j][k]: the mean of block cell (j, k) and its neighbours that exist (frame-major, the
// block's shape).
void smooth3x3(const PowerBlock& in, std::vector<float>& out, ThreadPool& pool);

// The noise level of each bin over rows [r0, r1) of a frame-major block: its q-quantile (which
// bursts covering up to 1 - q of the frames do not move), scaled to the median by the ratio
// median / q-quantile that most bins (noise alone) show, so thresholds count from the noise's
// middle whatever the quantile. At most kFloorSamples frames per bin are looked at (evenly
// spread): the 20 % quantile of 512 values is within about 2 % of its rank (0.1 dB of noise).
// Cells of power 0 (runs of digital zero cut into a capture) are left out: a fifth of the
// frames silent made the floor 0 and every noise frame a burst.
constexpr int kFloorSamples = 512;
std::vector<float> floorPerBin(const std::vector<float>& power, int bins, std::int64_t r0,
                               std::int64_t r1, double q, ThreadPool& pool);

// Rows [r0, r1) of a frame-major block divided by the floor bin by bin, in place (power /
// floor); returns for each row (index r - r0) whether a cell reaches `low`, so rows of noise
// alone are skipped without another look at their cells.
std::vector<char> divideByFloor(std::vector<float>& power, int bins, std::int64_t r0,
                                std::int64_t r1, const std::vector<float>& floor, float low,
                                ThreadPool& pool);

} // namespace specedit::core
