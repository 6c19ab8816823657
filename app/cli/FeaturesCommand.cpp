// specedit-cli features IN... --out DATASET.csv [--patches P.npy]: per-label features of one
// or many labelled recordings as one dataset.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/LabelledInput.h"
#include "features/Dataset.h"
#include "io/AtomicFile.h"
#include "util/Error.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>

namespace specedit::cli {
namespace {

struct FeaturesArgs {
    std::vector<std::string> inputs;
    std::string out;
    std::string patches;
    int patchSize = 64;
    std::optional<double> margin; // default: core's, from each box's duration
    unsigned threads = 0;
    LabelSelection selection;
};

void reportLeftOut(const std::vector<core::DatasetEntry>& entries) {
    for (const auto& e : entries)
        if (!e.error.empty())
            std::cerr << "specedit-cli: warning: " << e.recording << ": label " << e.label.id
                      << " left out: " << e.error << "\n";
}

// Before any recording is read: what would fail only after the features of them all.
void checkOutputs(const FeaturesArgs& a) {
    if (a.margin && !(*a.margin > 0 && std::isfinite(*a.margin)))
        throw core::Error("--margin", core::shortNumber(*a.margin) + " s is no noise context",
                          "a time above 0 s each side of a box, or none for the default");
    if (!a.out.ends_with(".csv"))
        throw core::Error("--out", a.out + " is not a .csv path", "a dataset path ending in .csv");
    core::requireWritable(a.out);
    if (a.patches.empty())
        return;
    if (!a.patches.ends_with(".npy"))
        throw core::Error("--patches", a.patches + " is not a .npy path",
                          "a path ending in .npy (its index is written beside it as .json)");
    core::requireWritable(a.patches);
}

void runFeatures(const FeaturesArgs& a) {
    checkOutputs(a);
    std::vector<LabelledRecording> recordings;
    std::vector<core::DatasetInput> inputs;
    for (const auto& in : a.inputs) {
        auto job = makeProgressJob("open " + std::filesystem::path(in).filename().string());
        recordings.push_back(openLabelled(in, a.selection, a.inputs.size(), *job));
        finishProgress();
        auto& r = recordings.back();
        if (r.detected)
            std::cout << in << ": " << r.labels.size()
                      << (r.labels.size() == 1 ? " burst" : " bursts")
                      << " detected (no labels given)\n";
        if (r.labels.empty()) // a dataset that silently lacks a recording is worse
            std::cerr << "specedit-cli: warning: " << in
                      << ": no labels, so no rows (label it, or give --labels)\n";
        if (r.fromRecording)
            std::cout << in << ": " << r.labels.size()
                      << (r.labels.size() == 1 ? " label" : " labels")
                      << " from its SigMF annotations\n";
    }
    for (const auto& r : recordings)
        inputs.push_back({r.recording, r.source.get(), r.labels, r.channel});
    core::DatasetOptions o;
    o.features.margin = a.margin.value_or(-1); // below 0: the default
    o.patchSize = a.patches.empty() ? 0 : a.patchSize;
    o.threads = a.threads;
    auto job = makeProgressJob("features");
    const auto entries = core::computeDataset(inputs, o, *job);
    finishProgress();
    reportLeftOut(entries);
    core::writeFeatureCsv(a.out, entries);
    std::size_t kept = 0;
    for (const auto& e : entries)
        kept += e.error.empty() ? 1 : 0;
    std::cout << kept << " labels from " << inputs.size() << " recording(s), "
              << core::featureNames().size() << " features -> " << a.out << "\n";
    if (!a.patches.empty()) {
        core::writePatches(a.patches, entries, a.patchSize);
        std::cout << kept << " patches of " << a.patchSize << " x " << a.patchSize << " -> "
                  << a.patches << " (index " << core::patchIndexPath(a.patches) << ")\n";
    }
    if (kept < entries.size())
        throw core::Error(a.out,
                          std::to_string(entries.size() - kept) + " of " +
                              std::to_string(entries.size()) + " labels were left out",
                          "labels inside their recording (see the warnings above)");
}

} // namespace

void registerFeatures(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<FeaturesArgs>();
    auto* cmd = app.add_subcommand(
        "features", "Measure every label's burst and write one dataset (CSV, optional patches)");
    cmd->add_option("inputs", args->inputs,
                    "Projects (.specedit.json) or recordings (their SigMF annotations, the bursts "
                    "detected, or --labels)")
        ->required();
    cmd->add_option("--out", args->out,
                    "Dataset CSV, one row per label (its recording column: the path from the CSV's "
                    "folder when the recording lies in it or below, else absolute)")
        ->required();
    cmd->add_option("--patches", args->patches,
                    "Also write spectrogram patches here (.npy, float32 dB) with a JSON index");
    cmd->add_option("--patch-size", args->patchSize, "Patch rows and columns")
        ->capture_default_str();
    cmd->add_option("--margin", args->margin,
                    "Noise context each side of a box for its SNR (s; default: the box's "
                    "duration, 10 ms to 0.5 s)")
        ->transform(secondsUnits());
    cmd->add_option("--threads", args->threads, "Worker threads (0: every core)")
        ->capture_default_str();
    addLabelSelection(cmd, args->selection);
    cmd->callback(
        [args, &action] { action = [args] { return runGuarded([&] { runFeatures(*args); }); }; });
}

} // namespace specedit::cli
