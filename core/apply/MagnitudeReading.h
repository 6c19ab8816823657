#pragma once
// Magnitudes alone, with their layout or unit left open: what their shape and values tell.
// - values below zero (a tenth of them or more) are levels in dB;
// With a phase the guess (phase/ParameterGuess.h) tries every layout and unit and the files'
// consistency decides; magnitudes alone are consistent with any reading, so only what the
// data show is used, and said:
// - the layout their shape makes likely (phase/GuessCandidates.h likelyLayout);
// - power or linear magnitudes by the shape of their spectral peaks (phase/PeakShape.h): a
//   tone seen through the window's main lobe in power (torchaudio's Spectrogram default,
//   power=2) fits the window squared; read as linear magnitudes the result was noise-like
//   (-13 dB of spectral convergence against -30);
// - levels relative to the loudest cell (dB whose maximum is exactly 0, librosa's ref=np.max;
//   magnitudes whose maximum is exactly 1) carry no level, and the result's is arbitrary.
// Any thread.

#include "dsp/StftParams.h"
#include "io/MatrixFile.h"
#include "phase/SpectrumImport.h"

#include <string>

namespace specedit::core {

// The layout when not given: likelyLayout, with phase/GuessCandidates.h's note when the shape
// is in doubt ("" otherwise).
MatrixLayout layoutOfMagnitudes(const Matrix& magnitude, std::string& note);

// The magnitude unit when not given: dB when a tenth of the values or more are below zero
// (fewer: linear, whose error names the first); else power when the spectral peaks fit p's
// window squared (at least kPowerFitAtLeast of their energy, kPowerFitRatio times the linear
// reading's fit), else linear. `note` says a reading other than linear and its evidence.
// Speech in torchaudio's default power (Hann 400) fits by 0.14 against 0.011, white noise any
// window by 0.05 to 0.12 in either unit.
inline constexpr double kPowerFitAtLeast = 0.1;
inline constexpr double kPowerFitRatio = 3.0;
MagnitudeUnit unitOfMagnitudes(const Matrix& magnitude, const SpectrumLayout& layout,
                               const StftParams& p, const std::string& name, std::string& note);

// Magnitudes alone in a unit given: "" or a warning when the spectral peaks fit p's window in
// the other unit of the pair (linear and power, db and db10) by at least kPowerFitAtLeast and
// kPowerFitRatio times the given unit's fit. 10 log10 of power given as db10 came out 6.7
// times too loud at -11.9 dB without a word.
std::string unitWarning(const Matrix& magnitude, const SpectrumLayout& layout, const StftParams& p,
                        const std::string& name);

// "" or the note that the levels are relative to the loudest cell (their maximum exactly 0
// in dB, 1 otherwise): the result's level is not the signal's.
std::string relativeLevelNote(const Matrix& magnitude, MagnitudeUnit unit);

} // namespace specedit::core
