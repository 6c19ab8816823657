#include "detect/NoiseFloor.h"

#include <algorithm>
#include <future>

namespace specedit::core {
namespace {

// Runs fn(begin, end) over [0, n) in chunks on the pool and waits (rethrowing).
template <typename Fn> void parallelChunks(ThreadPool& pool, std::int64_t n, Fn fn) {
    const std::int64_t chunk =
        std::max<std::int64_t>(1, (n + pool.size() * 4 - 1) / (pool.size() * 4));
    std::vector<std::future<void>> tasks;
    for (std::int64_t a = 0; a < n; a += chunk)
        tasks.push_back(pool.submit([a, b = std::min(n, a + chunk), &fn] { fn(a, b); }));
    for (auto& t : tasks)
        t.wait();
    for (auto& t : tasks)
        t.get();
}

float quantileOf(std::vector<float>& v, double q) {
    const auto nth = v.begin() + std::ptrdiff_t(q * double(v.size() - 1));
    std::nth_element(v.begin(), nth, v.end());
    return *nth;
}

} // namespace

// One row's mean with its two neighbours across frequency (the edge bins with their one).
void acrossFrequency(const float* r, int bins, float* a) {
    a[0] = bins > 1 ? (r[0] + r[1]) * 0.5f : r[0];
    for (int k = 1; k + 1 < bins; ++k)
        a[k] = (r[k - 1] + r[k] + r[k + 1]) * (1.0f / 3.0f);
    if (bins > 1)
        a[bins - 1] = (r[bins - 2] + r[bins - 1]) * 0.5f;
}

// Both directions in one sweep per chunk of rows: each row's mean across frequency goes into a
// ring of three rows, and the output row is the mean of the three (one pass over the block's
// memory instead of three).
void smooth3x3(const PowerBlock& in, std::vector<float>& out, ThreadPool& pool) {
    const int bins = in.bins;
    const std::int64_t frames = in.frames;
    const std::size_t width = std::size_t(bins);
    out.resize(in.power.size());
    parallelChunks(pool, frames, [&](std::int64_t j0, std::int64_t j1) {
        std::vector<float> ring(3 * width);
        auto across = [&](std::int64_t j) { return ring.data() + std::size_t(j % 3) * width; };
        if (j0 > 0)
            acrossFrequency(in.row(j0 - 1), bins, across(j0 - 1));
        acrossFrequency(in.row(j0), bins, across(j0));
        for (std::int64_t j = j0; j < j1; ++j) {
            if (j + 1 < frames)
                acrossFrequency(in.row(j + 1), bins, across(j + 1));
            const float* here = across(j);
            const int count = 1 + (j > 0 ? 1 : 0) + (j + 1 < frames ? 1 : 0);
            const float scale = 1.0f / float(count);
            float* o = out.data() + std::size_t(j) * width;
            if (count == 3) {
                const float *above = across(j - 1), *below = across(j + 1);
                for (int k = 0; k < bins; ++k)
                    o[k] = (above[k] + here[k] + below[k]) * scale;
            } else {
                const float* other = count == 1 ? here : across(j > 0 ? j - 1 : j + 1);
                for (int k = 0; k < bins; ++k)
                    o[k] = count == 1 ? here[k] : (here[k] + other[k]) * scale;
            }
        }
    });
}

std::vector<float> floorPerBin(const std::vector<float>& power, int bins, std::int64_t r0,
                               std::int64_t r1, double q, ThreadPool& pool) {
    std::vector<float> floor(static_cast<std::size_t>(bins));
    std::vector<float> shape(static_cast<std::size_t>(bins));
    const std::int64_t step = std::max<std::int64_t>(1, (r1 - r0) / kFloorSamples);
    parallelChunks(pool, bins, [&](std::int64_t k0, std::int64_t k1) {
        // Gathered row by row (contiguous reads), then one quantile per bin.
        const std::size_t width = std::size_t(k1 - k0);
        std::vector<float> columns;
        columns.reserve(width * std::size_t((r1 - r0 + step - 1) / step));
        std::int64_t rows = 0;
        for (std::int64_t j = r0; j < r1; j += step, ++rows) {
            const float* row = power.data() + std::size_t(j) * std::size_t(bins);
            columns.insert(columns.end(), row + k0, row + k1);
        }
        std::vector<float> column;
        column.reserve(static_cast<std::size_t>(rows));
        for (std::int64_t k = k0; k < k1; ++k) {
            column.clear();
            for (std::int64_t r = 0; r < rows; ++r) // digital silence is no noise level
                if (const float v = columns[std::size_t(r) * width + std::size_t(k - k0)]; v > 0)
                    column.push_back(v);
            if (column.empty()) { // nothing but silence in this bin
                floor[std::size_t(k)] = 1e-30f;
                shape[std::size_t(k)] = 1;
                continue;
            }
            const float low = std::max(quantileOf(column, q), 1e-30f);
            floor[std::size_t(k)] = low;
            shape[std::size_t(k)] = quantileOf(column, 0.5) / low;
        }
    });
    const float toMedian = std::max(1.0f, quantileOf(shape, 0.5));
    for (float& f : floor)
        f *= toMedian;
    return floor;
}

std::vector<char> divideByFloor(std::vector<float>& power, int bins, std::int64_t r0,
                                std::int64_t r1, const std::vector<float>& floor, float low,
                                ThreadPool& pool) {
    std::vector<float> inverse(floor.size());
    for (std::size_t k = 0; k < inverse.size(); ++k)
        inverse[k] = 1.0f / floor[k];
    std::vector<char> any(std::size_t(std::max<std::int64_t>(0, r1 - r0)));
    parallelChunks(pool, r1 - r0, [&](std::int64_t a, std::int64_t b) {
        for (std::int64_t r = r0 + a; r < r0 + b; ++r) {
            float* row = power.data() + std::size_t(r) * std::size_t(bins);
            int above = 0; // a count, not a max: it vectorises
            for (int k = 0; k < bins; ++k) {
                row[k] *= inverse[std::size_t(k)];
                above += row[k] >= low ? 1 : 0;
            }
            any[std::size_t(r - r0)] = above > 0;
        }
    });
    return any;
}

} // namespace specedit::core
