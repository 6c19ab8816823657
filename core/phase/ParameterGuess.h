#pragma once
// Guessing how a spectrogram was made, when nobody says (a forensic helper).
//
// Every interpretation the files allow is tried: layout (bins x frames or frames x bins), bin
// order (one-sided with nfft = 2(bins-1) or 2 bins - 1; two-sided, plain or fftshifted),
// window (hann, hamming, blackman, boxcar, sqrthann; nperseg = nfft), hop (25, 50, 75 and
// 87.5 % overlap; only hops whose frame count fits the signal length when it is known),
// magnitude unit (linear, power, dB, dB10) and phase unit (radians, degrees, cycles). Each is
// scored on the first frames (at most maxFrames):
// - with a phase: the inconsistency || A A^+ X - X || / || X || (A the STFT, A^+ the ISTFT).
//   The STFT of a real signal is a fixed point of A A^+ only under the parameters that made
//   it, so the true candidate scores near rounding error and the others orders of magnitude
//   higher;
// - magnitudes only: the spectral convergence reached by PGHI and 20 fast Griffin-Lim
//   iterations. Weak: a less redundant STFT (larger hop, or the matrix read transposed) has
//   fewer constraints and is matched more closely whether or not it is the true one, so this
//   ranks well only among candidates of equal redundancy; use a phase file when there is one.
// Scores within 1 % tie (a real signal's two-sided STFT read plain or fftshifted is
// consistent both ways); ties go to the interpretation with its energy lower in frequency.
// The scaling (spectrum, none, psd) is a constant factor that neither score can see: it is
// taken from the options and stated. Candidates are returned best first.

#include "io/MatrixFile.h"
#include "phase/SpectrumImport.h"
#include "util/JobControl.h"

#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct GuessOptions {
    std::optional<std::int64_t> length; // samples of the original signal, when known
    double fs = 1.0;
    SpectrumScaling scaling = SpectrumScaling::Spectrum;
    std::int64_t maxFrames = 256;
    std::size_t keep = 10; // candidates returned
};

struct GuessCandidate {
    SpectrumLayout layout;
    StftParams params;
    bool complexSignal = false;
    std::int64_t length = 0; // the given length, or scipy's istft length for the frames
    double score = 0;        // inconsistency (ratio) or spectral convergence (dB)
    bool scoreIsDb = false;
    double centroid = 0;          // mean |frequency| in cycles per sample: breaks ties
    std::string describe() const; // "hann 256/64 one-sided bins-frames linear radians"
};

// phase may be null. Throws Error when no interpretation fits the shapes (naming the shape
// and the length), or for a phase matrix of another shape.
std::vector<GuessCandidate> guessParameters(const Matrix& magnitude, const Matrix* phase,
                                            const GuessOptions& options, JobControl& job);

} // namespace specedit::core
