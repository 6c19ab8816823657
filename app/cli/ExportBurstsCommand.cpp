// specedit-cli export-bursts IN --out DIR: each label as its own cleaned clip (the project's
// mask plus an isolate mask on the label's box, cut to the label's span plus a margin), named
// by class and id, in the recording's kind (IQ stays IQ, as SigMF with the burst annotated).

#include "apply/BurstClips.h"
#include "apply/ClipFolder.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/LabelledInput.h"
#include "io/SignalWriter.h"
#include "util/Error.h"

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
    bool replace = false; // remove earlier clips of these labels under another class
    LabelSelection selection;
};

// Earlier clips of these labels under another class (their class changed since) would leave a
// label with two clips: removed with --replace, else said.
void settleEarlierClips(const ExportArgs& a, const std::string& in, const core::SignalInfo& info,
                        const std::vector<core::Label>& labels) {
    const core::ClipFolderState state =
        core::clipFolderState({a.out, a.format, a.margin}, info, labels);
    if (state.stale.empty())
        return;
    const std::string count = std::to_string(state.stale.size()) +
                              (state.stale.size() == 1 ? " earlier clip" : " earlier clips");
    const std::string names = " (" + core::someClipNames(state.stale) + ")";
    if (!a.replace) {
        std::cerr << "specedit-cli: warning: " << in << ": " << a.out << " keeps " << count << names
                  << " of these labels under another class; --replace removes them\n";
        return;
    }
    for (const auto& file : core::removeStaleClips(state))
        std::cerr << "specedit-cli: warning: " << file.string() << ": could not be removed\n";
    std::cout << in << ": removed " << count << names << " of these labels under another class\n";
}

void runExport(const ExportArgs& a) {
    if (a.margin < 0 || !std::isfinite(a.margin))
        throw core::Error("--margin", "must be zero or more seconds", "e.g. 0.005");
    if (!a.format.empty() && core::outputContainerFor("clip." + a.format).empty())
        throw core::Error("--clip-format", "\"" + a.format + "\" is not a recording format",
                          "wav, flac, cf32, cs16, cs8, cu8 or sigmf-meta");
    core::makeClipFolder(a.out); // before any input is read
    std::size_t written = 0, total = 0;
    for (const auto& in : a.inputs) {
        auto job = makeProgressJob("export " + fs::path(in).filename().string());
        const auto r = openLabelled(in, a.selection, a.inputs.size(), *job);
        settleEarlierClips(a, in, r.source->info(), r.labels);
        const auto clips = core::writeBurstClips(*r.source, r.recording, r.analysis, r.shapes,
                                                 r.labels, {a.out, a.format, a.margin}, *job,
                                                 [&](const core::LeftOutLabel& left) {
                                                     std::cerr << "specedit-cli: warning: " << in
                                                               << ": " << left.reason
                                                               << "; left out\n";
                                                 });
        finishProgress();
        const std::string ext =
            a.format.empty() ? core::defaultClipExtension(r.source->info()) : a.format;
        std::cout << in << ": " << clips.written.size() << " clips (." << ext << ") -> " << a.out
                  << "\n";
        written += clips.written.size();
        total += r.labels.size();
    }
    if (written < total)
        throw core::Error(a.out,
                          std::to_string(total - written) + " of " + std::to_string(total) +
                              " labels were left out",
                          "labels inside their recording (see the warnings above)");
}

} // namespace

void registerExportBursts(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand(
        "export-bursts", "Write each label's burst as its own cleaned clip, named by class and id");
    cmd->add_option("inputs", args->inputs,
                    "Projects (.specedit.json) or recordings (their SigMF annotations, the bursts "
                    "detected, or --labels)")
        ->required();
    cmd->add_option("--out", args->out, "Folder for the clips (made if missing)")->required();
    cmd->add_option("--clip-format", args->format,
                    "Clip extension: wav, flac, cf32, cs16, sigmf-meta, ... (default: wav for "
                    "audio, sigmf-meta for IQ)");
    cmd->add_option("--margin", args->margin, "Context before and after each label (s)")
        ->capture_default_str()
        ->transform(secondsUnits());
    cmd->add_flag("--replace", args->replace,
                  "Remove earlier clips of these labels under another class (a label's class "
                  "changed since), so that each label has one clip");
    addLabelSelection(cmd, args->selection);
    cmd->callback(
        [args, &action] { action = [args] { return runGuarded([&] { runExport(*args); }); }; });
}

} // namespace specedit::cli
