#include "apply/StreamingApply.h"

#include "dsp/EdgeExtension.h"
#include "dsp/Stft.h"
#include "effect/SpectralEffects.h"
#include "mask/MaskRasterizer.h"
#include "util/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <future>
#include <mutex>

namespace specedit::core {
namespace {

// Scratch owned by one in-flight block; recycled through a pool so that steady state
// allocates nothing.
template <typename S> struct BlockContext {
    typename Stft<S>::Workspace ws;
    std::vector<float> input;                 // interleaved source samples for the block's frames
    std::vector<S> channel;                   // one channel (or the complex IQ signal) of input
    std::vector<S> synth;                     // synthesised output of one channel
    std::vector<float> gains;                 // rasterised mask, frames x bins
    std::vector<std::complex<float>> spectra; // a lane's frames, when effects need neighbours
    SpectralEffects::Scratch effects;
    std::vector<typename Stft<S>::Real> norm;
    std::vector<float> output; // interleaved result, handed to the writer
};

constexpr std::int64_t kMaxEffectCells = std::int64_t(4) << 20;

template <typename S> class Pipeline {
public:
    Pipeline(const SampleSource& src, const StftParams& p, const std::vector<Shape>& shapes,
             const ApplyOptions& opt)
        : m_src(src), m_stft(p), m_shapes(shapes), m_opt(opt) {
        const std::int64_t hop = p.hop();
        const std::int64_t minBlock = 64 * hop;
        std::int64_t target = std::max(opt.blockSamples, minBlock);
        // Effects keep a block's spectra: at most kMaxEffectCells of them (32 MB) per block.
        if (std::any_of(shapes.begin(), shapes.end(),
                        [](const Shape& s) { return s.isSpectralEffect(); }))
            target = std::max(minBlock, std::min(target, kMaxEffectCells / m_stft.bins() * hop));
        m_blockLen = (target + hop - 1) / hop * hop;
        m_frames = m_stft.frameCount(src.info().frames);
        m_first = std::clamp<std::int64_t>(opt.rangeFirst, 0, src.info().frames);
        m_total = opt.rangeCount < 0 ? src.info().frames
                                     : std::min(src.info().frames, m_first + opt.rangeCount);
        m_channels = src.info().channels;
        m_grid = MaskGrid::of(p, src.info(), Stft<S>::kComplexInput);
        // The frames over the ends see the recording continued, not cut off by zeros.
        const std::int64_t pastEnd =
            m_frames > 0 ? m_stft.frameStart(m_frames - 1) + p.nperseg - src.info().frames : 0;
        m_edges = EdgeExtension::of(src, -m_stft.frameStart(0), pastEnd,
                                    EdgeExtension::historyFor(p.nperseg));
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            const int c = shapes[i].channel;
            if (c < 0)
                continue;
            m_perChannel = true;
            if (Stft<S>::kComplexInput || c >= m_channels)
                throw Error("shapes[" + std::to_string(i) + "]",
                            "applies to channel " + std::to_string(c) + " but the recording " +
                                (Stft<S>::kComplexInput
                                     ? std::string("is IQ (one signal)")
                                     : "has " + std::to_string(m_channels) + " channels"),
                            "a channel of the recording, or every channel");
        }
    }

    std::int64_t blockCount() const {
        return std::max<std::int64_t>(0, (m_total - m_first + m_blockLen - 1) / m_blockLen);
    }

    // Measures what effect shapes need, once per lane, before any block runs.
    void prepareEffects(const JobControl& job) {
        const int lanes = Stft<S>::kComplexInput ? 1 : m_channels;
        for (int c = 0; c < lanes; ++c)
            m_effects.push_back(std::make_unique<SpectralEffects>(
                m_src, m_stft, m_shapes, Stft<S>::kComplexInput ? -1 : c, job));
    }

    std::unique_ptr<BlockContext<S>> acquire() {
        std::lock_guard lock(m_poolMutex);
        if (m_free.empty()) {
            auto ctx = std::make_unique<BlockContext<S>>();
            ctx->ws = m_stft.makeWorkspace();
            return ctx;
        }
        auto ctx = std::move(m_free.back());
        m_free.pop_back();
        return ctx;
    }
    void release(std::unique_ptr<BlockContext<S>> ctx) {
        std::lock_guard lock(m_poolMutex);
        m_free.push_back(std::move(ctx));
    }

    // Computes block b into ctx.output (interleaved, n1 - n0 frames). Any thread.
    void run(std::int64_t b, BlockContext<S>& ctx, const JobControl& job) const {
        const std::int64_t n0 = m_first + b * m_blockLen;
        const std::int64_t n1 = std::min(m_total, n0 + m_blockLen);
        // Plain names, not a structured binding: clang 14 (the fuzz build) cannot capture one.
        const auto frames = m_stft.framesCovering(n0, n1, m_frames);
        const int margin = effectMargin(frames.first, frames.second);
        const auto jFirst = std::max<std::int64_t>(0, frames.first - margin);
        const auto jEnd = std::min(m_frames, frames.second + margin);
        const std::int64_t inStart = m_stft.frameStart(jFirst);
        const std::int64_t inLen = m_stft.frameStart(jEnd - 1) + m_stft.nperseg() - inStart;
        readInput(ctx, inStart, inLen);
        const int bins = m_stft.bins();
        bool masked = false;
        auto rasterize = [&](int channel) {
            ctx.gains.resize(std::size_t((jEnd - jFirst) * bins));
            masked = rasterizeMask(m_shapes, m_grid, jFirst, int(jEnd - jFirst), ctx.gains.data(),
                                   channel);
        };
        if (!isIdentityMask(m_shapes) && !m_perChannel)
            rasterize(-1);
        ctx.output.resize(std::size_t((n1 - n0) * m_channels));
        const int lanes = Stft<S>::kComplexInput ? 1 : m_channels;
        for (int c = 0; c < lanes; ++c) {
            job.checkCancelled();
            if (m_perChannel) // shapes for one channel: each lane has its own mask
                rasterize(c);
            extractLane(ctx, c, inLen);
            ctx.synth.resize(std::size_t(n1 - n0));
            if (m_effects[std::size_t(c)]->active()) {
                runEffects(*m_effects[std::size_t(c)], ctx, jFirst, jEnd, inStart);
                m_stft.synthesize(
                    n0, n1, m_frames,
                    [&](std::int64_t j, std::complex<typename Stft<S>::Real>* spec) {
                        std::copy_n(ctx.spectra.data() + (j - jFirst) * bins, bins, spec);
                    },
                    ctx.synth.data(), ctx.norm, ctx.ws);
                storeLane(ctx, c, n1 - n0);
                continue;
            }
            auto frameFn = [&](std::int64_t j, std::complex<typename Stft<S>::Real>* spec) {
                const S* seg = ctx.channel.data() + (m_stft.frameStart(j) - inStart);
                m_stft.forward(seg, spec, ctx.ws);
                if (masked) {
                    const float* g = ctx.gains.data() + (j - jFirst) * bins;
                    for (int k = 0; k < bins; ++k)
                        spec[k] *= g[k];
                }
            };
            m_stft.synthesize(n0, n1, m_frames, frameFn, ctx.synth.data(), ctx.norm, ctx.ws);
            storeLane(ctx, c, n1 - n0);
        }
    }

private:
    int effectMargin(std::int64_t j0, std::int64_t j1) const {
        int m = 0;
        for (const auto& e : m_effects)
            m = std::max(m, e->active() ? e->margin(j0, j1) : 0);
        return m;
    }
    // Every frame of [jFirst, jEnd) into ctx.spectra, then the shapes in order.
    void runEffects(const SpectralEffects& fx, BlockContext<S>& ctx, std::int64_t jFirst,
                    std::int64_t jEnd, std::int64_t inStart) const {
        const int bins = m_stft.bins();
        ctx.spectra.resize(std::size_t((jEnd - jFirst) * bins));
        for (std::int64_t j = jFirst; j < jEnd; ++j)
            m_stft.forward(ctx.channel.data() + (m_stft.frameStart(j) - inStart),
                           ctx.spectra.data() + (j - jFirst) * bins, ctx.ws);
        fx.apply(jFirst, int(jEnd - jFirst), ctx.spectra.data(), ctx.effects);
    }

    void readInput(BlockContext<S>& ctx, std::int64_t start, std::int64_t len) const {
        ctx.input.resize(std::size_t(len * m_channels));
        m_src.read(start, len, ctx.input.data());
        m_edges.fill(start, len, ctx.input.data());
        checkFinite(ctx.input.data(), len, m_channels, start, m_opt.sourceName);
    }
    void extractLane(BlockContext<S>& ctx, int c, std::int64_t len) const {
        ctx.channel.resize(std::size_t(len));
        for (std::int64_t i = 0; i < len; ++i) {
            if constexpr (Stft<S>::kComplexInput)
                ctx.channel[std::size_t(i)] =
                    S(ctx.input[std::size_t(2 * i)], ctx.input[std::size_t(2 * i + 1)]);
            else
                ctx.channel[std::size_t(i)] = ctx.input[std::size_t(i * m_channels + c)];
        }
    }
    void storeLane(BlockContext<S>& ctx, int c, std::int64_t len) const {
        for (std::int64_t i = 0; i < len; ++i) {
            if constexpr (Stft<S>::kComplexInput) {
                ctx.output[std::size_t(2 * i)] = ctx.synth[std::size_t(i)].real();
                ctx.output[std::size_t(2 * i + 1)] = ctx.synth[std::size_t(i)].imag();
            } else {
                ctx.output[std::size_t(i * m_channels + c)] = ctx.synth[std::size_t(i)];
            }
        }
    }

    const SampleSource& m_src;
    Stft<S> m_stft;
    const std::vector<Shape>& m_shapes;
    ApplyOptions m_opt;
    MaskGrid m_grid;
    EdgeExtension m_edges;
    std::int64_t m_blockLen = 0, m_first = 0, m_total = 0, m_frames = 0;
    std::vector<std::unique_ptr<SpectralEffects>> m_effects; // per lane
    int m_channels = 1;
    bool m_perChannel = false; // some shape applies to one channel only
    std::mutex m_poolMutex;
    std::vector<std::unique_ptr<BlockContext<S>>> m_free;
};

template <typename S>
ApplyReport runPipeline(const SampleSource& src, const StftParams& params,
                        const std::vector<Shape>& shapes, SampleSink& writer, JobControl& job,
                        const ApplyOptions& opt) {
    Pipeline<S> pipe(src, params, shapes, opt);
    pipe.prepareEffects(job);
    ApplyReport report;
    report.blocks = pipe.blockCount();
    using Ctx = std::unique_ptr<BlockContext<S>>;
    struct InFlight {
        std::shared_ptr<Ctx> ctx;
        std::future<void> done;
    };
    std::deque<InFlight> queue;
    std::atomic<bool> abort{false}; // set on failure so queued blocks return at once
    ThreadPool pool(opt.threads);   // declared last: joins before everything it uses dies
    const std::size_t limit = pool.size() + 2;
    std::int64_t next = 0, written = 0;
    try {
        while (next < report.blocks || !queue.empty()) {
            while (next < report.blocks && queue.size() < limit) {
                auto ctx = std::make_shared<Ctx>(pipe.acquire());
                const std::int64_t b = next++;
                queue.push_back({ctx, pool.submit([&pipe, ctx, b, &job, &abort] {
                                     if (abort)
                                         return;
                                     job.checkCancelled();
                                     pipe.run(b, **ctx, job);
                                 })});
            }
            InFlight front = std::move(queue.front());
            queue.pop_front();
            front.done.get();
            job.checkCancelled();
            auto& out = (*front.ctx)->output;
            writer.write(out.data(), std::int64_t(out.size()) / src.info().channels);
            report.frames += std::int64_t(out.size()) / src.info().channels;
            pipe.release(std::move(*front.ctx));
            job.setProgress(double(++written) / double(report.blocks));
        }
    } catch (...) {
        abort = true;
        for (auto& f : queue)
            f.done.wait();
        throw;
    }
    report.clippedValues = writer.clippedValues();
    return report;
}

} // namespace

ApplyReport applyMask(const SampleSource& source, StftParams params,
                      const std::vector<Shape>& shapes, SampleSink& writer, JobControl& job,
                      const ApplyOptions& options) {
    params.fs = source.info().sampleRate;
    if (options.threads > 256)
        throw Error("--threads", std::to_string(options.threads) + " threads requested",
                    "0 (all cores) to 256");
    for (std::size_t i = 0; i < shapes.size(); ++i)
        shapes[i].validate("shapes[" + std::to_string(i) + "]");
    if (source.info().isComplex())
        return runPipeline<std::complex<float>>(source, params, shapes, writer, job, options);
    return runPipeline<float>(source, params, shapes, writer, job, options);
}

} // namespace specedit::core
