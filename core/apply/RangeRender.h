#pragma once
// Renders a stretch of a recording for listening: the original samples, or the edited signal
// (the full export's blocks restricted to the stretch, so it sounds exactly as it will in
// the export, effects included). Memory holds the whole stretch: callers keep stretches short
// (playback of a view or a selection).

#include "dsp/StftParams.h"
#include "io/SampleSink.h"
#include "io/SampleSource.h"
#include "mask/Shape.h"
#include "util/JobControl.h"

#include <vector>

namespace specedit::core {

struct RenderedRange {
    std::vector<float> samples; // interleaved, the source's channel layout
    int channels = 1;
    double rate = 0;
    std::int64_t firstFrame = 0; // recording frame of samples[0]
};

// Streams the edited seconds [t0, t1) of source (clamped to the recording) into sink, as in
// the full export; returns the frames written. Bounded memory, any length (exporting a selection).
// Throws Error, Cancelled.
std::int64_t renderRangeTo(const SampleSource& source, StftParams params,
                           const std::vector<Shape>& shapes, double t0, double t1, SampleSink& sink,
                           JobControl& job);

// Seconds [t0, t1) of source (clamped to the recording), original or edited. Throws Error
// for an empty range or one longer than maxSeconds; Cancelled. Any thread.
RenderedRange renderRange(const SampleSource& source, StftParams params,
                          const std::vector<Shape>& shapes, double t0, double t1, bool edited,
                          JobControl& job, double maxSeconds = 120.0);

} // namespace specedit::core
