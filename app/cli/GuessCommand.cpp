// specedit-cli guess MAG [--phase PHASE] [--length N] [--fs HZ]: how was this STFT made?
// Prints the candidates best first as JSON (core/phase/ParameterGuess.h).

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/SpectrumInput.h"
#include "phase/GuessRanking.h"
#include "phase/ParameterGuess.h"

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

namespace specedit::cli {
namespace {

struct GuessArgs {
    SpectrumInputArgs input;
    std::optional<std::int64_t> length;
    double fs = 1.0;
    std::size_t top = 5;
    std::int64_t maxFrames = 256;
    CLI::Option* layoutOption = nullptr;
    CLI::Option* magUnitOption = nullptr;
    CLI::Option* phaseUnitOption = nullptr;
    CLI::Option* sidesOption = nullptr;
};

nlohmann::json toJson(const core::GuessCandidate& c) {
    const auto& p = c.params;
    nlohmann::json j = {{"window", core::toString(p.window)},
                        {"nperseg", p.nperseg},
                        {"noverlap", p.noverlap},
                        {"nfft", p.nfft},
                        {"window_offset", c.layout.windowOffset},
                        {"detrend", core::toString(c.detrend)},
                        {"hop", p.hop()},
                        {"fs", p.fs},
                        {"sides", core::toString(c.layout.order)},
                        {"layout", core::toString(c.layout.layout)},
                        {"mag_unit", core::toString(c.layout.magnitude)},
                        {"scaling", core::toString(c.layout.scaling)},
                        {"signal", c.complexSignal ? "complex" : "real"},
                        {"length", c.length},
                        {"summary", c.describe()}};
    if (c.centred)
        j["centred"] = *c.centred;
    if (c.scoreIsDb) {
        j["consistency_gain_db"] = c.score;
        j["ranked_as_db"] = core::rankedScoreDb(c); // odd FFT sizes count worse
        j["peak_fit"] = c.peakFit;
        // false: the hop brings as many unknowns as a frame has magnitudes (ranked after)
        j["hop_constrained"] = core::magnitudesConstrain(c);
    } else {
        j["phase_unit"] = core::toString(c.layout.phase);
        j["inconsistency"] = c.score;
        j["inconsistency_db"] = 20 * std::log10(std::max(c.score, 1e-300));
    }
    return j;
}

void runGuess(const GuessArgs& a, core::JobControl& job) {
    const auto raw = rawFormat(a.input);
    const core::Matrix mag = core::readMatrix(a.input.magnitude, raw);
    std::optional<core::Matrix> phase;
    if (!a.input.phase.empty())
        phase = core::readMatrix(a.input.phase, raw);
    core::GuessOptions o;
    o.length = a.length;
    o.fs = a.fs;
    o.scaling = core::parseSpectrumScaling(a.input.scaling, "--scaling");
    o.keep = a.top;
    o.magnitudeName = a.input.magnitude;
    o.phaseName = a.input.phase;
    if (a.layoutOption->count() > 0)
        o.layout = core::parseMatrixLayout(a.input.layout, "--layout");
    if (a.magUnitOption->count() > 0)
        o.magnitudeUnit = core::parseMagnitudeUnit(a.input.magUnit, "--mag-unit");
    if (a.phaseUnitOption->count() > 0)
        o.phaseUnit = core::parsePhaseUnit(a.input.phaseUnit, "--phase-unit");
    if (a.sidesOption->count() > 0 && a.input.sides != "auto")
        o.order = core::parseBinOrder(a.input.sides, "--sides");
    o.dbFloor = a.input.dbFloor;
    if (a.maxFrames < 1)
        throw core::Error("--max-frames", std::to_string(a.maxFrames), "at least 1 frame");
    o.maxFrames = a.maxFrames;
    const auto found = core::guessParameters(mag, phase ? &*phase : nullptr, o, job);
    finishProgress();
    if (!found.warning.empty())
        std::cerr << "guess: warning: " << found.warning << "\n";
    // The notes that change how the file is read, where a terminal shows them (the layout's
    // was only in the JSON, and a tester missed that the rows were read as frames).
    for (const std::string& note : {found.unitNote, found.layoutNote})
        if (!note.empty())
            std::cerr << "guess: note: " << note << "\n";
    const bool withPhase = phase || !mag.imag.empty(); // a complex file is its own phase
    nlohmann::json out = {
        {"measure", withPhase ? "inconsistency ||STFT(ISTFT(X)) - X|| / ||X|| (lower is better)"
                              : "consistency gain: spectral convergence after PGHI + 20 "
                                "iterations (RAAR, then fast Griffin-Lim) on the frames whole "
                                "minus the same on the frames shuffled, dB (lower is better; a "
                                "hint, a phase file decides)"},
        {"scaling_note", "the scaling is a constant factor no score can see: it is the one "
                         "given by --scaling"},
        {"frames_note", found.framesNote},
        {"candidates", nlohmann::json::array()}};
    if (!withPhase)
        out["time_variation"] = found.timeVariation;
    if (!found.scalingHint.empty())
        out["scaling_hint"] = found.scalingHint;
    if (!found.sidesNote.empty())
        out["sides_note"] = found.sidesNote;
    if (!found.layoutNote.empty())
        out["layout_note"] = found.layoutNote;
    if (!found.peakNote.empty())
        out["peak_note"] = found.peakNote;
    if (!found.hopNote.empty())
        out["hop_note"] = found.hopNote;
    if (!found.unitNote.empty())
        out["unit_note"] = found.unitNote;
    out["readings_scored"] = found.readingsScored;
    out["readings_ranked"] = found.ranked;
    if (withPhase)
        out["readings_without_a_hop"] = found.readingsWithoutHop;
    if (!found.warning.empty())
        out["warning"] = found.warning;
    for (const auto& c : found.candidates)
        out["candidates"].push_back(toJson(c));
    std::cout << out.dump(1) << "\n";
}

} // namespace

void registerGuess(CLI::App& app, std::function<int()>& action) {
    auto a = std::make_shared<GuessArgs>();
    auto* cmd = app.add_subcommand(
        "guess", "Guess the STFT parameters of magnitude (and phase) files made elsewhere, "
                 "ranked by how consistent each makes them (JSON)");
    cmd->add_option("magnitudes", a->input.magnitude,
                    "Magnitude file: .npy, .csv/.txt (also MATLAB text), raw .f32/.f64")
        ->required();
    addSpectrumInputOptions(cmd, a->input);
    a->layoutOption = cmd->get_option("--layout");
    a->magUnitOption = cmd->get_option("--mag-unit");
    a->phaseUnitOption = cmd->get_option("--phase-unit");
    a->sidesOption = cmd->get_option("--sides");
    cmd->add_option("--length", a->length, "Samples of the original signal, when known");
    cmd->add_option("--fs", a->fs, "Sample rate in Hz")
        ->capture_default_str()
        ->transform(rateUnits());
    cmd->add_option("--top", a->top, "Candidates to print")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--max-frames", a->maxFrames, "Frames scored per candidate")
        ->capture_default_str();
    cmd->callback([a, &action] {
        action = [a] {
            return runGuarded([&] {
                pairNpzArrays(a->input, std::cerr, "guess: note: ");
                auto job = makeProgressJob("guess");
                runGuess(*a, *job);
            });
        };
    });
}

} // namespace specedit::cli
