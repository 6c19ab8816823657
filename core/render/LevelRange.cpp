#include "render/LevelRange.h"

#include "render/TileComputer.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

// The p-quantile of v (reordered), 0 <= p <= 1; v not empty.
float quantile(std::vector<float>& v, double p) {
    const auto n = std::ptrdiff_t(p * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + n, v.end());
    return v[std::size_t(n)];
}

// The levels of the rows whose loudest (their 99th percentile) lies at or above `least` dB;
// samples sorted by row.
std::vector<float> occupiedRows(const std::vector<LevelSample>& samples, float least) {
    std::vector<float> out, levels;
    for (std::size_t a = 0; a < samples.size();) {
        std::size_t b = a;
        levels.clear();
        while (b < samples.size() && samples[b].row == samples[a].row)
            levels.push_back(samples[b++].db);
        if (quantile(levels, 0.99) >= least)
            for (std::size_t i = a; i < b; ++i)
                out.push_back(samples[i].db);
        a = b;
    }
    return out;
}

} // namespace

std::optional<LevelRange> autoLevelRange(std::vector<LevelSample> samples, float maxRangeDb) {
    constexpr float kEmptyBelowDb = 60.0f;
    if (samples.size() < 16)
        return std::nullopt;
    std::sort(samples.begin(), samples.end(),
              [](const LevelSample& a, const LevelSample& b) { return a.row < b.row; });
    std::vector<float> all(samples.size());
    std::transform(samples.begin(), samples.end(), all.begin(),
                   [](const LevelSample& s) { return s.db; });
    const float peakDb = quantile(all, 0.9995);
    std::vector<float> occupied = occupiedRows(samples, peakDb - kEmptyBelowDb);
    const float floorDb = quantile(occupied.empty() ? all : occupied, 0.10);
    LevelRange range;
    range.minDb = std::floor(std::max(floorDb - 10.0f, peakDb + 3.0f - maxRangeDb));
    range.maxDb = std::ceil(std::max(peakDb + 3.0f, range.minDb + 30.0f));
    return range;
}

void appendLevelSamples(const Tile& tile, std::size_t step, std::vector<LevelSample>& out) {
    const std::int64_t level = std::int64_t(tile.rowLevel) << 32;
    for (std::size_t k = 0; k < tile.db.size(); k += step)
        if (tile.db[k] > kFloorDb && std::isfinite(tile.db[k])) // not NaN, not the floor
            out.push_back(
                {level + tile.firstRow + std::int64_t(k % std::size_t(tile.bins)), tile.db[k]});
}

} // namespace specedit::core
