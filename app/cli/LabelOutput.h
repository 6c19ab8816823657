#pragma once
// Where the label commands (detect, labels) read and write labels: label files in the formats
// core/label/LabelFiles knows, or a project (.specedit.json).

#include "io/OpenOptions.h"
#include "io/SampleSource.h"
#include "label/Label.h"

#include <string>
#include <vector>

namespace specedit::cli {

bool isProjectPath(const std::string& path);

// Labels to `out`. A project gets them added to the labels it already has (a new project is
// made for `recordingPath`, written relative to the project's folder, with `open`); a
// .sigmf-meta describes `source`, a raw recording in place. Labels without an id (detected
// ones) get the next free ones, in order. Returns how many were written.
std::size_t writeLabelsTo(const std::string& out, std::vector<core::Label> labels,
                          const std::string& recordingPath, const core::OpenOptions& open,
                          const core::SampleSource& source);

// Labels of a label file or a project.
std::vector<core::Label> readLabelsFrom(const std::string& in);

} // namespace specedit::cli
