#pragma once
// Guessing how a spectrogram was made, when nobody says (a forensic helper).
//
// Every interpretation the files allow is tried: layout (bins x frames or frames x bins; without
// a phase only the given one, bins x frames by default), bin
// order (one-sided with nfft = 2(bins-1) or 2 bins - 1; two-sided, plain or fftshifted),
// window (hann, hamming, blackman, boxcar, sqrthann, tukey,0.25; with a phase also symmetric
// hann, hamming and blackman, blackmanharris, flattop and tukey (alpha 0.5), and at the lengths the
// frames show Kaiser and Gaussian windows fitted to them, phase/WindowFit.h; nperseg = nfft), hop
// (12.5, 25, 50, 75 and 87.5 % overlap; only hops whose frame count, centred or from the first
// sample, fits the signal length when it is known), magnitude unit (linear, power, dB, dB10) and
// phase unit (radians, degrees, cycles); a complex .npy is its own phase (no units). With a phase,
// the frames themselves also show the window length and the hop (phase/FrameInspection.h): those
// readings are tried too, with every window above. Without a phase but with the rate, a speech
// front end's 25 ms window every 10 ms in the FFT is tried too (400 / 160 in 512 at 16 kHz).
// With a phase, readings are dropped unscored when
// their one-sided frames' DC or Nyquist bins are not real (no real signal's), or when their frames
// show no hop while another reading's do. Each is scored on the first frames (at most maxFrames),
// or with a phase on the loudest maxFrames consecutive frames (screened first on the loudest 32):
// - with a phase: the inconsistency || A A^+ X - X || / || X || (A the STFT, A^+ the ISTFT).
//   The STFT of a real signal is a fixed point of A A^+ only under the parameters that made
//   it, so the true candidate scores near rounding error and the others orders of magnitude
//   higher;
// - magnitudes only: the consistency gain, the spectral convergence that PGHI and 20
//   iterations of the default retrieval reach on the magnitudes (the frames whole, from the
//   first one's first sample) minus what they reach on the same frames shuffled in time. A plain
//   spectral convergence would favour any reading of low redundancy (a larger hop, the matrix read
//   transposed), true or not; shuffling keeps that advantage and removes only what the true overlap
//   between neighbouring frames explains. Still a hint: see README for what it was measured to get
//   right.
// Scores within 1 % tie (a real signal's two-sided STFT read plain or fftshifted is
// consistent both ways); ties go to the interpretation with its energy lower in frequency.
// Magnitude-only scores of odd FFT sizes count kOddFftPriorDb worse when ranked, db10
// readings kDb10PriorDb, windows shorter than the FFT without a length kShortWindowPriorDb;
// readings whose window the spectral peaks do not fit rank after the rest (phase/PeakShape.h),
// then those whose hop the magnitudes do not constrain (phase/GuessRanking.h). The
// scaling (spectrum, none, psd) is a constant factor that neither score can see: it is taken from
// the options and stated; but with a phase, one-sided power and dB are also read as a one-sided
// PSD, whose doubled bins a score does see (scaling psd). Candidates are returned best first.

#include "io/MatrixFile.h"
#include "phase/Detrend.h"
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
    // Only this layout. Unset: both with a phase; bins x frames without one (from magnitudes
    // alone a transposed reading cannot be told apart reliably).
    std::optional<MatrixLayout> layout;
    // Only this magnitude unit (the user's); unset: every unit the values allow. dbFloor goes
    // with the dB units.
    std::optional<MagnitudeUnit> magnitudeUnit;
    std::optional<double> dbFloor;
    // Only this phase unit, and only this bin order (the user's); unset: every one.
    std::optional<PhaseUnit> phaseUnit;
    std::optional<BinOrder> order;
    // What errors call the files (their paths, in the CLI and the dialog).
    std::string magnitudeName = "the magnitudes";
    std::string phaseName = "the phases";
};

struct GuessCandidate {
    SpectrumLayout layout;
    StftParams params;
    bool complexSignal = false;
    std::int64_t length = 0; // the given length, or scipy's istft length for the frames
    double score = 0;        // inconsistency (ratio) or spectral convergence (dB)
    bool scoreIsDb = false;
    double centroid = 0; // mean |frequency| in cycles per sample: breaks ties
    // Magnitudes alone: how well the spectral peaks fit the window (phase/PeakShape.h), 0..1.
    double peakFit = 0;
    std::int64_t frames = 0; // in the matrix under this reading
    // With a length given, whether its frame count is that of frames centred on j * hop (scipy's
    // stft, librosa, torch) or, false, of frames from the first sample without padding
    // (MATLAB's spectrogram, scipy.signal.spectrogram, center=False). Unset without a length.
    std::optional<bool> centred;
    // With a phase, when no reading is consistent as it stands: each frame's mean or line
    // taken away before the window (scipy's detrend, phase/Detrend.h).
    Detrend detrend = Detrend::None;
    std::string describe() const; // "hann 256/64 one-sided bins-frames linear radians"
};

struct GuessResult {
    std::vector<GuessCandidate> candidates; // best first, the first GuessOptions::keep
    std::size_t ranked = 0; // readings ranked (the notes count among them), at least candidates
    // Magnitudes alone: how much they change over time, || S_j - mean S || / || S || over the
    // middle 80 % of the frames (0: every frame alike; speech about 0.9, white noise 0.5). Below
    // kStationaryVariation a hop cannot be told from them (every hop of a steady tone is
    // consistent, and the score favours the least overlap): the candidates are then ranked by
    // how common their overlap is (50, 75, 87.5, 25 %), then by score, and `warning` says so.
    double timeVariation = 1;
    // With a phase: the relative error the files' rounding adds (phase/Rounding.h), 0 if none.
    double roundingFloor = 0;
    std::string warning;
    // Readings of the matrix (layout, bin order, units, FFT size) scored, and with a phase
    // those not scored because their frames show no hop while another's do (see
    // Guesser::inspectAll in ParameterGuess.cpp).
    std::size_t readingsScored = 0;
    std::size_t readingsWithoutHop = 0;
    // Set when the best reading points to a tool whose scaling is not the one given: a window
    // centred in a longer FFT (librosa, torch) read with scipy's "spectrum" scaling, or
    // scipy.signal.spectrogram's Tukey window read without its psd scaling.
    std::string scalingHint;
    std::optional<SpectrumScaling> hintedScaling; // the scaling scalingHint names
    // Without a length, where the frames start: kFrameStartNote, or kSpectrogramFramesNote
    // when the best window is scipy.signal.spectrogram's. With one, kFrameCountNote.
    std::string framesNote;
    // kSidesTieNote when the best two-sided reading ties with itself in the other bin order.
    std::string sidesNote;
    // Magnitudes alone, no layout given: layoutNote() when read as frames x bins, or as bins x
    // frames though only the columns fit a common FFT size.
    std::string layoutNote;
    // Magnitudes alone, when the peaks' shape ranked some windows after others
    // (phase/PeakShape.h): which window fits them best and by how much.
    std::string peakNote;
    // Magnitudes alone, when readings whose hop the magnitudes do not constrain ranked after
    // the rest (phase/GuessRanking.h): how many, and from which hop.
    std::string hopNote;
    // Values below zero in a file where many are (levels in dB): that only dB readings were
    // tried, and why. When only a few are below zero (noise in linear magnitudes?) `warning`
    // says it instead, with how many.
    std::string unitNote;
};
inline constexpr const char* kSidesTieNote =
    "fftshifted and FFT order fit the frames equally well (a spectrum shifted by half the "
    "sample rate is that of the signal times (-1)^n): the order that puts the energy nearer "
    "0 Hz ranks first";
inline constexpr const char* kUnscaledToolHint =
    "a window centred in a longer FFT is librosa's or torch's, which do not scale the FFT: "
    "scaling none gives the original level (a constant factor no score can see)";
// Set when the best reading is a one-sided power spectral density and the scaling given is not
// psd: only its doubled bins make the frames consistent.
inline constexpr const char* kFoldedPsdHint =
    "every bin but DC and Nyquist is doubled in power, as in a one-sided power spectral density "
    "(scipy.signal.spectrogram's and welch's default mode, MATLAB's): scaling psd reads them "
    "so, and gives the original level";
// Set when the best window is Tukey 0.25 and the scaling given is not psd.
inline constexpr const char* kSpectrogramToolHint =
    "a Tukey window of alpha 0.25 is scipy.signal.spectrogram's, whose scaling is psd unless "
    "told otherwise (scaling='density'): scaling psd gives the original level (a constant "
    "factor no score can see)";
// Set when the best window is a symmetric Hamming and the scaling given is scipy's.
inline constexpr const char* kMatlabToolHint =
    "a symmetric Hamming window is MATLAB's spectrogram's (or numpy's hamming), which do not "
    "scale the FFT: scaling none gives the original level (a constant factor no score can see)";
inline constexpr double kStationaryVariation = 0.05;
// Magnitudes alone: how far ahead (dB) a reading with an odd FFT size must score to rank above
// an even one; odd FFT sizes are rare, and the true reading's odd neighbour scores within
// about 2 dB of it.
inline constexpr double kOddFftPriorDb = 2.0;
// And levels read as 10 log10 |X| kDb10PriorDb worse: 20 log10 |X| is what every tool writes
// (librosa's amplitude_to_db of |X| and power_to_db of |X|^2 alike), and the squared lobe of
// one window can look like the plain lobe of another (sqrt-Hann squared against Hann).
inline constexpr double kDb10PriorDb = 3.0;
// And, without a length (whose frame count would test its hop), a window shorter than the FFT
// kShortWindowPriorDb worse: a speech front end's 25 ms every 10 ms (phase/GuessCandidates.h)
// ranked 0.4-1.1 dB ahead of scipy's Hann and Blackman at 50 % on recorded speech, its wider
// main lobe fitting peaks that a moving pitch widens.
inline constexpr double kShortWindowPriorDb = 1.5;
// With a phase: a best inconsistency above this (-60 dB) means no reading tried is the one
// that made the data (that one scores at rounding error, -100 to -300 dB), and `warning`
// says so and what was not tried.
inline constexpr double kConsistentBelow = 1e-3;
// Magnitudes alone, no length: two best readings of different window or hop within this
// (dB) get a `warning` that the hint is weak.
inline constexpr double kCloseCallDb = 1.0;

// Where the frames start, centred on j * hop (scipy, librosa center=True) or at j * hop
// (MATLAB's spectrogram, center=False), changes no score: a shift keeps every reading as
// consistent as it was. Said with every guess.
inline constexpr const char* kFrameStartNote =
    "where the frames start cannot be told from the data: centred on the signal's samples "
    "(scipy, librosa) is assumed; frames that start at the first sample (MATLAB's "
    "spectrogram, center=False) take rebuild --uncentred";
// Said instead when the best window, without a length, is Tukey 0.25.
inline constexpr const char* kSpectrogramFramesNote =
    "where the frames start cannot be told from the data, but a Tukey window of alpha 0.25 is "
    "scipy.signal.spectrogram's, whose frames start at the first sample: rebuild --uncentred "
    "(in the editor, tick \"frames start at the first sample\"); a length tells for sure";
// Said instead when the best window, without a length, is a symmetric Hamming.
inline constexpr const char* kMatlabFramesNote =
    "where the frames start cannot be told from the data, but a symmetric Hamming window is "
    "MATLAB's spectrogram's, whose frames start at the first sample: rebuild --uncentred (in "
    "the editor, tick \"frames start at the first sample\"); a length tells for sure";
// The tool whose frames start at the first sample that a reading's window points to, without a
// length to tell: "scipy.signal.spectrogram's (its Tukey window of alpha 0.25)" or "MATLAB's
// spectrogram's (its symmetric Hamming window)"; "" for any other window. A rebuild reads
// such frames from the first sample (read centred, they came back half a window late).
std::string firstSampleTool(const GuessCandidate& c);
// Said instead when the length is given: its frame count tells.
inline constexpr const char* kFrameCountNote =
    "the given length's frame count tells where the frames start: each candidate's centred is "
    "true for frames centred on the signal's samples (scipy's stft, librosa), false for frames "
    "from the first sample without padding (MATLAB's spectrogram, scipy.signal.spectrogram, "
    "center=False: rebuild --uncentred)";

// phase may be null. Throws Error when no interpretation fits the shapes (naming the shape
// and the length), for a phase matrix of another shape, or for a NaN or infinite value (naming
// the file and the position).
GuessResult guessParameters(const Matrix& magnitude, const Matrix* phase,
                            const GuessOptions& options, JobControl& job);

} // namespace specedit::core
