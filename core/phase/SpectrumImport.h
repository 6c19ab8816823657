#pragma once
// STFT data made elsewhere, read as this project's spectrum: magnitudes (and phases) from
// matrix files (io/MatrixFile.h) interpreted by a SpectrumLayout, into frame-major complex
// values in FFT bin order with scipy's "spectrum" scaling (dsp/Stft.h), ready for the ISTFT
// or for phase retrieval.
//
// Interpretations:
//   layout     bins x frames (scipy, librosa, torch, MATLAB) or frames x bins
//   magnitude  linear |X|; power |X|^2; dB = 20 log10 |X| (= 10 log10 |X|^2); dB10 = 10 log10 |X|;
//              dB values at or below the floor are silence
//   phase      radians, degrees or cycles (wrapped or unwrapped alike: only e^{i phi} counts)
//   order      one-sided (nfft/2+1 bins), two-sided in FFT order, two-sided fftshifted
//   scaling    scipy "spectrum" (X / sum w), none (plain FFT of the windowed frame), or scipy
//              "psd" (X / sqrt(fs sum w^2)); a constant factor, so it sets only the level.
//              One-sided psd power (power or dB: scipy.signal.spectrogram's and welch's default
//              mode, MATLAB's) has every bin but DC and Nyquist doubled: halved on reading
//   offset     where a window shorter than the FFT sits in its frame (first, or centred)
// A complex .npy as the magnitude file carries its own phase and ignores the units.

#include "dsp/StftParams.h"
#include "io/MatrixFile.h"
#include "phase/PhaseRetrieval.h"

#include <complex>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

enum class MatrixLayout { BinsByFrames, FramesByBins };
enum class MagnitudeUnit { Linear, Power, Db, Db10 };
enum class PhaseUnit { Radians, Degrees, Cycles };
enum class BinOrder { OneSided, TwoSided, TwoSidedShifted };
// Spectrum: scipy's default (the FFT over sum w); None: the plain FFT (librosa, torch, MATLAB);
// Ortho: the plain FFT over sqrt(nfft) (numpy's norm="ortho", torch.stft's normalized=True);
// WindowNorm: the plain FFT over the window's L2 norm sqrt(sum w^2) (torchaudio's Spectrogram
// normalized=True, "window"); Psd: scipy's density, X sqrt(1 / (fs sum w^2)).
enum class SpectrumScaling { Spectrum, None, Psd, Ortho, WindowNorm };

struct SpectrumLayout {
    MatrixLayout layout = MatrixLayout::BinsByFrames;
    MagnitudeUnit magnitude = MagnitudeUnit::Linear;
    std::optional<double> dbFloor; // dB: values at or below are zero magnitude
    PhaseUnit phase = PhaseUnit::Radians;
    BinOrder order = BinOrder::OneSided;
    SpectrumScaling scaling = SpectrumScaling::Spectrum;
    // Zeros before the window in each FFT frame. scipy and MATLAB put a window shorter than
    // the FFT first (0); librosa and torch centre it, (n_fft - win_length) / 2. A window d
    // samples in multiplies bin k by e^{-2 pi i k d / nfft}: undone on reading.
    int windowOffset = 0;
    bool operator==(const SpectrumLayout&) const = default;
};

// Parsers for the CLI's names (throw Error naming `option` with the accepted names) and the
// names themselves.
MatrixLayout parseMatrixLayout(const std::string& text, const std::string& option);
MagnitudeUnit parseMagnitudeUnit(const std::string& text, const std::string& option);
PhaseUnit parsePhaseUnit(const std::string& text, const std::string& option);
BinOrder parseBinOrder(const std::string& text, const std::string& option);
SpectrumScaling parseSpectrumScaling(const std::string& text, const std::string& option);
std::string toString(MatrixLayout v);
std::string toString(MagnitudeUnit v);
std::string toString(PhaseUnit v);
std::string toString(BinOrder v);
std::string toString(SpectrumScaling v);

struct ImportedSpectrum {
    int bins = 0; // one-sided: nfft/2+1; two-sided: nfft (FFT order)
    std::int64_t frames = 0;
    std::vector<std::complex<double>> values; // frame-major
    bool hasPhase = false;
};

// A one-sided power spectral density (scipy.signal.spectrogram's and welch's default mode,
// MATLAB's) doubles every bin but DC and an even FFT's Nyquist, folding in the negative
// frequencies' power: one-sided power or dB with psd scaling is read so.
bool foldsNegativeFrequencies(const SpectrumLayout& layout);

// A picture's magnitudes (10^(level/20)) in scipy's "spectrum" scaling, from levels drawn of
// `scaling`: psd is a one-sided power spectral density's 10 log10 (matplotlib's specgram,
// scipy.signal.spectrogram), its doubled bins halved again when one-sided.
void pictureToSpectrum(ImportedSpectrum& s, SpectrumScaling scaling, bool twoSided,
                       const StftParams& p);
// How much quieter (dB) a picture of a one-sided power spectral density comes back read as
// "spectrum" levels: 10 log10 (fs sum w^2 / (2 (sum w)^2)) (13.7 dB for Hann 256 at 8 kHz).
double psdPictureOffsetDb(const StftParams& p);

// Bins and frames a matrix gives under a layout.
std::pair<std::int64_t, std::int64_t> binsAndFrames(const Matrix& m, MatrixLayout layout);

// Throws Error naming the phase file when its shape is not the magnitudes' (saying so when it
// is theirs transposed).
void requireSameShape(const Matrix& magnitude, const Matrix& phase, const std::string& magName,
                      const std::string& phaseName);

// Interprets the matrices. phase may be null (magnitudes only: the values are real >= 0).
// Throws Error for a phase matrix of another shape, NaN/Inf, or negative linear magnitudes,
// naming the file (magName / phaseName), the position and what was expected.
ImportedSpectrum interpretSpectrum(const Matrix& magnitude, const Matrix* phase,
                                   const SpectrumLayout& layout, const StftParams& params,
                                   const std::string& magName, const std::string& phaseName);

// Frames first .. first + count - 1 of a matrix under a layout, as a matrix in the same layout
// (with the imaginary parts of a complex one): a guess interprets only the frames it scores.
Matrix framesOf(const Matrix& m, MatrixLayout layout, std::int64_t first, std::int64_t count);
// Each frame's energy, the sum of |X|^2 in the layout's magnitude unit (any scaling);
// nullopt when a value is no magnitude in that unit (negative linear or power values).
std::optional<std::vector<double>> frameEnergies(const Matrix& magnitude, const SpectrumLayout& l);
// Throws Error naming `name`, the first NaN or infinite value's position and "finite values".
void requireFinite(const Matrix& m, const std::string& name);

// Where the first negative value of a real matrix is ("m.npy: row 4, column 6 (index [3, 5])
// is -0.2"), or empty when there is none (or the matrix is complex).
std::string firstNegative(const Matrix& m, const std::string& name);
// Throws the import's Error for a negative value of a real matrix read as linear or power
// magnitudes (the guess, with the unit given, says what a rebuild would); else nothing.
void requireNonNegative(const Matrix& m, MagnitudeUnit unit, const std::string& name);

// A two-sided spectrum whose negative frequencies mirror the positive ones (|X[N-k]| = |X[k]|,
// and with phase X[N-k] = conj X[k]) within `tolerance`: a real signal's.
bool isHermitian(const ImportedSpectrum& s, double tolerance = 1e-6);
// Keeps bins 0..nfft/2 of a two-sided FFT-order spectrum.
ImportedSpectrum toOneSided(const ImportedSpectrum& s, int nfft);

MagnitudeGrid magnitudesOf(const ImportedSpectrum& s);

} // namespace specedit::core
