#include "io/SpanOverlaySource.h"

#include "util/Error.h"

#include <algorithm>

namespace specedit::core {

SpanOverlaySource::SpanOverlaySource(std::shared_ptr<const SampleSource> base,
                                     std::int64_t firstFrame, std::vector<float> samples)
    : m_base(std::move(base)), m_first(firstFrame), m_samples(std::move(samples)) {
    const auto channels = std::size_t(m_base->info().channels);
    if (channels == 0 || m_samples.size() % channels != 0)
        throw Error("span", std::to_string(m_samples.size()) + " samples",
                    "a whole number of frames of " + std::to_string(channels) + " channels");
    m_frames = std::int64_t(m_samples.size() / channels);
}

void SpanOverlaySource::read(std::int64_t start, std::int64_t count, float* out) const {
    const std::int64_t channels = m_base->info().channels;
    const std::int64_t end = start + count;
    const std::int64_t a = std::clamp(m_first, start, end);
    const std::int64_t b = std::clamp(m_first + m_frames, start, end);
    if (a >= b) { // the span is not in the request
        m_base->read(start, count, out);
        return;
    }
    if (a > start) // before the span
        m_base->read(start, a - start, out);
    std::copy_n(m_samples.data() + (a - m_first) * channels, (b - a) * channels,
                out + (a - start) * channels);
    if (end > b) // after it
        m_base->read(b, end - b, out + (b - start) * channels);
}

} // namespace specedit::core
