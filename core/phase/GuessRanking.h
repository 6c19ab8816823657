#pragma once
// How guessParameters (phase/ParameterGuess.h) ranks its candidates and what it warns of.

#include "phase/ParameterGuess.h"

#include <string>
#include <vector>

namespace specedit::core {

// GuessResult::timeVariation of magnitudes read with this layout.
double timeVariation(const Matrix& magnitudes, MatrixLayout layout);

// Best first. Scores within 1 % are ties (a real signal's two-sided spectrum read plain or
// fftshifted is consistent both ways, the second as the signal times (-1)^n): the reading with
// its energy lower in frequency wins them. Magnitude-only scores of odd FFT sizes count
// kOddFftPriorDb worse. steady: the magnitudes cannot tell the hop, the most common overlap
// ranks first.
void rankCandidates(std::vector<GuessCandidate>& found, bool steady);

// GuessResult::warning for a ranked list: the magnitudes are steady (no length given), no
// reading is consistent (with a phase), or the two best magnitude-only readings are a close
// call (no length given). Empty when none applies.
std::string guessWarning(const std::vector<GuessCandidate>& ranked, bool withPhase,
                         double timeVariation, bool lengthKnown);

} // namespace specedit::core
