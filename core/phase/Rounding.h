#pragma once
// Values written with few decimals (np.savetxt(fmt="%.3f")): every magnitude a multiple of
// 0.001, most of a quiet file's zero. Rounding leaves noise of its own between the magnitudes
// and phases and any signal's STFT, and a direct inverse by the right reading misses its input
// by about that much: it is not a sign of a wrong reading. Any thread.

#include "io/MatrixFile.h"
#include "phase/SpectrumImport.h"

#include <optional>
#include <string>

namespace specedit::core {

// The step every value is a multiple of, 10^-d for the least d in 0..kMostDecimals, or 0 when
// the values hold more decimals (floats as written by np.save or "%.18e").
inline constexpr int kMostDecimals = 8;
double roundingStep(const std::vector<double>& values);

struct RoundingMisfit {
    double db = 0;            // the misfit rounding alone leaves (20 log10 of the relative error)
    double magnitudeStep = 0; // the magnitudes' step (0: not rounded)
    double zeroShare = 0;     // of the magnitudes rounded to zero
};

// For linear magnitudes with a phase in radians, degrees or cycles: the misfit their rounding
// leaves, which the share 1 - hop / nfft of the noise not in any signal's STFT shows: nullopt
// when neither is rounded or the magnitudes are in another unit.
std::optional<RoundingMisfit> roundingMisfit(const Matrix& magnitude, const Matrix& phase,
                                             const SpectrumLayout& layout, double hopOverNfft);

// The relative error (amplitude) the files' rounding adds to a linear reading's values, before
// any projection (the phase unit told by the phases' range): 0 when neither file is rounded or
// the rounding is too coarse to tell (kRoundingTellsBelowDb). The guess (phase/GuessRanking.h)
// takes readings consistent to within it as consistent to rounding.
double roundingFloor(const Matrix& magnitude, const Matrix& phase);

// The warning for a direct inverse whose misfit (dB, away from the edge frames) rounding
// explains (within kRoundingExplainsDb of its estimate): "" when it does not, or when the
// rounding leaves more than kRoundingTellsBelowDb (too coarse to tell a wrong reading: the
// misfit warning stands, and the guess takes no reading as consistent to it).
inline constexpr double kRoundingExplainsDb = 6.0;
inline constexpr double kRoundingTellsBelowDb = -20.0;
std::string roundingNote(const RoundingMisfit& rounding, double misfitDb);

} // namespace specedit::core
