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

// Mean of v (laid out on w) over the cells of w within (rj, rs) of (j, s).
float boxMean(const std::vector<float>& v, const Window& w, std::int64_t j, int s, int rj, int rs) {
    double sum = 0;
    int n = 0;
    for (std::int64_t a = std::max(w.jLo, j - rj); a <= std::min(w.jHi, j + rj); ++a)
        for (int b = std::max(w.sLo, s - rs); b <= std::min(w.sHi, s + rs); ++b) {
            sum += v[w.index(a, b)];
            ++n;
        }
    return n > 0 ? float(sum / n) : 0.0f;
}

// Power of every cell of w.
void powerOf(const Window& w, const MaskGrid& g, std::int64_t j0, const Cf* spec,
             std::vector<float>& out) {
    out.resize(w.size());
    const int bins = g.bins();
    for (std::int64_t j = w.jLo; j <= w.jHi; ++j)
        for (int s = w.sLo; s <= w.sHi; ++s)
            out[w.index(j, s)] = std::norm(spec[(j - j0) * bins + binOfSignedIndex(g, s)]);
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

int countSmoothing(const std::vector<Shape>& shapes, int channel) {
    int n = 0;
    for (const auto& s : shapes)
        n += s.appliesTo(channel) &&
             (s.effect == ShapeEffect::Attenuate || s.effect == ShapeEffect::Denoise) &&
             !s.noiseProfile;
    return n;
}

} // namespace

template <typename S>
SpectralEffects::SpectralEffects(const SampleSource& source, const Stft<S>& stft,
                                 const std::vector<Shape>& shapes, int channel,
                                 const JobControl& job)
    : m_shapes(shapes), m_channel(channel) {
    const auto& p = stft.params();
    m_grid = {p.fs, p.hop(), p.nfft, Stft<S>::kComplexInput,
              source.info().centerFrequency.value_or(0.0)};
    m_margin = kEffectReach * countSmoothing(shapes, channel);
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
            measureLevels(lane, m_grid, s, int(i), *cx);
        if (s.effect == ShapeEffect::Replace)
            computeReplaceFill(lane, p, m_grid, s, int(i), *cx, job);
        m_contexts[i] = std::move(cx);
    }
}

SpectralEffects::~SpectralEffects() = default;

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
    auto cells = [&](auto&& fn) {
        for (std::int64_t j = c.jLo; j <= c.jHi; ++j)
            for (int s = c.sLo; s <= c.sHi; ++s) {
                const int k = binOfSignedIndex(m_grid, s);
                const double w =
                    shape.harmonicCoverage(m_grid.frameTime(j), m_grid.binFrequency(k), ref);
                if (w > 0)
                    fn(j, s, k, w, b.spec[(j - b.j0) * bins + k]);
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
    if (shape.effect == ShapeEffect::Attenuate) {
        const Window pw = grown(c, 1, 2, b.j0, b.frames, m_grid);
        powerOf(pw, m_grid, b.j0, b.spec, sc.power);
        cells([&](std::int64_t j, int s, int k, double w, Cf& x) {
            const double p = boxMean(sc.power, pw, j, s, 1, 2);
            const double full = p > 0 ? std::min(1.0, std::sqrt(levelAt(cx, j, k) / p)) : 1.0;
            x *= float(1 + (std::pow(full, shape.amount) - 1) * w);
        });
        return;
    }
    // Denoise: gains on the cells grown by (1, 1), from power on the cells grown by (3, 2).
    const Window pw = grown(c, 3, 2, b.j0, b.frames, m_grid);
    const Window gw = grown(c, 1, 1, b.j0, b.frames, m_grid);
    powerOf(pw, m_grid, b.j0, b.spec, sc.power);
    sc.gain.resize(gw.size());
    const double floor = std::pow(10.0, -shape.reductionDb / 20.0);
    for (std::int64_t j = gw.jLo; j <= gw.jHi; ++j)
        for (int s = gw.sLo; s <= gw.sHi; ++s) {
            const double p = boxMean(sc.power, pw, j, s, 2, 1);
            const double n = cx.noise[std::size_t(binOfSignedIndex(m_grid, s))];
            const double g = p > 0 ? std::sqrt(std::max(0.0, 1 - kDenoiseBeta * n / p)) : 0.0;
            sc.gain[gw.index(j, s)] = float(std::max(floor, g));
        }
    cells([&](std::int64_t j, int s, int, double w, Cf& x) {
        x *= float(1 + (double(boxMean(sc.gain, gw, j, s, 1, 1)) - 1) * w);
    });
}

template SpectralEffects::SpectralEffects(const SampleSource&, const Stft<float>&,
                                          const std::vector<Shape>&, int, const JobControl&);
template SpectralEffects::SpectralEffects(const SampleSource&, const Stft<std::complex<float>>&,
                                          const std::vector<Shape>&, int, const JobControl&);

} // namespace specedit::core
