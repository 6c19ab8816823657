#include "mask/MaskRasterizer.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

// Signed bin index range [sLo, sHi] of the grid.
std::pair<int, int> signedRange(const MaskGrid& g) {
    if (!g.twoSided)
        return {0, g.nfft / 2};
    return {-(g.nfft / 2), (g.nfft - 1) / 2};
}

int binOfSigned(const MaskGrid& g, int s) {
    return s < 0 ? s + g.nfft : s;
}

struct CellRange {
    std::int64_t jLo, jHi; // inclusive frame range
    int sLo, sHi;          // inclusive signed bin range
};

// Cells that can lie inside box; one cell of slack either side so that rounding in the
// inverse mapping never loses an edge cell (the exact test is done per cell).
CellRange cellsIn(const TfBox& box, const MaskGrid& g, std::int64_t j0, int frames) {
    const double df = g.fs / g.nfft;
    const double base = g.twoSided ? g.centerHz : 0.0;
    CellRange r;
    // Clamp in double before converting: a shape reaching to t = 1e30 must not overflow.
    const double first = double(j0), last = double(j0 + frames - 1);
    r.jLo = std::int64_t(
        std::clamp(std::floor(g.reachBack(box.t0) * g.fs / g.hop) - 1, first, last + 1));
    r.jHi =
        std::int64_t(std::clamp(std::ceil(g.reach(box.t1) * g.fs / g.hop) + 1, first - 1, last));
    const auto [sMin, sMax] = signedRange(g);
    const double fLo = std::floor((box.f0 - base) / df) - 1;
    const double fHi = std::ceil((box.f1 - base) / df) + 1;
    r.sLo = int(std::clamp(fLo, double(sMin), double(sMax) + 1));
    r.sHi = int(std::clamp(fHi, double(sMin) - 1, double(sMax)));
    return r;
}

// Harmonics are multiples of a frequency offset from here: 0 Hz, or an IQ centre.
double referenceHz(const MaskGrid& g) {
    return g.twoSided ? g.centerHz : 0.0;
}

bool contains(const CellRange& r, std::int64_t j, int s) {
    return j >= r.jLo && j <= r.jHi && s >= r.sLo && s <= r.sHi;
}

// Isolate: the gain applies outside the shape, so every cell of the block is visited.
void applyIsolate(const Shape& shape, const MaskGrid& g, std::int64_t j0, int frames, float* out) {
    const double gain = shape.linearGain();
    const double ref = referenceHz(g);
    const CellRange r = cellsIn(shape.harmonicBounds(ref), g, j0, frames);
    const auto [sMin, sMax] = signedRange(g);
    for (std::int64_t j = j0; j < j0 + frames; ++j) {
        const double t = g.frameTime(j);
        float* row = out + (j - j0) * g.bins();
        for (int s = sMin; s <= sMax; ++s) {
            const int k = binOfSigned(g, s);
            const double w =
                contains(r, j, s) ? shape.harmonicCoverage(t, g.binFrequency(k), ref) : 0.0;
            row[k] *= float(1.0 + (gain - 1.0) * (1.0 - w));
        }
    }
}

bool applyInside(const Shape& shape, const MaskGrid& g, std::int64_t j0, int frames, float* out) {
    const double gain = shape.linearGain();
    const double ref = referenceHz(g);
    const CellRange r = cellsIn(shape.harmonicBounds(ref), g, j0, frames);
    if (r.jLo > r.jHi || r.sLo > r.sHi)
        return false;
    for (std::int64_t j = r.jLo; j <= r.jHi; ++j) {
        const double t = g.frameTime(j);
        float* row = out + (j - j0) * g.bins();
        for (int s = r.sLo; s <= r.sHi; ++s) {
            const int k = binOfSigned(g, s);
            const double w = shape.harmonicCoverage(t, g.binFrequency(k), ref);
            if (w > 0)
                row[k] *= float(1.0 + (gain - 1.0) * w);
        }
    }
    return true;
}

} // namespace

MaskGrid MaskGrid::of(const StftParams& p, const SignalInfo& info, bool twoSided) {
    MaskGrid g;
    g.fs = p.fs;
    g.hop = p.hop();
    g.nfft = p.nfft;
    g.twoSided = twoSided;
    g.centerHz = twoSided ? info.centerFrequency.value_or(0.0) : 0.0;
    g.lastTime = double(std::max<std::int64_t>(0, info.frames - 1)) / p.fs;
    return g;
}

double MaskGrid::binFrequency(int k) const {
    const int s = (twoSided && k > (nfft - 1) / 2) ? k - nfft : k;
    return double(s) * fs / nfft + (twoSided ? centerHz : 0.0);
}

bool isIdentityMask(const std::vector<Shape>& shapes) {
    return std::none_of(shapes.begin(), shapes.end(), [](const Shape& s) { return s.isGain(); });
}

double referenceFrequency(const MaskGrid& grid) {
    return referenceHz(grid);
}

MaskCells maskCells(const Shape& shape, const MaskGrid& grid, std::int64_t j0, int frames) {
    const CellRange r = cellsIn(shape.harmonicBounds(referenceHz(grid)), grid, j0, frames);
    return {r.jLo, r.jHi, r.sLo, r.sHi};
}

int binOfSignedIndex(const MaskGrid& grid, int s) {
    return binOfSigned(grid, s);
}

bool multiplyShapeGain(const Shape& shape, const MaskGrid& grid, std::int64_t j0, int frames,
                       float* out) {
    if (shape.mode == MaskMode::Isolate) {
        applyIsolate(shape, grid, j0, frames, out);
        return true;
    }
    return applyInside(shape, grid, j0, frames, out);
}

bool rasterizeMask(const std::vector<Shape>& shapes, const MaskGrid& grid, std::int64_t j0,
                   int frames, float* out, int channel) {
    bool touched = false;
    std::fill(out, out + std::size_t(frames) * std::size_t(grid.bins()), 1.0f);
    for (const auto& shape : shapes)
        if (shape.isGain() && shape.appliesTo(channel))
            touched = multiplyShapeGain(shape, grid, j0, frames, out) || touched;
    return touched;
}

} // namespace specedit::core
