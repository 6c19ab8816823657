#pragma once
// Identifies one data tile of the spectrogram: which analysis (a hash of the parameters and
// channel choice), which level (each column of level k spans 2^k STFT frames) and which tile
// along time (tile i holds columns [i * kTileColumns, (i + 1) * kTileColumns)).

#include <cstddef>
#include <cstdint>
#include <functional>

namespace specedit::core {

constexpr int kTileColumns = 256;

struct TileKey {
    std::size_t analysis = 0;
    int level = 0;
    std::int64_t index = 0;

    bool operator==(const TileKey&) const = default;
};

} // namespace specedit::core

template <> struct std::hash<specedit::core::TileKey> {
    std::size_t operator()(const specedit::core::TileKey& k) const {
        std::size_t h = k.analysis;
        h ^= std::hash<int>{}(k.level) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h ^= std::hash<std::int64_t>{}(k.index) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h;
    }
};
