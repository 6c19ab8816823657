#pragma once
// A recording with one span of its frames replaced by samples held in memory: the edited
// result of the shown time range, read by the trace lane as if it were the recording (the
// frames outside the span read the recording itself, so a filter reaching past the span's
// edge still sees real samples).

#include "io/SampleSource.h"

#include <memory>
#include <vector>

namespace specedit::core {

class SpanOverlaySource : public SampleSource {
public:
    // samples: interleaved, base's channel layout, frames [firstFrame, firstFrame + n).
    // Throws Error when their count is not a whole number of frames.
    SpanOverlaySource(std::shared_ptr<const SampleSource> base, std::int64_t firstFrame,
                      std::vector<float> samples);

    const SignalInfo& info() const override { return m_base->info(); }
    void read(std::int64_t start, std::int64_t count, float* out) const override;

    std::int64_t firstFrame() const { return m_first; }
    std::int64_t spanFrames() const { return m_frames; }

private:
    std::shared_ptr<const SampleSource> m_base;
    std::int64_t m_first;
    std::int64_t m_frames;
    std::vector<float> m_samples;
};

} // namespace specedit::core
