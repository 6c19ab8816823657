#include "apply/RangeRender.h"

#include "apply/StreamingApply.h"
#include "io/SampleSink.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {

RangeSource::RangeSource(const SampleSource& base, std::int64_t first, std::int64_t count)
    : m_base(base), m_first(first), m_info(base.info()) {
    m_info.frames = count;
}

void RangeSource::read(std::int64_t start, std::int64_t count, float* out) const {
    const int ch = m_info.channels;
    std::fill(out, out + count * ch, 0.0f);
    const std::int64_t lo = std::max<std::int64_t>(start, 0);
    const std::int64_t hi = std::min(start + count, m_info.frames);
    if (lo < hi)
        m_base.read(m_first + lo, hi - lo, out + (lo - start) * ch);
}

namespace {

// Shapes moved in time so that `offset` seconds becomes 0.
std::vector<Shape> shifted(std::vector<Shape> shapes, double offset) {
    for (auto& s : shapes) {
        s.t0 -= offset;
        s.t1 -= offset;
        for (auto& p : s.points)
            p.t -= offset;
    }
    return shapes;
}

// Passes on only frames [skip, skip + keep) of what it is given.
class TrimSink : public SampleSink {
public:
    TrimSink(SampleSink& inner, int channels, std::int64_t skip, std::int64_t keep)
        : m_inner(inner), m_channels(channels), m_skip(skip), m_keep(keep) {}
    void write(const float* v, std::int64_t frames) override {
        const std::int64_t lo = std::max<std::int64_t>(m_skip - m_seen, 0);
        const std::int64_t hi = std::min<std::int64_t>(m_skip + m_keep - m_seen, frames);
        if (lo < hi)
            m_inner.write(v + lo * m_channels, hi - lo);
        m_seen += frames;
    }
    std::int64_t clippedValues() const override { return m_inner.clippedValues(); }

private:
    SampleSink& m_inner;
    int m_channels;
    std::int64_t m_skip, m_keep, m_seen = 0;
};

struct Span {
    std::int64_t first = 0, count = 0;
};

Span spanOf(const SignalInfo& info, double t0, double t1, double maxSeconds) {
    t0 = std::clamp(t0, 0.0, info.duration());
    t1 = std::clamp(t1, 0.0, info.duration());
    if (!(t1 > t0))
        throw Error("range", "the range is empty", "a range inside the recording");
    if (t1 - t0 > maxSeconds)
        throw Error("range", "the range lasts " + std::to_string(t1 - t0) + " s",
                    "at most " + std::to_string(int(maxSeconds)) + " s; zoom in or select less");
    const auto first = std::int64_t(std::floor(t0 * info.sampleRate));
    return {first, std::int64_t(std::ceil(t1 * info.sampleRate)) - first};
}

} // namespace

std::int64_t renderRangeTo(const SampleSource& source, StftParams params,
                           const std::vector<Shape>& shapes, double t0, double t1, SampleSink& sink,
                           JobControl& job) {
    const auto& info = source.info();
    const Span span = spanOf(info, t0, t1, std::numeric_limits<double>::infinity());
    const std::int64_t margin = params.nperseg; // context so the edges sound as in the export
    const std::int64_t first = span.first - margin;
    const RangeSource range(source, first, span.count + 2 * margin);
    TrimSink trimmed(sink, info.channels, margin, span.count);
    ApplyOptions options;
    options.sourceName = info.files.empty() ? std::string() : info.files.front();
    applyMask(range, params, shifted(shapes, double(first) / info.sampleRate), trimmed, job,
              options);
    return span.count;
}

RenderedRange renderRange(const SampleSource& source, StftParams params,
                          const std::vector<Shape>& shapes, double t0, double t1, bool edited,
                          JobControl& job, double maxSeconds) {
    const auto& info = source.info();
    const Span span = spanOf(info, t0, t1, maxSeconds);
    RenderedRange out;
    out.channels = info.channels;
    out.rate = info.sampleRate;
    out.firstFrame = span.first;
    if (!edited) {
        out.samples.resize(std::size_t(span.count * out.channels));
        source.read(out.firstFrame, span.count, out.samples.data());
        return out;
    }
    MemorySink sink(out.channels);
    renderRangeTo(source, params, shapes, t0, t1, sink, job);
    out.samples = std::move(sink.samples());
    return out;
}

} // namespace specedit::core
