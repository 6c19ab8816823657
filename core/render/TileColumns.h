#pragma once
// Internal to TileComputer: fills the columns of a set of tiles that share a time level, row
// level and index (one tile per band) from the STFT of a source. A column takes the maximum
// power over its frames (all of them for exact tiles, kSampledFrames spread evenly for quick
// ones) and each row the maximum over its 2^rowLevel bins. Consecutive frames are read in one
// block of samples; memory is bounded by kBlockFrames frames whatever the column span.

#include "dsp/EdgeExtension.h"
#include "dsp/Stft.h"
#include "effect/SpectralEffects.h"
#include "io/SampleSource.h"
#include "mask/Shape.h"
#include "render/TileComputer.h"
#include "util/JobControl.h"

#include <complex>
#include <vector>

namespace specedit::core {

class TileColumns {
public:
    static constexpr int kBlockFrames = 64;

    // effects: the mask's effect contexts, or null when it has only gains.
    // edges: the recording continued past its ends (the frames over them read it).
    TileColumns(const SampleSource& source, int channel, const std::vector<Shape>& mask,
                std::int64_t frames, const EdgeExtension& edges,
                const SpectralEffects* effects = nullptr)
        : m_source(source), m_channel(channel), m_mask(mask), m_frames(frames), m_edges(edges),
          m_effects(effects && effects->active() ? effects : nullptr) {}

    // tiles: same level, row level, firstFrame and columns; db sized and floored.
    template <typename S>
    void fill(const Stft<S>& stft, std::vector<Tile>& tiles, const JobControl& job);

private:
    template <typename S>
    void accumulate(const Stft<S>& stft, typename Stft<S>::Workspace& ws, std::int64_t j0,
                    int count, const JobControl& job);
    void readBlock(const Stft<std::complex<float>>& stft, std::int64_t start, std::int64_t n,
                   std::vector<std::complex<float>>& out);
    void readBlock(const Stft<float>& stft, std::int64_t start, std::int64_t n,
                   std::vector<float>& out);
    void writeColumn(std::vector<Tile>& tiles, int column, bool twoSided) const;
    void addPower(std::int64_t j, const std::complex<float>* spec);
    // With effects: frames [j0, j0 + n) of a block read with margin() frames either side.
    template <typename S>
    void accumulateEffects(const Stft<S>& stft, typename Stft<S>::Workspace& ws, std::int64_t j0,
                           int n);

    const SampleSource& m_source;
    int m_channel;
    const std::vector<Shape>& m_mask;
    std::int64_t m_frames;
    const EdgeExtension& m_edges;
    const SpectralEffects* m_effects;
    SpectralEffects::Scratch m_effectScratch;
    std::vector<std::complex<float>> m_block; // spectra of a block, for effects
    std::vector<double> m_power; // per bin, FFT order: maximum over the column's frames
    std::vector<float> m_gains;
    std::vector<float> m_mixScratch;
    std::vector<std::complex<float>> m_spec;
    std::int64_t m_nonFinite = -1;
};

} // namespace specedit::core
