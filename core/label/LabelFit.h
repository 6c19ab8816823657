#pragma once
// A label against the recording it is used with (features, clips, annotations): its box must
// hold some time and some band, and lie at least partly inside the recording's span (0 to
// its duration) and band (the centre +- half the sample rate for IQ, 0 to half the rate for
// audio). A label read from a file or a project made elsewhere can reach past the end or the
// Nyquist edge; measured as it was, its duration counted time that holds no samples and a
// clip's annotation claimed more samples than the clip held.

#include "io/SignalInfo.h"
#include "label/Label.h"

#include <string>
#include <utility>
#include <vector>

namespace specedit::core {

// The recording's band: the centre +- half the rate for IQ, 0 to half the rate for audio.
std::pair<double, double> bandOf(const SignalInfo& info);

// Cuts the label to the recording's span and band and says what it cut ("label 3: 9.99 to
// 10.5 s reaches past the recording (0 to 10 s): cut to 9.99 to 10 s"), or returns empty when
// it lies inside. Throws Error (subject "label N") for a box with no duration or no band, or
// one wholly outside the recording's span or band.
std::string fitToRecording(Label& label, const SignalInfo& info);

// Throws one Error (subject `labelsName`) when labels are given and none of them meets the
// recording's span or none its band: the labels of another recording, or frequencies given
// as absolute for a recording with no centre frequency (then it says --center), where each
// label alone would be refused with the same words.
void checkLabelsMeetRecording(const std::vector<Label>& labels, const SignalInfo& info,
                              const std::string& labelsName);

} // namespace specedit::core
