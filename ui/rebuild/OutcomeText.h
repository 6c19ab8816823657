#pragma once
// What the Rebuild dialog says of a finished rebuild: the spectral convergence reached (or,
// with a phase, how far the inverse's magnitudes are from the input), the signal made, and the
// notes and warnings of core/apply/Rebuild.h, the warning first and in bold (rich text). And
// what it says of a finished guess: how many readings, where the frames start, the scaling
// hinted and the guess's notes, its warning first and in full (the ranking rests on it).

#include "apply/Rebuild.h"
#include "phase/ParameterGuess.h"

#include <QString>

namespace specedit::ui {

// picture: the magnitudes came from a picture (its Levels, not Scaling, set the level).
// How a picture was read: "Picture read as viridis (...); the plot is ...", and its warning.
QString pictureText(const core::RebuildOutcome& outcome);
QString outcomeText(const core::RebuildOutcome& outcome, bool picture);
// ranked: the result's candidates as the table holds them (the result's were moved there).
QString guessText(const core::GuessResult& result, const std::vector<core::GuessCandidate>& ranked);

} // namespace specedit::ui
