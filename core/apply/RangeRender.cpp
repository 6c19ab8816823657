#include "apply/RangeRender.h"

#include "apply/StreamingApply.h"
#include "io/SampleSink.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>

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

} // namespace

RenderedRange renderRange(const SampleSource& source, StftParams params,
                          const std::vector<Shape>& shapes, double t0, double t1, bool edited,
                          JobControl& job, double maxSeconds) {
    const auto& info = source.info();
    const double duration = info.duration();
    t0 = std::clamp(t0, 0.0, duration);
    t1 = std::clamp(t1, 0.0, duration);
    if (!(t1 > t0))
        throw Error("playback range", "the range is empty", "a range inside the recording");
    if (t1 - t0 > maxSeconds)
        throw Error("playback range", "the range lasts " + std::to_string(t1 - t0) + " s",
                    "at most " + std::to_string(int(maxSeconds)) + " s; zoom in or select less");
    RenderedRange out;
    out.channels = info.channels;
    out.rate = info.sampleRate;
    out.firstFrame = std::int64_t(std::floor(t0 * info.sampleRate));
    const std::int64_t count = std::int64_t(std::ceil(t1 * info.sampleRate)) - out.firstFrame;
    if (!edited) {
        out.samples.resize(std::size_t(count * out.channels));
        source.read(out.firstFrame, count, out.samples.data());
        return out;
    }
    const std::int64_t margin = params.nperseg; // context so the edges sound as in the export
    const std::int64_t first = out.firstFrame - margin;
    const RangeSource range(source, first, count + 2 * margin);
    MemorySink sink(out.channels);
    ApplyOptions options;
    options.sourceName = info.files.empty() ? std::string() : info.files.front();
    applyMask(range, params, shifted(shapes, double(first) / info.sampleRate), sink, job, options);
    auto& all = sink.samples();
    out.samples.assign(all.begin() + margin * out.channels,
                       all.begin() + (margin + count) * out.channels);
    return out;
}

} // namespace specedit::core
