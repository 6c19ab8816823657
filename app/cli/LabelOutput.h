#pragma once
// Where the label commands (detect, labels) read and write labels: label files in the formats
// core/label/LabelFiles knows, or a project (.specedit.json).

#include "io/OpenOptions.h"
#include "io/SampleSource.h"
#include "label/Label.h"
#include "label/Proposals.h"

#include <optional>
#include <string>
#include <vector>

namespace specedit::cli {

bool isProjectPath(const std::string& path);

struct LabelWrite {
    std::size_t written = 0;      // labels written (added, to a project)
    std::size_t replaced = 0;     // proposals of an earlier detection dropped from the project
    std::size_t alreadyThere = 0; // labels not added: the project had them already
};

// Labels to `out`. A project gets them added to the labels it already has (a new project is
// made for `recordingPath`, written relative to the project's folder, with `open`): detected
// bursts (`detectedIn`: where the detector looked) replace the proposals an earlier run left
// there and skip bursts a label has already (core::mergeProposals); other labels are added
// unless the project has one with the same box and class. Run twice, nothing doubles. A
// .sigmf-meta describes `source`, a raw recording in place. Labels without an id (detected
// ones) get the next free ones, in order.
LabelWrite writeLabelsTo(const std::string& out, std::vector<core::Label> labels,
                         const std::string& recordingPath, const core::OpenOptions& open,
                         const core::SampleSource& source,
                         const std::optional<core::LabelRegion>& detectedIn = std::nullopt);
// Throws before any work if labels cannot be written to `out`: an extension no label writer
// knows (a usage error naming `option`), or a folder that does not exist or is not writable.
void checkLabelOutput(const std::string& out, const std::string& option = "--out");

// "12 bursts, 3 proposed by an earlier run replaced, 2 already labelled there".
std::string describe(const LabelWrite& written, const char* what);

// Labels of a label file or a project.
std::vector<core::Label> readLabelsFrom(const std::string& in);

} // namespace specedit::cli
