#pragma once
// What the Rebuild dialog says of a finished rebuild: the spectral convergence reached (or,
// with a phase, how far the inverse's magnitudes are from the input), the signal made, and the
// notes and warnings of core/apply/Rebuild.h, the warning first and in bold (rich text).

#include "apply/Rebuild.h"

#include <QString>

namespace specedit::ui {

// picture: the magnitudes came from a picture (its Levels, not Scaling, set the level).
QString outcomeText(const core::RebuildOutcome& outcome, bool picture);

} // namespace specedit::ui
