#pragma once
// The spectrograms of a multichannel audio recording one above another, as Audacity and RX
// stack channels. The view's own axis rect is the first pane. Each further channel gets an
// axis rect of the same height below it, with its own tile scheduler, spectrogram and shape
// overlay. Every pane shows the same time and frequency range: a zoom or pan in any pane moves
// them all. The panes also share levels, colormap and frequency scale. Time labels are drawn
// once, under the lowest pane or under the trace lane when it is shown. Each overlay draws
// the shapes that apply to its pane's channel. GUI thread only.

#include "mask/Shape.h"
#include "render/Colormap.h"
#include "view/FrequencyScale.h"

#include <QObject>
#include <QPointF>
#include <functional>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPAxisRect;

namespace specedit::core {
class TileComputer;
}

namespace specedit::ui {

class MaskOverlay;
class SpectrogramPlottable;
class TileScheduler;

struct ChannelPane {
    QCPAxisRect* rect = nullptr;
    TileScheduler* scheduler = nullptr;
    SpectrogramPlottable* spectrogram = nullptr;
    MaskOverlay* overlay = nullptr;
    int channel = -1; // the audio channel shown; -1: the mix, or IQ
};

class ChannelPanes : public QObject {
    Q_OBJECT
public:
    // first: the view's own pane, which is not owned. below: the trace lane's axis rect, kept
    // under the last pane.
    ChannelPanes(QCustomPlot* plot, ChannelPane first, QCPAxisRect* below);
    ~ChannelPanes() override;

    int count() const { return int(m_panes.size()); }
    const ChannelPane& operator[](int i) const { return m_panes[std::size_t(i)]; }
    // The pane whose axis rect, grown by `margin` pixels on each side, holds the pixel, or -1.
    int indexAt(QPointF pixel, int margin = 0) const;
    // One computer per pane, the first for the view's own pane. Panes are added or removed
    // to match. newRecording: the caches are emptied. The images of the old analysis go.
    void setComputers(const std::vector<std::shared_ptr<const core::TileComputer>>& computers,
                      bool newRecording);
    // Each overlay gets the shapes that apply to its channel (a mix or IQ pane gets them all).
    void setShapes(const std::vector<core::Shape>& shapes);
    void setColorParams(const ColorParams& params);
    void setFrequencyScale(FrequencyScale scale);
    // A dB range that fits every pane: the lowest floor and the highest ceiling of their
    // visible tiles (SpectrogramPlottable::autoLevels); false while a pane has too few tiles.
    bool autoLevels(float* minDb, float* maxDb) const;
    void forEachOverlay(const std::function<void(MaskOverlay&)>& f);
    // Sums over the panes for the last replot.
    int missingTiles() const;
    int inexactTiles() const;
    int drawnTiles() const;
    // Every pane has an analysis, its scheduler is idle and its last replot drew every
    // visible tile exactly.
    bool isComplete() const;
    // Time tick labels under the lowest pane, or none when the trace lane below shows them.
    void placeTimeLabels(bool traceVisible);

signals:
    // A tile of one of the further panes arrived.
    void tileReady();
    // One of the further panes cannot compute its tiles (TileScheduler::tileFailed).
    void tileFailed(const QString& message);

private:
    ChannelPane makePane();
    void dropPane(ChannelPane& pane);
    void relayout();
    void labelFrequencyAxes();

    QCustomPlot* m_plot;
    QCPAxisRect* m_below;
    std::vector<ChannelPane> m_panes;
    FrequencyScale m_scale = FrequencyScale::Linear;
    bool m_traceVisible = true;
};

} // namespace specedit::ui
