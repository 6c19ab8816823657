#pragma once
// Which window magnitudes were made with, from the shape of their spectral peaks: a sinusoid
// between two bins shows through the window's main lobe as three bins whose ratios only the
// window (its kind, length and FFT size) and the sinusoid's offset set. Magnitude-only guesses
// (phase/ParameterGuess.h) use it to rank readings whose window the peaks fit ahead: the
// consistency alone ranks a boxcar first on scipy's default (Hann 256, 50 % overlap) speech.

#include "dsp/StftParams.h"
#include "phase/SpectrumImport.h"

#include <vector>

namespace specedit::core {

// Peaks counted: local maxima within kPeakRangeDb of their frame's loudest bin.
inline constexpr double kPeakRangeDb = 20;
// A peak fits a window when its two neighbours, as ratios to it, are within kPeakTolerance
// (summed) of those of one sinusoid seen through the window.
inline constexpr double kPeakTolerance = 0.03;

// The share (0..1) of the peaks' energy that fits p's window; 0 when there are no peaks.
// White noise fits every window by 0.05-0.12, speech its own window by 0.2-0.5 and others of
// its length by less; a clean tone its own by 1. twoSided: bins in FFT order, the edges wrap.
double peakShapeFit(const ImportedSpectrum& x, const StftParams& p, bool twoSided);

// Windows whose peaks are not told apart: near-rectangular ones (boxcar, Tukey with alpha up to
// 1/2) are "rectangular"; any other window is its own family (toString). Tukey 0.25 tones and
// speech fit the boxcar lobe as well or 3 times better than their own where the pitch moves.
std::string peakFamily(const WindowSpec& window);

// The fit decides only where the best of a window length's readings fits by at least
// kPeakFitDecisive; then readings whose fit is below the best's in their unit over
// kPeakFitRatio, or below the best's in any unit over kPeakFitUnitRatio, rank after those that
// fit (phase/GuessRanking.h).
inline constexpr double kPeakFitDecisive = 0.15;
inline constexpr double kPeakFitRatio = 1.4;
inline constexpr double kPeakFitUnitRatio = 2.0;
// Unless the reading so ranked scores more than kPeaksYieldDb better than every reading of its
// length that fits (phase/GuessRanking.cpp: a weak fit of 16 % against 10 % put Blackman ahead
// of a Hann 11.6 dB more consistent).
inline constexpr double kPeaksYieldDb = 6.0;

} // namespace specedit::core
