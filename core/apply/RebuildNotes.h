#pragma once
// What a rebuild's outcome tells the user besides its signal: notes (the bin order read, the
// samples no frame holds, a detrended inverse's lost mean) and warnings (a direct inverse
// that does not fit its reading, phase retrieval from frames that barely overlap). Each is
// "" when there is nothing to say. Any thread.

#include "apply/Rebuild.h"

#include <string>

namespace specedit::core {

// What the user must know about an outcome ("" when nothing): magnitudes all zero, a direct
// inverse that does not fit its reading, or phase retrieval from magnitudes whose peaks doubt
// the unit given (unitWarning) or frames overlapping by less than 50 % (nearly any phase is
// consistent there).
std::string rebuildWarning(const RebuildOutcome& outcome);
// True when a direct inverse misses its input by more than rounding (rebuildWarning's case).
bool readingMisfits(const RebuildOutcome& outcome);
// A detrended inverse whose frames reach no padding: the signal's own mean or line is in no
// frame, and with lines taken away its slow drifts are barely seen; "" otherwise.
std::string trendNote(const RebuildOutcome& outcome);
// Samples at the signal's start or end that lie under no frame's window, or only where it is
// zero (frames from the first sample drop a tail that fills no whole frame; torch's
// center=False also the first (nfft - nperseg) / 2; a periodic Hann's first value is 0): they
// are zeros in the result, and this says how many ("" when none).
std::string coverageNote(const RebuildOutcome& outcome);
// Bin order automatic, two-sided: a spectrum shifted by half the sample rate is as consistent
// as it stands (it is the spectrum of x[n] (-1)^n), so the energy tells the order. Read in FFT
// order, a recording's energy (a DC line, a signal near the centre, the anti-alias roll-off at
// the band edges) lies near rows 0 and nfft-1; when its mean |frequency| there is above
// kShiftedCentroid of the sample rate (white noise: 0.25; the fftshifted captures in
// shared/data/real 0.48; a carrier at 0.38 fs in FFT order stays) the file is read as fftshifted,
// and this says so ("" otherwise). It also says when no window was given and a power of two of
// rows was read as two-sided (twoSidedByCount), and when the order is in doubt: the energy's
// mean |frequency| read in FFT order above kOrderInDoubtAbove (nearer the middle rows, +-fs/2,
// than the edge rows, 0 Hz: two tones at +0.1 and -0.19 fs, fftshifted, read 0.38; white noise
// 0.25) and not above kShiftedCentroid, kept in FFT order and said with the option that reads
// it shifted.
std::string sidesNote(const RebuildOutcome& outcome);

} // namespace specedit::core
