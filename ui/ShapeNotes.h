#pragma once
// What the Shapes panel says about an edit that stands but may surprise: harmonics that run
// together. GUI thread only (translated text).

#include "io/SignalInfo.h"
#include "mask/Shape.h"

#include <QString>

namespace specedit::ui {

// The frequency a shape's harmonics are multiples of: 0 Hz for audio, the centre for IQ
// (where the offsets from it are the baseband frequencies).
double harmonicsReference(const core::SignalInfo& info);

// Said when a shape's harmonics run together (a tester's 35-66 Hz hum box with 10 took every
// sound from 71 to 663 Hz): which harmonics first overlap and what is covered without a gap;
// empty when they do not.
QString harmonicsOverlapNote(const core::Shape& s, const core::SignalInfo& info);

} // namespace specedit::ui
