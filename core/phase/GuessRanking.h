#pragma once
// How guessParameters (phase/ParameterGuess.h) ranks its candidates and what it warns of.

#include "phase/ParameterGuess.h"

#include <string>
#include <vector>

namespace specedit::core {

// GuessResult::timeVariation of magnitudes read with this layout.
double timeVariation(const Matrix& magnitudes, MatrixLayout layout);

// With a phase, readings consistent to rounding (below kRoundingBelow) rank by redundancy,
// most first: where the frames' windows barely overlap, or overlap only where the window is
// zero (librosa's 1024 centred in a 2048 FFT read as a boxcar 2048 at hop 1536), every frame
// set is consistent and that consistency says nothing. The true reading is the most redundant
// one that is consistent.
inline constexpr double kRoundingBelow = 1e-4;

// Best first. Scores within 1 % (magnitudes alone: kDbTie dB) are ties (a real signal's
// two-sided spectrum read plain or fftshifted is consistent both ways, the second as the
// signal times (-1)^n): the reading with its energy lower in frequency wins them. Magnitudes
// alone: candidates whose window the spectral peaks fit (phase/PeakShape.h) rank first, then
// those whose hop the magnitudes constrain (magnitudesConstrain), and
// scores count worse by kOddFftPriorDb for odd FFT sizes, kDb10PriorDb for db10 and, without a
// length, kShortWindowPriorDb for a window shorter than the FFT. steady: the
// magnitudes cannot tell the hop, the most common overlap ranks first.
// roundingFloor: the relative error the files' rounding adds (phase/Rounding.h), 0 if none.
void rankCandidates(std::vector<GuessCandidate>& found, bool steady, double roundingFloor = 0);
// Magnitudes alone: whether a frame's magnitudes (nfft/2 + 1 of a real signal, nfft of a
// complex one) outnumber the real unknowns each hop brings (hop samples, twice as many
// complex): else any magnitudes can be matched (a boxcar 256 at hop 192 matched 8 kHz speech
// made at hop 128 to -45 dB, and the same frames shuffled to -19, in 20 iterations), and the
// consistency gain only says how fast the retrieval converged. Readings that do not constrain
// rank after those that do, once their window fits the peaks.
bool magnitudesConstrain(const GuessCandidate& c);
// Magnitudes alone: how many readings rank after the rest because their hop does not
// constrain the magnitudes, and the hop from which that holds at the best reading's FFT size
// and signal kind; "" when none.
std::string unconstrainedHopNote(const std::vector<GuessCandidate>& found);
// Magnitude-only scores within kDbTie dB are ties (the same reading plain and fftshifted).
inline constexpr double kDbTie = 0.01;
// Magnitudes alone, when the peaks' shape ranked some candidates after the rest: how many, and
// how well each window fits at the best reading's length; "" otherwise.
std::string peakShapeNote(const std::vector<GuessCandidate>& found);
// A magnitude-only score (dB) as ranked: odd FFT sizes count kOddFftPriorDb worse, db10
// kDb10PriorDb, a window shorter than the FFT without a length kShortWindowPriorDb.
double rankedScoreDb(const GuessCandidate& c);
// kSidesTieNote when the best reading is two-sided and the same reading in the other bin order
// (fftshifted or not) ties with it; "" otherwise.
std::string sidesTieNote(const std::vector<GuessCandidate>& ranked);

// The result's scaling hint and frames note from its best candidate (ranked, in
// result.candidates): a window offset in its FFT frame with the spectrum scaling given
// (kUnscaledToolHint), scipy.signal.spectrogram's Tukey window (kSpectrogramToolHint), a
// one-sided PSD read (kFoldedPsdHint); kFrameCountNote with a length, else where frames start.
void addScalingHints(GuessResult& result, SpectrumScaling given, bool lengthKnown);

// Magnitudes alone: readings of other windows within this (dB) of the best, at its length and
// hop, when the peaks do not tell the window, are named in the warning.
inline constexpr double kWeakWindowDb = 6.0;

// GuessResult::warning for a ranked list: the magnitudes are steady (no length given), no
// reading is consistent (with a phase), the two best magnitude-only readings are a close
// call (no length given), or the peaks do not tell the window and others score within
// kWeakWindowDb. Empty when none applies.
std::string guessWarning(const std::vector<GuessCandidate>& ranked, bool withPhase,
                         double variation, bool lengthKnown, double roundingFloor = 0);
// With a phase: the best reading is consistent to the files' rounding (its score over the
// noise it sees within kNoiseTie of roundingFloor, phase/Rounding.h).
bool consistentToRounding(const GuessCandidate& c, double roundingFloor);

} // namespace specedit::core
