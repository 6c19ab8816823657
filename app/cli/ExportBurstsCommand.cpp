// specedit-cli export-bursts IN --out DIR: each label as its own cleaned clip (the project's
// mask plus an isolate mask on the label's box, cut to the label's span plus a margin), named
// by class and id, in the recording's kind (IQ stays IQ, as SigMF with the burst annotated).

#include "apply/RangeRender.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "cli/LabelledInput.h"
#include "io/SignalWriter.h"
#include "label/LabelFit.h"
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
    LabelSelection selection;
};

// The class as a file name: letters of any script kept ("Tür auf" -> "Tür_auf", it was
// "T__r_auf"), spaces and the characters file systems or shells trip on made '_'.
std::string safeName(const std::string& text) {
    std::string s;
    for (unsigned char c : text)
        s += c >= 0x80 || std::isalnum(c) || c == '-' || c == '.' ? char(c) : '_';
    while (!s.empty() && s.front() == '.') // no hidden files, no ".."
        s.erase(s.begin());
    return s.empty() ? "unlabeled" : s;
}

// The clip's description: the source's, with the burst as its one annotation (sample 0 is
// the clip's first sample), the recording's path from the clip's folder ("specedit:source"),
// and no start time (the clip starts later than the recording). Its
// first sample in the recording is kept exactly ("specedit:source_sample_start"): the
// description's seconds were rounded to the microsecond and the clip began a sample early.
core::SignalInfo clipInfo(const core::SignalInfo& source, const core::Label& l, std::int64_t first,
                          const std::string& recording) {
    core::SignalInfo info = source;
    info.startTime.clear();
    info.files.clear();
    const std::int64_t s0 = std::llround(l.t0 * source.sampleRate);
    const std::int64_t s1 = std::llround(l.t1 * source.sampleRate);
    nlohmann::json meta = nlohmann::json::object();
    meta["global"]["core:description"] =
        "burst " + std::to_string(l.id) + " of " + fs::path(recording).filename().string() +
        ", from its sample " + std::to_string(first) + " (" +
        core::shortNumber(double(first) / source.sampleRate) + " s)";
    meta["global"]["specedit:source"] = recording;
    meta["global"]["specedit:source_sample_start"] = first;
    nlohmann::json a = {{"core:sample_start", s0 - first},
                        {"core:sample_count", s1 - s0},
                        {"core:freq_lower_edge", l.f0},
                        {"core:freq_upper_edge", l.f1},
                        {"specedit:id", l.id}};
    if (!l.className.empty())
        a["core:label"] = l.className;
    if (!l.comment.empty())
        a["core:comment"] = l.comment;
    meta["annotations"] = nlohmann::json::array({a});
    info.sigmfMeta = meta;
    return info;
}

// The label's samples and the margin's on each side, whole samples, within the recording.
std::string exportOne(const ExportArgs& a, const LabelledRecording& r, const core::Label& l,
                      const std::string& ext) {
    const auto& info = r.source->info();
    const double fs = info.sampleRate;
    const std::int64_t margin = std::llround(a.margin * fs);
    const std::int64_t first = std::max<std::int64_t>(0, std::llround(l.t0 * fs) - margin);
    const std::int64_t end = std::min<std::int64_t>(info.frames, std::llround(l.t1 * fs) + margin);
    const std::string path =
        (fs::path(a.out) / (safeName(l.className) + "_" + std::to_string(l.id) + "." + ext))
            .string();
    // The recording as seen from the clip's folder, so the two can move together (a path
    // relative to where the command ran said nothing once the clips were elsewhere).
    const std::string source =
        fs::relative(fs::absolute(r.recording), fs::absolute(a.out)).generic_string();
    core::SignalWriter writer(path, clipInfo(info, l, first, source), {});
    // Isolated in the label's band over the whole clip: the margins hold what the band held
    // around the burst (its noise, the start of a neighbour), the context a classifier or a
    // listener wants; isolated in the box alone they were exact zeros, and the burst began at
    // the mask's first whole frame, not at its first sample.
    core::Label band = l;
    band.t0 = double(first) / fs;
    band.t1 = double(end) / fs;
    auto shapes = r.shapes;
    shapes.push_back(core::toShape(band, core::MaskMode::Isolate));
    core::JobControl job;
    core::renderRangeTo(*r.source, r.analysis, shapes, double(first) / fs, double(end) / fs, writer,
                        job);
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
    std::size_t written = 0, total = 0;
    for (const auto& in : a.inputs) {
        auto job = makeProgressJob("export " + fs::path(in).filename().string());
        const auto r = openLabelled(in, a.selection, a.inputs.size(), *job);
        const std::string ext =
            !a.format.empty() ? a.format : (r.source->info().isComplex() ? "sigmf-meta" : "wav");
        std::size_t done = 0, clips = 0;
        for (const auto& l : r.labels) {
            job->checkCancelled();
            try {
                core::Label inside = l;
                core::fitToRecording(inside, r.source->info());
                exportOne(a, r, inside, ext);
                ++clips;
            } catch (const core::Error& e) { // an empty box, or one outside the recording
                std::cerr << "specedit-cli: warning: " << in << ": label " << l.id
                          << " left out: " << e.what() << "\n";
            }
            ++total;
            job->setProgress(double(++done) / double(r.labels.size()));
        }
        finishProgress();
        written += clips;
        std::cout << in << ": " << clips << " clips (." << ext << ") -> " << a.out << "\n";
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
    addLabelSelection(cmd, args->selection);
    cmd->callback(
        [args, &action] { action = [args] { return runGuarded([&] { runExport(*args); }); }; });
}

} // namespace specedit::cli
