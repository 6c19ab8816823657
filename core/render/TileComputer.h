#pragma once
// Computes spectrogram data tiles: power in dB of the spectrum-scaled STFT (a full-scale
// sinusoid centred in a bin reads -6 dB whatever the FFT size), bins in ascending frequency
// (two-sided spectra are shifted so the most negative frequency comes first).
//
// A column of level k stands for frames [c 2^k, (c + 1) 2^k) and holds, per bin, the maximum
// over frames of that span. Up to kSampledFrames frames per column (levels 0..2) every frame
// is used. Wider columns take the maximum over kSampledFrames frames spread evenly across the
// span: the cost of a tile is bounded, which is what makes an overview of a long recording
// appear at once, at the price that a burst shorter than a quarter of a column may be missed
// at that zoom (it appears as soon as the view zooms in to level 2).
// Zero power is floored at kFloorDb (digital silence must not give -inf). Power is taken in
// double, so any finite float sample (up to 3.4e38) gives a finite level; a frame holding NaN
// or an infinite sample gives NaN levels, and the tile records the first such frame.

#include "dsp/StftParams.h"
#include "io/SampleSource.h"
#include "mask/Shape.h"
#include "render/TileKey.h"
#include "util/JobControl.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace specedit::core {

constexpr float kFloorDb = -200.0f;

struct Tile {
    int columns = 0; // valid columns (the last tile may be short)
    int bins = 0;    // rows, ascending frequency
    int level = 0;
    std::int64_t firstFrame = 0;      // frame of column 0
    std::int64_t nonFiniteFrame = -1; // first frame holding NaN or an infinite sample, or -1
    std::vector<float> db;            // column-major: db[c * bins + row]

    std::size_t bytes() const { return db.size() * sizeof(float) + sizeof(Tile); }
    float at(int column, int row) const {
        return db[std::size_t(column) * std::size_t(bins) + std::size_t(row)];
    }
};

class TileComputer {
public:
    // Columns spanning up to kSampledFrames frames use every frame (levels 0..2).
    static constexpr int kSampledFrames = 4;

    // channel: audio channel, or -1 for the mix; ignored for IQ. mask: shapes to apply to the
    // STFT before taking power (the edited result); empty shows the original. Validates
    // params (Error).
    // identity: distinguishes recordings opened one after the other (a document's open
    // serial), since the source's address alone may be reused.
    TileComputer(std::shared_ptr<const SampleSource> source, StftParams params, int channel,
                 std::vector<Shape> mask = {}, std::size_t identity = 0);
    ~TileComputer();

    std::int64_t frameCount() const { return m_frames; }
    int bins() const;
    bool isTwoSided() const;
    const StftParams& params() const { return m_params; }
    // Frequency in Hz of display row r (absolute for IQ with a centre frequency).
    double rowFrequency(int row) const;
    // Number of tiles at a level.
    std::int64_t tileCount(int level) const;
    // Hash of what decides the pixels: parameters, channel, source identity.
    std::size_t analysisHash() const { return m_hash; }

    // Computes one tile. Any thread; cancellable between columns (throws Cancelled).
    Tile compute(int level, std::int64_t index, const JobControl& job) const;

private:
    struct Engine;
    std::shared_ptr<const SampleSource> m_source;
    StftParams m_params;
    int m_channel;
    std::int64_t m_frames = 0;
    std::vector<Shape> m_mask;
    std::size_t m_hash = 0;
    std::unique_ptr<Engine> m_engine;
};

} // namespace specedit::core
