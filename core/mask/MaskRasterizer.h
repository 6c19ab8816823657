#pragma once
// Rasterises an ordered list of shapes onto any block of any STFT grid.
//
// Grid (DESIGN.md section 7, one rule everywhere): frame j is centred at t_j = j * hop / fs
// seconds; bin k is at f_k = s_k * fs / nfft (+ centre frequency for a two-sided spectrum),
// where s_k = k for one-sided spectra and for k <= (nfft - 1) / 2, and s_k = k - nfft above
// (numpy.fft.fftfreq's order). Everything is computed in double and edges are inclusive.
// Frames centred after the recording's last sample (the zero-padded end) take the mask at
// that sample: a shape reaching the end of the recording covers them too, or their part of the
// sound leaked back into the last milliseconds of the edited file.
// The gain of a cell is the product, in list order, of every shape's factor (Shape.h).
// Work is bounded by each shape's bounding box, except for Isolate shapes which touch
// every cell. No allocation beyond the caller's buffer.

#include "dsp/StftParams.h"
#include "io/SignalInfo.h"
#include "mask/Shape.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace specedit::core {

struct MaskGrid {
    double fs = 1.0;
    int hop = 1;
    int nfft = 1;
    bool twoSided = false;
    double centerHz = 0.0; // added to bin frequencies of two-sided spectra
    // The recording's last sample (s): later frames are evaluated there, and frames before
    // the first sample (of an analysis that continues the recording) at 0 s.
    double lastTime = std::numeric_limits<double>::infinity();

    // The grid of an analysis of a recording (two-sided: a complex signal's spectrum).
    static MaskGrid of(const StftParams& p, const SignalInfo& info, bool twoSided);

    int bins() const { return twoSided ? nfft : nfft / 2 + 1; }
    double frameTime(std::int64_t j) const {
        return std::clamp(double(j) * hop / fs, 0.0, std::max(0.0, lastTime));
    }
    // A shape's end as far as frames go: past every frame when it reaches the last sample.
    double reach(double t1) const {
        return t1 >= lastTime ? std::numeric_limits<double>::infinity() : t1;
    }
    // A shape's start as far as frames go: before every frame when it starts at 0 s or before.
    double reachBack(double t0) const {
        return t0 <= 0 ? -std::numeric_limits<double>::infinity() : t0;
    }
    double binFrequency(int k) const;
};

// Writes gains for frames [j0, j0 + frames) into out (frame-major: out[(j - j0) * bins + k]).
// Returns false when no shape reaches the block (every gain is 1), so callers may skip the
// multiply. Only shapes that apply to `channel` count (Shape::appliesTo; -1: the mix or IQ).
// Any thread; shapes must have been validated.
bool rasterizeMask(const std::vector<Shape>& shapes, const MaskGrid& grid, std::int64_t j0,
                   int frames, float* out, int channel = -1);

// True when no shape changes any gain (no gain shape): callers may skip the multiply.
// Shapes with another effect and noise profiles are not gains (Shape::isGain): rasterizeMask
// leaves them out; effect/SpectralEffects applies them.
bool isIdentityMask(const std::vector<Shape>& shapes);

// Multiplies frames [j0, j0 + frames) of out by one gain shape's factor; false when it does
// not reach the block.
bool multiplyShapeGain(const Shape& shape, const MaskGrid& grid, std::int64_t j0, int frames,
                       float* out);

// The cells a shape (with its harmonics and feather) can reach in a block: frames
// [jLo, jHi] and signed bins [sLo, sHi], inclusive, clipped to the block and the grid (empty
// when jLo > jHi or sLo > sHi). Coverage must still be tested per cell.
struct MaskCells {
    std::int64_t jLo = 0, jHi = -1;
    int sLo = 0, sHi = -1;
    bool empty() const { return jLo > jHi || sLo > sHi; }
};
MaskCells maskCells(const Shape& shape, const MaskGrid& grid, std::int64_t j0, int frames);
// FFT-order bin of signed bin s (s < 0 only on two-sided grids).
int binOfSignedIndex(const MaskGrid& grid, int s);
// The frequency harmonics multiply away from: 0 Hz, or the centre of a two-sided grid.
double referenceFrequency(const MaskGrid& grid);

} // namespace specedit::core
