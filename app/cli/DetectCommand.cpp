// specedit-cli detect IN... --out OUT: bursts found on the spectrogram, as labels.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/LabelOutput.h"
#include "cli/LabelledInput.h"
#include "detect/BurstDetector.h"
#include "io/SourceFactory.h"
#include "project/Project.h"
#include "util/Error.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <string_view>

namespace specedit::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 5> kOutFormats{"csv", "txt", "selections.txt", "sigmf-meta",
                                                      "specedit.json"};
constexpr const char* kOutFormatList = "csv, txt, selections.txt, sigmf-meta or specedit.json";

struct DetectArgs {
    std::vector<std::string> inputs;
    std::string out;
    std::string format; // for several inputs: the extension of each output
    core::DetectOptions detect;
    std::optional<double> start, end;
    AnalysisOptions analysis;
    core::OpenOptions open;
    ChannelChoice channel;
    std::string templateProject;
};

// The recording and how to open it: a project's, or the file itself.
std::pair<std::string, core::OpenOptions> recordingOf(const std::string& in,
                                                      const core::OpenOptions& open) {
    if (!isProjectPath(in))
        return {in, open};
    const core::Project p = core::loadProject(in);
    return {core::existingSourcePath(p, in), p.sourceOptions};
}

std::string outputFor(const DetectArgs& a, const std::string& in) {
    if (a.inputs.size() == 1)
        return a.out;
    std::string stem = fs::path(in).filename().string();
    for (const char* tail : {".specedit.json", ".sigmf-meta"})
        if (stem.size() > std::strlen(tail) && stem.ends_with(tail))
            stem.resize(stem.size() - std::strlen(tail));
    stem = fs::path(stem).stem().string();
    return (fs::path(a.out) / (stem + "." + a.format)).string();
}

void detectOne(const DetectArgs& a, const std::string& in, core::JobControl& job) {
    const auto [recording, open] = recordingOf(in, withTemplate(a.open, a.templateProject));
    const auto src = openInput(recording, open);
    core::DetectOptions o = a.detect;
    o.t0 = a.start;
    o.t1 = a.end;
    const auto& info = src->info();
    o.channel = info.isComplex() ? -1 : resolveChannel(a.channel, info.channels, recording);
    const core::StftParams params = a.analysis.nperseg ? toParams(a.analysis, info.sampleRate)
                                                       : core::detectionAnalysis(info.sampleRate);
    const auto labels = core::detectBursts(*src, params, o, job);
    const double span = o.t1.value_or(info.duration()) - o.t0.value_or(0);
    if (labels.empty() && o.minDuration > span)
        std::cerr << "specedit-cli: warning: " << in << ": --min-duration "
                  << core::shortNumber(o.minDuration) << " s is longer than the "
                  << core::shortNumber(span) << " s looked at: no burst can be that long\n";
    const std::string out = outputFor(a, in);
    const core::LabelRegion region{o.t0.value_or(0), o.t1.value_or(info.duration()), {}, {}};
    const LabelWrite w = writeLabelsTo(out, labels, recording, open, *src, region);
    finishProgress();
    std::cout << in << ": " << describe(w, "bursts") << " -> " << out << "\n";
}

void runDetect(const DetectArgs& a) {
    if (a.inputs.size() > 1) {
        if (a.format.empty())
            throw core::Error("--out-format", "several recordings but no output format",
                              kOutFormatList);
        const auto& known = kOutFormats;
        if (std::find(known.begin(), known.end(), a.format) == known.end())
            throw core::Error("--out-format", "\"" + a.format + "\" is not a label format",
                              kOutFormatList);
        fs::create_directories(a.out);
    } else {
        checkLabelOutput(a.out);
    }
    for (const auto& in : a.inputs) {
        auto job = makeProgressJob("detect " + fs::path(in).filename().string());
        detectOne(a, in, *job);
    }
}

void addDetectOptions(CLI::App* cmd, DetectArgs& a) {
    auto& d = a.detect;
    cmd->add_option("--threshold-db", d.thresholdDb, "Seed threshold above the noise floor (dB)")
        ->capture_default_str();
    cmd->add_option("--hysteresis-db", d.hysteresisDb,
                    "Cells down to threshold minus this join a burst (dB)")
        ->capture_default_str();
    cmd->add_option("--min-duration", d.minDuration, "Shortest burst kept (s)")
        ->capture_default_str()
        ->transform(secondsUnits());
    cmd->add_option("--min-bandwidth", d.minBandwidth, "Narrowest burst kept (Hz)")
        ->capture_default_str()
        ->transform(hertzUnits());
    cmd->add_option("--merge-gap", d.mergeGap, "Bursts closer in time merge (s)")
        ->capture_default_str()
        ->transform(secondsUnits());
    cmd->add_option("--merge-gap-hz", d.mergeGapHz,
                    "Bursts closer in frequency merge (Hz; default: 1/80 of the sample rate)")
        ->transform(hertzUnits());
    cmd->add_option("--floor-quantile", d.floorQuantile, "Noise floor quantile per bin")
        ->capture_default_str();
    cmd->add_option("--floor-block", d.floorBlockSeconds, "Noise floor block length (s)")
        ->capture_default_str()
        ->transform(secondsUnits());
    cmd->add_flag("--keep-steady", d.keepSteady, "Report steady carriers and DC too");
    cmd->add_option("--start", a.start, "Only from this time (s)")->transform(secondsUnits());
    cmd->add_option("--end", a.end, "Only up to this time (s)")->transform(secondsUnits());
}

} // namespace

void registerDetect(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<DetectArgs>();
    auto* cmd = app.add_subcommand(
        "detect", "Find bursts on the spectrogram and write them as proposed labels");
    cmd->add_option("inputs", args->inputs, "Recordings or projects (.specedit.json)")->required();
    cmd->add_option("--out", args->out,
                    "Output: .csv, .txt (Audacity), .selections.txt (Raven), .sigmf-meta or "
                    ".specedit.json (labels added); a folder for several inputs")
        ->required();
    cmd->add_option("--out-format", args->format,
                    "With several inputs: the output extension (csv, txt, selections.txt, "
                    "sigmf-meta, specedit.json)");
    addDetectOptions(cmd, *args);
    addAnalysisOptions(cmd, args->analysis);
    addTemplateOption(cmd, args->templateProject);
    addOpenOptions(cmd, args->open);
    addChannelOptions(cmd, args->channel);
    cmd->callback(
        [args, &action] { action = [args] { return runGuarded([&] { runDetect(*args); }); }; });
}

} // namespace specedit::cli
