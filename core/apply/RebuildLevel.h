#pragma once
// The level of a rebuilt signal. A recording's full scale is 1, and the files' scaling sets
// how loud the result comes out: a plain FFT (torch, librosa, MATLAB's stft, numpy's fft)
// read with scipy's "spectrum" scaling comes out sum(w) times too loud (200 for torch's Hann
// 400, Whisper's framing, which no tool's window offset betrays), an orthonormal one
// (torch's normalized=True, numpy's norm="ortho") sum(w) / sqrt(nfft) times. The level tells
// them apart when the data leave no other trace: no float recording of a signal peaks at
// tens or hundreds of full scale. Any thread.

#include "apply/Rebuild.h"

#include <string>

namespace specedit::core {

// Scaling not given (RebuildSpec::scalingGiven), files read with scipy's "spectrum" scaling:
// when the result peaks far above full scale (above kLoudAbove) and read as a plain FFT it
// peaks at a tenth of full scale to kLoudestRead times it (as an orthonormal one, from
// kOrthoQuietest of full scale, and at least 5 as a spectrum's), it is read so: the
// samples and the outcome's input magnitudes divided, scalingByLevel, levelDividedBy and
// peakAsSpectrum set. A plain FFT is taken first where both fit (short FFTs). A retrieved
// phase's result is read so only when its spectral convergence is below kLevelReadBelowDb:
// a wrong reading's (a frames x bins file read as bins x frames) peaked 8 times its signal.
inline constexpr double kLevelReadBelowDb = -25.0;
inline constexpr double kLoudAbove = 4.0;
inline constexpr double kOrthoQuietest = 0.6;
inline constexpr double kLoudestRead = 4.0; // 12 dB above full scale: a float file's overshoot
void readLevel(RebuildOutcome& outcome);

// What readLevel did, for the user ("" when nothing): the peak as read, the scaling taken,
// the peak now, and what keeps scipy's scaling (`keepScipys`: "--scaling spectrum").
std::string levelNote(const RebuildOutcome& outcome, const std::string& keepScipys);

// For a recording (full scale 1): the result's samples (I and Q each for IQ) peak above 1 (""
// when not). A plain FFT read with scipy's scaling comes out sum(w) times too loud (librosa and
// torch: 200 for a 400-point Hann; said "take scaling none" from a tenth of that up), an
// orthonormal one sum(w) / sqrt(nfft) times ("take scaling ortho" from 0.6 of that, and at
// least 5: dB relative to the loudest cell, librosa's ref=np.max, came back 4 times loud); a
// picture's levels are its dB range, given as `pictureLevels` names ("--image-db"; "" for no
// picture).
std::string levelWarning(const RebuildOutcome& outcome, const std::string& pictureLevels);

} // namespace specedit::core
