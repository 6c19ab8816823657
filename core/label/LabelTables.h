#pragma once
// The pieces of label/LabelFiles: tables (CSV through libcsv, Raven's tab-separated
// selections) and SigMF annotations. Internal to core/label.

#include "label/LabelFiles.h"

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace specedit::core {

// 12 significant digits, no trailing zeros: 0.055936, not the 0.05593600000000001 that frame
// arithmetic leaves (1 ps in a second, a millihertz at 1 GHz).
std::string number(double v);
// Throws Error (subject `where`) when text is not a whole finite number.
double parseNumber(const std::string& text, const std::string& where);
std::vector<std::string> splitTabs(const std::string& line);
// A CSV field quoted by libcsv's rules (always quoted, quotes doubled).
std::string csvQuoted(const std::string& text);

// Rows of fields of a delimited file, quotes resolved (libcsv). Throws Error on bad quoting.
std::vector<std::vector<std::string>> readTable(const std::string& path, char delimiter);

void writeCsv(std::ostream& out, const std::vector<Label>& labels);
std::vector<Label> readCsv(const std::string& path);
void writeRaven(std::ostream& out, const std::vector<Label>& labels);
std::vector<Label> readRaven(const std::string& path);

nlohmann::json sigmfWithLabels(const std::vector<Label>& labels, const LabelRecording& recording);
std::vector<Label> labelsFromSigmf(const std::string& path, const LabelRecording& recording);
// The same from a parsed document; `path` names it in errors.
std::vector<Label> labelsFromSigmfDocument(const nlohmann::json& doc,
                                           const LabelRecording& recording,
                                           const std::string& path);

} // namespace specedit::core
