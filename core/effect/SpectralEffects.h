#pragma once
// Applies an ordered list of shapes with their effects (Shape.h) to a block of STFT frames of
// one lane: each shape acts on the result of those before it. Gains multiply as in
// MaskRasterizer; the other effects act per cell, with w the shape's coverage there, the new
// value X' = X (1 + (g - 1) w) for
//   attenuate: g = min(1, L / sqrt(P))^amount, L^2 the bin's level interpolated in dB
//              between the levels before and after the shape (EffectContext) and P the mean
//              power over the cell's neighbourhood (+-1 frame, +-2 bins);
//   denoise:   g = max(10^(-reduction_db / 20), sqrt(max(0, 1 - beta N / P))) (power
//              spectral subtraction with over-subtraction beta = kDenoiseBeta, N the noise
//              power of the bin, P the mean power over +-2 frames, +-1 bin), and g itself
//              averaged over +-1 frame, +-1 bin so that no isolated cell survives as a
//              tone ("musical noise");
// and for replace X' = (1 - w) X + w R with R the precomputed fill (ReplaceFill.h).
// The neighbourhoods reach kEffectReach frames either side, so a block's own frames come out
// exact when the block is given margin(...) more frames of spectra on each side (fewer only at
// the ends of the recording). Contexts are measured once, from the original signal.

#include "effect/EffectContext.h"

#include <memory>

namespace specedit::core {

constexpr double kDenoiseBeta = 3.0;
constexpr int kEffectReach = 3;

class SpectralEffects {
public:
    // Measures every context the shapes applying to `channel` need (-1: the mix, or IQ).
    // shapes must be validated and outlive this. Throws Error or Cancelled.
    template <typename S>
    SpectralEffects(const SampleSource& source, const Stft<S>& stft,
                    const std::vector<Shape>& shapes, int channel, const JobControl& job);
    ~SpectralEffects();

    // Whether some shape applying to the lane is an effect other than a gain: without one,
    // callers keep the plain gain path.
    bool active() const { return !m_contexts.empty(); }
    // Frames of spectra needed past each end of frames [j0, j1) for them to come out exact:
    // kEffectReach per smoothing effect (attenuate, denoise) that reaches near them.
    int margin(std::int64_t j0, std::int64_t j1) const;

    struct Scratch {
        std::vector<float> gains, power, gain, mean, rows;
    };
    // Applies every shape in order to the spectra of frames [j0, j0 + frames) (frame-major).
    // Any thread; scratch per thread.
    void apply(std::int64_t j0, int frames, std::complex<float>* spec, Scratch& scratch) const;

    // For tests: the context of shape `index` (null for gains and unmeasured shapes).
    const EffectContext* context(int index) const;

private:
    struct Block;
    void flushGains(const Block& b, Scratch& s, bool& pending) const;
    void applyEffect(const Shape& shape, const EffectContext& cx, const Block& b, Scratch& s) const;

    const std::vector<Shape>& m_shapes;
    int m_channel;
    MaskGrid m_grid;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_smoothing; // their frame ranges
    std::vector<std::unique_ptr<EffectContext>> m_contexts;         // per shape; null for others
};

} // namespace specedit::core
