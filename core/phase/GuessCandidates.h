#pragma once
// The STFT parameters a guess enumerates (phase/ParameterGuess.h): the readings a matrix's
// shape allows, the hops its frame count allows, the windows, and a speech front end's
// framing. No scoring here.

#include "dsp/StftParams.h"
#include "io/MatrixFile.h"
#include "phase/FrameInspection.h"
#include "phase/ParameterGuess.h"
#include "phase/SpectrumImport.h"

#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct GuessShape {
    SpectrumLayout layout;
    int nfft = 0;
};

// Layouts (only `only` when set), bin orders and FFT sizes the matrix's shape allows: one-sided
// with nfft = 2(bins-1) or 2 bins - 1, two-sided plain or fftshifted with nfft = bins.
std::vector<GuessShape> guessShapes(const Matrix& m, std::optional<MatrixLayout> only);

// The units a shape is read in: with a phase file every magnitude unit, each in radians,
// degrees and cycles (and one-sided power and dB also as a one-sided PSD, whose doubled bins
// the consistency sees); magnitudes alone only the units their values allow (each candidate
// costs two phase retrievals: negative values are levels in dB); complex values none but
// linear. A unit in the options is the only one.
std::vector<SpectrumLayout> readingUnits(const GuessShape& shape, const Matrix& mag, bool phaseFile,
                                         const GuessOptions& o);

// Negative values are no linear or power magnitudes, so only dB readings were tried, and the
// user sees why (a corrupt file would otherwise only score badly). Many of them (a tenth or
// more): result.unitNote (a dB file, read as it should be); a few: first in result.warning,
// with how many and the advice to clip noise in linear magnitudes at 0.
void noteNegatives(const Matrix& mag, const std::string& name, GuessResult& result);

// Magnitudes alone cannot tell a transposed reading apart, so their layout is the user's, by
// default bins x frames (scipy, librosa, MATLAB). FramesByBins when that default is implausible
// and the transpose is not: more than 2049 rows (nfft above 4096), or more than four times the
// columns, fit no common FFT size (nfft/2+1 one-sided or nfft two-sided, nfft a power of two from
// 16 to 65536) while the columns do, and there are more rows than columns (a 3122 x 256 power
// spectrogram transposed; scipy's 1265 x 129). Else BinsByFrames.
MatrixLayout likelyLayout(const Matrix& m);
// Says that `m` is read as frames x bins and why, when likelyLayout chose it; or, read as bins x
// frames, that only its columns fit a common FFT size while the spectral peaks fit no window
// (peaksFit false: a short frames x bins file; choose the layout); "" otherwise.
std::string layoutNote(const Matrix& m, bool peaksFit);

// Whether `frames` frames can be a signal of `length` samples under p with the window
// `windowOffset` samples into its FFT frame: frames centred on the signal's samples (scipy's
// stft, librosa, torch) or from the first sample without padding (MATLAB, center=False). A
// window shorter than the FFT at offset 0 may also be torch's centred in it (center=False
// counts its frames by the FFT's length).
bool fitsLength(const StftParams& p, std::int64_t length, std::int64_t frames, int windowOffset);

// The window offset of a reading without a phase (where it changes no score) that fits a
// known length: 0, or for a window shorter than the FFT whose frames only torch's center=False
// count explains, (nfft - nperseg) / 2.
int offsetForLength(const StftParams& p, std::int64_t length, std::int64_t frames);

// Hops for 12.5, 25, 50, 75 and 87.5 % overlap (noverlap = floor(fraction * nperseg), as
// scipy's default nperseg // 2); with a known length only those whose frame count fits, and
// with anyHop (a real signal's even FFT, the usual kind) any other hop that fits it.
std::vector<int> guessHops(int nperseg, std::int64_t frames,
                           const std::optional<std::int64_t>& length, bool anyHop);

// The windows tried at every length (symmetric ones, MATLAB's hamming(N), and the rarer
// families only with a phase, where a candidate is cheap to score).
std::vector<std::string> guessWindows(bool withPhase);

// The windows tried at a length the frames show: every listed one, and Kaiser and Gaussian
// windows (periodic and symmetric) with the parameter fitted to the frames' shape, unless the
// fit is a listed window (Kaiser's beta 0 is the boxcar).
std::vector<WindowSpec> windowsSeen(const FrameReading& seen, int nperseg, int offset,
                                    bool withPhase);

// A speech front end's 25 ms window every 10 ms in the FFT (torchaudio and Kaldi: 400 / 160 in
// 512 at 16 kHz), with every window, when the rate makes that window fit the FFT; with a
// length only those whose frame count fits.
std::vector<StftParams> speechFraming(int nfft, double fs, std::int64_t frames,
                                      const std::optional<std::int64_t>& length);

// Each set of parameters once, in the order first given, and only those whose window
// overlap-adds (NOLA).
std::vector<StftParams> usableParams(std::vector<StftParams> params);

} // namespace specedit::core
