// specedit-cli rebuild MAG [--phase PHASE] --out OUT: a signal from STFT data made elsewhere.
// With a phase file: the ISTFT (and, with --iterations, iterations that make the STFT
// consistent from that phase). Without: phase retrieval (core/phase/PhaseRetrieval.h).

#include "apply/Rebuild.h"
#include "apply/RebuildLevel.h"
#include "apply/RebuildNotes.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/RebuildArgs.h"
#include "cli/SpectrumInput.h"
#include "io/AtomicFile.h"
#include "io/SignalWriter.h"
#include "phase/GuessRanking.h"

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <tuple>

namespace specedit::cli {
namespace {

void writeReport(const RebuildArgs& a, const nlohmann::json& j) {
    if (!a.report.empty())
        core::writeFileAtomically(a.report, j.dump(1) + "\n");
}

// rateFromLabels: the rate was read off a picture's frequency axis (said once checked).
core::RebuildSpec toSpec(const RebuildArgs& a, bool& rateFromLabels) {
    core::RebuildSpec spec;
    spec.magnitudePath = a.input.magnitude;
    spec.phasePath = a.input.phase;
    spec.raw = rawFormat(a.input);
    spec.layout = spectrumLayout(a.input);
    spec.layout.windowOffset = a.windowOffset;
    spec.autoSides = a.input.sides == "auto";
    spec.analysis.window = core::parseWindow(a.analysis.window);
    spec.analysis.nperseg = a.analysis.nperseg;
    spec.analysis.noverlap = a.analysis.noverlap;
    spec.analysis.nfft = a.analysis.nfft;
    spec.analysis.fs = a.analysis.fs.value_or(1.0);
    spec.length = a.length;
    auto& o = spec.retrieval;
    o.framing.centred = !a.uncentred;
    o.method = core::parsePhaseMethod(a.method);
    o.init = core::parseInitialPhase(a.init);
    o.iterations = a.iterations;
    o.momentum = a.momentum;
    o.relaxation = a.relaxation;
    o.stopAtDb = a.stopAt;
    o.threads = a.threads;
    o.seed = a.seed;
    o.blockFrames = a.blockFrames;
    spec.refineGivenPhase = a.iterationsOption->count() > 0;
    const auto picture = imageAxes(a);
    if (picture)
        spec.image = picture->axes;
    if (spec.image)
        readAsOffsets(a, *spec.image);
    spec.imageColormap = a.imageColormap;
    spec.windowGiven = given(a, "--window");
    spec.scalingGiven = a.scalingOption->count() > 0;
    // Into a .npy the values stay as the scaling reads them (unnormalised data, int16 values
    // from wavfile.read, are no plain FFT); a recording's full scale is 1.
    spec.levelReadable = !isNpyPath(a.out);
    spec.layoutGiven = a.layoutOption->count() > 0;
    spec.magnitudeUnitGiven = a.magUnitOption->count() > 0;
    spec.centerFrequency = a.center;
    if (spec.image && !a.analysis.fs && picture->description) // SpecEdit's: it names the rate
        spec.analysis.fs = picture->description->sampleRate;
    else if (spec.image && !a.analysis.fs) { // the picture's frequency axis shows the rate
        rateFromLabels = true;
        spec.analysis.fs = core::pictureSampleRate(*spec.image);
        if (picture->frequencyRead) // read to a pixel: the usual rate it is nearest
            spec.analysis.fs = core::rateReadOff(spec.analysis.fs);
    }
    spec.detrend = core::parseDetrend(a.detrend);
    return spec;
}

nlohmann::json reportOf(const RebuildArgs& a, const core::RebuildOutcome& r) {
    const auto& p = r.params;
    nlohmann::json j = {{"frames", r.input.frames},
                        {"bins", r.input.bins},
                        {"length", r.length},
                        {"window", core::toString(p.window)},
                        {"nperseg", p.nperseg},
                        {"noverlap", p.noverlap},
                        {"nfft", p.nfft},
                        {"fs", p.fs},
                        {"detrend", core::toString(r.detrend)},
                        {"final_convergence_db", r.finalDb}};
    if (r.directInverse)
        return j;
    const double per =
        r.iterationSeconds / double(std::max<std::size_t>(1, r.convergenceDb.size()));
    j.update({{"method", a.method},
              {"init", r.phaseGiven ? "given" : a.init},
              {"iterations", r.convergenceDb.size()},
              {"convergence_db", r.convergenceDb},
              {"initial_convergence_db", r.initialDb},
              {"seconds", r.iterationSeconds},
              {"init_seconds", r.initSeconds},
              {"seconds_per_iteration", per},
              {"blocks", r.blocks}});
    return j;
}

// A recording states its rate: without --fs it would say 1 Hz (scipy's default) and play as
// nothing. A .npy has no rate, and a picture's time axis gives it.
void requireRate(const RebuildArgs& a) {
    const bool npy = isNpyPath(a.out);
    if (!npy && core::outputContainerFor(a.out).empty()) // said before the rebuild runs
        throw core::Error("--out", "unknown output file type for " + a.out,
                          ".npy or a recording: .wav, .flac, .ogg, .aiff, .w64, .rf64, .cf32, "
                          ".cs16, .cs8, .cu8, .cf64, .sigmf-meta");
    if (a.fsOption->count() == 0 && !npy && !core::isImagePath(a.input.magnitude))
        throw core::Error("--fs", "not given for the recording " + a.out,
                          "the sample rate the spectrogram was made at (a .npy output needs "
                          "none)");
}

// On stderr, after the result is written: what makes it doubtful.
void warnAbout(const RebuildArgs& a, const core::RebuildOutcome& r, std::int64_t clipped) {
    if (const std::string w = core::rebuildWarning(r); !w.empty())
        std::cerr << "rebuild: warning: " << w << "\n";
    if (!r.pictureWarning.empty())
        std::cerr << "rebuild: warning: " << a.input.magnitude << ": " << r.pictureWarning << "\n";
    const bool picture = core::isImagePath(a.input.magnitude);
    // Into a .npy nothing clips, but a plain FFT read with scipy's scaling is still far too
    // loud (512 times, unsaid, for a librosa file).
    const std::string level = core::levelWarning(r, picture ? "--image-db" : "");
    const std::size_t named = level.rfind("take scaling ");
    const bool plainFft = named != std::string::npos;
    if (!level.empty() && (plainFft || !isNpyPath(a.out)))
        std::cerr << "rebuild: warning: " << level
                  << (plainFft && !picture ? " (--scaling " + level.substr(named + 13) + ")\n"
                                           : std::string("\n"));
    if (clipped > 0)
        std::cerr << "rebuild: warning: " << clipped << " values beyond full scale were clipped in "
                  << a.out << " (use --sample-type float32 or a .npy output)\n";
}

void runRebuild(const RebuildArgs& a, core::JobControl& job) {
    requireRate(a);
    bool rateFromLabels = false;
    auto spec = toSpec(a, rateFromLabels);
    if (spec.image)
        checkPicture(a, spec);
    if (rateFromLabels)
        sayPictureRate(a, spec);
    core::WriterOptions w; // checked before the rebuild runs
    if (!a.sampleType.empty())
        w.sampleType = core::parseSampleType(a.sampleType);
    core::refuseToOverwrite(a.out, spec.magnitudePath);
    if (!spec.phasePath.empty())
        core::refuseToOverwrite(a.out, spec.phasePath);
    core::requireWritable(a.out);
    if (!a.report.empty())
        core::requireWritable(a.report);
    const auto r = rebuildAsMade(a, spec, job);
    finishProgress();
    if (!r.pictureNote.empty())
        std::cout << "picture " << r.pictureNote << "\n";
    if (spec.image)
        sayPictureScaling(a, r);
    if (r.foldedHermitian)
        std::cout << "the two-sided spectrum is Hermitian: rebuilt as a real signal\n";
    if (r.directInverse)
        std::cout << "inverse STFT of the given magnitudes and phases; its STFT magnitudes are "
                  << r.finalDb << " dB from the input (" << r.interiorDb
                  << " dB away from the edge frames, whose padding differs between tools)\n";
    for (const std::string& note : {r.layoutNote, r.unitNote, r.relativeLevelNote})
        if (!note.empty())
            std::cout << "note: " << note << "\n";
    if (const std::string note = core::sidesNote(r); !note.empty())
        std::cout << note << "\n";
    if (const std::string note = core::levelNote(r, "--scaling spectrum"); !note.empty())
        std::cout << note << "\n";
    if (const std::string note = core::coverageNote(r); !note.empty())
        std::cout << note << "\n";
    if (const std::string note = core::trendNote(r); !note.empty())
        std::cout << note << "\n";
    else if (!r.directInverse)
        std::cout << "spectral convergence " << r.finalDb << " dB after " << r.convergenceDb.size()
                  << " iterations (" << a.method << " from "
                  << (r.phaseGiven ? "the given phase" : a.init) << ", " << r.blocks << " block"
                  << (r.blocks == 1 ? "" : "s") << ", " << r.initSeconds + r.iterationSeconds
                  << " s)\n";
    const std::int64_t clipped = core::writeRebuilt(r, spec, a.out, w, a.center);
    writeReport(a, reportOf(a, r));
    std::cout << "wrote " << a.out << ": " << r.length << " samples ("
              << (r.complexSignal ? "complex" : "real") << ", fs " << core::exactNumber(r.params.fs)
              << ")\n";
    warnAbout(a, r, clipped);
}

} // namespace

void registerRebuild(CLI::App& app, std::function<int()>& action) {
    auto a = std::make_shared<RebuildArgs>();
    auto* cmd = app.add_subcommand(
        "rebuild", "Rebuild a signal from STFT magnitudes (phase retrieval) or from magnitude "
                   "and phase files made elsewhere (with a phase and no --window, --nperseg or "
                   "--noverlap, files that scipy's defaults do not fit are read as `guess` "
                   "finds, and that is said)");
    cmd->add_option("magnitudes", a->input.magnitude,
                    "Magnitude file: .npy, .csv/.txt (also MATLAB text), raw .f32/.f64, or a "
                    "spectrogram picture (.png, .jpg, ...; grayscale or drawn with a known "
                    "colour map) with --image-db/-time/-freq")
        ->required();
    cmd->add_option("--out", a->out, "Output: 1-D .npy or a recording (.wav, .cf32, ...)")
        ->required();
    addSpectrumInputOptions(cmd, a->input);
    addAnalysisOptions(cmd, a->analysis);
    cmd->get_option("--nperseg")
        ->description("Window length in samples (scipy default 256; for a picture, the window "
                      "its cells show, said in the output)");
    cmd->get_option("--noverlap")
        ->description("Overlap in samples (default nperseg/2; for a picture without --nperseg, "
                      "from its cells or 3/4 of the window)");
    a->fsOption = cmd->add_option("--fs", a->analysis.fs, "Sample rate in Hz (scipy default 1)")
                      ->transform(rateUnits());
    cmd->add_option("--length", a->length, "Samples of the signal (default: scipy's istft length)");
    cmd->add_flag("--uncentred", a->uncentred,
                  "Frames start at the signal's first sample (MATLAB's spectrogram, librosa and "
                  "torch with center=False), not centred on it (scipy)");
    cmd->add_option("--window-offset", a->windowOffset,
                    "Zeros before a window shorter than --nfft in each frame: 0 (scipy, MATLAB) "
                    "or (nfft - nperseg) / 2 (librosa and torch, win_length < n_fft)")
        ->capture_default_str();
    cmd->add_option("--detrend", a->detrend,
                    "none | constant | linear: each frame's mean or line was taken away before "
                    "the window (scipy's detrend; scipy.signal.spectrogram's default is "
                    "constant); with a phase file")
        ->capture_default_str();
    cmd->add_option("--method", a->method,
                    "raar (RAAR, then fast Griffin-Lim) | fgla (fast Griffin-Lim) | gla | lbfgs")
        ->capture_default_str();
    cmd->add_option("--init", a->init, "Initial phase: zero | random | pghi")
        ->capture_default_str();
    a->iterationsOption = cmd->add_option("--iterations", a->iterations,
                                          "Iterations (with --phase: refine from that phase)")
                              ->capture_default_str();
    cmd->add_option("--momentum", a->momentum, "Fast Griffin-Lim's alpha, in [0, 2)")
        ->capture_default_str();
    cmd->add_option("--relaxation", a->relaxation, "RAAR's beta, in (0, 1]")->capture_default_str();
    cmd->add_option("--stop-at", a->stopAt, "Stop once the spectral convergence is <= this (dB)");
    cmd->add_option("--threads", a->threads, "Threads (0: every core)")->capture_default_str();
    cmd->add_option("--block-frames", a->blockFrames,
                    "Frames per block for long signals (0: automatic)");
    cmd->add_option("--seed", a->seed, "Seed of the random initial phase")->capture_default_str();
    cmd->add_option("--image-db", a->imageDb,
                    "A picture's levels: MIN,MAX dB (its colour map's first and last colours: "
                    "black and white in gray); read from a figure's colour bar when not given")
        ->delimiter(',')
        ->expected(2);
    cmd->add_option("--image-time", a->imageTime,
                    "A picture's time span: START,END s; read from a "
                    "figure's tick labels when not given")
        ->delimiter(',')
        ->expected(2);
    cmd->add_option("--image-freq", a->imageFreq,
                    "A picture's frequency span, bottom to top: LOW,HIGH Hz (LOW < 0: IQ; a linear "
                    "axis); read from a figure's tick labels when not given")
        ->delimiter(',')
        ->expected(2);
    cmd->add_option("--image-colormap", a->imageColormap,
                    "The colour map a picture was drawn with: auto (gray for a grayscale "
                    "picture, else the closest of gray, cividis, inferno, magma, plasma, turbo, "
                    "viridis, jet), or a name; NAME_r for one reversed (bright is quiet)")
        ->capture_default_str();
    cmd->add_option("--report", a->report, "Write the figures per iteration as JSON");
    cmd->add_option("--center", a->center, "Centre frequency in Hz for an IQ recording")
        ->transform(hertzUnits());
    cmd->add_option("--sample-type", a->sampleType,
                    "int16 | float32 for a recording; float64 (default) | float32 for a .npy");
    for (const char* name :
         {"--window", "--nperseg", "--noverlap", "--nfft", "--window-offset", "--detrend"})
        a->readingOptions.push_back(cmd->get_option(name));
    a->layoutOption = cmd->get_option("--layout");
    a->magUnitOption = cmd->get_option("--mag-unit");
    a->phaseUnitOption = cmd->get_option("--phase-unit");
    a->sidesOption = cmd->get_option("--sides");
    a->scalingOption = cmd->get_option("--scaling");
    cmd->callback([a, &action] {
        action = [a] {
            return runGuarded([&] {
                pairNpzArrays(a->input, std::cout, "");
                auto job = makeProgressJob("rebuild");
                runRebuild(*a, *job);
            });
        };
    });
}

} // namespace specedit::cli
