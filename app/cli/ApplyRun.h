#pragma once
// The apply job shared by `apply` and `demo --apply`.

#include "apply/StreamingApply.h"
#include "io/SignalInfo.h"

#include <optional>
#include <ostream>
#include <string>

namespace specedit::cli {

struct ApplyOutcome {
    core::ApplyReport report;
    double seconds = 0;
    std::string source, output, datatype;
    core::SignalInfo info;
    std::size_t shapes = 0;
};

std::string defaultOutputPath(const std::string& projectPath, const std::string& sourcePath);
// Loads the project, opens its source, applies, writes atomically. Throws core::Error.
ApplyOutcome runApply(const std::string& projectPath, std::string out,
                      const std::optional<core::SampleType>& sampleType, unsigned threads);
void printApplySummary(const ApplyOutcome& outcome, std::ostream& os);

} // namespace specedit::cli
