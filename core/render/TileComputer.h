#pragma once
// Computes spectrogram data tiles: power in dB of the spectrum-scaled STFT (a full-scale
// sinusoid centred in a bin reads -6 dB whatever the FFT size), rows in ascending frequency
// (two-sided spectra are shifted so the most negative frequency comes first).
//
// A tile is addressed by a TileKey. A column of time level k stands for frames
// [c 2^k, (c + 1) 2^k); a row of row level r stands for display bins [R 2^r, (R + 1) 2^r);
// each value is the maximum power over its frames and bins, so a short burst or a narrow line
// is never lost at any zoom. Rows are cut into bands of kBandRows.
//
// Two qualities: an exact tile takes every frame of every column. A quick tile (for an
// instant first picture) takes at most kSampledFrames frames spread evenly over each column;
// up to that span (levels 0..2) quick tiles are exact too. pool() builds an exact tile of
// level k + 1 from two exact tiles of level k, poolRows() one of row level r + 1 from two of
// row level r, without any FFT.
//
// Power is taken in double, so any finite float sample (up to 3.4e38) gives a finite level.
// Zero power is floored at kFloorDb (digital silence must not give -inf). A frame holding NaN
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
    int bins = 0;    // rows of this tile (a band: at most kBandRows), ascending frequency
    int level = 0;
    int rowLevel = 0;
    int firstRow = 0;                 // row (of its row level) of this tile's row 0
    std::int64_t firstFrame = 0;      // frame of column 0
    std::int64_t nonFiniteFrame = -1; // first frame holding NaN or an infinite sample, or -1
    bool exact = false;               // every frame of every column was used
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
    // The recording's length in seconds (its samples over its rate).
    double duration() const;
    int bins() const;
    bool isTwoSided() const;
    const StftParams& params() const { return m_params; }
    // The audio channel shown (-1: the mix, or IQ).
    int channel() const { return m_channel; }
    // Frequency in Hz of display bin b (absolute for IQ with a centre frequency).
    double rowFrequency(int bin) const;
    // Rows at a row level, bands at a row level, and the coarsest useful row level (one band).
    int rowCount(int rowLevel) const;
    int bandCount(int rowLevel) const;
    int maxRowLevel() const;
    // Frequency range [low, high] in Hz covered by rows [firstRow, firstRow + rows) of a row
    // level, from the lower edge of the first bin to the upper edge of the last.
    std::pair<double, double> rowSpan(int rowLevel, int firstRow, int rows) const;
    // The same rows as drawn: each 2^rowLevel bins high, so the last row of the spectrum
    // reaches past its top bin when the bins do not fill it (one-sided spectra have
    // nfft / 2 + 1 bins); the axis ends at the top bin and cuts the rest off.
    std::pair<double, double> rowGridSpan(int rowLevel, int firstRow, int rows) const;
    // Number of tiles at a level, and the coarsest level (one tile for the whole recording).
    std::int64_t tileCount(int level) const;
    int maxLevel() const;
    // Hash of what decides the pixels: parameters, channel, source identity.
    std::size_t analysisHash() const { return m_hash; }

    // Computes the tiles of the given bands of one (level, rowLevel, index), exact or quick,
    // in the order of bands. Any thread; cancellable between frames (throws Cancelled).
    std::vector<Tile> compute(int level, int rowLevel, std::int64_t index,
                              const std::vector<int>& bands, bool exact,
                              const JobControl& job) const;
    // Row level 0, band 0, quick: the first kBandRows rows of a tile.
    Tile compute(int level, std::int64_t index, const JobControl& job) const;
    // The exact tile of level k + 1 made of the exact tiles 2i (left) and 2i + 1 (right, null
    // past the end of the recording) of level k: each column the maximum of a pair.
    static Tile pool(const Tile& left, const Tile* right);
    // The exact tile of row level r + 1, band b, made of the exact tiles of bands 2b (low) and
    // 2b + 1 (high, null past the top of the spectrum) of row level r: rows pooled in pairs.
    static Tile poolRows(const Tile& low, const Tile* high);

private:
    struct Engine;
    // The mask's effect contexts (null when no shape needs them); measured once. Throws Error.
    const class SpectralEffects* effects(const JobControl& job) const;
    std::shared_ptr<const SampleSource> m_source;
    StftParams m_params;
    int m_channel;
    std::int64_t m_frames = 0;
    std::vector<Shape> m_mask;
    std::size_t m_hash = 0;
    std::unique_ptr<Engine> m_engine;
};

} // namespace specedit::core
