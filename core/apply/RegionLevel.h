#pragma once
// Measures how loud a region of the time-frequency plane is: the mean power of the STFT
// cells (spectrum scaling, so a full-scale tone centred in a bin reads about -6 dB) whose
// centre has coverage >= 0.5 for `shape`. Audio is mixed to mono for the measurement.
// Used to report what an edit did ("chirp region -23 dB -> -101 dB").

#include "dsp/StftParams.h"
#include "io/SampleSource.h"
#include "mask/Shape.h"
#include "util/JobControl.h"

namespace specedit::core {

// params.fs is replaced by the source's rate. Returns -inf for a region without cells or
// without energy. Throws Error on read failures, Cancelled when job is cancelled. Any thread.
double regionLevelDb(const SampleSource& source, StftParams params, const Shape& shape,
                     JobControl& job);

} // namespace specedit::core
