#include "effect/SpectralEffects.h"

#include "effect/ReplaceFill.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {

struct SpectralEffects::Block {
    std::int64_t j0;
    int frames;
    std::complex<float>* spec;
};

namespace {

using Cf = std::complex<float>;

// A rectangle of cells, frames [jLo, jHi] x signed bins [sLo, sHi], with values row-major.
struct Window {
    std::int64_t jLo, jHi;
    int sLo, sHi;
    int width() const { return sHi - sLo + 1; }
    std::size_t size() const { return std::size_t((jHi - jLo + 1) * width()); }
    std::size_t index(std::int64_t j, int s) const {
        return std::size_t((j - jLo) * width() + (s - sLo));
    }
};

// The cells c grown by (rj, rs), clipped to the block and to the grid's bins.
Window grown(const MaskCells& c, std::int64_t rj, int rs, std::int64_t j0, int frames,
             const MaskGrid& g) {
    const int sMin = g.twoSided ? -(g.nfft / 2) : 0;
    const int sMax = g.twoSided ? (g.nfft - 1) / 2 : g.nfft / 2;
    return {std::max(j0, c.jLo - rj), std::min(j0 + frames - 1, c.jHi + rj),
            std::max(sMin, c.sLo - rs), std::min(sMax, c.sHi + rs)};
}

// Means of v (laid out on w) over the cells of w within (rj, rs) of each cell of `out` (a
// window inside w), laid out on out. Separable: means along bins, then along frames (a
// rectangle clipped to w has the same bins in every frame, so the mean of the rows' means is
// the rectangle's mean). Direct sums: the radii are small, and sums never subtract.
void boxMeans(const std::vector<float>& v, const Window& w, int rj, int rs, const Window& out,
              std::vector<float>& rows, std::vector<float>& result) {
    const int width = w.width(), ow = out.width();
    const std::int64_t height = w.jHi - w.jLo + 1;
    rows.resize(std::size_t(height) * std::size_t(ow));
    for (std::int64_t r = 0; r < height; ++r) {
        const float* row = v.data() + r * width - w.sLo;
        float* dst = rows.data() + r * ow;
        for (int s = out.sLo; s <= out.sHi; ++s) {
            const int lo = std::max(w.sLo, s - rs), hi = std::min(w.sHi, s + rs);
            float sum = 0;
            for (int i = lo; i <= hi; ++i)
                sum += row[i];
            dst[s - out.sLo] = sum / float(hi - lo + 1);
        }
    }
    result.resize(out.size());
    for (std::int64_t j = out.jLo; j <= out.jHi; ++j) {
        const std::int64_t a = std::max(w.jLo, j - rj) - w.jLo;
        const std::int64_t b = std::min(w.jHi, j + rj) - w.jLo;
        float* dst = result.data() + out.index(j, out.sLo);
        std::copy_n(rows.data() + a * ow, ow, dst);
        for (std::int64_t r = a + 1; r <= b; ++r) {
            const float* src = rows.data() + r * ow;
            for (int i = 0; i < ow; ++i)
                dst[i] += src[i];
        }
        const float scale = 1.0f / float(b - a + 1);
        for (int i = 0; i < ow; ++i)
            dst[i] *= scale;
    }
}

// Power of every cell of w.
void powerOf(const Window& w, const MaskGrid& g, std::int64_t j0, const Cf* spec,
             std::vector<float>& out) {
    out.resize(w.size());
    const int bins = g.bins();
    // Signed bins s <= -1 sit at the end of a two-sided spectrum: each row is at most two runs.
    for (std::int64_t j = w.jLo; j <= w.jHi; ++j) {
        float* dst = out.data() + w.index(j, w.sLo);
        const Cf* row = spec + (j - j0) * bins;
        for (int s = w.sLo; s <= w.sHi; ++s)
            *dst++ = std::norm(row[s < 0 ? s + bins : s]);
    }
}

// Whether coverage is simply 1 inside the box and 0 outside (a hard-edged rectangle alone).
bool isPlainRect(const Shape& s) {
    return s.type == ShapeType::Rect && s.featherS == 0 && s.featherHz == 0 && s.harmonics == 1;
}

// The bin's level interpolated in dB between the two sides (power).
double levelAt(const EffectContext& cx, std::int64_t j, int k) {
    if (cx.before.empty())
        return cx.after[std::size_t(k)];
    if (cx.after.empty())
        return cx.before[std::size_t(k)];
    const double a =
        std::clamp(double(j - cx.beforeFrame) / double(cx.afterFrame - cx.beforeFrame), 0.0, 1.0);
    const double b = std::max(1e-30, double(cx.before[std::size_t(k)]));
    const double f = std::max(1e-30, double(cx.after[std::size_t(k)]));
    return std::exp((1 - a) * std::log(b) + a * std::log(f));
}

// Frames [lo, hi] a shape can reach (one frame of slack either side; clamped in double).
std::pair<std::int64_t, std::int64_t> frameSpan(const Shape& s, const MaskGrid& g) {
    const TfBox box = s.harmonicBounds(referenceFrequency(g));
    const double perFrame = g.fs / g.hop;
    return {std::int64_t(std::clamp(std::floor(box.t0 * perFrame) - 1, -1e15, 1e15)),
            std::int64_t(std::clamp(std::ceil(g.reach(box.t1) * perFrame) + 1, -1e15, 1e15))};
}

} // namespace

template <typename S>
SpectralEffects::SpectralEffects(const SampleSource& source, const Stft<S>& stft,
                                 const std::vector<Shape>& shapes, int channel,
                                 const JobControl& job)
    : m_shapes(shapes), m_channel(channel) {
    const auto& p = stft.params();
    m_grid = MaskGrid::of(p, source.info(), Stft<S>::kComplexInput);
    for (const Shape& s : shapes)
        if (s.appliesTo(channel) && !s.noiseProfile &&
            (s.effect == ShapeEffect::Attenuate || s.effect == ShapeEffect::Denoise))
            m_smoothing.push_back(frameSpan(s, m_grid));
    if (std::none_of(shapes.begin(), shapes.end(), [channel](const Shape& s) {
            return s.isSpectralEffect() && s.appliesTo(channel);
        }))
        return;
    LaneSpectra<S> lane(source, stft, channel);
    std::vector<float> profile = measureProfile(lane, m_grid, shapes, channel, job);
    m_contexts.resize(shapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const Shape& s = shapes[i];
        if (!s.isSpectralEffect() || !s.appliesTo(channel))
            continue;
        auto cx = std::make_unique<EffectContext>();
        if (s.effect == ShapeEffect::Denoise)
            cx->noise = profile.empty() ? measureFloor(lane, m_grid, s, job) : profile;
        else
            measureLevels(lane, m_grid, s, int(i), *cx,
                          s.effect != ShapeEffect::Replace || s.fillFrom == FillFrom::Time);
        if (s.effect == ShapeEffect::Replace)
            computeReplaceFill(lane, p, m_grid, s, int(i), *cx, job);
        m_contexts[i] = std::move(cx);
    }
}

SpectralEffects::~SpectralEffects() = default;

// A shape farther than reach = kEffectReach x (smoothing shapes) frames from [j0, j1) cannot
// change them: each later shape carries a change at most kEffectReach frames further. Those
// nearer need kEffectReach frames each, so that the edge of the spectra read (where
// neighbours are missing) never reaches [j0, j1).
int SpectralEffects::margin(std::int64_t j0, std::int64_t j1) const {
    const std::int64_t reach = kEffectReach * std::int64_t(m_smoothing.size());
    int near = 0;
    for (const auto& [lo, hi] : m_smoothing)
        near += hi >= j0 - reach && lo < j1 + reach;
    return kEffectReach * near;
}

const EffectContext* SpectralEffects::context(int index) const {
    return index >= 0 && std::size_t(index) < m_contexts.size()
               ? m_contexts[std::size_t(index)].get()
               : nullptr;
}

void SpectralEffects::flushGains(const Block& b, Scratch& s, bool& pending) const {
    if (!pending)
        return;
    const std::size_t n = std::size_t(b.frames) * std::size_t(m_grid.bins());
    for (std::size_t i = 0; i < n; ++i)
        b.spec[i] *= s.gains[i];
    std::fill(s.gains.begin(), s.gains.end(), 1.0f);
    pending = false;
}

void SpectralEffects::apply(std::int64_t j0, int frames, std::complex<float>* spec,
                            Scratch& scratch) const {
    const Block b{j0, frames, spec};
    scratch.gains.assign(std::size_t(frames) * std::size_t(m_grid.bins()), 1.0f);
    bool pending = false;
    for (std::size_t i = 0; i < m_shapes.size(); ++i) {
        const Shape& s = m_shapes[i];
        if (!s.appliesTo(m_channel) || s.noiseProfile)
            continue;
        if (s.isGain()) {
            pending = multiplyShapeGain(s, m_grid, j0, frames, scratch.gains.data()) || pending;
            continue;
        }
        flushGains(b, scratch, pending);
        if (const EffectContext* cx = context(int(i)))
            applyEffect(s, *cx, b, scratch);
    }
    flushGains(b, scratch, pending);
}

void SpectralEffects::applyEffect(const Shape& shape, const EffectContext& cx, const Block& b,
                                  Scratch& sc) const {
    const MaskCells c = maskCells(shape, m_grid, b.j0, b.frames);
    if (c.empty())
        return;
    const int bins = m_grid.bins();
    const double ref = referenceFrequency(m_grid);
    const bool plain = isPlainRect(shape);
    const double df = m_grid.fs / m_grid.nfft, base = m_grid.twoSided ? m_grid.centerHz : 0.0;
    auto cells = [&](auto&& fn) {
        for (std::int64_t j = c.jLo; j <= c.jHi; ++j) {
            const double t = m_grid.frameTime(j);
            if (plain && (t < shape.t0 || t > shape.t1))
                continue;
            for (int s = c.sLo; s <= c.sHi; ++s) {
                const int k = s < 0 ? s + bins : s;
                const double f = double(s) * df + base; // MaskGrid::binFrequency(k)
                const double w = plain ? double(f >= shape.f0 && f <= shape.f1)
                                       : shape.harmonicCoverage(t, f, ref);
                if (w > 0)
                    fn(j, s, k, w, b.spec[(j - b.j0) * bins + k]);
            }
        }
    };
    if (shape.effect == ShapeEffect::Replace) {
        cells([&](std::int64_t j, int s, int, double w, Cf& x) {
            if (j < cx.fillJ0 || j >= cx.fillJ0 + cx.fillFrames || s < cx.fillS0 ||
                s >= cx.fillS0 + cx.fillBins)
                return;
            const Cf r = cx.fill[std::size_t((j - cx.fillJ0) * cx.fillBins + (s - cx.fillS0))];
            x = float(1 - w) * x + float(w) * r;
        });
        return;
    }
    const Window cw = grown(c, 0, 0, b.j0, b.frames, m_grid);
    if (shape.effect == ShapeEffect::Attenuate) {
        const Window pw = grown(c, 1, 2, b.j0, b.frames, m_grid);
        powerOf(pw, m_grid, b.j0, b.spec, sc.power);
        boxMeans(sc.power, pw, 1, 2, cw, sc.rows, sc.mean);
        cells([&](std::int64_t j, int s, int k, double w, Cf& x) {
            const double p = sc.mean[cw.index(j, s)];
            const double full = p > 0 ? std::min(1.0, std::sqrt(levelAt(cx, j, k) / p)) : 1.0;
            x *= float(1 + (std::pow(full, shape.amount) - 1) * w);
        });
        return;
    }
    // Denoise: gains on the cells grown by (1, 1), from power on the cells grown by (3, 2).
    const Window pw = grown(c, 3, 2, b.j0, b.frames, m_grid);
    const Window gw = grown(c, 1, 1, b.j0, b.frames, m_grid);
    powerOf(pw, m_grid, b.j0, b.spec, sc.power);
    boxMeans(sc.power, pw, 2, 1, gw, sc.rows, sc.mean);
    sc.gain.resize(gw.size());
    const double floor = std::pow(10.0, -shape.reductionDb / 20.0);
    for (std::int64_t j = gw.jLo; j <= gw.jHi; ++j)
        for (int s = gw.sLo; s <= gw.sHi; ++s) {
            const double p = sc.mean[gw.index(j, s)];
            const double n = cx.noise[std::size_t(s < 0 ? s + bins : s)];
            const double g2 = p > 0 ? 1 - kDenoiseBeta * n / p : 0.0; // the gain squared
            sc.gain[gw.index(j, s)] = float(g2 > floor * floor ? std::sqrt(g2) : floor);
        }
    boxMeans(sc.gain, gw, 1, 1, cw, sc.rows, sc.mean);
    cells([&](std::int64_t j, int s, int, double w, Cf& x) {
        x *= float(1 + (double(sc.mean[cw.index(j, s)]) - 1) * w);
    });
}

template SpectralEffects::SpectralEffects(const SampleSource&, const Stft<float>&,
                                          const std::vector<Shape>&, int, const JobControl&);
template SpectralEffects::SpectralEffects(const SampleSource&, const Stft<std::complex<float>>&,
                                          const std::vector<Shape>&, int, const JobControl&);

} // namespace specedit::core
