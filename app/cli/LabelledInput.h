#pragma once
// The labelled recordings that features and export-bursts work on, from what the user named:
// a project (its recording, opening options, shapes and labels), a recording with --labels
// FILE, or a bare recording, whose bursts the detector proposes.

#include "cli/CliCommon.h"
#include "io/SampleSource.h"
#include "label/Label.h"
#include "mask/Shape.h"

#include <memory>
#include <string>
#include <vector>

namespace specedit::cli {

struct LabelSelection {
    std::string labelsFile;     // --labels (one input only)
    bool confirmedOnly = false; // --confirmed-only
    ChannelChoice channel;
    core::OpenOptions open;
    std::string templateProject; // --template: opening options for bare recordings
};

// Opening options for a bare recording: the user's, filled in from a template project's
// source options where the user said nothing (a folder of captures from one receiver).
// --template PROJECT on a command.
void addTemplateOption(CLI::App* cmd, std::string& templatePath);
core::OpenOptions withTemplate(const core::OpenOptions& user, const std::string& templatePath);

struct LabelledRecording {
    std::string input;     // as named on the command line
    std::string recording; // the recording's path
    std::unique_ptr<core::SampleSource> source;
    std::vector<core::Label> labels;
    std::vector<core::Shape> shapes; // a project's mask
    core::StftParams analysis;       // a project's (fs set), else the default
    int channel = -1;
    bool detected = false;      // the labels came from the detector
    bool fromRecording = false; // from the recording's own SigMF annotations
};

void addLabelSelection(CLI::App* cmd, LabelSelection& selection);

// Throws core::Error naming the input: unreadable project or recording, --labels with
// several inputs.
LabelledRecording openLabelled(const std::string& input, const LabelSelection& selection,
                               std::size_t inputCount, core::JobControl& job);

} // namespace specedit::cli
