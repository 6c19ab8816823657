#include "view/SpectrogramPlottable.h"

#include "render/LevelRange.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

constexpr int kImageCacheKiB = 192 * 1024;
constexpr int kOverviewRows = 32;     // the overview strip is at least 40 px high
constexpr float kMaxRangeDb = 120.0f; // as a 20-bit recording's dynamic range

// The level whose units (2^level frames or bins) are at least `perPixel` wide.
int coarseLevel(double perPixel) {
    return int(std::ceil(std::log2(std::max(1.0, perPixel)) - 1e-9));
}

quint64 imageKey(const core::TileKey& key) {
    return quint64(std::hash<core::TileKey>{}(key));
}

std::vector<std::int64_t> centreFirst(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> order;
    const std::int64_t mid = (first + last) / 2;
    for (std::int64_t d = 0; mid - d >= first || mid + d <= last; ++d) {
        if (mid + d <= last)
            order.push_back(mid + d);
        if (d > 0 && mid - d >= first)
            order.push_back(mid - d);
    }
    return order;
}

} // namespace

SpectrogramPlottable::SpectrogramPlottable(QCPAxis* time, QCPAxis* frequency,
                                           TileScheduler* scheduler)
    : QCPAbstractPlottable(time, frequency), m_scheduler(scheduler) {
    m_images.setMaxCost(kImageCacheKiB);
    setAntialiased(false);
}

void SpectrogramPlottable::setColorParams(const ColorParams& params) {
    if (params == m_color)
        return;
    if (params.map != m_color.map)
        m_colormap = Colormap(params.map);
    m_color = params;
    ++m_colours; // images are recoloured as they are drawn; the old ones show until then
}

void SpectrogramPlottable::resetImages() {
    m_images.clear();
}

SpectrogramPlottable::Visible SpectrogramPlottable::visibleTiles() const {
    Visible v;
    const auto& c = m_scheduler->computer();
    if (!c || c->frameCount() == 0)
        return v;
    const double secondsPerFrame = c->params().hop() / c->params().fs;
    const QCPRange range = mKeyAxis->range();
    const double pixels = std::max(1.0, double(mKeyAxis->axisRect()->width()));
    const double framesPerPixel = range.size() / secondsPerFrame / pixels;
    // At least a pixel per column and per row: an image drawn smaller than its data would
    // drop whole columns (short bursts) or rows (narrow lines) instead of taking their maximum.
    v.level = std::clamp(coarseLevel(framesPerPixel), 0, c->maxLevel());
    const double perTile = double(std::int64_t(core::kTileColumns) << v.level);
    const std::int64_t tiles = c->tileCount(v.level);
    v.first = std::clamp<std::int64_t>(
        std::int64_t(std::floor(range.lower / secondsPerFrame / perTile)), 0, tiles - 1);
    v.last = std::clamp<std::int64_t>(
        std::int64_t(std::floor(range.upper / secondsPerFrame / perTile)), 0, tiles - 1);
    // Rows: about one per pixel; bands: those the visible frequency range touches.
    const QCPRange f(fromAxis(m_scale, mValueAxis->range().lower),
                     fromAxis(m_scale, mValueAxis->range().upper));
    const double df = c->params().fs / c->params().nfft;
    const double rowsHigh = std::max(1.0, double(mValueAxis->axisRect()->height()));
    const double binsPerPixel = f.size() / df / rowsHigh;
    // A log or mel axis needs every row at its bottom, where a bin is many pixels tall.
    v.rowLevel = m_scale != FrequencyScale::Linear
                     ? 0
                     : std::clamp(coarseLevel(binsPerPixel), 0, c->maxRowLevel());
    // Bin edges, not centres: a band whose first bin is only partly visible is still drawn.
    const double bin0 = (f.lower - c->rowFrequency(0)) / df + 0.5;
    const double bin1 = (f.upper - c->rowFrequency(0)) / df + 0.5;
    const int bands = c->bandCount(v.rowLevel);
    const double binsPerBand = double(core::kBandRows) * double(1 << v.rowLevel);
    v.firstBand = std::clamp(int(std::floor(bin0 / binsPerBand)), 0, bands - 1);
    v.lastBand = std::clamp(int(std::floor(bin1 / binsPerBand)), 0, bands - 1);
    return v;
}

// Visible keys, centre first along time, every visible band of each.
std::vector<core::TileKey> SpectrogramPlottable::visibleKeys(const Visible& v) const {
    std::vector<core::TileKey> keys;
    const std::size_t hash = m_scheduler->computer()->analysisHash();
    for (std::int64_t i : centreFirst(v.first, v.last))
        for (int band = v.firstBand; band <= v.lastBand; ++band)
            keys.push_back({hash, v.level, i, v.rowLevel, band});
    return keys;
}

// The whole recording in one tile: the coarsest level, at most kOverviewRows rows (the strip
// is shorter than that, so no narrow line is dropped when it is drawn).
core::TileKey SpectrogramPlottable::overviewKey() const {
    const auto& c = m_scheduler->computer();
    int rowLevel = 0;
    while (c->rowCount(rowLevel) > kOverviewRows)
        ++rowLevel;
    return {c->analysisHash(), c->maxLevel(), 0, rowLevel, 0};
}

const QImage* SpectrogramPlottable::imageOf(const std::shared_ptr<const core::Tile>& tile,
                                            const core::TileKey& key) {
    const quint64 k = imageKey(key);
    if (Coloured* done = m_images.object(k); done && done->current(tile, m_colours))
        return &done->image;
    auto* coloured =
        new Coloured{QImage(tile->columns, tile->bins, QImage::Format_RGB32), tile, m_colours};
    QImage& img = coloured->image;
    for (int r = 0; r < tile->bins; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(tile->bins - 1 - r));
        for (int c = 0; c < tile->columns; ++c)
            line[c] = m_colormap.colorOf(tile->at(c, r), m_color.minDb, m_color.maxDb);
    }
    const int costKiB = std::max(1, int(img.sizeInBytes() / 1024));
    m_images.insert(k, coloured, std::min(costKiB, kImageCacheKiB)); // never refused
    return &m_images.object(k)->image;
}

QRectF SpectrogramPlottable::tileRect(const core::Tile& tile) const {
    const auto& c = m_scheduler->computer();
    const double secondsPerFrame = c->params().hop() / c->params().fs;
    const double span = double(std::int64_t(1) << tile.level);
    const double t0 = (double(tile.firstFrame) - 0.5) * secondsPerFrame;
    const double t1 = t0 + tile.columns * span * secondsPerFrame;
    const auto [f0, f1] = c->rowGridSpan(tile.rowLevel, tile.firstRow, tile.bins);
    const QPointF a(mKeyAxis->coordToPixel(t0), mValueAxis->coordToPixel(toAxis(m_scale, f1)));
    const QPointF b(mKeyAxis->coordToPixel(t1), mValueAxis->coordToPixel(toAxis(m_scale, f0)));
    // Whole pixels, rounded outwards: neighbouring tiles overlap by at most a pixel instead of
    // leaving a hairline gap where their fractional edges meet.
    QRectF r = QRectF(a, b).normalized();
    r.setLeft(std::floor(r.left()));
    r.setRight(std::ceil(r.right()));
    r.setTop(std::floor(r.top()));
    r.setBottom(std::ceil(r.bottom()));
    return r;
}

// Draws the tile at key if its data is cached and coloured. An image coloured from an older
// (quick) version of the tile is drawn while the new one waits for its colours.
bool SpectrogramPlottable::drawTile(QCPPainter* painter, const core::TileKey& key) {
    const auto tile = m_scheduler->cached(key);
    if (!tile || tile->columns == 0)
        return false;
    const Coloured* coloured = m_images.object(imageKey(key));
    if (!coloured || !coloured->current(tile, m_colours))
        requestColouring(key); // coloured after this paint, never during it (rule R4)
    if (!coloured)
        return false;
    if (m_scale != FrequencyScale::Linear)
        drawWarped(painter, *coloured->source, coloured->image);
    else
        painter->drawImage(tileRect(*coloured->source), coloured->image);
    return true;
}

// On a log or mel frequency axis rows are not equally tall: rows are grouped into strips the
// axis maps to within half a pixel of linearly, and each strip is drawn as one scaled piece
// (one row per strip at the bottom, where rows are tall; many at the top). Rows below the
// axis's lowest frequency are not drawn.
void SpectrogramPlottable::drawWarped(QCPPainter* painter, const core::Tile& tile,
                                      const QImage& image) const {
    const QRectF columns = tileRect(tile); // its horizontal extent holds on any axis
    const auto [f0, f1] =
        m_scheduler->computer()->rowGridSpan(tile.rowLevel, tile.firstRow, tile.bins);
    const int rows = image.height();
    const double rowHz = (f1 - f0) / rows;
    const double lowest = fromAxis(m_scale, mValueAxis->range().lower);
    auto edge = [&](int r) { return f0 + r * rowHz; }; // lower edge of row r (from the bottom)
    auto py = [&](double f) {
        return mValueAxis->coordToPixel(toAxis(m_scale, std::max(f, lowest)));
    };
    for (int r = 0; r < rows;) {
        int end = r + 1;
        while (end < rows) {
            const double a = py(edge(r)), b = py(edge(end + 1));
            const double mid = py(0.5 * (edge(r) + edge(end + 1)));
            if (std::abs(mid - 0.5 * (a + b)) > 0.5)
                break;
            ++end;
        }
        if (edge(end) > lowest) {
            const double top = std::floor(py(edge(end))), bottom = std::ceil(py(edge(r)));
            painter->drawImage(QRectF(columns.left(), top, columns.width(), bottom - top), image,
                               QRectF(0, rows - end, image.width(), end - r));
        }
        r = end;
    }
}

void SpectrogramPlottable::requestColouring(const core::TileKey& key) {
    if (std::find(m_toColour.begin(), m_toColour.end(), key) == m_toColour.end())
        m_toColour.push_back(key);
    if (m_colourQueued)
        return;
    m_colourQueued = true;
    QMetaObject::invokeMethod(this, &SpectrogramPlottable::colourPending, Qt::QueuedConnection);
}

void SpectrogramPlottable::colourPending() {
    m_colourQueued = false;
    const auto keys = std::move(m_toColour);
    m_toColour.clear();
    bool any = false;
    for (const auto& key : keys) {
        if (!m_scheduler->computer() || key.analysis != m_scheduler->computer()->analysisHash())
            continue; // a newer analysis replaced it
        if (const auto tile = m_scheduler->cached(key)) {
            imageOf(tile, key);
            if (key == overviewKey())
                colourOverview(tile);
            any = true;
        }
    }
    if (any) {
        emit imagesReady();
        parentPlot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

// Where a tile is missing: the same rows from a coarser cached level, else the overview.
void SpectrogramPlottable::drawFallback(QCPPainter* painter, const core::TileKey& key,
                                        QSet<quint64>& done) {
    const auto& c = m_scheduler->computer();
    for (int up = key.level + 1; up <= c->maxLevel() + 1; ++up) {
        const core::TileKey coarse =
            up <= c->maxLevel() ? core::TileKey{key.analysis, up, key.index >> (up - key.level),
                                                key.rowLevel, key.band}
                                : overviewKey();
        if (done.contains(imageKey(coarse)))
            return;
        if (drawTile(painter, coarse)) {
            done.insert(imageKey(coarse));
            return;
        }
    }
}

void SpectrogramPlottable::draw(QCPPainter* painter) {
    m_drawn = m_missing = m_inexact = 0;
    if (!m_scheduler->computer() || m_scheduler->computer()->frameCount() == 0)
        return;
    const Visible v = visibleTiles();
    const auto keys = visibleKeys(v);
    std::vector<TileRequest> quick, exact;
    for (const auto& key : keys) {
        const auto tile = m_scheduler->cached(key);
        if (!tile)
            quick.push_back({key, false});
        // A quick tile of levels 0..2 is exact already: no second request for it.
        const bool quickIsExact = v.level <= 2;
        if (tile ? !tile->exact : !quickIsExact)
            exact.push_back({key, true});
    }
    QSet<quint64> fallbackDone;
    for (const auto& r : quick)
        drawFallback(painter, r.key, fallbackDone);
    for (const auto& key : keys)
        m_drawn += drawTile(painter, key) ? 1 : 0;
    m_missing = int(quick.size());
    m_inexact = int(exact.size());
    // The overview first (one quick tile), then what is missing, then the exact versions.
    std::vector<TileRequest> wanted{{overviewKey(), false}};
    wanted.insert(wanted.end(), quick.begin(), quick.end());
    wanted.insert(wanted.end(), exact.begin(), exact.end());
    // The exact overview is pooled from the visible tiles when they cover the whole recording
    // (the fitted view); otherwise it would cost a pass over the recording, so it waits.
    const auto& c = m_scheduler->computer();
    if (v.first == 0 && v.last == c->tileCount(v.level) - 1 && v.firstBand == 0 &&
        v.lastBand == c->bandCount(v.rowLevel) - 1)
        wanted.push_back({overviewKey(), true});
    m_scheduler->request(wanted);
}

// Coloured with levels fitted to the whole recording, not the view's: with the view's levels
// fitted to the noise between two bursts, the strip became one saturated band.
const QImage* SpectrogramPlottable::overviewImage() {
    if (!m_scheduler->computer() || m_scheduler->computer()->frameCount() == 0)
        return nullptr;
    const core::TileKey key = overviewKey();
    const auto tile = m_scheduler->cached(key);
    if (!tile || tile->columns == 0)
        return nullptr;
    if (!m_overview.current(tile, m_colours))
        requestColouring(key);
    return m_overview.image.isNull() ? nullptr : &m_overview.image;
}

void SpectrogramPlottable::colourOverview(const std::shared_ptr<const core::Tile>& tile) {
    std::vector<core::LevelSample> samples;
    core::appendLevelSamples(*tile, 1, samples);
    const auto range = core::autoLevelRange(std::move(samples), kMaxRangeDb);
    const float minDb = range ? range->minDb : m_color.minDb;
    const float maxDb = range ? range->maxDb : m_color.maxDb;
    QImage img(tile->columns, tile->bins, QImage::Format_RGB32);
    for (int r = 0; r < tile->bins; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(tile->bins - 1 - r));
        for (int c = 0; c < tile->columns; ++c)
            line[c] = m_colormap.colorOf(tile->at(c, r), minDb, maxDb);
    }
    m_overview = {std::move(img), tile, m_colours};
}

double SpectrogramPlottable::levelAt(double t, double f) {
    const auto& c = m_scheduler->computer();
    if (!c)
        return std::nan("");
    const double secondsPerFrame = c->params().hop() / c->params().fs;
    const double frame = std::round(t / secondsPerFrame);
    const double df = c->params().fs / c->params().nfft;
    const int bin = int(std::lround((f - c->rowFrequency(0)) / df));
    if (frame < 0 || frame >= double(c->frameCount()) || bin < 0 || bin >= c->bins())
        return std::nan("");
    // What is drawn there: the visible levels first, then coarser ones.
    const Visible v = visibleTiles();
    for (int rowLevel = v.rowLevel; rowLevel <= c->maxRowLevel(); ++rowLevel) {
        const int row = bin >> rowLevel;
        for (int level = v.level; level <= c->maxLevel(); ++level) {
            const std::int64_t column = std::int64_t(frame) >> level;
            const auto tile = m_scheduler->cached(
                {0, level, column / core::kTileColumns, rowLevel, row / core::kBandRows});
            if (tile && column % core::kTileColumns < tile->columns)
                return tile->at(int(column % core::kTileColumns), row % core::kBandRows);
        }
    }
    return std::nan("");
}

bool SpectrogramPlottable::autoLevels(float* minDb, float* maxDb) {
    if (!m_scheduler->computer() || m_scheduler->computer()->frameCount() == 0)
        return false;
    std::vector<core::LevelSample> samples;
    for (const auto& key : visibleKeys(visibleTiles()))
        if (const auto tile = m_scheduler->cached(key))
            core::appendLevelSamples(*tile, 7, samples);
    if (samples.empty())
        if (const auto tile = m_scheduler->cached(overviewKey()))
            core::appendLevelSamples(*tile, 1, samples);
    const auto range = core::autoLevelRange(std::move(samples), kMaxRangeDb);
    if (!range)
        return false;
    *minDb = range->minDb;
    *maxDb = range->maxDb;
    return true;
}

double SpectrogramPlottable::selectTest(const QPointF&, bool, QVariant*) const {
    return -1;
}

QCPRange SpectrogramPlottable::getKeyRange(bool& found, QCP::SignDomain) const {
    const auto& c = m_scheduler->computer();
    found = bool(c);
    if (!c)
        return {};
    const double secondsPerFrame = c->params().hop() / c->params().fs;
    return {0.0, double(c->frameCount() - 1) * secondsPerFrame};
}

QCPRange SpectrogramPlottable::getValueRange(bool& found, QCP::SignDomain, const QCPRange&) const {
    const auto& c = m_scheduler->computer();
    found = bool(c);
    if (!c)
        return {};
    // A real signal's spectrum runs from 0 Hz to half the rate: its outer bins' half cells
    // beyond would put the view below 0 Hz ("f -8.0 Hz" read a tester zoomed in at the hum).
    // A two-sided one shows its bins whole.
    const double half = c->isTwoSided() ? 0.5 * c->params().fs / c->params().nfft : 0.0;
    return {c->rowFrequency(0) - half, c->rowFrequency(c->bins() - 1) + half};
}

void SpectrogramPlottable::drawLegendIcon(QCPPainter*, const QRectF&) const {}

} // namespace specedit::ui
