#include "apply/RangeRender.h"

#include "apply/StreamingApply.h"
#include "io/SampleSink.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {

namespace {

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
    // A time within a millionth of a sample of a sample's is that sample's (a sample index
    // turned into seconds and back lost a sample to rounding now and then).
    constexpr double kSlack = 1e-6;
    const auto first = std::int64_t(std::floor(t0 * info.sampleRate + kSlack));
    return {first, std::int64_t(std::ceil(t1 * info.sampleRate - kSlack)) - first};
}

} // namespace

std::int64_t renderRangeTo(const SampleSource& source, StftParams params,
                           const std::vector<Shape>& shapes, double t0, double t1, SampleSink& sink,
                           JobControl& job) {
    const auto& info = source.info();
    const Span span = spanOf(info, t0, t1, std::numeric_limits<double>::infinity());
    ApplyOptions options;
    options.sourceName = info.files.empty() ? std::string() : info.files.front();
    options.rangeFirst = span.first;
    options.rangeCount = span.count;
    applyMask(source, params, shapes, sink, job, options);
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
