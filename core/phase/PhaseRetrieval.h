#pragma once
// Rebuilding a signal from STFT magnitudes S (phase retrieval).
//
// Methods:
// - Griffin-Lim (Griffin & Lim 1984) and fast Griffin-Lim (Perraudin, Balazs & Sondergaard
//   2013):  t_n = P1(P2(c_{n-1})),  c_n = t_n + alpha (t_n - t_{n-1})  (alpha = 0: plain GL),
//   P2 = A A^+ (the nearest consistent STFT), P1 sets |.| = S keeping the phase; the result
//   is A^+ t_N.
// - L-BFGS on the signal (libLBFGS, More-Thuente line search): minimise
//   f(x) = sum (|A x| - S)^2, whose gradient is 2 A^H [(|A x| - S) A x / |A x|]
//   (phase/StftOperator.h gives A and A^H); it goes on improving where GL stalls.
// Initial phase: zero, uniform random, PGHI (phase/Pghi.h), or given (the phase of a complex
// spectrum the caller supplies: an edited STFT to make consistent).
//
// Every iteration reports the spectral convergence of the signal it made,
//   SC = 20 log10(|| |A x| - S || / || S ||)  (dB),
// through onIteration; finalDb is measured on the returned signal. Long signals are solved in
// overlapping blocks (phase/BlockRetrieval.h) so memory stays bounded. Real signals take
// one-sided magnitudes (nfft/2+1 bins), complex (IQ) signals two-sided ones (nfft bins, FFT
// order). Runs on `threads` cores; polls job for cancellation (throws Cancelled).

#include "dsp/StftParams.h"
#include "util/JobControl.h"

#include <algorithm>
#include <complex>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

// Raar: relaxed averaged alternating reflections (Luke 2005) between the magnitude set and
// the consistent spectra for raarIterations(n) of the n iterations, then fast Griffin-Lim,
// which turns RAAR's point into a signal whose magnitudes fit.
enum class PhaseMethod { GriffinLim, FastGriffinLim, Lbfgs, Raar };
enum class InitialPhase { Zero, Random, Pghi, Given };

// "gla" / "fgla" / "lbfgs" / "raar" and "zero" / "random" / "pghi" / "given"; parse throws Error
// naming `option`.
PhaseMethod parsePhaseMethod(const std::string& text, const std::string& option = "--method");
InitialPhase parseInitialPhase(const std::string& text, const std::string& option = "--init");
std::string toString(PhaseMethod method);
std::string toString(InitialPhase init);

// Magnitudes, frame-major: value (k, j) at [j * bins + k]. Finite and >= 0.
struct MagnitudeGrid {
    int bins = 0;
    std::int64_t frames = 0;
    std::vector<double> values;
    const double* frame(std::int64_t j) const { return values.data() + j * bins; }
};

// Where the frames lie in the signal.
struct Framing {
    // Frame j centred on sample j * hop (scipy's stft, librosa and torch center=True; the first
    // half window is boundary zeros), or starting there (MATLAB's spectrogram, center=False).
    bool centred = true;
    // A window shorter than the FFT this many samples into its FFT frame (librosa and torch
    // centre it: (nfft - nperseg) / 2). Their frames hold nfft signal samples: center=False
    // counts frames by nfft, and a centred frame's window starts windowOffset - nfft / 2
    // samples from its centre.
    int windowOffset = 0;
};

struct PhaseRetrievalOptions {
    PhaseMethod method = PhaseMethod::Raar;
    InitialPhase init = InitialPhase::Pghi;
    int iterations = 100;
    double momentum = 0.99;         // fast Griffin-Lim's alpha, in [0, 2)
    double relaxation = 0.99;       // RAAR's beta, in (0, 1]
    std::optional<double> stopAtDb; // stop once SC is at or below this
    unsigned threads = 0;           // 0: every core
    std::uint32_t seed = 1;         // random initial phase, PGHI's negligible coefficients
    // Given init: the complex spectrum whose phase starts the iteration (bins x frames).
    const std::vector<std::complex<double>>* given = nullptr;
    // Frames per block; 0 chooses: the whole signal up to kWholeSignalCoefficients.
    std::int64_t blockFrames = 0;
    Framing framing; // where the frames lie in the signal
};

// First sample of frame 0's window: centred -nperseg/2 (or windowOffset - nfft/2), else
// windowOffset.
std::int64_t firstFrameStart(const StftParams& params, const Framing& framing);
// Frames of a signal of `length` samples: scipy's count for centred frames; else the frames
// that fit whole, (length - span) / hop + 1 (0 when shorter than a span), where the span is
// nperseg, or nfft for a window offset in its FFT frame.
std::int64_t frameCountFor(const StftParams& params, std::int64_t length, const Framing& framing);
// Whether `frames` frames can be a signal of `length` samples: frameCountFor's count, or for
// centred frames librosa's and torch's, 1 + length / hop (scipy pads the end to whole frames,
// they do not: 48000 samples at hop 256 are 189 frames for scipy, 188 for them).
bool lengthFitsFrames(const StftParams& params, std::int64_t length, std::int64_t frames,
                      const Framing& framing);
// The signal length frames give: scipy's istft length for centred frames; else
// (frames - 1) * hop + span.
std::int64_t lengthForFrames(const StftParams& params, std::int64_t frames, const Framing& framing);

// RAAR's share of n iterations: min(0.7 n, 0.5 n + 20), so 70 of 100 and 120 of 200 (the
// best splits within 0.5 dB on the speech of bench/phase_bench.py at 8 and 16 kHz).
constexpr int raarIterations(int n) {
    return std::min(7 * n / 10, n / 2 + 20);
}

// Above this many coefficients (~16 M, 256 MB per complex array) the signal goes in blocks.
constexpr std::size_t kWholeSignalCoefficients = std::size_t(1) << 24;
// The retrieval's inverse STFT divides by no less than this share of the largest sum of squared
// windows over a sample (StftOperator::limitGain): a sample that only a window's near-zero end
// covers is scaled at most 1 / sqrt of it times its frames' content (2.6 for Hann at 75 %).
inline constexpr double kRetrievalGainShare = 0.1;

template <typename S> struct PhaseRetrievalResult {
    std::vector<S> signal;             // `length` samples
    std::vector<double> convergenceDb; // one per iteration (of the last block when blocked)
    double initialDb = 0;              // SC of A^+ of the starting spectrum
    double finalDb = 0;                // SC of `signal`
    double initSeconds = 0;            // making the initial phase
    double iterationSeconds = 0;       // the iterations
    int blocks = 1;
};

// Called after each iteration with its index (0-based) and SC in dB; from the calling thread.
using IterationFn = std::function<void(int iteration, double convergenceDb)>;

// Checks the magnitudes against the parameters and length (throws Error naming what is wrong:
// shape, NaN or negative values) and the options.
void checkPhaseInput(const MagnitudeGrid& target, const StftParams& params, std::int64_t length,
                     bool complexSignal, const PhaseRetrievalOptions& options);

// S: double (real signal) or std::complex<double> (IQ).
template <typename S>
PhaseRetrievalResult<S> retrievePhase(const MagnitudeGrid& target, const StftParams& params,
                                      std::int64_t length, const PhaseRetrievalOptions& options,
                                      JobControl& job, const IterationFn& onIteration = {});

// SC (dB) of a signal against target magnitudes, with scipy's STFT geometry (or frames from
// the first sample when not centred).
// edgeFrames: frames left out at each end (their padding, zeros or reflected samples, differs
// between tools; none left when the frames are too few).
template <typename S>
double spectralConvergenceDb(const MagnitudeGrid& target, const std::vector<S>& x,
                             const StftParams& params, const Framing& framing = {},
                             std::int64_t edgeFrames = 0);

} // namespace specedit::core
