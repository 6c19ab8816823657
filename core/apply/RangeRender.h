#pragma once
// Renders a stretch of a recording for listening: the original samples, or the edited signal
// (STFT -> mask -> ISTFT over the stretch plus one window of context either side, so the
// stretch sounds as it will in the full export). Memory holds the whole stretch: callers keep
// stretches short (playback of a view or a selection).

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

// Frames [first, first + count) of `base`, as a recording of its own (zeros outside).
class RangeSource : public SampleSource {
public:
    RangeSource(const SampleSource& base, std::int64_t first, std::int64_t count);
    const SignalInfo& info() const override { return m_info; }
    void read(std::int64_t start, std::int64_t count, float* out) const override;

private:
    const SampleSource& m_base;
    std::int64_t m_first;
    SignalInfo m_info;
};

// Streams the edited seconds [t0, t1) of source (clamped to the recording) into sink, with one
// window of context either side so the edges sound as in a full export; returns the frames
// written. Bounded memory, any length (exporting a selection). Throws Error, Cancelled.
std::int64_t renderRangeTo(const SampleSource& source, StftParams params,
                           const std::vector<Shape>& shapes, double t0, double t1, SampleSink& sink,
                           JobControl& job);

// Seconds [t0, t1) of source (clamped to the recording), original or edited. Throws Error
// for an empty range or one longer than maxSeconds; Cancelled. Any thread.
RenderedRange renderRange(const SampleSource& source, StftParams params,
                          const std::vector<Shape>& shapes, double t0, double t1, bool edited,
                          JobControl& job, double maxSeconds = 120.0);

} // namespace specedit::core
