// specedit-cli labels IN --out OUT: labels converted between formats.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/LabelOutput.h"
#include "io/SourceFactory.h"
#include "label/LabelFiles.h"
#include "project/Project.h"

#include <filesystem>
#include <iostream>

namespace specedit::cli {
namespace {

struct LabelsArgs {
    std::string input;
    std::string out;
    std::string recording;
    core::OpenOptions open;
};

void runLabels(LabelsArgs a) {
    if (std::error_code ec; !std::filesystem::exists(a.input, ec))
        throw core::Error(a.input, "file does not exist",
                          "a label file (.csv, .txt, .selections.txt, .sigmf-meta) or a project");
    checkLabelOutput(a.out);
    // Label files to label files need no recording: times and frequencies are in the file.
    const bool needsRecording = isProjectPath(a.out) || a.out.ends_with(".sigmf-meta");
    if (!needsRecording && a.recording.empty()) {
        auto labels = readLabelsFrom(a.input);
        core::numberLabels(labels);
        core::writeLabelFile(a.out, labels, {});
        std::cout << a.input << ": " << describe({labels.size(), 0, 0}, "labels") << " -> " << a.out
                  << "\n";
        return;
    }
    std::string recording = a.recording;
    core::OpenOptions open = a.open;
    if (recording.empty() && isProjectPath(a.input)) {
        const core::Project p = core::loadProject(a.input);
        recording = core::existingSourcePath(p, a.input);
        open = p.sourceOptions;
    }
    // A SigMF file's annotations belong to the recording it describes (its .sigmf-data, or
    // the file its core:dataset names).
    if (recording.empty() && a.input.ends_with(".sigmf-meta"))
        recording = a.input;
    if (recording.empty())
        throw core::Error("--recording", "the labels' recording is not known",
                          "--recording FILE (or a project or a .sigmf-meta as input) for " +
                              std::string(isProjectPath(a.out) ? "a project" : "SigMF"));
    const auto labels = readLabelsFrom(a.input);
    const auto src = openInput(recording, open);
    const LabelWrite w = writeLabelsTo(a.out, labels, recording, open, *src);
    std::cout << a.input << ": " << describe(w, "labels") << " -> " << a.out << "\n";
}

} // namespace

void registerLabels(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<LabelsArgs>();
    auto* cmd = app.add_subcommand(
        "labels", "Convert labels between .csv, .txt (Audacity), .selections.txt (Raven), "
                  ".sigmf-meta and projects");
    cmd->add_option("input", args->input, "Label file or project (.specedit.json)")->required();
    cmd->add_option("--out", args->out, "Output label file or project (labels added)")->required();
    cmd->add_option(
        "--recording", args->recording,
        "The recording the labels belong to (when the input is not a project or a .sigmf-meta)");
    addOpenOptions(cmd, args->open);
    cmd->callback(
        [args, &action] { action = [args] { return runGuarded([&] { runLabels(*args); }); }; });
}

} // namespace specedit::cli
