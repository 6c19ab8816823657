#include "cli/LabelOutput.h"

#include "io/AtomicFile.h"
#include "label/LabelFiles.h"
#include "project/Project.h"
#include "util/Error.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace specedit::cli {

bool isProjectPath(const std::string& path) {
    const std::string tail = ".specedit.json";
    return path.size() >= tail.size() &&
           path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
}

namespace {

bool sameBox(const core::Label& a, const core::Label& b) {
    return a.t0 == b.t0 && a.t1 == b.t1 && a.f0 == b.f0 && a.f1 == b.f1 &&
           a.className == b.className;
}

// The project's labels with the new ones: detected bursts merged as proposals, other labels
// added but for those the project has already (same box and class).
LabelWrite addToProject(core::Project& project, const std::vector<core::Label>& labels,
                        const std::optional<core::LabelRegion>& detectedIn) {
    LabelWrite w;
    std::vector<core::Label> all;
    if (detectedIn) {
        auto merged = core::mergeProposals(project.labels, labels, *detectedIn);
        w = {merged.added, merged.replaced, merged.alreadyThere};
        all = std::move(merged.labels);
    } else {
        all = project.labels;
        for (const auto& l : labels) {
            if (std::any_of(project.labels.begin(), project.labels.end(),
                            [&](const core::Label& p) { return sameBox(p, l); })) {
                ++w.alreadyThere;
                continue;
            }
            all.push_back(l);
            all.back().id = 0;
            ++w.written;
        }
    }
    core::numberLabels(all, project.labels); // ids of replaced proposals are not given again
    for (const auto& l : all)
        if (!l.className.empty() &&
            std::none_of(project.classes.begin(), project.classes.end(),
                         [&](const core::LabelClass& c) { return c.name == l.className; }))
            project.classes.push_back({l.className, "#4fc3f7", 0, nlohmann::json::object()});
    project.labels = std::move(all);
    return w;
}

} // namespace

void checkLabelOutput(const std::string& out, const std::string& option) {
    if (!isProjectPath(out)) {
        try {
            core::labelFormatOf(out);
        } catch (const core::Error&) {
            throw core::Error(option, out + " is not a file SpecEdit writes labels to",
                              ".csv, .txt (Audacity), .selections.txt (Raven), .sigmf-meta or "
                              ".specedit.json (a project)");
        }
    }
    core::requireWritable(out);
}

LabelWrite writeLabelsTo(const std::string& out, std::vector<core::Label> labels,
                         const std::string& recordingPath, const core::OpenOptions& open,
                         const core::SampleSource& source,
                         const std::optional<core::LabelRegion>& detectedIn) {
    namespace fs = std::filesystem;
    if (!isProjectPath(out)) {
        core::numberLabels(labels); // detected labels have no id yet
        const auto recording = core::labelRecordingOf(source, recordingPath);
        core::writeLabelFile(out, labels, recording);
        if (const std::string note = core::datasetAwayNote(out, recording); !note.empty())
            std::cerr << "specedit-cli: note: " << note << "\n";
        return {labels.size(), 0, 0};
    }
    core::Project project;
    if (fs::exists(out)) {
        project = core::loadProject(out); // add to what is there: nothing is lost
    } else {
        const fs::path folder = fs::absolute(out).parent_path();
        project.source = fs::relative(fs::absolute(recordingPath), folder).generic_string();
        project.sourceOptions = open;
    }
    const LabelWrite w = addToProject(project, labels, detectedIn);
    core::saveProject(project, out);
    return w;
}

std::string describe(const LabelWrite& w, const char* what) {
    std::string noun = what; // "1 burst", not "1 bursts"
    if (w.written == 1 && noun.ends_with('s'))
        noun.pop_back();
    std::string text = std::to_string(w.written) + " " + noun;
    if (w.replaced > 0)
        text += ", " + std::to_string(w.replaced) + " proposed by an earlier run replaced";
    if (w.alreadyThere > 0)
        text += ", " + std::to_string(w.alreadyThere) + " already labelled there";
    return text;
}

std::vector<core::Label> readLabelsFrom(const std::string& in) {
    if (isProjectPath(in))
        return core::loadProject(in).labels;
    return core::readLabelFile(in);
}

} // namespace specedit::cli
