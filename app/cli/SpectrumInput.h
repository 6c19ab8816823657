#pragma once
// Options shared by `rebuild` and `guess`: how to read STFT data made elsewhere (matrix
// files, layout, units, bin order, scaling; see core/phase/SpectrumImport.h).

#include "io/MatrixFile.h"
#include "phase/SpectrumImport.h"

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
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
// An .npz given alone whose two arrays' names say which holds the magnitudes and which the
// phases (np.savez("s.npz", mag=..., phase=...)): both read from it, and said (rebuild: on
// stdout; guess, whose stdout is JSON: "guess: note: ..." on stderr).
void pairNpzArrays(SpectrumInputArgs& args, std::ostream& out, const std::string& prefix);
// The layout the options describe; the bin order stays OneSided for "auto".
core::SpectrumLayout spectrumLayout(const SpectrumInputArgs& args);

} // namespace specedit::cli
