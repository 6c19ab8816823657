#pragma once
// Labels in the files other tools read and write:
//   .csv              one row per label: id, class, t0_s, t1_s, f0_hz, f1_hz, state, snr_db,
//                     confidence, comment (RFC 4180 quoting);
//   .txt              Audacity's label track: "t0\tt1\tclass" with the frequency line
//                     "\\\tf0\tf1" under each label (Audacity 2.1+ spectral selections);
//   .selections.txt   Raven Pro's selection table (tab-separated, header "Selection", "Begin
//                     Time (s)", "End Time (s)", "Low Freq (Hz)", "High Freq (Hz)" and any
//                     other columns, which are kept in the label's extra keys); a .txt whose
//                     first line starts with "Selection\t" is read as Raven too;
//   .sigmf-meta       SigMF 1.x annotations (core:sample_start, core:sample_count,
//                     core:freq_lower_edge, core:freq_upper_edge, core:label, core:comment; other
//                     keys kept) with the recording described in "global" and "captures".
// Frequencies are absolute Hz, as in the project (SigMF's edges are absolute too).

#include "io/SampleSource.h"
#include "io/SignalInfo.h"
#include "label/Label.h"

#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

enum class LabelFormat { Csv, Audacity, Raven, Sigmf };

// By the path's name; throws Error for any other extension.
LabelFormat labelFormatOf(const std::string& path);

// The recording the labels belong to, for SigMF (sample indices and the "global" object):
// its rate and, for a recording that is not SigMF itself, its path and layout (written as a
// non-conforming dataset: core:dataset, core:header_bytes).
struct LabelRecording {
    double sampleRate = 0;
    std::optional<double> centerFrequency;
    std::string datatype;    // SigMF name ("ci16_le"); empty: unknown (no dataset written)
    std::string datasetPath; // the recording's file, described in place; empty: none
    std::int64_t headerBytes = 0;
};

// What a SigMF file needs to know of an open recording at `path`: its rate and centre, and for
// raw samples (or the data chunk of an I/Q WAV) the datatype and header bytes, so the
// metadata describes the file in place.
LabelRecording labelRecordingOf(const SampleSource& source, const std::string& path);

// The labels a recording carries itself: a SigMF recording's annotations (empty for any
// other kind, or none). Throws Error naming `path` and the annotation for a malformed one.
std::vector<Label> labelsOfRecording(const SampleSource& source, const std::string& path);

// Atomic write. Classes of the labels with no entry in a format (all but SigMF and CSV keep
// only the class name).
void writeLabelFile(const std::string& path, const std::vector<Label>& labels,
                    const LabelRecording& recording);
// Empty, or for SigMF metadata written away from the dataset it names, what a reader will miss:
// core:dataset is a file name, looked for beside the metadata (SigMF 1.0 non-conforming
// datasets), so the two must be side by side.
std::string datasetAwayNote(const std::string& path, const LabelRecording& recording);
// Throws Error naming the file and the line or entry for malformed content. SigMF needs the
// sample rate from its own "global" (or recording.sampleRate when it has none).
std::vector<Label> readLabelFile(const std::string& path, const LabelRecording& recording = {});

} // namespace specedit::core
