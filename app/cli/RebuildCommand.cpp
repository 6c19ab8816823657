// specedit-cli rebuild MAG [--phase PHASE] --out OUT: a signal from STFT data made elsewhere.
// With a phase file: the ISTFT (and, with --iterations, iterations that make the STFT
// consistent from that phase). Without: phase retrieval (core/phase/PhaseRetrieval.h).

#include "apply/NpyExchange.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/SpectrumInput.h"
#include "dsp/Stft.h"
#include "io/AtomicFile.h"
#include "phase/PhaseRetrieval.h"
#include "phase/StftOperator.h"

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace specedit::cli {
namespace {

struct RebuildArgs {
    SpectrumInputArgs input;
    AnalysisOptions analysis;
    std::optional<std::int64_t> length;
    std::string method = "fgla", init = "pghi";
    int iterations = 100;
    double momentum = 0.99;
    unsigned threads = 0;
    std::optional<double> stopAt;
    std::int64_t blockFrames = 0;
    std::uint32_t seed = 1;
    std::string report, out, sampleType;
    std::optional<double> center;
    CLI::Option* iterationsOption = nullptr;
};

// Parameters for `bins` rows under the chosen bin order (scipy's istft rules for "auto").
core::StftParams resolveParams(const RebuildArgs& a, std::int64_t bins,
                               core::SpectrumLayout& layout) {
    core::IstftOptions o;
    o.window = core::parseWindow(a.analysis.window);
    o.nperseg = a.analysis.nperseg;
    o.noverlap = a.analysis.noverlap;
    o.nfft = a.analysis.nfft;
    o.fs = a.analysis.fs.value_or(1.0);
    const bool autoSides = a.input.sides == "auto";
    if (!autoSides && !o.nfft && !o.nperseg)
        o.nfft = layout.order == core::BinOrder::OneSided ? int(2 * (bins - 1)) : int(bins);
    bool twoSided = false;
    const auto p = core::resolveIstftParams(bins, o, a.input.magnitude, &twoSided);
    if (autoSides)
        layout.order = twoSided ? core::BinOrder::TwoSided : core::BinOrder::OneSided;
    else if (twoSided != (layout.order != core::BinOrder::OneSided))
        throw core::Error("--sides",
                          a.input.sides + " does not fit " + std::to_string(bins) +
                              " bins with nfft " + std::to_string(p.nfft),
                          "nfft/2+1 bins one-sided, nfft bins two-sided");
    return p;
}

std::int64_t resolveLength(const RebuildArgs& a, const core::StftParams& p, std::int64_t frames) {
    const core::Stft<double> shape(p, core::StftDirections::Forward);
    const std::int64_t n = a.length.value_or(shape.istftLength(frames));
    if (n < 1 || shape.frameCount(n) != frames)
        throw core::Error("--length",
                          std::to_string(n) + " samples give " +
                              std::to_string(n < 1 ? 0 : shape.frameCount(n)) + " frames",
                          std::to_string(frames) + " frames as the files hold (hop " +
                              std::to_string(p.hop()) + ")");
    return n;
}

void writeReport(const RebuildArgs& a, const nlohmann::json& j) {
    if (a.report.empty())
        return;
    core::writeFileAtomically(a.report, j.dump(1) + "\n");
}

template <typename S>
void rebuild(const RebuildArgs& a, const core::ImportedSpectrum& s, const core::StftParams& p,
             std::int64_t length, core::JobControl& job) {
    nlohmann::json report = {{"bins", s.bins},       {"frames", s.frames},
                             {"length", length},     {"window", core::toString(p.window)},
                             {"nperseg", p.nperseg}, {"noverlap", p.noverlap},
                             {"nfft", p.nfft},       {"fs", p.fs}};
    std::vector<S> x(static_cast<std::size_t>(length));
    const auto grid = core::magnitudesOf(s);
    if (s.hasPhase && a.iterationsOption->count() == 0) {
        auto op = core::StftOperator<S>::wholeSignal(p, length, a.threads);
        op.synthesise(s.values.data(), x.data());
        const double db = core::spectralConvergenceDb(grid, x, p);
        std::cout << "inverse STFT of the given magnitudes and phases; the result's STFT "
                     "magnitudes are within "
                  << db << " dB of the input (0 dB = as large as the input)\n";
        report["final_convergence_db"] = db;
    } else {
        core::PhaseRetrievalOptions o;
        o.method = core::parsePhaseMethod(a.method);
        o.init = s.hasPhase ? core::InitialPhase::Given : core::parseInitialPhase(a.init);
        o.iterations = a.iterations;
        o.momentum = a.momentum;
        o.stopAtDb = a.stopAt;
        o.threads = a.threads;
        o.seed = a.seed;
        o.blockFrames = a.blockFrames;
        o.given = &s.values;
        auto r = core::retrievePhase<S>(grid, p, length, o, job);
        finishProgress();
        x = std::move(r.signal);
        std::cout << "spectral convergence " << r.finalDb << " dB after " << r.convergenceDb.size()
                  << " iterations (" << a.method << " from " << core::toString(o.init) << ", "
                  << r.blocks << " block" << (r.blocks == 1 ? "" : "s") << ", "
                  << r.initSeconds + r.iterationSeconds << " s)\n";
        const double per =
            r.iterationSeconds / double(std::max<std::size_t>(1, r.convergenceDb.size()));
        report.update({{"method", a.method},
                       {"init", core::toString(o.init)},
                       {"iterations", r.convergenceDb.size()},
                       {"convergence_db", r.convergenceDb},
                       {"initial_convergence_db", r.initialDb},
                       {"final_convergence_db", r.finalDb},
                       {"seconds", r.iterationSeconds},
                       {"init_seconds", r.initSeconds},
                       {"seconds_per_iteration", per},
                       {"blocks", r.blocks}});
    }
    core::WriterOptions w;
    if (!a.sampleType.empty())
        w.sampleType = core::parseSampleType(a.sampleType);
    core::writeSignal(x, p.fs, a.out, w, a.center);
    writeReport(a, report);
    std::cout << "wrote " << a.out << ": " << length << " samples ("
              << (std::is_same_v<S, double> ? "real" : "complex") << ", fs " << p.fs << ")\n";
}

void runRebuild(const RebuildArgs& a, core::JobControl& job) {
    core::refuseToOverwrite(a.out, a.input.magnitude);
    if (!a.input.phase.empty())
        core::refuseToOverwrite(a.out, a.input.phase);
    const auto raw = rawFormat(a.input);
    const core::Matrix mag = core::readMatrix(a.input.magnitude, raw);
    std::optional<core::Matrix> phase;
    if (!a.input.phase.empty())
        phase = core::readMatrix(a.input.phase, raw);
    core::SpectrumLayout layout = spectrumLayout(a.input);
    const auto [bins, frames] = core::binsAndFrames(mag, layout.layout);
    const core::StftParams p = resolveParams(a, bins, layout);
    auto s = core::interpretSpectrum(mag, phase ? &*phase : nullptr, layout, p, a.input.magnitude,
                                     a.input.phase);
    const std::int64_t length = resolveLength(a, p, frames);
    if (layout.order == core::BinOrder::OneSided)
        return rebuild<double>(a, s, p, length, job);
    if (core::isHermitian(s)) {
        std::cout << "the two-sided spectrum is Hermitian: rebuilding a real signal\n";
        return rebuild<double>(a, core::toOneSided(s, p.nfft), p, length, job);
    }
    rebuild<std::complex<double>>(a, s, p, length, job);
}

} // namespace

void registerRebuild(CLI::App& app, std::function<int()>& action) {
    auto a = std::make_shared<RebuildArgs>();
    auto* cmd = app.add_subcommand(
        "rebuild", "Rebuild a signal from STFT magnitudes (phase retrieval) or from magnitude "
                   "and phase files made elsewhere");
    cmd->add_option("magnitudes", a->input.magnitude,
                    "Magnitude file: .npy, .csv/.txt (also MATLAB text), raw .f32/.f64")
        ->required();
    cmd->add_option("--out", a->out, "Output: 1-D .npy or a recording (.wav, .cf32, ...)")
        ->required();
    addSpectrumInputOptions(cmd, a->input);
    addAnalysisOptions(cmd, a->analysis);
    cmd->add_option("--fs", a->analysis.fs, "Sample rate in Hz (scipy default 1)");
    cmd->add_option("--length", a->length, "Samples of the signal (default: scipy's istft length)");
    cmd->add_option("--method", a->method, "gla | fgla (fast Griffin-Lim) | lbfgs")
        ->capture_default_str();
    cmd->add_option("--init", a->init, "Initial phase: zero | random | pghi")
        ->capture_default_str();
    a->iterationsOption = cmd->add_option("--iterations", a->iterations,
                                          "Iterations (with --phase: refine from that phase)")
                              ->capture_default_str();
    cmd->add_option("--momentum", a->momentum, "Fast Griffin-Lim's alpha, in [0, 2)")
        ->capture_default_str();
    cmd->add_option("--stop-at", a->stopAt, "Stop once the spectral convergence is <= this (dB)");
    cmd->add_option("--threads", a->threads, "Threads (0: every core)")->capture_default_str();
    cmd->add_option("--block-frames", a->blockFrames,
                    "Frames per block for long signals (0: automatic)");
    cmd->add_option("--seed", a->seed, "Seed of the random initial phase")->capture_default_str();
    cmd->add_option("--report", a->report, "Write the figures per iteration as JSON");
    cmd->add_option("--center", a->center, "Centre frequency in Hz for an IQ recording");
    cmd->add_option("--sample-type", a->sampleType, "Recording sample type: int16 | float32");
    cmd->callback([a, &action] {
        action = [a] {
            return runGuarded([&] {
                auto job = makeProgressJob("rebuild");
                runRebuild(*a, *job);
            });
        };
    });
}

} // namespace specedit::cli
