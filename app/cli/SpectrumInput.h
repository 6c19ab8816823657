#pragma once
// Options shared by `rebuild` and `guess`: how to read STFT data made elsewhere (matrix
// files, layout, units, bin order, scaling; see core/phase/SpectrumImport.h).

#include "io/MatrixFile.h"
#include "phase/SpectrumImport.h"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace specedit::cli {

struct SpectrumInputArgs {
    std::string magnitude;
    std::string phase;
    std::string layout = "bins-frames";
    std::string magUnit = "linear";
    std::optional<double> dbFloor;
    std::string phaseUnit = "radians";
    std::string sides = "auto";
    std::string scaling = "spectrum";
    std::string dtype;
    bool bigEndian = false;
    std::optional<std::int64_t> rows, cols;
};

// --phase, --layout, --mag-unit, --db-floor, --phase-unit, --sides, --scaling, --dtype,
// --big-endian, --rows, --cols.
void addSpectrumInputOptions(CLI::App* cmd, SpectrumInputArgs& args);

core::RawMatrixFormat rawFormat(const SpectrumInputArgs& args);
// The layout the options describe; the bin order stays OneSided for "auto".
core::SpectrumLayout spectrumLayout(const SpectrumInputArgs& args);

} // namespace specedit::cli
