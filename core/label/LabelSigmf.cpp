// SigMF annotations <-> labels (label/LabelFiles.h).

#include "io/RawIqSource.h"
#include "label/LabelTables.h"
#include "project/JsonFields.h"
#include "util/Error.h"
#include "util/JsonParse.h"

#include <cmath>
#include <filesystem>
#include <fstream>

namespace specedit::core {
namespace {

using json = nlohmann::json;

const char* kAnnotationKeys[] = {
    "core:sample_start",   "core:sample_count", "core:freq_lower_edge", "core:freq_upper_edge",
    "core:label",          "core:comment",      "specedit:state",       "specedit:snr_db",
    "specedit:confidence", "specedit:id"};

json annotationOf(const Label& l, double rate) {
    json a = l.extra;
    const auto start = std::int64_t(std::llround(l.t0 * rate));
    a["core:sample_start"] = start;
    a["core:sample_count"] = std::max<std::int64_t>(1, std::llround(l.t1 * rate) - start);
    a["core:freq_lower_edge"] = l.f0;
    a["core:freq_upper_edge"] = l.f1;
    if (!l.className.empty())
        a["core:label"] = l.className;
    if (!l.comment.empty())
        a["core:comment"] = l.comment;
    if (!l.confirmed)
        a["specedit:state"] = "proposed";
    if (l.snrDb)
        a["specedit:snr_db"] = *l.snrDb;
    if (l.confidence)
        a["specedit:confidence"] = *l.confidence;
    if (l.id != 0)
        a["specedit:id"] = l.id;
    return a;
}

Label labelOf(const json& a, double rate, std::optional<double> centre, const std::string& where) {
    if (!a.is_object())
        throw Error(where, "annotation is not an object", "{\"core:sample_start\": ...}");
    Label l;
    const double start = jsonNumber(a, "core:sample_start", where);
    const double count = jsonNumberOr(a, "core:sample_count", 0.0, where);
    l.t0 = start / rate;
    l.t1 = (start + count) / rate;
    // Without frequency edges an annotation spans the whole band.
    const double half = rate / 2;
    l.f0 = jsonNumberOr(a, "core:freq_lower_edge", centre.value_or(0.0) - half, where);
    l.f1 = jsonNumberOr(a, "core:freq_upper_edge", centre.value_or(0.0) + half, where);
    l.className = jsonStringOr(a, "core:label", "", where);
    l.comment = jsonStringOr(a, "core:comment", "", where);
    l.confirmed = jsonStringOr(a, "specedit:state", "confirmed", where) != "proposed";
    if (a.contains("specedit:snr_db"))
        l.snrDb = jsonNumber(a, "specedit:snr_db", where);
    if (a.contains("specedit:confidence"))
        l.confidence = jsonNumber(a, "specedit:confidence", where);
    l.id = jsonIdOr0(a, "specedit:id", where);
    l.extra = jsonUnknownKeys(a, kAnnotationKeys);
    l.validate(where);
    return l;
}

} // namespace

LabelRecording labelRecordingOf(const SampleSource& source, const std::string& path) {
    LabelRecording r;
    r.sampleRate = source.info().sampleRate;
    r.centerFrequency = source.info().centerFrequency;
    if (const auto* raw = dynamic_cast<const RawIqSource*>(&source)) {
        r.datatype = sigmfDatatypeName(raw->layout());
        r.headerBytes = raw->layout().headerBytes;
        r.datasetPath = source.info().files.empty() ? path : source.info().files.front();
    }
    return r;
}

json sigmfWithLabels(const std::vector<Label>& labels, const LabelRecording& r) {
    if (!(r.sampleRate > 0))
        throw Error("SigMF annotations", "the recording's sample rate is unknown",
                    "a recording with a sample rate (or --rate)");
    json global = {{"core:version", "1.0.0"}, {"core:sample_rate", r.sampleRate}};
    if (!r.datatype.empty())
        global["core:datatype"] = r.datatype;
    if (!r.datasetPath.empty()) // a non-conforming dataset, described in place
        global["core:dataset"] = std::filesystem::path(r.datasetPath).filename().string();
    json capture = {{"core:sample_start", 0}};
    if (r.centerFrequency)
        capture["core:frequency"] = *r.centerFrequency;
    if (r.headerBytes > 0)
        capture["core:header_bytes"] = r.headerBytes;
    json annotations = json::array();
    std::vector<Label> sorted = labels; // SigMF wants annotations in sample_start order
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Label& a, const Label& b) { return a.t0 < b.t0; });
    for (const Label& l : sorted)
        annotations.push_back(annotationOf(l, r.sampleRate));
    return {{"global", global}, {"captures", json::array({capture})}, {"annotations", annotations}};
}

std::vector<Label> labelsFromSigmf(const std::string& path, const LabelRecording& r) {
    std::ifstream in(path);
    return labelsFromSigmfDocument(parseJson(in, path, "SigMF metadata"), r, path);
}

std::vector<Label> labelsFromSigmfDocument(const json& doc, const LabelRecording& r,
                                           const std::string& path) {
    if (!doc.is_object())
        throw Error(path, "is not a JSON object",
                    "SigMF metadata: {\"global\": ..., \"annotations\": [...]}");
    const json global = doc.value("global", json::object());
    const double rate = jsonNumberOr(global, "core:sample_rate", r.sampleRate, path);
    if (!(rate > 0))
        throw Error(path, "has no core:sample_rate", "a positive core:sample_rate in \"global\"");
    std::optional<double> centre = r.centerFrequency;
    const json captures = doc.value("captures", json::array());
    if (captures.is_array() && !captures.empty() && captures[0].contains("core:frequency"))
        centre = jsonNumber(captures[0], "core:frequency", path);
    std::vector<Label> labels;
    const json annotations = doc.value("annotations", json::array());
    if (!annotations.is_array())
        throw Error(path, "\"annotations\" is not an array", "a list of annotations");
    for (std::size_t i = 0; i < annotations.size(); ++i)
        labels.push_back(labelOf(annotations[i], rate, centre,
                                 path + ": annotations[" + std::to_string(i) + "]"));
    return labels;
}

std::vector<Label> labelsOfRecording(const SampleSource& source, const std::string& path) {
    const json& meta = source.info().sigmfMeta;
    if (!meta.is_object() || !meta.contains("annotations") || meta["annotations"].empty())
        return {};
    return labelsFromSigmfDocument(meta, labelRecordingOf(source, path), path);
}

} // namespace specedit::core
