#pragma once
// With a phase, every frame of an STFT is the FFT of a windowed segment, so its inverse FFT
// gives the segment back: s_j(n) = g(n) x(n + j hop) for n < nperseg, and zeros after it when
// the FFT was longer than the window (scipy pads the segment at its end). Two facts read the
// window length and the hop from the data, whatever they are (a tester's Hamming 400 in a
// 512 FFT with hop 160 was none of the readings the guess enumerates):
// - the window length: the last sample, over the frames, that holds energy (relative to the
//   loudest above kSilentBelow); windows whose ends are near zero (symmetric ones, Blackman)
//   read up to kShortBy samples short, so a caller tries those lengths too;
// - the hop: at the true hop h, s_{j+1}(n) / s_j(n + h) = g(n) / g(n + h) for every frame j,
//   so for each n the frames' pairs are exactly proportional: the 2 x 2 covariance
//   [[p, c], [c*, q]] of (s_{j+1}(n), s_j(n+h)) over the frames has rank one, its least
//   eigenvalue 0. The misfit, twice the least eigenvalue over p + q summed over the sampled n,
//   is rounding error at the true hop and far from it elsewhere; no window needs to be known.
//   (1 - coherence weighted by p + q, as it was, let rounding noise near a window's small ends
//   weigh as much as the signal elsewhere: a four-digit Hann 400 in a 400 FFT showed no hop.)
// Data rounded (text with four digits) or floored (dB 80 below the loudest) hold noise where the
// window is zero: a flat floor, above which the window is read (its ends further short, as
// FrameReading::shortBy says), and a hop whose misfit is far below every other lag's fits.
// A misread of the units (degrees read as radians, power as magnitude) gives segments that
// fill the FFT and no hop with a small misfit: nothing is proposed.

#include "phase/SpectrumImport.h"

#include <optional>
#include <vector>

namespace specedit::core {

inline constexpr double kSilentBelow = 1e-10; // energy relative to the loudest sample
inline constexpr int kShortBy = 3;
inline constexpr double kHopMisfitBelow = 1e-6; // a hop whose misfit is below fits exactly

struct FrameReading {
    int nperseg = 0; // up to the last sample holding energy (up to kShortBy short of the window)
    int hop = 0;
    double misfit = 0; // of the hop, 0..1
    // Samples the window's ends may read short: kShortBy, more in data with a noise floor
    // (rounded or floored), where more of each end lies below it.
    int shortBy = kShortBy;
    // The first sample holding energy: 0 (or up to kShortBy for windows that start near zero)
    // when the window comes first in the frame (scipy, MATLAB); librosa and torch centre a
    // window shorter than the FFT, (nfft - N) / 2 samples in.
    int first = 0;
    // The window's shape as the frames show it: ratio[n] = g(n - d) / g(n - d + hop) for a
    // window d samples in, over the frame's samples n with n + hop < nperseg
    // (sum_j s_{j+1}(n) conj s_j(n+h) / sum_j |s_j(n+h)|^2), with the energy behind each (0
    // where there is none). phase/WindowFit.h fits Kaiser's beta and a Gaussian's sigma to it.
    std::vector<double> ratio, weight;
};

// A real signal's one-sided frames have a real DC bin, and a real Nyquist bin when nfft is
// even, whatever the window, hop or shift: the energy-weighted mean of |sin(phase)| over those
// bins is rounding error (text files with four decimals: about 1e-5). A reading of the matrix
// transposed, or of degrees as radians, gives about 0.6. False when it is above
// kEdgeImaginaryAbove; true when the edge bins hold no energy above kSilentBelow of the
// loudest bin (a detrended DC is rounding error of any phase: nothing to tell).
inline constexpr double kEdgeImaginaryAbove = 0.01;
bool edgeBinsReal(const ImportedSpectrum& x, int nfft);

// x: one-sided (bins = nfft/2+1 or (nfft+1)/2) or two-sided in FFT order, as
// interpretSpectrum gives it. nullopt when no hop fits or the frames are too few (< 3 with
// energy). Any thread; at most 16 frame pairs and 256 samples per lag are compared (every lag
// screened on 16 first).
std::optional<FrameReading> inspectFrames(const ImportedSpectrum& x, int nfft, bool twoSided);

} // namespace specedit::core
