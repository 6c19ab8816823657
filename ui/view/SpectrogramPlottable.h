#pragma once
// Draws the spectrogram into a QCustomPlot axis rect from cached tiles (design rule R4: paint
// never computes). For the visible range it picks the time level whose columns are about one
// pixel wide and the row level whose rows are about one pixel high, draws the coloured images
// of the tiles it has, falls back to a coarser cached level (scaled up) where a tile is
// missing, leaves the background elsewhere, and asks the TileScheduler for what was missing,
// centre first: quick tiles first, then exact ones (every frame of every column) that replace
// them, then the exact whole-recording overview. Colour images are cached per tile for the
// current ColorParams; a new dB range or colormap recolours them without any FFT (the old
// colours stay drawn until then). Images are coloured right after a paint that lacked them
// (a queued call), never inside it.
// GUI thread only.

#include "render/Colormap.h"
#include "render/TileScheduler.h"
#include "view/FrequencyScale.h"

#include <QCache>
#include <QImage>
#include <qcustomplot.h>

namespace specedit::ui {

class SpectrogramPlottable : public QCPAbstractPlottable {
    Q_OBJECT
public:
    SpectrogramPlottable(QCPAxis* time, QCPAxis* frequency, TileScheduler* scheduler);

    void setColorParams(const ColorParams& params);
    // How the frequency axis is spread (its coordinates are mel values on a mel axis).
    void setFrequencyScale(FrequencyScale scale) { m_scale = scale; }
    const ColorParams& colorParams() const { return m_color; }
    // Drops coloured images (after a new analysis).
    void resetImages();
    // Number of visible tiles that are not exact yet (quick pictures waiting to be replaced).
    int lastInexactTiles() const { return m_inexact; }
    // Level in dB at (t, f) from the finest cached tile, or NaN.
    double levelAt(double t, double f);
    // dB range from percentiles of the tiles visible now (noise floor low, peaks high).
    bool autoLevels(float* minDb, float* maxDb);
    // The whole recording as one coloured image (the coarsest tile), or nullptr until it is
    // computed. Valid until the next call.
    const QImage* overviewImage();
    // The key of the overview's tile: the coarsest level, a few rows (current analysis).
    core::TileKey overviewKey() const;
    // Number of tiles drawn from their own level in the last draw, and missing ones.
    int lastDrawnTiles() const { return m_drawn; }
    int lastMissingTiles() const { return m_missing; }

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details) const override;

signals:
    // Tiles were coloured (outside paint): the overview and the plot may repaint.
    void imagesReady();

public:
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain,
                           const QCPRange& inKeyRange) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    struct Visible {
        int level = 0;
        int rowLevel = 0;
        std::int64_t first = 0, last = -1; // tile indices
        int firstBand = 0, lastBand = -1;
    };
    // A coloured tile and the data tile it was made from (a newer, exact tile replaces it).
    // Coloured with the colours of generation `colours` (a new dB range or colormap starts
    // the next one: the old image is drawn until the new one is made, so nothing blanks).
    struct Coloured {
        QImage image;
        std::shared_ptr<const core::Tile> source;
        std::uint64_t colours = 0;
        bool current(const std::shared_ptr<const core::Tile>& tile, std::uint64_t now) const {
            return source == tile && colours == now;
        }
    };
    Visible visibleTiles() const;
    std::vector<core::TileKey> visibleKeys(const Visible& v) const;
    const QImage* imageOf(const std::shared_ptr<const core::Tile>& tile, const core::TileKey& key);
    QRectF tileRect(const core::Tile& tile) const;
    bool drawTile(QCPPainter* painter, const core::TileKey& key);
    void drawWarped(QCPPainter* painter, const core::Tile& tile, const QImage& image) const;
    void drawFallback(QCPPainter* painter, const core::TileKey& key, QSet<quint64>& done);
    void requestColouring(const core::TileKey& key);
    void colourPending();
    void colourOverview(const std::shared_ptr<const core::Tile>& tile);

    TileScheduler* m_scheduler;
    ColorParams m_color;
    FrequencyScale m_scale = FrequencyScale::Linear;
    Colormap m_colormap{ColormapId::Inferno};
    QCache<quint64, Coloured> m_images;    // cost in KiB
    std::vector<core::TileKey> m_toColour; // data tiles waiting for their colour image
    bool m_colourQueued = false;
    std::uint64_t m_colours = 0; // generation of m_color
    Coloured m_overview;         // the strip's picture, with its own levels
    int m_drawn = 0;
    int m_missing = 0;
    int m_inexact = 0;
};

} // namespace specedit::ui
