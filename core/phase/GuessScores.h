#pragma once
// The scores guessParameters (phase/ParameterGuess.h) gives a reading of the matrix under one
// set of STFT parameters, and the frames it scores them on.

#include "dsp/StftParams.h"
#include "phase/Detrend.h"
#include "phase/SpectrumImport.h"
#include "util/JobControl.h"

#include <cstdint>
#include <vector>

namespace specedit::core {

// With a phase: || A A^+ X - X || / || X || over the frames whole (A the STFT, A^+ the ISTFT),
// from the first frame's first sample, so that a block from the middle of a recording is as
// consistent as the whole under the parameters that made it. With a detrend, A takes each
// frame's mean or line away before the window and A^+ is its least-squares inverse
// (phase/Detrend.h).
double inconsistency(const ImportedSpectrum& x, const StftParams& p, bool complexSignal,
                     Detrend detrend = Detrend::None);

// Magnitudes alone: how much closer they can be matched (PGHI and 20 iterations of the default
// retrieval, on the frames whole from the first one's first sample) than the same frames in
// shuffled order, in dB, more negative is better.
// Shuffling destroys the overlap between neighbouring frames that a true reading explains, but
// keeps what any reading of low redundancy matches anyway. The job's cancel is polled before it
// starts.
double consistencyGainDb(const ImportedSpectrum& x, const StftParams& p, bool complexSignal,
                         const JobControl& job);

// Mean |frequency| (cycles per sample) weighted by energy: breaks ties between readings.
double centroid(const ImportedSpectrum& s, bool twoSided);

// The first of the `frames` consecutive frames holding the most energy (energy per frame
// given): a recording that starts silent scores nothing on its first frames. The least-squares
// ISTFT of any consecutive frames of a true reading gives the signal back on their support, so
// a block is as consistent as the whole.
std::int64_t loudestRun(const std::vector<double>& energy, std::int64_t frames);

} // namespace specedit::core
