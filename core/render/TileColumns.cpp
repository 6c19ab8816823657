#include "render/TileColumns.h"

#include "mask/MaskRasterizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {
namespace {

// NaN or infinite power (from NaN or infinite samples; the tile reports them) gives NaN: no
// level, never a colour scale stretched to infinity.
float toDb(double power) {
    if (!std::isfinite(power))
        return std::numeric_limits<float>::quiet_NaN();
    return power > 0 ? std::max(kFloorDb, float(10.0 * std::log10(power))) : kFloorDb;
}

// Scratch buffers of the sample type, per thread (a TileColumns lives for one compute call).
template <typename S> std::vector<S>& blockBuffer() {
    thread_local std::vector<S> buffer;
    return buffer;
}

} // namespace

void TileColumns::readBlock(const Stft<std::complex<float>>&, std::int64_t start, std::int64_t n,
                            std::vector<std::complex<float>>& out) {
    out.resize(std::size_t(n));
    readComplex(m_source, start, n, out.data());
    m_edges.fillComplex(start, n, out.data());
}

void TileColumns::readBlock(const Stft<float>&, std::int64_t start, std::int64_t n,
                            std::vector<float>& out) {
    out.resize(std::size_t(n));
    readChannel(m_source, m_channel, start, n, out.data(), m_mixScratch);
    m_edges.fillChannel(start, n, m_channel, out.data());
}

// Frames [j0, j0 + count) into m_power, read kBlockFrames at a time as one block of samples.
template <typename S>
void TileColumns::accumulate(const Stft<S>& stft, typename Stft<S>::Workspace& ws, std::int64_t j0,
                             int count, const JobControl& job) {
    auto& block = blockBuffer<S>();
    const auto& p = stft.params();
    const MaskGrid grid =
        MaskGrid::of(p, m_source.info(), bool(std::is_same_v<S, std::complex<float>>));
    for (int done = 0; done < count;) {
        job.checkCancelled();
        const int n = std::min(kBlockFrames, count - done);
        const std::int64_t first = j0 + done;
        if (m_effects) {
            accumulateEffects(stft, ws, first, n);
            done += n;
            continue;
        }
        readBlock(stft, stft.frameStart(first), std::int64_t(n - 1) * stft.hop() + stft.nperseg(),
                  block);
        for (int k = 0; k < n; ++k) {
            const std::int64_t j = first + k;
            stft.forward(block.data() + std::size_t(k) * std::size_t(stft.hop()), m_spec.data(),
                         ws);
            if (!m_mask.empty() && rasterizeMask(m_mask, grid, j, 1, m_gains.data(), m_channel))
                for (std::size_t b = 0; b < m_gains.size(); ++b)
                    m_spec[b] *= m_gains[b];
            addPower(j, m_spec.data());
        }
        done += n;
    }
}

void TileColumns::addPower(std::int64_t j, const std::complex<float>* spec) {
    bool finite = true;
    for (std::size_t b = 0; b < m_power.size(); ++b) {
        const double pw = std::norm(std::complex<double>(spec[b]));
        finite = finite && std::isfinite(pw);
        if (!std::isnan(m_power[b]) && !(pw <= m_power[b]))
            m_power[b] = pw; // the larger, or NaN once any frame gave NaN
    }
    if (!finite && m_nonFinite < 0)
        m_nonFinite = j;
}

template <typename S>
void TileColumns::accumulateEffects(const Stft<S>& stft, typename Stft<S>::Workspace& ws,
                                    std::int64_t j0, int n) {
    auto& block = blockBuffer<S>();
    const int margin = m_effects->margin(j0, j0 + n);
    const std::int64_t a = std::max<std::int64_t>(0, j0 - margin);
    const std::int64_t b = std::min(m_frames, j0 + n + margin);
    readBlock(stft, stft.frameStart(a), (b - a - 1) * stft.hop() + stft.nperseg(), block);
    const int bins = stft.bins();
    m_block.resize(std::size_t((b - a) * bins));
    for (std::int64_t j = a; j < b; ++j)
        stft.forward(block.data() + (j - a) * stft.hop(), m_block.data() + (j - a) * bins, ws);
    m_effects->apply(a, int(b - a), m_block.data(), m_effectScratch);
    for (std::int64_t j = j0; j < j0 + n; ++j)
        addPower(j, m_block.data() + (j - a) * bins);
}

void TileColumns::writeColumn(std::vector<Tile>& tiles, int column, bool twoSided) const {
    const int bins = int(m_power.size());
    const int shift = twoSided ? bins - bins / 2 : 0; // fftshift: display bin d is FFT bin
    for (Tile& t : tiles) {
        float* out = t.db.data() + std::size_t(column) * std::size_t(t.bins);
        for (int r = 0; r < t.bins; ++r) {
            const int d0 = (t.firstRow + r) << t.rowLevel;
            const int d1 = std::min(bins, d0 + (1 << t.rowLevel));
            double m = 0;
            for (int d = d0; d < d1; ++d) {
                const double v = m_power[std::size_t((d + shift) % bins)];
                if (std::isnan(v) || !(v <= m))
                    m = v;
                if (std::isnan(m))
                    break;
            }
            out[r] = toDb(m);
        }
    }
}

template <typename S>
void TileColumns::fill(const Stft<S>& stft, std::vector<Tile>& tiles, const JobControl& job) {
    if (tiles.empty())
        return;
    const Tile& t0 = tiles.front();
    m_power.resize(std::size_t(stft.bins()));
    m_spec.resize(std::size_t(stft.bins()));
    m_gains.resize(m_mask.empty() ? 0 : std::size_t(stft.bins()));
    const std::int64_t span = std::int64_t(1) << t0.level;
    auto ws = stft.makeWorkspace();
    for (int c = 0; c < t0.columns; ++c) {
        std::fill(m_power.begin(), m_power.end(), 0.0);
        const std::int64_t first = t0.firstFrame + c * span;
        const std::int64_t available = std::min(span, m_frames - first);
        if (t0.exact || span <= TileComputer::kSampledFrames) {
            accumulate(stft, ws, first, int(available), job);
        } else {
            const int taken = TileComputer::kSampledFrames;
            for (int k = 0; k < taken; ++k)
                if (const std::int64_t j = first + k * span / taken; j < m_frames)
                    accumulate(stft, ws, j, 1, job);
        }
        writeColumn(tiles, c, std::is_same_v<S, std::complex<float>>);
    }
    for (Tile& t : tiles)
        t.nonFiniteFrame = m_nonFinite;
}

template void TileColumns::fill(const Stft<float>&, std::vector<Tile>&, const JobControl&);
template void TileColumns::fill(const Stft<std::complex<float>>&, std::vector<Tile>&,
                                const JobControl&);

} // namespace specedit::core
