// specedit-cli export-bursts IN --out DIR: each label as its own cleaned clip (the project's
// mask plus an isolate mask on the label's box, cut to the label's span plus a margin), named
// by class and id, in the recording's kind (IQ stays IQ, as SigMF with the burst annotated).

#include "apply/RangeRender.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/LabelledInput.h"
#include "io/SignalWriter.h"

#include <cmath>
#include <filesystem>
#include <iostream>

namespace specedit::cli {
namespace {

namespace fs = std::filesystem;

struct ExportArgs {
    std::vector<std::string> inputs;
    std::string out;
    std::string format; // extension without the dot; default wav (audio) or sigmf-meta (IQ)
    double margin = 0.005;
    LabelSelection selection;
};

std::string safeName(const std::string& text) {
    std::string s;
    for (unsigned char c : text)
        s += std::isalnum(c) || c == '-' ? char(c) : '_';
    return s.empty() ? "unlabeled" : s;
}

// The clip's description: the source's, with the burst as its one annotation (sample 0 is
// the clip's first sample) and no start time (the clip starts later than the recording).
core::SignalInfo clipInfo(const core::SignalInfo& source, const core::Label& l, double first,
                          const std::string& recording) {
    core::SignalInfo info = source;
    info.startTime.clear();
    info.files.clear();
    nlohmann::json meta = nlohmann::json::object();
    meta["global"]["core:description"] = "burst " + std::to_string(l.id) + " of " + recording +
                                         ", from " + std::to_string(first) + " s";
    nlohmann::json a = {{"core:sample_start", std::llround((l.t0 - first) * source.sampleRate)},
                        {"core:sample_count", std::llround(l.duration() * source.sampleRate)},
                        {"core:freq_lower_edge", l.f0},
                        {"core:freq_upper_edge", l.f1}};
    if (!l.className.empty())
        a["core:label"] = l.className;
    if (!l.comment.empty())
        a["core:comment"] = l.comment;
    meta["annotations"] = nlohmann::json::array({a});
    info.sigmfMeta = meta;
    return info;
}

std::string exportOne(const ExportArgs& a, const LabelledRecording& r, const core::Label& l,
                      const std::string& ext) {
    const double t0 = std::max(0.0, l.t0 - a.margin);
    const double t1 = std::min(r.source->info().duration(), l.t1 + a.margin);
    const std::string path =
        (fs::path(a.out) / (safeName(l.className) + "_" + std::to_string(l.id) + "." + ext))
            .string();
    core::SignalWriter writer(path, clipInfo(r.source->info(), l, t0, r.recording), {});
    auto shapes = r.shapes;
    shapes.push_back(core::toShape(l, core::MaskMode::Isolate));
    core::JobControl job;
    core::renderRangeTo(*r.source, r.analysis, shapes, t0, t1, writer, job);
    writer.finish();
    return path;
}

void runExport(const ExportArgs& a) {
    if (a.margin < 0 || !std::isfinite(a.margin))
        throw core::Error("--margin", "must be zero or more seconds", "e.g. 0.005");
    if (!a.format.empty() && core::outputContainerFor("clip." + a.format).empty())
        throw core::Error("--clip-format", "\"" + a.format + "\" is not a recording format",
                          "wav, flac, cf32, cs16, cs8, cu8 or sigmf-meta");
    fs::create_directories(a.out);
    for (const auto& in : a.inputs) {
        auto job = makeProgressJob("export " + fs::path(in).filename().string());
        const auto r = openLabelled(in, a.selection, a.inputs.size(), *job);
        const std::string ext =
            !a.format.empty() ? a.format : (r.source->info().isComplex() ? "sigmf-meta" : "wav");
        std::size_t done = 0;
        for (const auto& l : r.labels) {
            job->checkCancelled();
            exportOne(a, r, l, ext);
            job->setProgress(double(++done) / double(r.labels.size()));
        }
        finishProgress();
        std::cout << in << ": " << r.labels.size() << " clips (." << ext << ") -> " << a.out
                  << "\n";
    }
}

} // namespace

void registerExportBursts(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand(
        "export-bursts", "Write each label's burst as its own cleaned clip, named by class and id");
    cmd->add_option("inputs", args->inputs,
                    "Projects (.specedit.json) or recordings (bursts detected, or --labels)")
        ->required();
    cmd->add_option("--out", args->out, "Folder for the clips (made if missing)")->required();
    cmd->add_option("--clip-format", args->format,
                    "Clip extension: wav, flac, cf32, cs16, sigmf-meta, ... (default: wav for "
                    "audio, sigmf-meta for IQ)");
    cmd->add_option("--margin", args->margin, "Context before and after each label (s)")
        ->capture_default_str();
    addLabelSelection(cmd, args->selection);
    cmd->callback(
        [args, &action] { action = [args] { return runGuarded([&] { runExport(*args); }); }; });
}

} // namespace specedit::cli
