#include "view/SpectrogramPlottable.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

constexpr int kImageCacheKiB = 192 * 1024;
constexpr int kMaxImageRows = 2048;

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
    m_images.clear();
}

void SpectrogramPlottable::resetImages() {
    m_images.clear();
}

int SpectrogramPlottable::maxLevel() const {
    const auto& c = m_scheduler->computer();
    int level = 0;
    while ((std::int64_t(core::kTileColumns) << level) < c->frameCount() && level < 40)
        ++level;
    return level;
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
    v.level = std::clamp(int(std::floor(std::log2(std::max(1.0, framesPerPixel)))), 0, maxLevel());
    const double perTile = double(std::int64_t(core::kTileColumns) << v.level);
    const std::int64_t tiles = c->tileCount(v.level);
    v.first = std::clamp<std::int64_t>(
        std::int64_t(std::floor(range.lower / secondsPerFrame / perTile)), 0, tiles - 1);
    v.last = std::clamp<std::int64_t>(
        std::int64_t(std::floor(range.upper / secondsPerFrame / perTile)), 0, tiles - 1);
    return v;
}

const QImage* SpectrogramPlottable::imageOf(const core::Tile& tile, const core::TileKey& key) {
    const quint64 k = imageKey(key);
    if (QImage* img = m_images.object(k))
        return img;
    // Tall tiles (large FFTs) are coloured at most kMaxImageRows high, each image row the
    // maximum of its group of bins: no screen shows more, and the image stays small.
    const int group = (tile.bins + kMaxImageRows - 1) / kMaxImageRows;
    const int rows = (tile.bins + group - 1) / group;
    auto* img = new QImage(tile.columns, rows, QImage::Format_RGB32);
    for (int r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<QRgb*>(img->scanLine(rows - 1 - r));
        for (int c = 0; c < tile.columns; ++c) {
            float db = tile.at(c, r * group);
            for (int b = r * group + 1; b < std::min(tile.bins, (r + 1) * group); ++b)
                db = std::max(db, tile.at(c, b));
            line[c] = m_colormap.colorOf(db, m_color.minDb, m_color.maxDb);
        }
    }
    const int costKiB = std::max(1, int(img->sizeInBytes() / 1024));
    m_images.insert(k, img, std::min(costKiB, kImageCacheKiB)); // never refused
    return m_images.object(k);
}

QRectF SpectrogramPlottable::tileRect(const core::Tile& tile) const {
    const auto& c = m_scheduler->computer();
    const double secondsPerFrame = c->params().hop() / c->params().fs;
    const double span = double(std::int64_t(1) << tile.level);
    const double t0 = (double(tile.firstFrame) - 0.5) * secondsPerFrame;
    const double t1 = t0 + tile.columns * span * secondsPerFrame;
    const double df = c->params().fs / c->params().nfft;
    const double f0 = c->rowFrequency(0) - df / 2;
    const double f1 = c->rowFrequency(tile.bins - 1) + df / 2;
    const QPointF a(mKeyAxis->coordToPixel(t0), mValueAxis->coordToPixel(f1));
    const QPointF b(mKeyAxis->coordToPixel(t1), mValueAxis->coordToPixel(f0));
    // Whole pixels, rounded outwards: neighbouring tiles overlap by at most a pixel instead of
    // leaving a hairline gap where their fractional edges meet.
    QRectF r = QRectF(a, b).normalized();
    r.setLeft(std::floor(r.left()));
    r.setRight(std::ceil(r.right()));
    return r;
}

bool SpectrogramPlottable::drawTile(QCPPainter* painter, int level, std::int64_t index) {
    const auto tile = m_scheduler->cached(level, index);
    if (!tile || tile->columns == 0)
        return false;
    const core::TileKey key{m_scheduler->computer()->analysisHash(), level, index};
    const QImage* image = m_images.object(imageKey(key));
    if (!image) {
        requestColouring(key); // coloured after this paint, never during it (rule R4)
        return false;
    }
    painter->drawImage(tileRect(*tile), *image);
    return true;
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
        if (const auto tile = m_scheduler->cached(key.level, key.index)) {
            imageOf(*tile, key);
            any = true;
        }
    }
    if (any) {
        emit imagesReady();
        parentPlot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

void SpectrogramPlottable::drawFallback(QCPPainter* painter, int level, std::int64_t index,
                                        QSet<quint64>& done) {
    for (int up = level + 1; up <= maxLevel(); ++up) {
        const std::int64_t coarse = index >> (up - level);
        const core::TileKey key{m_scheduler->computer()->analysisHash(), up, coarse};
        if (done.contains(imageKey(key)))
            return;
        if (drawTile(painter, up, coarse)) {
            done.insert(imageKey(key));
            return;
        }
    }
}

void SpectrogramPlottable::draw(QCPPainter* painter) {
    m_drawn = m_missing = 0;
    if (!m_scheduler->computer())
        return;
    const Visible v = visibleTiles();
    const auto order = centreFirst(v.first, v.last);
    std::vector<std::int64_t> missing;
    for (std::int64_t i : order)
        if (!m_scheduler->cached(v.level, i))
            missing.push_back(i);
    QSet<quint64> fallbackDone;
    for (std::int64_t i : missing)
        drawFallback(painter, v.level, i, fallbackDone);
    for (std::int64_t i : order)
        m_drawn += drawTile(painter, v.level, i) ? 1 : 0;
    m_missing = int(missing.size());
    std::vector<core::TileKey> wanted;
    const std::size_t hash = m_scheduler->computer()->analysisHash();
    // The whole recording at the coarsest level first: an overview appears at once.
    const int top = maxLevel();
    if (!m_scheduler->cached(top, 0))
        wanted.push_back({hash, top, 0});
    for (std::int64_t i : missing)
        wanted.push_back({hash, v.level, i});
    m_scheduler->request(wanted);
}

const QImage* SpectrogramPlottable::overviewImage() {
    if (!m_scheduler->computer())
        return nullptr;
    const int top = maxLevel();
    const auto tile = m_scheduler->cached(top, 0);
    if (!tile || tile->columns == 0)
        return nullptr;
    const core::TileKey key{m_scheduler->computer()->analysisHash(), top, 0};
    const QImage* image = m_images.object(imageKey(key));
    if (!image)
        requestColouring(key);
    return image;
}

double SpectrogramPlottable::levelAt(double t, double f) {
    const auto& c = m_scheduler->computer();
    if (!c)
        return std::nan("");
    const double secondsPerFrame = c->params().hop() / c->params().fs;
    const double frame = std::round(t / secondsPerFrame);
    const double df = c->params().fs / c->params().nfft;
    const int row = int(std::lround((f - c->rowFrequency(0)) / df));
    if (frame < 0 || frame >= double(c->frameCount()) || row < 0 || row >= c->bins())
        return std::nan("");
    for (int level = 0; level <= maxLevel(); ++level) {
        const std::int64_t column = std::int64_t(frame) >> level;
        const auto tile = m_scheduler->cached(level, column / core::kTileColumns);
        if (tile && column % core::kTileColumns < tile->columns)
            return tile->at(int(column % core::kTileColumns), row);
    }
    return std::nan("");
}

bool SpectrogramPlottable::autoLevels(float* minDb, float* maxDb) {
    if (!m_scheduler->computer())
        return false;
    std::vector<float> values;
    Visible v = visibleTiles();
    for (int level = v.level; level <= maxLevel() && values.empty(); ++level) {
        const std::int64_t shift = level - v.level;
        for (std::int64_t i = v.first >> shift; i <= (v.last >> shift); ++i)
            if (const auto tile = m_scheduler->cached(level, i))
                for (std::size_t k = 0; k < tile->db.size(); k += 7)
                    if (tile->db[k] > core::kFloorDb)
                        values.push_back(tile->db[k]);
    }
    if (values.size() < 16)
        return false;
    auto pct = [&values](double p) {
        const auto n = std::size_t(p * double(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(n), values.end());
        return values[n];
    };
    const float floorDb = pct(0.10);
    const float peakDb = pct(0.9995);
    *minDb = std::floor(floorDb - 10.0f);
    *maxDb = std::ceil(std::max(peakDb + 3.0f, *minDb + 30.0f));
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
    const double df = c->params().fs / c->params().nfft;
    return {c->rowFrequency(0) - df / 2, c->rowFrequency(c->bins() - 1) + df / 2};
}

void SpectrogramPlottable::drawLegendIcon(QCPPainter*, const QRectF&) const {}

} // namespace specedit::ui
