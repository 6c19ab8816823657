#include "effect/EffectContext.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

void readLane(const SampleSource& src, int, std::int64_t start, std::int64_t n,
              std::vector<std::complex<float>>& out, std::vector<float>&) {
    out.resize(std::size_t(n));
    readComplex(src, start, n, out.data());
}

void readLane(const SampleSource& src, int channel, std::int64_t start, std::int64_t n,
              std::vector<float>& out, std::vector<float>& scratch) {
    out.resize(std::size_t(n));
    readChannel(src, channel, start, n, out.data(), scratch);
}

// Calls fn(j, spectrum) for frames [jLo, jHi] of the lane, every frame when there are at most
// maxFrames of them, else maxFrames spread evenly; read in chunks so memory stays small.
template <typename S, typename Fn>
void forEachFrame(LaneSpectra<S>& lane, std::int64_t jLo, std::int64_t jHi, int maxFrames,
                  const JobControl& job, Fn&& fn) {
    jLo = std::max<std::int64_t>(jLo, 0);
    jHi = std::min(jHi, lane.frames() - 1);
    if (jLo > jHi)
        return;
    std::vector<std::complex<float>> spectra;
    const std::int64_t count = jHi - jLo + 1;
    const int bins = lane.bins();
    if (count <= maxFrames) {
        for (std::int64_t j = jLo; j <= jHi; j += 64) {
            job.checkCancelled();
            const std::int64_t n = std::min<std::int64_t>(64, jHi - j + 1);
            lane.read(j, n, spectra);
            for (std::int64_t i = 0; i < n; ++i)
                fn(j + i, spectra.data() + i * bins);
        }
        return;
    }
    for (int i = 0; i < maxFrames; ++i) {
        job.checkCancelled();
        const std::int64_t j = jLo + std::int64_t(double(i) * double(count) / maxFrames);
        lane.read(j, 1, spectra);
        fn(j, spectra.data());
    }
}

// Mean power per bin of frames [jLo, jHi] (clipped); empty when none is left.
template <typename S>
std::vector<float> meanPower(LaneSpectra<S>& lane, std::int64_t jLo, std::int64_t jHi) {
    std::vector<double> sum(std::size_t(lane.bins()), 0.0);
    int n = 0;
    forEachFrame(lane, jLo, jHi, kContextFrames, JobControl{}, [&](std::int64_t, auto* spec) {
        for (std::size_t k = 0; k < sum.size(); ++k)
            sum[k] += std::norm(spec[k]);
        ++n;
    });
    if (n == 0)
        return {};
    std::vector<float> out(sum.size());
    for (std::size_t k = 0; k < sum.size(); ++k)
        out[k] = float(sum[k] / n);
    return out;
}

// Running median over +-radius values (fewer at the ends).
std::vector<float> runningMedian(const std::vector<float>& v, int radius) {
    std::vector<float> out(v.size()), window;
    const int n = int(v.size());
    for (int i = 0; i < n; ++i) {
        const int a = std::max(0, i - radius), b = std::min(n - 1, i + radius);
        window.assign(v.begin() + a, v.begin() + b + 1);
        std::nth_element(window.begin(), window.begin() + window.size() / 2, window.end());
        out[std::size_t(i)] = window[window.size() / 2];
    }
    return out;
}

} // namespace

template <typename S>
LaneSpectra<S>::LaneSpectra(const SampleSource& source, const Stft<S>& stft, int channel)
    : m_source(source), m_stft(stft), m_channel(channel),
      m_frames(stft.frameCount(source.info().frames)), m_ws(stft.makeWorkspace()) {}

template <typename S>
void LaneSpectra<S>::read(std::int64_t j0, std::int64_t count,
                          std::vector<std::complex<float>>& out) {
    const int hop = m_stft.hop(), bins = m_stft.bins();
    readLane(m_source, m_channel, m_stft.frameStart(j0), (count - 1) * hop + m_stft.nperseg(),
             m_samples, m_scratch);
    out.resize(std::size_t(count * bins));
    for (std::int64_t i = 0; i < count; ++i)
        m_stft.forward(m_samples.data() + i * hop, out.data() + i * bins, m_ws);
}

std::pair<std::int64_t, std::int64_t> framesOutside(const Shape& shape, const MaskGrid& grid) {
    const TfBox b = shape.harmonicBounds(referenceFrequency(grid));
    const double perFrame = grid.fs / grid.hop;
    // Clamp in double first: a shape may reach far past the recording.
    const double before = std::clamp(std::ceil(b.t0 * perFrame) - 1, -1.0, 1e15);
    const double after = std::clamp(std::floor(b.t1 * perFrame) + 1, -1.0, 1e15);
    return {std::int64_t(before), std::int64_t(after)};
}

template <typename S>
void measureLevels(LaneSpectra<S>& lane, const MaskGrid& grid, const Shape& shape, int index,
                   EffectContext& out, bool required) {
    const auto [jb, ja] = framesOutside(shape, grid);
    out.before = meanPower(lane, jb - kContextFrames + 1, jb);
    out.after = meanPower(lane, ja, ja + kContextFrames - 1);
    out.beforeFrame = out.before.empty() ? -1 : std::min(jb, lane.frames() - 1);
    out.afterFrame = out.after.empty() ? -1 : std::max<std::int64_t>(ja, 0);
    if (required && out.before.empty() && out.after.empty())
        throw Error("shapes[" + std::to_string(index) + "]",
                    "effect " + toString(shape.effect) +
                        " has no recording before or after it to take levels from",
                    "a shape that leaves some of the recording on at least one side");
}

template <typename S>
std::vector<float> measureProfile(LaneSpectra<S>& lane, const MaskGrid& grid,
                                  const std::vector<Shape>& shapes, int channel,
                                  const JobControl& job) {
    const int bins = lane.bins();
    std::vector<double> sum(std::size_t(bins), 0.0);
    std::vector<std::int64_t> count(std::size_t(bins), 0);
    const double ref = referenceFrequency(grid);
    for (const Shape& s : shapes) {
        if (!s.noiseProfile || !s.appliesTo(channel))
            continue;
        const MaskCells c =
            maskCells(s, grid, 0, int(std::min<std::int64_t>(lane.frames(), 1 << 30)));
        if (c.empty())
            continue;
        forEachFrame(lane, c.jLo, c.jHi, kProfileFrames, job, [&](std::int64_t j, auto* spec) {
            for (int sb = c.sLo; sb <= c.sHi; ++sb) {
                const int k = binOfSignedIndex(grid, sb);
                if (s.harmonicCoverage(grid.frameTime(j), grid.binFrequency(k), ref) >= 0.5) {
                    sum[std::size_t(k)] += std::norm(spec[k]);
                    ++count[std::size_t(k)];
                }
            }
        });
    }
    if (std::all_of(count.begin(), count.end(), [](std::int64_t n) { return n == 0; }))
        return {};
    // Bins the profiles do not reach take the nearest measured bin's level.
    std::vector<float> out(std::size_t(bins), -1.0f);
    for (int k = 0; k < bins; ++k)
        if (count[std::size_t(k)] > 0)
            out[std::size_t(k)] = float(sum[std::size_t(k)] / double(count[std::size_t(k)]));
    for (int k = 1; k < bins; ++k)
        if (out[std::size_t(k)] < 0)
            out[std::size_t(k)] = out[std::size_t(k - 1)];
    for (int k = bins - 2; k >= 0; --k)
        if (out[std::size_t(k)] < 0)
            out[std::size_t(k)] = out[std::size_t(k + 1)];
    return out;
}

template <typename S>
std::vector<float> measureFloor(LaneSpectra<S>& lane, const MaskGrid& grid, const Shape& shape,
                                const JobControl& job) {
    const int bins = lane.bins();
    const MaskCells c =
        maskCells(shape, grid, 0, int(std::min<std::int64_t>(lane.frames(), 1 << 30)));
    std::vector<std::vector<float>> power(static_cast<std::size_t>(bins));
    // At most kFloorCells values held: fewer frames for very fine grids.
    const int frames = int(std::clamp<std::int64_t>(kFloorCells / bins, 16, kFloorFrames));
    forEachFrame(lane, c.jLo, c.jHi, frames, job, [&](std::int64_t, auto* spec) {
        for (int k = 0; k < bins; ++k)
            power[std::size_t(k)].push_back(std::norm(spec[k]));
    });
    std::vector<float> floor(std::size_t(bins), 0.0f);
    const double toMean = -1.0 / std::log(0.8);
    for (int k = 0; k < bins; ++k) {
        auto& v = power[std::size_t(k)];
        if (v.empty())
            continue;
        auto at = v.begin() + std::ptrdiff_t(v.size() / 5);
        std::nth_element(v.begin(), at, v.end());
        floor[std::size_t(k)] = float(*at * toMean);
    }
    return runningMedian(floor, kFloorMedianBins);
}

#define SPECEDIT_EFFECT_CONTEXT(S)                                                                 \
    template class LaneSpectra<S>;                                                                 \
    template void measureLevels(LaneSpectra<S>&, const MaskGrid&, const Shape&, int,               \
                                EffectContext&, bool);                                             \
    template std::vector<float> measureProfile(LaneSpectra<S>&, const MaskGrid&,                   \
                                               const std::vector<Shape>&, int, const JobControl&); \
    template std::vector<float> measureFloor(LaneSpectra<S>&, const MaskGrid&, const Shape&,       \
                                             const JobControl&);
SPECEDIT_EFFECT_CONTEXT(float)
SPECEDIT_EFFECT_CONTEXT(std::complex<float>)
#undef SPECEDIT_EFFECT_CONTEXT

} // namespace specedit::core
