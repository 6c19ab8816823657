#include "label/LabelFiles.h"

#include "io/AtomicFile.h"
#include "label/LabelTables.h"
#include "util/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace specedit::core {
namespace {

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() &&
           std::equal(tail.rbegin(), tail.rend(), s.rbegin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

template <typename Fn> void writeAtomically(const std::string& path, Fn&& body) {
    AtomicFile file(path);
    {
        std::ofstream out(file.tempPath(), std::ios::trunc | std::ios::binary);
        body(out);
        if (!out.flush())
            throw Error(path, "could not write the labels", "free disk space");
    }
    file.commit();
}

void writeAudacity(std::ostream& out, const std::vector<Label>& labels) {
    for (const Label& l : labels) {
        out << number(l.t0) << '\t' << number(l.t1) << '\t' << l.className << '\n';
        out << "\\\t" << number(l.f0) << '\t' << number(l.f1) << '\n';
    }
}

// Audacity: "t0\tt1[\tname]" lines, each optionally followed by "\\\tf0\tf1".
std::vector<Label> readAudacity(const std::string& path) {
    std::ifstream in(path);
    std::vector<Label> labels;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        const auto fields = splitTabs(line);
        const std::string where = path + ": line " + std::to_string(n);
        if (fields[0] == "\\") {
            if (labels.empty() || fields.size() < 3)
                throw Error(where,
                            "a frequency line without a label above it, or without two "
                            "frequencies",
                            "\"\\\\<tab>low<tab>high\" under a label");
            labels.back().f0 = parseNumber(fields[1], where);
            labels.back().f1 = parseNumber(fields[2], where);
            continue;
        }
        if (fields.size() < 2)
            throw Error(where, "has " + std::to_string(fields.size()) + " field",
                        "start<tab>end<tab>label");
        Label l;
        l.t0 = parseNumber(fields[0], where);
        l.t1 = parseNumber(fields[1], where);
        l.className = fields.size() > 2 ? fields[2] : "";
        labels.push_back(l);
    }
    for (std::size_t i = 0; i < labels.size(); ++i)
        labels[i].validate(path + ": label " + std::to_string(i + 1));
    return labels;
}

bool startsLikeRaven(const std::string& path) {
    std::ifstream in(path);
    std::string first;
    std::getline(in, first);
    return first.rfind("Selection\t", 0) == 0;
}

} // namespace

LabelFormat labelFormatOf(const std::string& path) {
    if (endsWith(path, ".sigmf-meta"))
        return LabelFormat::Sigmf;
    if (endsWith(path, ".selections.txt"))
        return LabelFormat::Raven;
    if (endsWith(path, ".txt"))
        return LabelFormat::Audacity;
    if (endsWith(path, ".csv"))
        return LabelFormat::Csv;
    throw Error(path, "is not a label file format SpecEdit knows",
                ".csv, .txt (Audacity), .selections.txt (Raven) or .sigmf-meta");
}

void writeLabelFile(const std::string& path, const std::vector<Label>& labels,
                    const LabelRecording& recording) {
    switch (labelFormatOf(path)) {
    case LabelFormat::Csv:
        writeAtomically(path, [&](std::ostream& out) { writeCsv(out, labels); });
        return;
    case LabelFormat::Audacity:
        writeAtomically(path, [&](std::ostream& out) { writeAudacity(out, labels); });
        return;
    case LabelFormat::Raven:
        writeAtomically(path, [&](std::ostream& out) { writeRaven(out, labels); });
        return;
    case LabelFormat::Sigmf:
        writeAtomically(path, [&](std::ostream& out) {
            out << sigmfWithLabels(labels, recording).dump(2) << '\n';
        });
        return;
    }
}

std::string datasetAwayNote(const std::string& path, const LabelRecording& recording) {
    namespace fs = std::filesystem;
    if (recording.datasetPath.empty() || labelFormatOf(path) != LabelFormat::Sigmf)
        return {};
    const fs::path metaFolder = fs::weakly_canonical(fs::absolute(path)).parent_path();
    const fs::path dataset = fs::weakly_canonical(fs::absolute(recording.datasetPath));
    if (dataset.parent_path() == metaFolder)
        return {};
    return fs::path(path).filename().string() + " names its dataset " +
           dataset.filename().string() + ", which SigMF readers look for beside it in " +
           metaFolder.string() + "; the recording is in " + dataset.parent_path().string() +
           ": keep the two side by side to open the labels with their samples";
}

std::vector<Label> readLabelFile(const std::string& path, const LabelRecording& recording) {
    if (!std::ifstream(path))
        throw Error(path, "cannot open the label file", "an existing, readable file");
    LabelFormat format = labelFormatOf(path);
    if (format == LabelFormat::Audacity && startsLikeRaven(path))
        format = LabelFormat::Raven;
    switch (format) {
    case LabelFormat::Csv:
        return readCsv(path);
    case LabelFormat::Audacity:
        return readAudacity(path);
    case LabelFormat::Raven:
        return readRaven(path);
    case LabelFormat::Sigmf:
        return labelsFromSigmf(path, recording);
    }
    return {};
}

} // namespace specedit::core
