#pragma once
// Each label's burst as its own cleaned clip: the recording's mask plus an isolate mask on the
// label's band, cut to the label's span plus a margin, named by class and id, in the
// recording's kind (IQ stays IQ, as SigMF cf32 with the burst as its one annotation). The CLI's
// export-bursts and the editor's Labels > Export bursts as clips write through here.

#include "dsp/StftParams.h"
#include "io/SampleSource.h"
#include "label/Label.h"
#include "mask/Shape.h"
#include "util/JobControl.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace specedit::core {

struct BurstClipOptions {
    std::string folder;    // made if missing
    std::string extension; // without the dot; "" = defaultClipExtension
    double margin = 0.005; // seconds of context before and after each label
};

struct LeftOutLabel {
    std::uint64_t id = 0;
    std::string reason; // names the label: "label 2: the box 5 s to 6 s lies outside ..."
};

struct BurstClipsResult {
    std::vector<std::string> written;  // the clips' paths, in label order
    std::vector<LeftOutLabel> leftOut; // empty boxes, boxes outside the recording
};

// "sigmf-meta" for IQ, "wav" for audio.
std::string defaultClipExtension(const SignalInfo& info);

// The class as a file name: letters of any script kept ("Tür auf" -> "Tür_auf"), spaces and
// the characters file systems or shells trip on made '_'; "unlabeled" for no class.
std::string clipFileName(const std::string& className);

// The id in a clip's name, zero-padded to 4 digits ("0007") so that a folder lists its clips
// in label order; longer ids keep all their digits.
std::string clipIdText(std::uint64_t id);

// Where the label's clip goes: the folder, the class as a file name, the id, the extension
// (the SigMF metadata's path for SigMF; its data file sits beside it).
std::string clipPath(const BurstClipOptions& options, const SignalInfo& info, const Label& label);

// Throws Error for a bad margin or extension or a folder that cannot be made (before anything
// is written), for a failed write (which ends the export), Cancelled; a label that cannot be
// cut (empty, outside the recording) is left out, said to `leftOut` at once (if given) and
// in the result.
BurstClipsResult writeBurstClips(const SampleSource& source, const std::string& recordingPath,
                                 const StftParams& analysis, const std::vector<Shape>& shapes,
                                 const std::vector<Label>& labels, const BurstClipOptions& options,
                                 JobControl& job,
                                 const std::function<void(const LeftOutLabel&)>& leftOut = {});

// Makes the folder for clips; throws Error naming it when it cannot be made or is a file.
void makeClipFolder(const std::string& folder);

} // namespace specedit::core
