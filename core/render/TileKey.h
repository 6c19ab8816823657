#pragma once
// Identifies one data tile of the spectrogram: which analysis (a hash of the parameters and
// channel choice), which time level (each column of level k spans 2^k STFT frames), which row
// level (each row of row level r spans 2^r frequency bins), which band of kBandRows rows, and
// which tile along time (tile i holds columns [i * kTileColumns, (i + 1) * kTileColumns)).
// A tile therefore never exceeds kTileColumns x kBandRows values (1 MiB of float), whatever
// the FFT size and the zoom.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace specedit::core {

constexpr int kTileColumns = 256;
constexpr int kBandRows = 1024;

struct TileKey {
    std::size_t analysis = 0;
    int level = 0;
    std::int64_t index = 0;
    int rowLevel = 0;
    int band = 0;

    bool operator==(const TileKey&) const = default;
};

} // namespace specedit::core

template <> struct std::hash<specedit::core::TileKey> {
    std::size_t operator()(const specedit::core::TileKey& k) const {
        std::size_t h = k.analysis;
        auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
        mix(std::hash<int>{}(k.level));
        mix(std::hash<std::int64_t>{}(k.index));
        mix(std::hash<int>{}(k.rowLevel));
        mix(std::hash<int>{}(k.band));
        return h;
    }
};
