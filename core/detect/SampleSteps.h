#pragma once
// What rounding to an integer sample type leaves in a recording, for the burst detector: the
// power that rounding adds to an STFT cell, and whether a stretch of samples ever moves more
// than one step. A capture whose noise sits below one step (8-bit samples mostly 0, a stray
// +-1) is mostly digital silence, and its single steps make faint regular patterns that stand
// over so sparse a floor; a burst must move the samples further. Any thread.

#include "dsp/StftParams.h"
#include "io/SampleSource.h"

namespace specedit::core {

// The power in one cell of the noise that rounding to the sample type adds (a uniform error
// of one step: LSB^2 / 12 per stored value), with the detector's scaling ("spectrum": the
// window divided by its sum); 0 for floating-point samples.
double roundingPower(const SignalInfo& info, const StftParams& params);

// True when the source is of an integer type and every stored value (each channel, I and Q
// alike) from t0 to t1 (s) lies within 1.5 steps of zero: 0 and +-1 for signed types, the two
// codes each side of the middle for unsigned ones. Throws Error on I/O failure.
bool withinOneStep(const SampleSource& source, double t0, double t1);

} // namespace specedit::core
