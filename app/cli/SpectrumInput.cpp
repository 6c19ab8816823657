#include "cli/SpectrumInput.h"

#include "io/NpzArchive.h"

namespace specedit::cli {

void addSpectrumInputOptions(CLI::App* cmd, SpectrumInputArgs& a) {
    cmd->add_option("--phase", a.phase, "Phase file of the same shape (none: phase retrieval)");
    cmd->add_option("--layout", a.layout, "bins-frames (scipy, librosa, MATLAB) | frames-bins")
        ->capture_default_str();
    cmd->add_option("--mag-unit", a.magUnit,
                    "linear | power | db (20 log10 |X|, the same numbers as 10 log10 of power "
                    "|X|^2) | db10 (10 log10 |X|: magnitudes taken for power; 10 log10 of power "
                    "is db)")
        ->capture_default_str();
    cmd->add_option("--db-floor", a.dbFloor, "dB values at or below this are silence");
    cmd->add_option("--phase-unit", a.phaseUnit, "radians | degrees | cycles")
        ->capture_default_str();
    cmd->add_option("--sides", a.sides,
                    "auto | onesided | twosided | shifted (two-sided, fftshifted)")
        ->capture_default_str();
    cmd->add_option(
           "--scaling", a.scaling,
           "The files' scaling: spectrum (scipy default) | none (plain FFT: librosa, torch, "
           "MATLAB) | "
           "ortho (plain FFT over sqrt(nfft): torch.stft normalized=True, numpy norm='ortho') | "
           "window (plain FFT over sqrt(sum w^2): torchaudio Spectrogram normalized=True) | psd")
        ->capture_default_str();
    cmd->add_option("--dtype", a.dtype, "Raw binary files: float32 | float64");
    cmd->add_flag("--big-endian", a.bigEndian, "Raw binary files are big-endian");
    cmd->add_option("--rows", a.rows, "Raw binary files: number of rows");
    cmd->add_option("--cols", a.cols, "Raw binary files: number of columns");
}

void pairNpzArrays(SpectrumInputArgs& a, std::ostream& out, const std::string& prefix) {
    if (!a.phase.empty())
        return;
    if (const auto pair = core::npzMagnitudeAndPhase(a.magnitude)) {
        out << prefix << "read " << pair->magnitude << " as the magnitudes and " << pair->phase
            << " as the phases (name one alone as " << pair->magnitude
            << " to leave the other out)\n";
        a.magnitude = pair->magnitude;
        a.phase = pair->phase;
    }
}

core::RawMatrixFormat rawFormat(const SpectrumInputArgs& a) {
    core::RawMatrixFormat f;
    if (!a.dtype.empty())
        f.type = core::parseRawType(a.dtype, "--dtype");
    f.bigEndian = a.bigEndian;
    f.rows = a.rows;
    f.cols = a.cols;
    return f;
}

core::SpectrumLayout spectrumLayout(const SpectrumInputArgs& a) {
    core::SpectrumLayout l;
    l.layout = core::parseMatrixLayout(a.layout, "--layout");
    l.magnitude = core::parseMagnitudeUnit(a.magUnit, "--mag-unit");
    l.dbFloor = a.dbFloor;
    l.phase = core::parsePhaseUnit(a.phaseUnit, "--phase-unit");
    if (a.sides != "auto")
        l.order = core::parseBinOrder(a.sides, "--sides");
    l.scaling = core::parseSpectrumScaling(a.scaling, "--scaling");
    return l;
}

} // namespace specedit::cli
