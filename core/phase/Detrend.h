#pragma once
// Spectra of detrended frames: scipy's stft and spectrogram with detrend='constant' (each
// segment's mean taken away before the window: scipy.signal.spectrogram's default) or
// 'linear' (its least-squares line). In StftOperator's convention (phase/StftOperator.h),
//
//   X_j = FFT(a . (s_j - B c_j)),  a = w / sum(w),  s_j = x[base + j hop + m], m < nperseg,
//
// with B the trend's basis over the segment (1, or 1 and m - (nperseg-1)/2) and c_j the
// segment's least-squares fit; samples outside [0, length) are zeros (scipy's padding).
//
// The inverse is the least-squares signal. Each frame gives its segment up to its own trend,
// d_j = sum(w) IFFT(X_j) / w = s_j - B c_j where w > 0; x and every c_j minimise
//   sum_j sum_m w[m]^2 (x[s_j + m] - B c_j[m] - d_j[m])^2,  x = 0 outside [0, length).
// Eliminating x sample by sample leaves a banded system in the c_j (frames less than nperseg
// apart share samples), factorised by Eigen's sparse LDL^T. Overlapping frames tie their
// trends together; padding (frames reaching outside the signal) pins them. Without padding
// the signal's own mean (or line) is seen by no frame: it is set to zero and reported.

#include "dsp/StftParams.h"
#include "phase/PhaseRetrieval.h"

#include <complex>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace specedit::core {

enum class Detrend { None, Constant, Linear };

// "none" (or "false"), "constant", "linear": scipy's names. Throws Error naming `option`.
Detrend parseDetrend(std::string_view text, std::string_view option = "--detrend");
std::string toString(Detrend detrend);

// Frame j starts at base + j * hop; the signal is `length` samples.
struct FrameGeometry {
    std::int64_t length = 0;
    std::int64_t frames = 0;
    std::int64_t base = 0;
};

template <typename S> struct DetrendedInverse {
    std::vector<S> signal;  // geometry.length samples
    bool trendLost = false; // no frame reaches the padding: the signal's mean (line) is zero
};

// S double: one-sided spectra (nfft/2+1 bins); std::complex<double>: two-sided (nfft bins).
// spectra frame-major, geometry.frames frames. Throws Error for Detrend::None or a geometry
// the spectra do not fill.
template <typename S>
DetrendedInverse<S> detrendedInverse(const std::vector<std::complex<double>>& spectra,
                                     const StftParams& params, const FrameGeometry& geometry,
                                     Detrend detrend);

// The detrended STFT of x (frame-major), as defined above.
template <typename S>
std::vector<std::complex<double>> detrendedAnalysis(const std::vector<S>& x,
                                                    const StftParams& params,
                                                    const FrameGeometry& geometry, Detrend detrend);

// 20 log10 || |detrended STFT of x| - target || / || target || over the frames from
// edgeFrames to frames - edgeFrames (all when the target has no more).
template <typename S>
double detrendedConvergenceDb(const MagnitudeGrid& target, const std::vector<S>& x,
                              const StftParams& params, const FrameGeometry& geometry,
                              Detrend detrend, std::int64_t edgeFrames = 0);

} // namespace specedit::core
