#include "effect/ReplaceFill.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace specedit::core {
namespace {

using Cf = std::complex<float>;

// The work area: spectra of frames [j0, j0 + frames) around the region.
struct Area {
    std::int64_t j0 = 0, frames = 0;
    int bins = 0;
    std::vector<Cf> x;
    Cf& at(std::int64_t j, int k) { return x[std::size_t((j - j0) * bins + k)]; }
    bool has(std::int64_t j) const { return j >= j0 && j < j0 + frames; }
};

struct Region {
    MaskCells cells;
    int width() const { return cells.sHi - cells.sLo + 1; }
    std::int64_t frames() const { return cells.jHi - cells.jLo + 1; }
    std::size_t index(std::int64_t j, int s) const {
        return std::size_t((j - cells.jLo) * width() + (s - cells.sLo));
    }
};

// Phase advance per frame of bin k between frames j and j + 1 of the area (0 if missing).
float advance(Area& a, std::int64_t j, int k) {
    if (!a.has(j) || !a.has(j + 1))
        return 0.0f;
    return std::arg(a.at(j + 1, k)) - std::arg(a.at(j, k));
}

// Mean power of frame j over signed bins [s0, s1] clipped to the grid; -1 when none is left.
double sidePower(Area& a, const MaskGrid& g, std::int64_t j, int s0, int s1) {
    const int sMin = g.twoSided ? -(g.nfft / 2) : 0;
    const int sMax = g.twoSided ? (g.nfft - 1) / 2 : g.nfft / 2;
    s0 = std::max(s0, sMin);
    s1 = std::min(s1, sMax);
    if (s0 > s1)
        return -1;
    double sum = 0;
    for (int s = s0; s <= s1; ++s)
        sum += std::norm(a.at(j, binOfSignedIndex(g, s)));
    return sum / (s1 - s0 + 1);
}

// The power of cell (j, s) interpolated across frequency from kSideBins bins below and above
// the region's band in the same frame; -1 without bins on either side.
constexpr int kSideBins = 3;
double powerAcross(Area& a, const MaskGrid& g, const MaskCells& c, std::int64_t j, int s) {
    const double lo = sidePower(a, g, j, c.sLo - kSideBins, c.sLo - 1);
    const double hi = sidePower(a, g, j, c.sHi + 1, c.sHi + kSideBins);
    if (lo < 0 || hi < 0)
        return std::max(lo, hi);
    const double frac = double(s - (c.sLo - 1)) / double(c.sHi - c.sLo + 2);
    return (1 - frac) * lo + frac * hi;
}

Cf initialValue(Area& a, const EffectContext& cx, std::int64_t j, int k, double across, bool both) {
    const std::int64_t jb = cx.beforeFrame, ja = cx.afterFrame;
    double frac = 0.0;
    if (jb < 0)
        frac = 1.0;
    else if (ja >= 0)
        frac = std::clamp(double(j - jb) / double(ja - jb), 0.0, 1.0);
    const double b = jb >= 0 ? double(cx.before[std::size_t(k)]) : 0.0;
    const double f = ja >= 0 ? double(cx.after[std::size_t(k)]) : 0.0;
    double power = jb < 0 ? f : ja < 0 ? b : (1 - frac) * b + frac * f;
    const bool timeless = jb < 0 && ja < 0; // the shape spans the recording
    if (across >= 0) // fill_from frequency (or both, averaged with the time estimate)
        power = both && !timeless ? (power + across) / 2 : across;
    std::complex<double> z;
    if (jb >= 0 && a.has(jb))
        z += (1 - frac) * std::polar(1.0, double(std::arg(a.at(jb, k))) +
                                              double(j - jb) * advance(a, jb - 1, k));
    if (ja >= 0 && a.has(ja))
        z += frac *
             std::polar(1.0, double(std::arg(a.at(ja, k))) - double(ja - j) * advance(a, ja, k));
    // No neighbour in time to continue: a phase that varies from cell to cell as noise's does
    // (a fixed hash of the cell; the consistency iterations then fit it to its neighbours).
    const double scatter =
        std::fmod(std::abs(std::sin(double(j) * 12.9898 + k * 78.233)) * 43758.5453, 1.0);
    const double phase = std::abs(z) > 1e-9 ? std::arg(z)
                         : timeless         ? 2 * std::numbers::pi * scatter
                                            : 0.0;
    return Cf(std::polar(std::sqrt(power), phase));
}

void requireSmall(const Region& r, int index) {
    if (r.frames() * r.width() > kMaxFillCells)
        throw Error("shapes[" + std::to_string(index) + "]",
                    "replace covers " + std::to_string(r.frames()) + " frames x " +
                        std::to_string(r.width()) + " bins",
                    "at most " + std::to_string(kMaxFillCells >> 20) +
                        " million cells: replace is for clicks and dropouts, attenuate for "
                        "longer regions");
}

// The region's fill made consistent with the spectrum around it: kReplaceIterations times,
// the region (blended by each cell's coverage w) is synthesised with its neighbours and
// analysed again, and the fill takes the new phases at its target magnitudes.
template <typename S>
void fitFill(Stft<S>& stft, Area& a, const Region& r, const MaskGrid& grid,
             const std::vector<float>& w, const std::vector<Cf>& original, std::int64_t total,
             std::vector<Cf>& fill, const JobControl& job) {
    const std::int64_t n0 = stft.frameStart(r.cells.jLo);
    const std::int64_t n1 = stft.frameStart(r.cells.jHi) + stft.nperseg();
    std::vector<S> signal(std::size_t(n1 - n0));
    std::vector<typename Stft<S>::Real> norm;
    auto ws = stft.makeWorkspace();
    std::vector<Cf> spec(std::size_t(a.bins));
    std::vector<float> target(w.size());
    for (std::size_t i = 0; i < w.size(); ++i)
        target[i] = std::abs(fill[i]);
    for (int it = 0; it < kReplaceIterations; ++it) {
        job.checkCancelled();
        for (std::int64_t j = r.cells.jLo; j <= r.cells.jHi; ++j)
            for (int s = r.cells.sLo; s <= r.cells.sHi; ++s) {
                const std::size_t i = r.index(j, s);
                a.at(j, binOfSignedIndex(grid, s)) = (1.0f - w[i]) * original[i] + w[i] * fill[i];
            }
        stft.synthesize(
            n0, n1, total, [&](std::int64_t j, Cf* z) { std::copy_n(&a.at(j, 0), a.bins, z); },
            signal.data(), norm, ws);
        for (std::int64_t j = r.cells.jLo; j <= r.cells.jHi; ++j) {
            stft.forward(signal.data() + (stft.frameStart(j) - n0), spec.data(), ws);
            for (int s = r.cells.sLo; s <= r.cells.sHi; ++s) {
                const std::size_t i = r.index(j, s);
                const Cf y = spec[std::size_t(binOfSignedIndex(grid, s))];
                const float m = std::abs(y);
                if (m > 0)
                    fill[i] = target[i] / m * y;
            }
        }
    }
}

} // namespace

template <typename S>
void computeReplaceFill(LaneSpectra<S>& lane, const StftParams& params, const MaskGrid& grid,
                        const Shape& shape, int index, EffectContext& out, const JobControl& job) {
    const std::int64_t total = lane.frames();
    Region r{maskCells(shape, grid, 0, int(std::min<std::int64_t>(total, 1 << 30)))};
    if (r.cells.empty())
        return;
    requireSmall(r, index);
    Stft<S> stft(params);
    const int overlap = (stft.nperseg() + stft.hop() - 1) / stft.hop();
    Area a;
    a.bins = lane.bins();
    const std::int64_t lo =
        std::min(r.cells.jLo, out.beforeFrame < 0 ? r.cells.jLo : out.beforeFrame - 1);
    const std::int64_t hi = std::max(r.cells.jHi, out.afterFrame + 1);
    a.j0 = std::max<std::int64_t>(0, lo - 2 * overlap);
    a.frames = std::min(total, hi + 2 * overlap + 1) - a.j0;
    lane.read(a.j0, a.frames, a.x);
    const double ref = referenceFrequency(grid);
    std::vector<float> w(std::size_t(r.frames() * r.width()));
    std::vector<Cf> original(w.size());
    out.fill.resize(w.size());
    for (std::int64_t j = r.cells.jLo; j <= r.cells.jHi; ++j)
        for (int s = r.cells.sLo; s <= r.cells.sHi; ++s) {
            const int k = binOfSignedIndex(grid, s);
            const std::size_t i = r.index(j, s);
            w[i] = float(shape.harmonicCoverage(grid.frameTime(j), grid.binFrequency(k), ref));
            original[i] = a.at(j, k);
            const double across =
                shape.fillFrom == FillFrom::Time ? -1.0 : powerAcross(a, grid, r.cells, j, s);
            out.fill[i] = initialValue(a, out, j, k, across, shape.fillFrom == FillFrom::Both);
        }
    fitFill(stft, a, r, grid, w, original, total, out.fill, job);
    out.fillJ0 = r.cells.jLo;
    out.fillFrames = r.frames();
    out.fillS0 = r.cells.sLo;
    out.fillBins = r.width();
}

template void computeReplaceFill(LaneSpectra<float>&, const StftParams&, const MaskGrid&,
                                 const Shape&, int, EffectContext&, const JobControl&);
template void computeReplaceFill(LaneSpectra<std::complex<float>>&, const StftParams&,
                                 const MaskGrid&, const Shape&, int, EffectContext&,
                                 const JobControl&);

FillFrom naturalFillFrom(const Shape& shape, const StftParams& params) {
    const TfBox box = shape.bounds();
    const double frames = (box.t1 - box.t0) * params.fs / params.hop();
    const double bins = (box.f1 - box.f0) * params.nfft / params.fs;
    return frames > bins ? FillFrom::Frequency : FillFrom::Time;
}

} // namespace specedit::core
