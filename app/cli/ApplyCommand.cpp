// specedit-cli apply PROJECT [--out FILE]: render a project's mask over its recording.

#include "apply/StreamingApply.h"
#include "cli/ApplyRun.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "project/Project.h"

#include <chrono>
#include <filesystem>
#include <iostream>

namespace specedit::cli {
namespace {

struct ApplyArgs {
    std::string project;
    std::string out;
    std::string sampleType;
    unsigned threads = 0;
};

} // namespace

std::string defaultOutputPath(const std::string& projectPath, const std::string& sourcePath) {
    namespace fs = std::filesystem;
    const fs::path src(sourcePath);
    std::string ext = src.extension().string();
    std::string stem = src.stem().string();
    if (ext == ".sigmf" || ext == ".sigmf-meta" || ext == ".sigmf-data")
        ext = ".sigmf-meta";
    return (fs::path(projectPath).parent_path() / (stem + ".edited" + ext)).string();
}

ApplyOutcome runApply(const std::string& projectPath, std::string out,
                      const std::optional<core::SampleType>& sampleType, unsigned threads) {
    const core::Project project = core::loadProject(projectPath);
    const std::string sourcePath = core::existingSourcePath(project, projectPath);
    const auto src = openInput(sourcePath, project.sourceOptions);
    if (out.empty())
        out = defaultOutputPath(projectPath, sourcePath);
    core::WriterOptions wopt;
    wopt.sampleType = sampleType;
    core::SignalWriter writer(out, src->info(), wopt);
    auto job = makeProgressJob("apply");
    core::ApplyOptions aopt;
    aopt.threads = threads;
    aopt.sourceName = sourcePath;
    const auto t0 = std::chrono::steady_clock::now();
    ApplyOutcome outcome;
    outcome.report = core::applyMask(*src, project.analysis, project.shapes, writer, *job, aopt);
    writer.finish();
    finishProgress();
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    outcome.output = out;
    outcome.datatype = writer.datatype();
    outcome.source = sourcePath;
    outcome.info = src->info();
    outcome.shapes = project.shapes.size();
    return outcome;
}

void printApplySummary(const ApplyOutcome& o, std::ostream& os) {
    const double samples = double(o.report.frames);
    os << "applied " << o.shapes << " shape(s) to " << o.source << "\n"
       << "  wrote   " << o.output << " (" << core::toString(o.info.kind) << ", " << o.datatype
       << ", " << o.report.frames << " samples, " << samples / o.info.sampleRate << " s)\n"
       << "  time    " << o.seconds << " s, " << samples / o.seconds / 1e6 << " M samples/s, "
       << o.report.blocks << " blocks\n"
       << "  clipped " << o.report.clippedValues << " values"
       << (o.report.clippedValues ? " (lower the gain or use --sample-type float32)" : "") << '\n';
}

void registerApply(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<ApplyArgs>();
    auto* cmd = app.add_subcommand(
        "apply", "Apply a project's mask (STFT, mask, ISTFT) and write the result");
    cmd->add_option("project", args->project, "Project file (*.specedit.json)")->required();
    cmd->add_option("--out", args->out,
                    "Output file; its extension picks the container (default: "
                    "<source>.edited.<ext> beside the project)");
    cmd->add_option("--sample-type", args->sampleType,
                    "int16 | float32 | float64 | int8 | uint8 | int24 | int32, as the output holds "
                    "(default: the input's)");
    cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)");
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                std::optional<core::SampleType> type;
                if (!args->sampleType.empty())
                    type = core::parseSampleType(args->sampleType);
                printApplySummary(runApply(args->project, args->out, type, args->threads),
                                  std::cout);
            });
        };
    });
}

} // namespace specedit::cli
