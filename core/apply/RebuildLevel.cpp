#include "apply/RebuildLevel.h"

#include "dsp/Window.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specedit::core {
namespace {

// Of the samples written: I and Q each for a complex signal.
double peakOf(const RebuildOutcome& outcome) {
    double peak = 0;
    for (double v : outcome.real)
        peak = std::max(peak, std::abs(v));
    for (const auto& v : outcome.iq)
        peak = std::max({peak, std::abs(v.real()), std::abs(v.imag())});
    return peak;
}

double windowSum(const StftParams& p) {
    double sum = 0;
    for (double w : makeWindow(p.window, p.nperseg))
        sum += std::abs(w);
    return sum;
}

// How many times too loud a file of this scaling comes out read as scipy's.
double loudnessOf(SpectrumScaling scaling, const StftParams& p) {
    return scaling == SpectrumScaling::Ortho ? windowSum(p) / std::sqrt(double(p.nfft))
                                             : windowSum(p);
}

bool plainFftLevel(double peak, double sum) {
    return peak >= 0.1 * sum && peak <= kLoudestRead * sum;
}

bool orthoLevel(double peak, double gain) {
    return peak >= std::max(5.0, kOrthoQuietest * gain) && peak <= kLoudestRead * gain;
}

} // namespace

void readLevel(RebuildOutcome& outcome) {
    const double peak = peakOf(outcome);
    if (!(peak > kLoudAbove) || (!outcome.directInverse && outcome.finalDb > kLevelReadBelowDb))
        return;
    const double sum = loudnessOf(SpectrumScaling::None, outcome.params);
    const double orthoGain = loudnessOf(SpectrumScaling::Ortho, outcome.params);
    if (plainFftLevel(peak, sum))
        outcome.scalingByLevel = SpectrumScaling::None;
    else if (orthoLevel(peak, orthoGain))
        outcome.scalingByLevel = SpectrumScaling::Ortho;
    else
        return;
    const double factor = loudnessOf(*outcome.scalingByLevel, outcome.params);
    for (double& v : outcome.real)
        v /= factor;
    for (auto& v : outcome.iq)
        v /= factor;
    for (double& v : outcome.input.values)
        v /= factor;
    outcome.levelDividedBy = factor;
    outcome.peakAsSpectrum = peak;
}

std::string levelNote(const RebuildOutcome& outcome, const std::string& keepScipys) {
    if (!outcome.scalingByLevel)
        return {};
    const bool plain = *outcome.scalingByLevel == SpectrumScaling::None;
    char text[600];
    std::snprintf(text, sizeof text,
                  "read with scipy's scaling, the result peaked at %.3g (%+.1f dB of full "
                  "scale): read as %s, it peaks at %.3g; %s keeps scipy's",
                  outcome.peakAsSpectrum, 20 * std::log10(outcome.peakAsSpectrum),
                  plain ? "a plain, unscaled FFT (scaling none: torch, librosa, MATLAB's stft, "
                          "numpy's fft)"
                        : "an FFT divided by the square root of its size (scaling ortho: "
                          "torch.stft's normalized=True, numpy's norm=\"ortho\"; torchaudio's "
                          "Spectrogram(normalized=True) is scaling window, its level cannot be "
                          "told from ortho's)",
                  peakOf(outcome), keepScipys.c_str());
    return text;
}

namespace {

// A result this far above full scale with scipy's scaling assumed may be a quiet signal's plain
// FFT (torch.stft of a signal peaking at 0.015: 3.84); test signals peak up to about 2.3.
constexpr double kQuietPlainFftFrom = 3.0;
constexpr const char* kOvershoot = "The signal was above full scale, or a rebuilt phase added up "
                                   "higher than the original's";

// Why files (not a picture) rebuilt so loud: the scaling named by how far above full scale the
// result is, when none was given.
std::string filesLevelCause(const RebuildOutcome& outcome, double peak) {
    const std::string overshoot =
        std::string(kOvershoot) + "; write a .npy file to keep every value";
    if (outcome.layout.scaling != SpectrumScaling::Spectrum || outcome.scalingByLevel)
        return overshoot; // given, or read from the level: no other to advise
    const double sum = loudnessOf(SpectrumScaling::None, outcome.params);
    // A plain FFT read with scipy's scaling is sum(w) times too loud: named alone when that
    // brings the peak to a tenth of full scale or more (the advice made a scipy file 42 dB too
    // quiet), else as the last of the causes.
    if (peak >= 0.1 * sum)
        return "Files of a plain, unscaled FFT (librosa, torch, MATLAB's stft) take scaling none";
    if (peak >= std::max(5.0, kOrthoQuietest * loudnessOf(SpectrumScaling::Ortho, outcome.params)))
        return "Files of an FFT divided by the square root of its size (torch.stft's "
               "normalized=True, numpy's norm=\"ortho\"; torchaudio's "
               "Spectrogram(normalized=True) divides by the window's norm: scaling window) take "
               "scaling ortho";
    if (!outcome.scalingAssumed || peak < kQuietPlainFftFrom)
        return overshoot;
    char text[300];
    std::snprintf(text, sizeof text,
                  "%s; or the files are of a quiet signal's plain, unscaled FFT (torch, librosa, "
                  "numpy's fft: %.3g times quieter so), which take scaling none",
                  kOvershoot, sum);
    return text;
}

std::string pictureLevelCause(const RebuildOutcome& outcome, const std::string& pictureLevels) {
    if (outcome.pictureDescribed)
        return std::string("The picture's levels are dB of full scale (its SpecEdit description "
                           "says so): the rebuilt phase added up higher than the original's") +
               (outcome.picturePooled ? ", and the picture's rows and columns show the loudest "
                                        "of several bins and frames (above)"
                                      : "") +
               "; write a float WAV or a .npy file to keep every value";
    return "Either the picture's levels are not dB of full scale (scipy's \"spectrum\" scaling: "
           "lower " +
           pictureLevels +
           " by the difference) or the rebuilt phase added up higher than the original's; write "
           "a float WAV or a .npy file to keep every value";
}

} // namespace

std::string levelWarning(const RebuildOutcome& outcome, const std::string& pictureLevels) {
    const double peak = peakOf(outcome);
    if (!(peak > 1.0))
        return {};
    const std::string cause = outcome.pictureDescribed || !pictureLevels.empty()
                                  ? pictureLevelCause(outcome, pictureLevels)
                                  : filesLevelCause(outcome, peak);
    char text[120];
    std::snprintf(text, sizeof text,
                  "the result peaks at %.3g (%+.1f dB above full scale), where integer samples "
                  "clip. ",
                  peak, 20 * std::log10(peak));
    return text + cause;
}

} // namespace specedit::core
