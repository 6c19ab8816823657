#pragma once
// The cells a replace shape fills (Shape.h), computed once from the original signal.
//
// For each cell with coverage w > 0, frame j between the context frames jb (before) and ja
// (after), a = (j - jb) / (ja - jb):
//   magnitude  |R| = sqrt((1 - a) B + a A), B and A the bin's mean power before and after
//              (EffectContext; power, not dB, is interpolated so that the gap keeps its
//              neighbours' energy); one side alone when the other is missing; with
//              fill_from frequency, the power interpolated linearly across the band from
//              the mean of the 3 bins just below and just above it in the same frame
//              (fill_from both: the mean of the two estimates);
//   phase      the bin's phase advance continued from both sides, phi_f = phi(jb) +
//              (j - jb)(phi(jb) - phi(jb - 1)) and phi_b = phi(ja) - (ja - j)(phi(ja + 1) -
//              phi(ja)), blended as arg((1 - a) e^{i phi_f} + a e^{i phi_b}); a steady tone
//              continues exactly;
//   then kReplaceIterations consistency iterations restricted to the region: the cells are
//   set to (1 - w) X + w R, the signal is rebuilt (ISTFT) and analysed again, and R takes
//   the new phases with the same magnitudes, so the fill fits its neighbours without edges.
// At most kMaxFillCells cells (replace is for clicks and dropouts; attenuate for long ones).

#include "effect/EffectContext.h"

namespace specedit::core {

constexpr int kReplaceIterations = 16;
constexpr std::int64_t kMaxFillCells = std::int64_t(8) << 20;

// Where a replace shape's magnitudes best come from when the user has not said: across the
// band (frequency) when the shape spans more frames than bins (a whistle or hum, long and
// narrow), else from before and after it (time: a click, a cough, a dropout).
FillFrom naturalFillFrom(const Shape& shape, const StftParams& params);

// Fills out.fill (and its geometry) for replace shape `index`; out's levels must be measured.
// Throws Error (too many cells) or Cancelled.
template <typename S>
void computeReplaceFill(LaneSpectra<S>& lane, const StftParams& params, const MaskGrid& grid,
                        const Shape& shape, int index, EffectContext& out, const JobControl& job);

} // namespace specedit::core
