#include "apply/BurstClips.h"

#include "apply/RangeRender.h"
#include "io/SignalWriter.h"
#include "label/LabelFit.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

namespace specedit::core {
namespace {

namespace fs = std::filesystem;

// The clip's description: the source's, with the burst as its one annotation (sample 0 is
// the clip's first sample), the recording's path from the clip's folder ("specedit:source"),
// and no start time (the clip starts later than the recording). Its first sample in the
// recording is kept exactly ("specedit:source_sample_start"): the description's seconds were
// rounded to the microsecond and the clip began a sample early.
SignalInfo clipInfo(const SignalInfo& source, const Label& l, std::int64_t first,
                    const std::string& recording) {
    SignalInfo info = source;
    info.startTime.clear();
    info.files.clear();
    const std::int64_t s0 = std::llround(l.t0 * source.sampleRate);
    const std::int64_t s1 = std::llround(l.t1 * source.sampleRate);
    nlohmann::json meta = nlohmann::json::object();
    meta["global"]["core:description"] = "burst " + std::to_string(l.id) + " of " +
                                         fs::path(recording).filename().string() +
                                         ", from its sample " + std::to_string(first) + " (" +
                                         shortNumber(double(first) / source.sampleRate) + " s)";
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

struct ClipJob {
    const SampleSource& source;
    const std::string& recordingPath;
    const StftParams& analysis;
    const std::vector<Shape>& shapes;
    BurstClipOptions options; // its extension set
};

// The label's samples and the margin's on each side, whole samples, within the recording.
std::string writeOne(const ClipJob& c, const Label& l, JobControl& job) {
    const auto& info = c.source.info();
    const double fs = info.sampleRate;
    const std::int64_t margin = std::llround(c.options.margin * fs);
    const std::int64_t first = std::max<std::int64_t>(0, std::llround(l.t0 * fs) - margin);
    const std::int64_t end = std::min<std::int64_t>(info.frames, std::llround(l.t1 * fs) + margin);
    const std::string path = clipPath(c.options, info, l);
    // The recording as seen from the clip's folder, so the two can move together (a path
    // relative to where the command ran said nothing once the clips were elsewhere).
    const std::string source =
        fs::relative(fs::absolute(c.recordingPath), fs::absolute(c.options.folder))
            .generic_string();
    // SigMF clips hold 32-bit floats: the isolated burst of an 8-bit capture, written back in
    // 8 bits, was half exact zeros with no noise floor left. Raw formats keep their extension's
    // type (the user chose it), sound files the source's (16 bits at least).
    WriterOptions written;
    if (c.options.extension == "sigmf-meta")
        written.sampleType = SampleType::Float32;
    SignalWriter writer(path, clipInfo(info, l, first, source), written);
    // Isolated in the label's band over the whole clip: the margins hold what the band held
    // around the burst (its noise, the start of a neighbour), the context a classifier or a
    // listener wants; isolated in the box alone they were exact zeros, and the burst began at
    // the mask's first whole frame, not at its first sample.
    Label band = l;
    band.t0 = double(first) / fs;
    band.t1 = double(end) / fs;
    auto shapes = c.shapes;
    shapes.push_back(toShape(band, MaskMode::Isolate));
    renderRangeTo(c.source, c.analysis, shapes, band.t0, band.t1, writer, job);
    writer.finish();
    return path;
}

} // namespace

std::string defaultClipExtension(const SignalInfo& info) {
    return info.isComplex() ? "sigmf-meta" : "wav";
}

std::string clipFileName(const std::string& className) {
    std::string s;
    for (unsigned char c : className)
        s += c >= 0x80 || std::isalnum(c) || c == '-' || c == '.' ? char(c) : '_';
    while (!s.empty() && s.front() == '.') // no hidden files, no ".."
        s.erase(s.begin());
    return s.empty() ? "unlabeled" : s;
}

std::string clipIdText(std::uint64_t id) {
    std::string digits = std::to_string(id);
    constexpr std::size_t kWidth = 4; // a folder of up to 9999 clips lists in label order
    return std::string(kWidth - std::min(kWidth, digits.size()), '0') + digits;
}

void makeClipFolder(const std::string& folder) {
    std::error_code made;
    fs::create_directories(folder, made);
    if (made)
        throw Error(folder, "cannot make the folder: " + made.message(),
                    "a folder that can be written");
    if (!fs::is_directory(folder))
        throw Error(folder, "is a file, not a folder", "a folder for the clips");
}

std::string clipPath(const BurstClipOptions& options, const SignalInfo& info, const Label& label) {
    const std::string ext =
        options.extension.empty() ? defaultClipExtension(info) : options.extension;
    const std::string name = clipFileName(label.className) + "_" + clipIdText(label.id);
    return (fs::path(options.folder) / (name + "." + ext)).string();
}

BurstClipsResult writeBurstClips(const SampleSource& source, const std::string& recordingPath,
                                 const StftParams& analysis, const std::vector<Shape>& shapes,
                                 const std::vector<Label>& labels, const BurstClipOptions& options,
                                 JobControl& job,
                                 const std::function<void(const LeftOutLabel&)>& leftOut) {
    if (options.margin < 0 || !std::isfinite(options.margin))
        throw Error("margin", "must be zero or more seconds", "e.g. 0.005");
    ClipJob c{source, recordingPath, analysis, shapes, options};
    if (c.options.extension.empty())
        c.options.extension = defaultClipExtension(source.info());
    if (outputContainerFor("clip." + c.options.extension).empty())
        throw Error("clip format", "\"" + c.options.extension + "\" is not a recording format",
                    "wav, flac, cf32, cs16, cs8, cu8 or sigmf-meta");
    makeClipFolder(c.options.folder);
    BurstClipsResult result;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        job.checkCancelled();
        std::unique_ptr<JobControl> one; // the label's share of the progress; cancels with job
        one = std::make_unique<JobControl>([&, i](double f) {
            job.setProgress((double(i) + f) / double(labels.size()));
            if (job.isCancelled())
                one->cancel();
        });
        Label inside = labels[i];
        try {
            fitToRecording(inside, source.info());
        } catch (const Error& e) { // an empty box, or one outside the recording
            result.leftOut.push_back({labels[i].id, e.what()});
            if (leftOut)
                leftOut(result.leftOut.back());
            continue;
        }
        result.written.push_back(writeOne(c, inside, *one)); // a write error ends the export
    }
    job.checkCancelled();
    job.setProgress(1.0);
    return result;
}

} // namespace specedit::core
