#pragma once
// Rebuilding a signal from STFT data made elsewhere, end to end: read the matrix files
// (io/MatrixFile.h) or a grayscale picture (phase/ImageSpectrum.h), interpret them
// (phase/SpectrumImport.h), resolve the STFT parameters as scipy's istft does
// (apply/NpyExchange.h), then invert (a phase was given) or retrieve the phase
// (phase/PhaseRetrieval.h). Shared by `specedit-cli rebuild` and the editor's File > Rebuild from
// spectrogram dialog. Any thread; throws Error naming the file or option.

#include "apply/NpyExchange.h"
#include "io/MatrixFile.h"
#include "phase/Detrend.h"
#include "phase/ImageSpectrum.h"
#include "phase/ParameterGuess.h"
#include "phase/PhaseRetrieval.h"
#include "phase/Rounding.h"
#include "phase/SpectrumImport.h"

#include <complex>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct RebuildSpec {
    std::string magnitudePath;
    std::string phasePath; // empty: phase retrieval
    RawMatrixFormat raw;
    SpectrumLayout layout;
    bool autoSides = true; // bin order from the bins and nfft (scipy's istft rule)
    IstftOptions analysis; // window, nperseg, noverlap, nfft, fs
    std::optional<std::int64_t> length;
    // init Given is set here when a phase is given; framing.centred says how the files' frames
    // lie (the window offset is the layout's).
    PhaseRetrievalOptions retrieval;
    bool refineGivenPhase = false; // with a phase: iterate from it instead of inverting once
    // A grayscale picture as the magnitude file (io/GrayImage.h): its levels and axes. The
    // analysis options then set the grid it is resampled onto (by default the STFT the picture was
    // drawn from, as far as its cells show: phase/PictureGrid.h).
    std::optional<ImageAxes> image;
    // The colour map the picture was drawn with (io/PictureLevels.h): "auto" or a name.
    std::string imageColormap = "auto";
    // analysis.window was chosen by the user: a picture's description does not replace it.
    bool windowGiven = false;
    // An IQ result's centre frequency (written with it), over a picture's description's.
    std::optional<double> centerFrequency;
    // With a phase: each frame's mean or line was taken away before the window (scipy's
    // detrend; phase/Detrend.h). Phase retrieval takes none.
    Detrend detrend = Detrend::None;
    // The scaling was chosen (an option, a field picked by hand, a tool's the guess named).
    // When not, a result as loud as a plain FFT's file read with scipy's scaling is read as
    // one (apply/RebuildLevel.h).
    bool scalingGiven = true;
    // The result goes to a recording, whose full scale is 1: its level may say the scaling
    // (apply/RebuildLevel.h). A .npy keeps the values as read (unnormalised data are no plain
    // FFT).
    bool levelReadable = true;
    // The layout and the magnitude unit were chosen. When not, magnitudes alone are read as
    // their shape and spectral peaks make likely (apply/MagnitudeReading.h; with a phase the
    // guess tells).
    bool layoutGiven = true, magnitudeUnitGiven = true;
};

struct RebuildOutcome {
    StftParams params;
    std::int64_t length = 0;
    Framing framing; // where the frames lie in the signal (the layout's window offset)
    bool complexSignal = false;
    bool foldedHermitian = false; // a two-sided spectrum of a real signal
    bool readShifted = false;     // bin order automatic: read as fftshifted (sidesNote)
    double orderInDoubt = 0;      // ... kept in FFT order, its energy this far out (sidesNote)
    bool twoSidedByCount = false; // bin order automatic, no window: 2^k bins read as two-sided
    bool phaseGiven = false;      // a phase file, or complex values
    bool directInverse = false;   // phase given, inverted once
    std::vector<double> real;     // the signal, when real
    std::vector<std::complex<double>> iq; // the signal, when complex
    MagnitudeGrid input;                  // the magnitudes it was rebuilt from
    std::vector<double> convergenceDb;    // per iteration (empty for a direct inverse)
    double initialDb = 0, finalDb = 0;
    // A direct inverse: finalDb over the frames whose window lies whole inside the signal, away
    // from the ends. Tools pad the ends differently (torch reflects, librosa's frames run past
    // scipy's length), so an exact inverse can miss its edge frames by -30 dB; the fit of the
    // reading is judged here.
    double interiorDb = 0;
    double initSeconds = 0, iterationSeconds = 0;
    int blocks = 1;
    // A detrended inverse whose frames never reach the padding: the signal's own mean (or
    // line) is in no frame and was set to zero.
    bool trendLost = false;
    Detrend detrend = Detrend::None; // as the spec said, for a direct inverse
    // A picture: how its colours and plot were read (PictureLevels::note), and what may be
    // wrong with it (its warning).
    std::string pictureNote, pictureWarning;
    // A picture SpecEdit exported from an IQ recording: the centre frequency it names.
    std::optional<double> centerFrequency;
    // A picture SpecEdit exported (its levels are dB of full scale), drawn zoomed out (rows
    // and columns the loudest of several bins and frames).
    bool pictureDescribed = false, picturePooled = false;
    // The scaling read from the level (apply/RebuildLevel.h): the samples and `input` divided
    // by levelDividedBy, which scipy's scaling made peak at peakAsSpectrum.
    std::optional<SpectrumScaling> scalingByLevel;
    bool scalingAssumed = false; // scipy's, as no scaling was given (RebuildSpec::scalingGiven)
    // Magnitudes alone read as apply/MagnitudeReading.h says: how their shape was read when
    // it is in doubt, that they were read as power, that their levels are relative.
    std::string layoutNote, unitNote, relativeLevelNote;
    std::string unitWarning; // magnitudes alone in a unit given that their peaks doubt
    // Magnitudes and phases written with few decimals: the misfit their rounding leaves.
    std::optional<RoundingMisfit> rounding;
    SpectrumLayout layout; // as the files were read (matrices; default for a picture)
    double levelDividedBy = 1, peakAsSpectrum = 0;
};

RebuildOutcome rebuildSignal(const RebuildSpec& spec, JobControl& job,
                             const IterationFn& onIteration = {});

// Only the reading: params, length, complexSignal, foldedHermitian and input, no signal (the
// dialog's input picture before a rebuild). Throws as rebuildSignal does.
RebuildOutcome readRebuildInput(const RebuildSpec& spec);

// |STFT| of the rebuilt signal with the outcome's parameters, framed as the input's (centred,
// or from the first sample): the grid to compare with outcome.input. Its frame count is scipy's
// for the signal's length, which can be one fewer than the input's (torch's and librosa's
// centred 1 + N // hop frames).
MagnitudeGrid rebuiltMagnitudes(const RebuildOutcome& outcome);

// The outcome written to outPath (1-D .npy or a recording); refuses to overwrite the inputs.
// Returns the values clipped to the sample type's range (integer types). Without a centre
// frequency, the outcome's (a picture's description) is written.
std::int64_t writeRebuilt(const RebuildOutcome& outcome, const RebuildSpec& spec,
                          const std::string& outPath, const WriterOptions& options,
                          std::optional<double> centerFrequency);

// Part of the error when the files' frame count fits no signal length under the framing read
// (one frame, centred): no other reading mends that, so no guess is tried.
inline constexpr const char* kNoLengthGives = "no signal length gives them";

// A direct inverse whose STFT is further than this (dB) from the input, away from its edge
// frames (interiorDb), was read wrongly: the reading that made magnitudes and phases gives
// rounding error (-100 to -300 dB).
inline constexpr double kDirectInverseFitsBelowDb = -60.0;
// The spec read as the guess's candidate: its layout, units and bin order, window, lengths,
// detrend and, when the guess could tell, where the frames start. Sample rate, length and the
// files stay.
void useReading(RebuildSpec& spec, const GuessCandidate& c);
inline constexpr double kShiftedCentroid = 0.45;
inline constexpr double kOrderInDoubtAbove = 0.3;

} // namespace specedit::core
