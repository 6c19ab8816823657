// specedit-cli demo --out DIR [--apply]: write the bundled demo recordings and projects;
// with --apply, also render both projects and report what the edits removed.

#include "apply/Demo.h"
#include "apply/RegionLevel.h"
#include "cli/ApplyRun.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "io/SourceFactory.h"
#include "project/Project.h"

#include <cmath>
#include <iomanip>
#include <iostream>

namespace specedit::cli {
namespace {

struct DemoArgs {
    std::string out;
    bool apply = false;
    double iqSeconds = 4.0;
};

void describeRecording(const std::string& path) {
    const auto src = core::openRecording(path, {});
    const auto& info = src->info();
    std::cout << "wrote   " << path << " (" << core::toString(info.kind) << ", "
              << info.sampleRate / 1e3 << " kHz, " << info.duration() << " s";
    if (info.centerFrequency)
        std::cout << ", centre " << *info.centerFrequency / 1e6 << " MHz from "
                  << info.metadataOrigin;
    std::cout << ")\n";
}

// Reports the level of each shape's region before and after the edit.
void reportRegions(const std::string& projectPath, const ApplyOutcome& o) {
    const auto project = core::loadProject(projectPath);
    const auto before = core::openRecording(o.source, project.sourceOptions);
    const auto after = core::openRecording(o.output, project.sourceOptions);
    core::JobControl job;
    for (const auto& shape : project.shapes) {
        const double a = core::regionLevelDb(*before, project.analysis, shape, job);
        const double b = core::regionLevelDb(*after, project.analysis, shape, job);
        std::cout << "  region  " << shape.extra.value("label", core::toString(shape.type)) << ": "
                  << std::fixed << std::setprecision(1) << a << " dB -> " << b << " dB (" << (a - b)
                  << " dB removed)\n"
                  << std::defaultfloat << std::setprecision(6);
    }
}

} // namespace

void registerDemo(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<DemoArgs>();
    auto* cmd = app.add_subcommand("demo", "Write the bundled demo recordings and projects");
    cmd->add_option("--out", args->out, "Folder to write into (created if missing)")->required();
    cmd->add_flag("--apply", args->apply, "Also apply both demo projects and print a summary");
    cmd->add_option("--iq-seconds", args->iqSeconds, "Length of the IQ demo (default 4 s)")
        ->check(CLI::Range(0.5, 600.0))
        ->transform(secondsUnits());
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                auto job = makeProgressJob("demo");
                core::DemoSpec spec;
                spec.iqSeconds = args->iqSeconds;
                const auto files = core::writeDemo(args->out, spec, *job);
                finishProgress();
                describeRecording(files.iqRecording);
                describeRecording(files.audioRecording);
                std::cout << "wrote   " << files.iqProject << "\nwrote   " << files.audioProject
                          << '\n';
                if (!args->apply)
                    return;
                for (const auto& project : {files.iqProject, files.audioProject}) {
                    const auto outcome = runApply(project, "", std::nullopt, 0);
                    printApplySummary(outcome, std::cout);
                    reportRegions(project, outcome);
                }
            });
        };
    });
}

} // namespace specedit::cli
