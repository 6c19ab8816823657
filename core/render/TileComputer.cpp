#include "render/TileComputer.h"

#include "dsp/Stft.h"
#include "mask/MaskRasterizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {

// The STFT engine for the source's kind; one of the two is set.
struct TileComputer::Engine {
    std::unique_ptr<Stft<float>> real;
    std::unique_ptr<Stft<std::complex<float>>> complex;
};

namespace {

struct Scratch {
    std::vector<float> samples; // real input or interleaved I/Q
    std::vector<std::complex<float>> iq;
    std::vector<std::complex<float>> spec;
    std::vector<float> mixScratch;
    std::vector<double> power; // double: |X|^2 of a float spectrum may exceed float's range
};

std::size_t hashShapes(const std::vector<Shape>& shapes) {
    std::size_t h = shapes.size();
    auto mix = [&h](double v) {
        h ^= std::hash<double>{}(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    };
    for (const auto& s : shapes) {
        for (double v : {double(s.type), s.t0, s.t1, s.f0, s.f1, s.radiusS, s.radiusHz, s.gainDb,
                         s.featherS, s.featherHz, double(s.mode)})
            mix(v);
        for (const auto& p : s.points) {
            mix(p.t);
            mix(p.f);
        }
    }
    return h;
}

// NaN stays NaN (the tile reports it); infinite power cannot occur (double from float).
float toDb(double power) {
    if (std::isnan(power))
        return std::numeric_limits<float>::quiet_NaN();
    return power > 0 ? std::max(kFloorDb, float(10.0 * std::log10(power))) : kFloorDb;
}

} // namespace

TileComputer::TileComputer(std::shared_ptr<const SampleSource> source, StftParams params,
                           int channel, std::vector<Shape> mask, std::size_t identity)
    : m_source(std::move(source)), m_params(params), m_channel(channel), m_mask(std::move(mask)),
      m_engine(std::make_unique<Engine>()) {
    for (std::size_t i = 0; i < m_mask.size(); ++i)
        m_mask[i].validate("shapes[" + std::to_string(i) + "]");
    m_params.fs = m_source->info().sampleRate;
    if (m_source->info().isComplex())
        m_engine->complex =
            std::make_unique<Stft<std::complex<float>>>(m_params, StftDirections::Forward);
    else
        m_engine->real = std::make_unique<Stft<float>>(m_params, StftDirections::Forward);
    m_frames = m_engine->complex ? m_engine->complex->frameCount(m_source->info().frames)
                                 : m_engine->real->frameCount(m_source->info().frames);
    m_hash = m_params.hash() ^ (std::hash<int>{}(channel)*31) ^
             std::hash<const void*>{}(m_source.get()) ^ (hashShapes(m_mask) * 131) ^
             (std::hash<std::size_t>{}(identity)*0x9e3779b97f4a7c15ULL);
}

TileComputer::~TileComputer() = default;

int TileComputer::bins() const {
    return m_engine->complex ? m_engine->complex->bins() : m_engine->real->bins();
}

bool TileComputer::isTwoSided() const {
    return bool(m_engine->complex);
}

double TileComputer::rowFrequency(int row) const {
    const double df = m_params.fs / m_params.nfft;
    if (!isTwoSided())
        return row * df;
    const int shift = m_params.nfft / 2; // row 0 is the most negative frequency
    return (row - shift) * df + m_source->info().centerFrequency.value_or(0.0);
}

std::int64_t TileComputer::tileCount(int level) const {
    const std::int64_t perTile = std::int64_t(kTileColumns) << level;
    return (m_frames + perTile - 1) / perTile;
}

namespace {

// Reads frame j of the source into the engine's sample type.
void readFrame(const SampleSource& src, const Stft<std::complex<float>>& stft, int /*channel*/,
               std::int64_t j, std::vector<std::complex<float>>& out, Scratch& /*unused*/) {
    readComplex(src, stft.frameStart(j), stft.nperseg(), out.data());
}
void readFrame(const SampleSource& src, const Stft<float>& stft, int channel, std::int64_t j,
               std::vector<float>& out, Scratch& s) {
    readChannel(src, channel, stft.frameStart(j), stft.nperseg(), out.data(), s.mixScratch);
}

template <typename S>
void computeColumns(const Stft<S>& stft, const SampleSource& src, int channel, std::int64_t frames,
                    bool twoSided, const std::vector<Shape>& mask, Tile& tile,
                    const JobControl& job) {
    Scratch s;
    const auto& p = stft.params();
    const MaskGrid grid{p.fs, p.hop(), p.nfft, twoSided, src.info().centerFrequency.value_or(0.0)};
    std::vector<float> gains(mask.empty() ? 0 : std::size_t(tile.bins));
    auto ws = stft.makeWorkspace();
    std::vector<S> segment(std::size_t(stft.nperseg()));
    s.spec.resize(std::size_t(tile.bins));
    s.power.resize(std::size_t(tile.bins));
    const std::int64_t span = std::int64_t(1) << tile.level;
    const int taken = int(std::min<std::int64_t>(span, TileComputer::kSampledFrames));
    const int shift = twoSided ? tile.bins - tile.bins / 2 : 0; // fftshift
    for (int c = 0; c < tile.columns; ++c) {
        job.checkCancelled();
        std::fill(s.power.begin(), s.power.end(), 0.0);
        const std::int64_t first = tile.firstFrame + c * span;
        for (int k = 0; k < taken; ++k) {
            const std::int64_t j = first + k * span / taken; // all frames when span <= taken
            if (j >= frames)
                break;
            readFrame(src, stft, channel, j, segment, s);
            stft.forward(segment.data(), s.spec.data(), ws);
            if (!mask.empty() && rasterizeMask(mask, grid, j, 1, gains.data()))
                for (std::size_t b = 0; b < gains.size(); ++b)
                    s.spec[b] *= gains[b];
            bool finite = true;
            for (std::size_t b = 0; b < s.power.size(); ++b) {
                const double pw = std::norm(std::complex<double>(s.spec[b]));
                finite = finite && std::isfinite(pw);
                if (!std::isnan(s.power[b]) && !(pw <= s.power[b]))
                    s.power[b] = pw; // the larger, or NaN once any frame gave NaN
            }
            if (!finite && tile.nonFiniteFrame < 0)
                tile.nonFiniteFrame = j;
        }
        float* column = tile.db.data() + std::size_t(c) * std::size_t(tile.bins);
        for (int row = 0; row < tile.bins; ++row)
            column[row] = toDb(s.power[std::size_t((row + shift) % tile.bins)]);
    }
}

} // namespace

Tile TileComputer::compute(int level, std::int64_t index, const JobControl& job) const {
    Tile tile;
    tile.level = level;
    tile.bins = bins();
    const std::int64_t span = std::int64_t(1) << level;
    tile.firstFrame = index * kTileColumns * span;
    const std::int64_t columnsLeft = (m_frames - tile.firstFrame + span - 1) / span;
    tile.columns = int(std::clamp<std::int64_t>(columnsLeft, 0, kTileColumns));
    tile.db.assign(std::size_t(tile.columns) * std::size_t(tile.bins), kFloorDb);
    if (m_engine->complex)
        computeColumns(*m_engine->complex, *m_source, m_channel, m_frames, true, m_mask, tile, job);
    else
        computeColumns(*m_engine->real, *m_source, m_channel, m_frames, false, m_mask, tile, job);
    return tile;
}

} // namespace specedit::core
