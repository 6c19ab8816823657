#pragma once
// Phase retrieval from STFT magnitudes by Griffin-Lim (Griffin & Lim 1984) and its fast,
// accelerated form (Perraudin, Balazs & Sondergaard 2013, "A fast Griffin-Lim algorithm"):
//
//   c_0 = S e^{i phi_0}                         (phi_0: zero or uniform random)
//   t_n = P_1(P_2(c_{n-1}))                     P_2: STFT(ISTFT(.)), the nearest consistent
//                                               STFT; P_1: keep the phase, set |.| = S
//   c_n = t_n + alpha (t_n - t_{n-1})           alpha = 0 is plain Griffin-Lim
//
// and the result is ISTFT(t_N). The spectral convergence of the signal after each iteration,
// 20 log10(|| |STFT x| - S || / || S ||) in dB, is reported. Real signals, whole signal in
// memory (for long recordings work in blocks: issue 8). Any thread; throws Error for
// magnitudes that do not fit the parameters, Cancelled.

#include "dsp/Stft.h"
#include "util/JobControl.h"

#include <cstdint>
#include <vector>

namespace specedit::core {

enum class InitialPhase { Zero, Random };

struct GriffinLimOptions {
    int iterations = 100;
    double momentum = 0.99; // alpha; 0: plain Griffin-Lim
    InitialPhase init = InitialPhase::Zero;
    std::uint32_t seed = 1; // for the random initial phase
};

struct GriffinLimResult {
    std::vector<double> signal;        // `length` samples
    std::vector<double> convergenceDb; // after each iteration
};

// magnitude: bins x frames as stft() lays them out (only |.| is used; a given phase is the
// starting point when init is Zero and the values are complex, so a true phase stays true).
GriffinLimResult griffinLim(const Spectrogram<double>& magnitude, const StftParams& params,
                            std::int64_t length, const GriffinLimOptions& options, JobControl& job);

// 20 log10(|| |STFT x| - S || / || S ||) (dB) for target magnitudes S.
double spectralConvergenceDb(const Spectrogram<double>& target, const std::vector<double>& x,
                             const StftParams& params);

} // namespace specedit::core
