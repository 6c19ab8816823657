#include "render/TileComputer.h"

#include "dsp/EdgeExtension.h"
#include "dsp/Stft.h"
#include "effect/SpectralEffects.h"
#include "render/TileColumns.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace specedit::core {

// The STFT engine for the source's kind; one of the two is set.
struct TileComputer::Engine {
    std::unique_ptr<Stft<float>> real;
    std::unique_ptr<Stft<std::complex<float>>> complex;
    EdgeExtension edges; // the recording continued past its ends, for the frames over them
    // Effect contexts, measured by the first compute() that needs them.
    std::mutex effectsMutex;
    std::unique_ptr<SpectralEffects> effects;
};

const SpectralEffects* TileComputer::effects(const JobControl& job) const {
    if (std::none_of(m_mask.begin(), m_mask.end(),
                     [](const Shape& s) { return s.isSpectralEffect(); }))
        return nullptr;
    std::lock_guard lock(m_engine->effectsMutex);
    if (!m_engine->effects) {
        if (m_engine->complex)
            m_engine->effects = std::make_unique<SpectralEffects>(*m_source, *m_engine->complex,
                                                                  m_mask, m_channel, job);
        else
            m_engine->effects = std::make_unique<SpectralEffects>(*m_source, *m_engine->real,
                                                                  m_mask, m_channel, job);
    }
    return m_engine->effects.get();
}

namespace {

std::size_t hashShapes(const std::vector<Shape>& shapes) {
    std::size_t h = shapes.size();
    auto mix = [&h](double v) {
        h ^= std::hash<double>{}(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    };
    for (const auto& s : shapes) {
        // Every field that changes a gain: a tile of the edited view made for other values
        // must never be taken for this one.
        for (double v :
             {double(s.type), s.t0, s.t1, s.f0, s.f1, s.radiusS, s.radiusHz, s.gainDb, s.featherS,
              s.featherHz, double(s.mode), double(s.channel), double(s.harmonics), double(s.effect),
              s.amount, s.reductionDb, double(s.noiseProfile), double(s.fillFrom)})
            mix(v);
        for (const auto& p : s.points) {
            mix(p.t);
            mix(p.f);
        }
        for (const auto& ring : s.holes) {
            mix(double(ring.size()));
            for (const auto& p : ring) {
                mix(p.t);
                mix(p.f);
            }
        }
    }
    return h;
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
    // As the export sees them (dsp/EdgeExtension): a recording cut off mid-tone shows no
    // column of splatter at its ends, and a tone removed up to an edge is gone there too.
    const std::int64_t lastEnd =
        m_frames > 0 ? (m_frames - 1) * m_params.hop() + m_params.nperseg - m_params.nperseg / 2
                     : 0;
    m_engine->edges =
        EdgeExtension::of(*m_source, m_params.nperseg / 2, lastEnd - m_source->info().frames,
                          EdgeExtension::historyFor(m_params.nperseg));
    m_hash = m_params.hash() ^ (std::hash<int>{}(channel)*31) ^
             std::hash<const void*>{}(m_source.get()) ^ (hashShapes(m_mask) * 131) ^
             (std::hash<std::size_t>{}(identity)*0x9e3779b97f4a7c15ULL);
}

TileComputer::~TileComputer() = default;

double TileComputer::duration() const {
    return m_source->info().duration();
}

int TileComputer::bins() const {
    return m_engine->complex ? m_engine->complex->bins() : m_engine->real->bins();
}

bool TileComputer::isTwoSided() const {
    return bool(m_engine->complex);
}

double TileComputer::rowFrequency(int bin) const {
    const double df = m_params.fs / m_params.nfft;
    if (!isTwoSided())
        return bin * df;
    const int shift = m_params.nfft / 2; // bin 0 is the most negative frequency
    return (bin - shift) * df + m_source->info().centerFrequency.value_or(0.0);
}

int TileComputer::rowCount(int rowLevel) const {
    return (bins() + (1 << rowLevel) - 1) >> rowLevel;
}

int TileComputer::bandCount(int rowLevel) const {
    return (rowCount(rowLevel) + kBandRows - 1) / kBandRows;
}

int TileComputer::maxRowLevel() const {
    int r = 0;
    while (rowCount(r) > kBandRows)
        ++r;
    return r;
}

std::pair<double, double> TileComputer::rowSpan(int rowLevel, int firstRow, int rows) const {
    const double df = m_params.fs / m_params.nfft;
    const int lowBin = firstRow << rowLevel;
    const int highBin = std::min(bins(), (firstRow + rows) << rowLevel) - 1;
    return {rowFrequency(lowBin) - df / 2, rowFrequency(highBin) + df / 2};
}

std::pair<double, double> TileComputer::rowGridSpan(int rowLevel, int firstRow, int rows) const {
    const double df = m_params.fs / m_params.nfft;
    const double low = rowFrequency(firstRow << rowLevel) - df / 2;
    return {low, low + double(std::int64_t(rows) << rowLevel) * df};
}

std::int64_t TileComputer::tileCount(int level) const {
    const std::int64_t perTile = std::int64_t(kTileColumns) << level;
    return (m_frames + perTile - 1) / perTile;
}

int TileComputer::maxLevel() const {
    int level = 0;
    while ((std::int64_t(kTileColumns) << level) < m_frames && level < 40)
        ++level;
    return level;
}

std::vector<Tile> TileComputer::compute(int level, int rowLevel, std::int64_t index,
                                        const std::vector<int>& bands, bool exact,
                                        const JobControl& job) const {
    TileColumns columns(*m_source, m_channel, m_mask, m_frames, m_engine->edges, effects(job));
    const std::int64_t span = std::int64_t(1) << level;
    const std::int64_t first = index * kTileColumns * span;
    const std::int64_t left = (m_frames - first + span - 1) / span;
    const int count = int(std::clamp<std::int64_t>(left, 0, kTileColumns));
    std::vector<Tile> tiles;
    for (int band : bands) {
        Tile t;
        t.level = level;
        t.rowLevel = rowLevel;
        t.firstRow = band * kBandRows;
        t.bins = std::clamp(rowCount(rowLevel) - t.firstRow, 0, kBandRows);
        t.firstFrame = first;
        t.columns = count;
        t.exact = exact || span <= kSampledFrames;
        t.db.assign(std::size_t(t.columns) * std::size_t(t.bins), kFloorDb);
        tiles.push_back(std::move(t));
    }
    if (m_engine->complex)
        columns.fill(*m_engine->complex, tiles, job);
    else
        columns.fill(*m_engine->real, tiles, job);
    return tiles;
}

Tile TileComputer::compute(int level, std::int64_t index, const JobControl& job) const {
    return std::move(compute(level, 0, index, {0}, false, job).front());
}

namespace {

// What a pooled tile takes from its two parts: position, exactness, the first bad frame.
Tile pooledFrom(const Tile& a, const Tile* b) {
    Tile t;
    t.level = a.level;
    t.rowLevel = a.rowLevel;
    t.firstRow = a.firstRow;
    t.bins = a.bins;
    t.columns = a.columns;
    t.firstFrame = a.firstFrame;
    t.exact = a.exact && (!b || b->exact);
    t.nonFiniteFrame = a.nonFiniteFrame >= 0 || !b ? a.nonFiniteFrame : b->nonFiniteFrame;
    return t;
}

} // namespace

Tile TileComputer::pool(const Tile& left, const Tile* right) {
    Tile t = pooledFrom(left, right);
    t.level = left.level + 1;
    const int leftCols = (left.columns + 1) / 2;
    const int rightCols = right ? (right->columns + 1) / 2 : 0;
    t.columns = std::min(kTileColumns, leftCols + rightCols);
    t.db.assign(std::size_t(t.columns) * std::size_t(t.bins), kFloorDb);
    for (int c = 0; c < t.columns; ++c) {
        const Tile& src = c < kTileColumns / 2 ? left : *right;
        const int a = 2 * (c % (kTileColumns / 2));
        float* out = t.db.data() + std::size_t(c) * std::size_t(t.bins);
        for (int r = 0; r < t.bins; ++r) {
            const float x = src.at(a, r);
            const float y = a + 1 < src.columns ? src.at(a + 1, r) : x;
            out[r] = (std::isnan(x) || std::isnan(y)) ? std::nanf("") : std::max(x, y);
        }
    }
    return t;
}

Tile TileComputer::poolRows(const Tile& low, const Tile* high) {
    Tile t = pooledFrom(low, high);
    t.rowLevel = low.rowLevel + 1;
    t.firstRow = low.firstRow / 2;
    t.bins = (low.bins + 1) / 2 + (high ? (high->bins + 1) / 2 : 0);
    t.db.assign(std::size_t(t.columns) * std::size_t(t.bins), kFloorDb);
    for (int c = 0; c < t.columns; ++c) {
        float* out = t.db.data() + std::size_t(c) * std::size_t(t.bins);
        for (int r = 0; r < t.bins; ++r) {
            const Tile& src = r < kBandRows / 2 ? low : *high;
            const int a = 2 * (r % (kBandRows / 2));
            const float x = src.at(c, a);
            const float y = a + 1 < src.bins ? src.at(c, a + 1) : x;
            out[r] = (std::isnan(x) || std::isnan(y)) ? std::nanf("") : std::max(x, y);
        }
    }
    return t;
}

} // namespace specedit::core
