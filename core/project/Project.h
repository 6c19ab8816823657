#pragma once
// The document's data: one recording, one set of analysis parameters, one ordered list of
// shapes (DESIGN.md section 1), and the labels with their classes. Plain values; the editor's
// Document wraps it with undo.

#include "dsp/StftParams.h"
#include "io/OpenOptions.h"
#include "label/Label.h"
#include "mask/Shape.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

// How the editor showed the recording when the project was saved: visible time (s) and
// frequency (Hz, absolute for IQ with a centre) ranges, the dB levels and the colormap name.
// Not an edit: it does not make a project modified.
struct ViewState {
    double t0 = 0, t1 = 0, f0 = 0, f1 = 0;
    double minDb = -120, maxDb = 0;
    std::string colormap = "inferno";
    std::string frequencyScale = "linear"; // "linear", "log" or "mel" (the last two: audio)

    bool operator==(const ViewState&) const = default;
};

struct Project {
    static constexpr int kVersion = 1;

    std::string source;        // as written in the file: relative to the project's folder
    OpenOptions sourceOptions; // how to open the source (IQ, raw format, overrides)
    // Analysis parameters; fs is not stored (it is the recording's rate) and stays 1 here.
    StftParams analysis = StftParams::make(WindowSpec{}, 4096, 3072, 4096);
    // "auto_length" in "analysis": the window length follows the zoom (the editor's Auto);
    // false when the user chose a length, which then stays.
    bool autoLength = false;
    std::vector<Shape> shapes;
    std::vector<LabelClass> classes; // "classes": names, colours and hotkeys
    std::vector<Label> labels;       // "labels": boxes with a class (label/LabelJson.h)
    std::optional<ViewState> view;   // "view" in the file; absent: fit the recording
    // Keys this version does not know, at top level and inside "analysis"; kept on save.
    nlohmann::json unknown = nlohmann::json::object();
    nlohmann::json unknownAnalysis = nlohmann::json::object();
    nlohmann::json unknownSourceOptions = nlohmann::json::object();
};

// Throws Error naming the project file: bad JSON (with position), a newer version, missing
// "source", wrong types, invalid shapes ("shapes[2]: ..."), classes or labels (a label of a
// class that is not listed, two classes with one hotkey).
Project loadProject(const std::string& path);
// Atomic write; the source path is written as given (keep it relative).
void saveProject(const Project& project, const std::string& path);
// The source recording's path: `source` resolved against the project file's folder.
std::string resolveSourcePath(const Project& project, const std::string& projectPath);
// resolveSourcePath, or an Error naming the project, its "source" and where it was looked for
// when nothing is there (a project moved without its recording).
std::string existingSourcePath(const Project& project, const std::string& projectPath);

Project projectFromJson(const nlohmann::json& doc, const std::string& fileForErrors);
nlohmann::json projectToJson(const Project& project);

} // namespace specedit::core
