#include "cli/LabelledInput.h"

#include "cli/LabelOutput.h"
#include "detect/BurstDetector.h"
#include "io/SourceFactory.h"
#include "label/LabelFiles.h"
#include "label/LabelFit.h"
#include "project/Project.h"
#include "util/Error.h"

#include <algorithm>
#include <iostream>

namespace specedit::cli {

void addLabelSelection(CLI::App* cmd, LabelSelection& s) {
    cmd->add_option("--labels", s.labelsFile,
                    "Labels of a single recording (.csv, .txt, .selections.txt, .sigmf-meta); "
                    "without it: a SigMF recording's own annotations, or the bursts detected");
    cmd->add_flag("--confirmed-only", s.confirmedOnly, "Leave out proposed labels");
    addTemplateOption(cmd, s.templateProject);
    addOpenOptions(cmd, s.open);
    addChannelOptions(cmd, s.channel);
}

void addTemplateOption(CLI::App* cmd, std::string& templatePath) {
    cmd->add_option("--template", templatePath,
                    "A project whose opening options (format, rate, centre, IQ) apply to the "
                    "recordings named (options given here win)");
}

core::OpenOptions withTemplate(const core::OpenOptions& user, const std::string& templatePath) {
    if (templatePath.empty())
        return user;
    const core::OpenOptions t = core::loadProject(templatePath).sourceOptions;
    core::OpenOptions o = user;
    o.forceIq = user.forceIq || t.forceIq;
    o.forceAudio = user.forceAudio || t.forceAudio;
    o.swapIq = user.swapIq || t.swapIq;
    if (!o.rawFormat)
        o.rawFormat = t.rawFormat;
    if (!o.sampleRate)
        o.sampleRate = t.sampleRate;
    if (!o.centerFrequency)
        o.centerFrequency = t.centerFrequency;
    return o;
}

LabelledRecording openLabelled(const std::string& input, const LabelSelection& s,
                               std::size_t inputCount, core::JobControl& job) {
    if (!s.labelsFile.empty() && inputCount > 1)
        throw core::Error("--labels",
                          "names the labels of one recording, but " + std::to_string(inputCount) +
                              " inputs were given",
                          "one recording with --labels, or projects");
    LabelledRecording r;
    r.input = input;
    if (isProjectPath(input)) {
        const core::Project p = core::loadProject(input);
        r.recording = core::existingSourcePath(p, input);
        r.source = openInput(r.recording, p.sourceOptions);
        r.labels = p.labels;
        r.shapes = p.shapes;
        r.analysis = p.analysis;
    } else {
        r.recording = input;
        r.source = openInput(input, withTemplate(s.open, s.templateProject));
    }
    const auto& info = r.source->info();
    r.analysis.fs = info.sampleRate;
    r.channel = info.isComplex() ? -1 : resolveChannel(s.channel, info.channels, r.recording);
    if (!s.labelsFile.empty()) {
        r.labels =
            core::readLabelFile(s.labelsFile, core::labelRecordingOf(*r.source, r.recording));
    } else if (!isProjectPath(input)) {
        r.labels = core::labelsOfRecording(*r.source, r.recording); // a SigMF's annotations
        r.fromRecording = !r.labels.empty();
    }
    if (r.labels.empty() && s.labelsFile.empty() && !isProjectPath(input)) {
        core::DetectOptions d;
        d.channel = r.channel;
        r.labels = core::detectBursts(*r.source, core::detectionAnalysis(info.sampleRate), d, job);
        r.detected = true;
    }
    core::numberLabels(r.labels);
    if (s.confirmedOnly)
        std::erase_if(r.labels, [](const core::Label& l) { return !l.confirmed; });
    core::checkLabelsMeetRecording(r.labels, info, s.labelsFile.empty() ? input : s.labelsFile);
    for (auto& l : r.labels) {
        try {
            if (const std::string cut = core::fitToRecording(l, info); !cut.empty())
                std::cerr << "specedit-cli: warning: " << input << ": " << cut << "\n";
        } catch (const core::Error&) {
            // An empty box or one outside the recording: the command leaves it out and says why.
        }
    }
    return r;
}

} // namespace specedit::cli
