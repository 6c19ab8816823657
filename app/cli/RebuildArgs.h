#pragma once
// The options of `specedit-cli rebuild` (cli/RebuildCommand.cpp), and what it does with a
// picture's (cli/RebuildPicture.cpp): its levels and axes as given or read from its tick
// labels, the matrix options that do not apply, the sample rate its frequency axis shows.

#include "apply/PictureAxes.h"
#include "apply/Rebuild.h"
#include "cli/CliCommon.h"
#include "cli/SpectrumInput.h"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace specedit::cli {

struct RebuildArgs {
    SpectrumInputArgs input;
    AnalysisOptions analysis;
    std::optional<std::int64_t> length;
    std::string method = "raar", init = "pghi";
    int iterations = 100;
    double momentum = 0.99, relaxation = 0.99;
    unsigned threads = 0;
    std::optional<double> stopAt;
    std::int64_t blockFrames = 0;
    std::uint32_t seed = 1;
    bool uncentred = false;
    int windowOffset = 0;
    std::string report, out, sampleType, detrend = "none";
    std::optional<double> center;
    CLI::Option* iterationsOption = nullptr;
    CLI::Option* fsOption = nullptr;
    // Given options a guessed reading must not override, and two it keeps (see guessReading).
    std::vector<CLI::Option*> readingOptions;
    CLI::Option* layoutOption = nullptr;
    CLI::Option* magUnitOption = nullptr;
    CLI::Option* phaseUnitOption = nullptr; // kept by a guessed reading, as --layout is
    CLI::Option* sidesOption = nullptr;
    CLI::Option* scalingOption = nullptr; // not given: a guessed reading's hinted scaling holds
    std::vector<double> imageDb, imageTime, imageFreq; // a picture's levels and axes
    std::string imageColormap = "auto";
};

inline bool isNpyPath(const std::string& path) {
    return path.size() >= 4 && path.compare(path.size() - 4, 4, ".npy") == 0;
}

// The files read with scipy's defaults or the options given; with a phase and no STFT given,
// when those do not make the files (their direct inverse misses them, or a --length does not
// fit their frames), read as `guess` finds when a reading is consistent, and that is said
// (cli/RebuildGuess.cpp). The spec then holds the reading used.
core::RebuildOutcome rebuildAsMade(const RebuildArgs& a, core::RebuildSpec& spec,
                                   core::JobControl& job);

// The option (a reading option: --window, --nperseg, ...) was given.
bool given(const RebuildArgs& a, const std::string& option);

// --image-db, --image-time, --image-freq: each as given (two numbers) or, for a picture, read
// from its tick labels (apply/PictureAxes.h), which the output shows.
std::optional<core::PictureAxes> imageAxes(const RebuildArgs& a);

// A radio recording's picture shows its frequencies (432.9 to 434.9 MHz): with --center
// inside that band, the axis is read as offsets from it, and said.
void readAsOffsets(const RebuildArgs& a, core::ImageAxes& axes);

// A picture's reading is its levels and axes: the matrix options are refused (--uncentred:
// its frames lie where its time axis puts them) or said to be ignored, and a rate its
// frequency axis shows is rounded to whole hertz within 1e-6 of it (-15.625,8015.62 showed
// 15999.99 Hz) or, for a sound file, asked for before the rebuild runs.
void checkPicture(const RebuildArgs& a, core::RebuildSpec& spec);

// A picture not described and no --scaling: its levels could be a PSD's, said with how much
// --scaling psd changes the result.
void sayPictureScaling(const RebuildArgs& a, const core::RebuildOutcome& r);

// A rate read off a picture's axis (not given, not described): "sample rate 2000000 Hz from
// the frequency axis' labels (an IQ picture spans it; ...)".
void sayPictureRate(const RebuildArgs& a, const core::RebuildSpec& spec);

} // namespace specedit::cli
