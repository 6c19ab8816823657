#pragma once
// Phase-gradient heuristic integration (PGHI; Prusa, Balazs & Sondergaard 2017, "A
// noniterative method for reconstruction of phase from STFT magnitude", IEEE/ACM TASLP 25(5)).
//
// For a Gaussian window g(t) = exp(-pi t^2 / lambda) (t in samples) the STFT with phase
// referenced to the window's centre is e^{-pi lambda w^2} F(x - i lambda w) with F entire, so
// the Cauchy-Riemann equations tie the phase phi to the log-magnitude s = log|V|:
//   dphi/dx = (1/lambda) ds/dw + 2 pi w,      dphi/dw = -lambda ds/dx
// (x in samples, w in cycles per sample). Windows that look Gaussian get the lambda of the
// best-fitting Gaussian: Hann 0.25645 L^2, Hamming 0.29794 L^2, Blackman 0.17954 L^2 (the
// paper's Table I), Gaussian 2 pi sigma^2; any other window 2 pi times its second moment,
// scaled as the Hann's fit is.
//
// The gradients come from centred differences of s (floored 11 nepers, ~95 dB, below its
// maximum), and are integrated by the trapezoid rule outward from the largest coefficients
// first (a max-heap), so the phase is right where it matters most. This runs twice (as
// LTFAT's pghi does): first over the coefficients above firstTolerance times the largest, each
// island of them from its own peak, then over those above relativeTolerance, outward from
// everything done. Smaller coefficients get a random phase (they carry no usable gradient).
// LTFAT's first tolerance 0.1 measured worse here on 30 s of speech than 1e-5 (-32.5 against
// -33.3 dB after 100 fast Griffin-Lim iterations; bench/phase_bench.py), hence 1e-5.
// Finally the phase is moved to this project's convention (phase referenced to the frame's
// first sample, as dsp/Stft.h computes it).

#include "dsp/StftParams.h"

#include <complex>
#include <cstdint>
#include <vector>

namespace specedit::core {

// lambda (samples^2) of the Gaussian that stands in for the window.
double pghiLambda(const WindowSpec& window, int nperseg);

struct PghiInput {
    const double* magnitude = nullptr; // frame-major, bins x frames
    int bins = 0;
    std::int64_t frames = 0;
    bool twoSided = false; // complex signal: bins == nfft, frequencies wrap around
    // Optional: coefficients whose phase is known (nonzero), with that phase in `phase`; the
    // integration starts from them (a block that continues the previous one).
    const std::vector<char>* known = nullptr;
    double firstTolerance = 1e-5;
    double relativeTolerance = 1e-10;
    std::uint32_t seed = 1;
};

// Phases (radians, frame-major) in dsp/Stft.h's convention; `phase` holds known phases on
// entry where input.known says so, and every phase on return.
void pghiPhase(const PghiInput& input, const StftParams& params, std::vector<double>& phase);

} // namespace specedit::core
