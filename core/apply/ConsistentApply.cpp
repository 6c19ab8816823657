#include "apply/ConsistentApply.h"

#include "dsp/EdgeExtension.h"
#include "mask/MaskRasterizer.h"
#include "phase/PhaseRetrieval.h"
#include "phase/StftOperator.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;

template <typename S> S laneValue(const float* frame, int c) {
    if constexpr (std::is_same_v<S, double>)
        return frame[c];
    else
        return S(frame[0], frame[1]);
}

// One channel of the source (c >= 0) or the IQ signal (c == -1), finite-checked, with
// `margin` samples of the recording continued (EdgeExtension) before and after it.
template <typename S>
std::vector<S> readLane(const SampleSource& src, int c, std::int64_t margin,
                        const EdgeExtension& edges) {
    const auto& info = src.info();
    const std::int64_t n = info.frames;
    std::vector<S> x(static_cast<std::size_t>(n + 2 * margin));
    std::vector<float> buffer;
    const std::int64_t chunk = 1 << 16;
    const std::string name = info.files.empty() ? std::string("recording") : info.files[0];
    for (std::int64_t s = 0; s < n; s += chunk) {
        const std::int64_t count = std::min(chunk, n - s);
        buffer.resize(std::size_t(count * info.channels));
        src.read(s, count, buffer.data());
        checkFinite(buffer.data(), count, info.channels, s, name);
        for (std::int64_t i = 0; i < count; ++i)
            x[std::size_t(margin + s + i)] = laneValue<S>(buffer.data() + i * info.channels, c);
    }
    for (const std::int64_t start : {-margin, n}) {
        buffer.assign(std::size_t(margin * info.channels), 0.0f);
        edges.fill(start, margin, buffer.data());
        for (std::int64_t i = 0; i < margin; ++i)
            x[std::size_t(margin + start + i)] = laneValue<S>(buffer.data() + i * info.channels, c);
    }
    return x;
}

// Samples the recording is continued by at each end: whole hops, at least a window, so that
// every frame over an edge sees the continuation and is itself overlapped by frames that do.
std::int64_t edgeMargin(const StftParams& p) {
    return (p.nperseg + p.hop() - 1) / p.hop() * p.hop();
}

struct LaneResult {
    double beforeDb = 0, afterDb = 0;
};

template <typename S>
LaneResult consistentLane(const SampleSource& src, const StftParams& p,
                          const std::vector<Shape>& shapes, int lane, int iterations,
                          const EdgeExtension& edges, JobControl& job, std::vector<S>& out) {
    // The whole analysis runs on the recording continued past its ends (as the streaming
    // export's frames see it), so a sound removed up to an edge is removed there too; its
    // frames are the recording's, shifted by whole hops, and only the recording is kept.
    const std::int64_t margin = edgeMargin(p);
    const std::vector<S> x = readLane<S>(src, lane, margin, edges);
    const auto length = std::int64_t(x.size());
    auto op = StftOperator<S>::wholeSignal(p, length, 0);
    if (op.coefficients() > kMaxConsistentCoefficients)
        throw Error("consistent resynthesis",
                    "the edited STFT has " + std::to_string(op.coefficients()) +
                        " coefficients per channel",
                    "at most " + std::to_string(kMaxConsistentCoefficients) +
                        " (export a selection, or use a shorter window or a larger hop)");
    const MaskGrid grid = MaskGrid::of(p, src.info(), StftOperator<S>::kComplexSignal);
    std::vector<float> gains(op.coefficients());
    rasterizeMask(shapes, grid, -margin / p.hop(), int(op.frames()), gains.data(),
                  StftOperator<S>::kComplexSignal ? -1 : lane);
    std::vector<Complex> edited(op.coefficients());
    op.analyse(x.data(), edited.data());
    MagnitudeGrid target{op.bins(), op.frames(), std::vector<double>(edited.size())};
    for (std::size_t i = 0; i < edited.size(); ++i) {
        edited[i] *= double(gains[i]);
        target.values[i] = std::abs(edited[i]);
    }
    PhaseRetrievalOptions o;
    // From the edited phase, which is nearly right already: RAAR's reflections first move
    // away from it, fast Griffin-Lim improves it from the first iteration.
    o.method = PhaseMethod::FastGriffinLim;
    o.init = InitialPhase::Given;
    o.given = &edited;
    o.iterations = iterations;
    auto r = retrievePhase<S>(target, p, length, o, job);
    out.assign(r.signal.begin() + margin, r.signal.end() - margin);
    return {r.initialDb, r.finalDb};
}

template <typename S>
ConsistentReport run(const SampleSource& src, const StftParams& p, const std::vector<Shape>& shapes,
                     SampleSink& sink, JobControl& job, int iterations) {
    const auto& info = src.info();
    const int lanes = StftOperator<S>::kComplexSignal ? 1 : info.channels;
    std::vector<std::vector<S>> results(static_cast<std::size_t>(lanes));
    ConsistentReport report;
    report.beforeDb = report.afterDb = -1e300;
    const std::int64_t margin = edgeMargin(p);
    const auto edges = EdgeExtension::of(src, margin, margin, EdgeExtension::historyFor(p.nperseg));
    for (int c = 0; c < lanes; ++c) {
        const auto r = consistentLane<S>(src, p, shapes, StftOperator<S>::kComplexSignal ? -1 : c,
                                         iterations, edges, job, results[std::size_t(c)]);
        report.beforeDb = std::max(report.beforeDb, r.beforeDb);
        report.afterDb = std::max(report.afterDb, r.afterDb);
    }
    const std::int64_t n = info.frames, chunk = 1 << 16;
    std::vector<float> buffer;
    for (std::int64_t s = 0; s < n; s += chunk) {
        const std::int64_t count = std::min(chunk, n - s);
        buffer.assign(std::size_t(count * info.channels), 0.0f);
        for (std::int64_t i = 0; i < count; ++i)
            for (int c = 0; c < lanes; ++c) {
                const S v = results[std::size_t(c)][std::size_t(s + i)];
                if constexpr (std::is_same_v<S, double>) {
                    buffer[std::size_t(i * info.channels + c)] = float(v);
                } else {
                    buffer[std::size_t(2 * i)] = float(v.real());
                    buffer[std::size_t(2 * i + 1)] = float(v.imag());
                }
            }
        sink.write(buffer.data(), count);
    }
    report.frames = n;
    report.clippedValues = sink.clippedValues();
    return report;
}

} // namespace

ConsistentReport applyMaskConsistent(const SampleSource& source, StftParams params,
                                     const std::vector<Shape>& shapes, SampleSink& sink,
                                     JobControl& job, int iterations) {
    params.fs = source.info().sampleRate;
    if (iterations < 1 || iterations > 10000)
        throw Error("consistent resynthesis", std::to_string(iterations) + " iterations",
                    "1 to 10000");
    for (std::size_t i = 0; i < shapes.size(); ++i)
        shapes[i].validate("shapes[" + std::to_string(i) + "]");
    if (source.info().frames < 1)
        throw Error("consistent resynthesis", "the recording is empty", "at least one sample");
    if (source.info().isComplex())
        return run<Complex>(source, params, shapes, sink, job, iterations);
    return run<double>(source, params, shapes, sink, job, iterations);
}

} // namespace specedit::core
