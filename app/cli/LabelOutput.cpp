#include "cli/LabelOutput.h"

#include "label/LabelFiles.h"
#include "project/Project.h"

#include <algorithm>
#include <filesystem>

namespace specedit::cli {

bool isProjectPath(const std::string& path) {
    const std::string tail = ".specedit.json";
    return path.size() >= tail.size() &&
           path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
}

std::size_t writeLabelsTo(const std::string& out, std::vector<core::Label> labels,
                          const std::string& recordingPath, const core::OpenOptions& open,
                          const core::SampleSource& source) {
    namespace fs = std::filesystem;
    if (!isProjectPath(out)) {
        std::uint64_t next = 1; // labels without one (detected ones) are numbered in order
        for (const auto& l : labels)
            next = std::max(next, l.id + 1);
        for (auto& l : labels)
            if (l.id == 0)
                l.id = next++;
        core::writeLabelFile(out, labels, core::labelRecordingOf(source, recordingPath));
        return labels.size();
    }
    core::Project project;
    if (fs::exists(out)) {
        project = core::loadProject(out); // add to what is there: nothing is lost
    } else {
        const fs::path folder = fs::absolute(out).parent_path();
        project.source = fs::relative(fs::absolute(recordingPath), folder).generic_string();
        project.sourceOptions = open;
    }
    std::uint64_t next = 1;
    for (const auto& l : project.labels)
        next = std::max(next, l.id + 1);
    for (auto& l : labels) {
        l.id = next++;
        if (!l.className.empty() &&
            std::none_of(project.classes.begin(), project.classes.end(),
                         [&](const core::LabelClass& c) { return c.name == l.className; }))
            project.classes.push_back({l.className, "#4fc3f7", 0, nlohmann::json::object()});
        project.labels.push_back(l);
    }
    core::saveProject(project, out);
    return labels.size();
}

std::vector<core::Label> readLabelsFrom(const std::string& in) {
    if (isProjectPath(in))
        return core::loadProject(in).labels;
    return core::readLabelFile(in);
}

} // namespace specedit::cli
