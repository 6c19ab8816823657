#pragma once
// The spectrogram plot: QCustomPlot with time (bottom) and frequency (left) axes, a dB colour
// scale (right), the spectrogram on its own buffered layer. Wheel zooms time, Ctrl+wheel
// zooms frequency, Shift+wheel pans time; dragging pans; keys: +/- zoom, arrows pan,
// Home/F zoom to fit. The view never leaves the recording's extent. GUI thread only.

#include "render/Colormap.h"

#include <QWidget>
#include <memory>

class QCustomPlot;
class QCPColorScale;

namespace specedit::core {
class TileComputer;
}

namespace specedit::ui {

class SpectrogramPlottable;
class TileScheduler;

class SpectrogramView : public QWidget {
    Q_OBJECT
public:
    explicit SpectrogramView(QWidget* parent = nullptr);
    ~SpectrogramView() override;

    // Shows a new analysis (nullptr: empty). Keeps the visible time range when asked.
    void setComputer(std::shared_ptr<const core::TileComputer> computer, bool keepRange);
    void setColorParams(const ColorParams& params);
    const ColorParams& colorParams() const;
    // Sets the dB range from the visible tiles; false while too few tiles are ready.
    bool autoLevels();

    void zoomToFit();
    void zoomTime(double factor, double centre);
    void zoomFrequency(double factor, double centre);
    void panTime(double fractionOfView);

    QCustomPlot* plot() const { return m_plot; }
    TileScheduler* scheduler() const { return m_scheduler; }
    SpectrogramPlottable* spectrogram() const { return m_spectrogram; }

signals:
    // Cursor position in seconds and Hz, level in dB (NaN when unknown).
    void cursorMoved(double seconds, double hertz, double db);
    void colorParamsChanged(const ColorParams& params);
    void tilesPending(int missing);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void setupAxes();
    void clampRanges();
    void onWheel(QWheelEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onTileReady();

    QCustomPlot* m_plot;
    QCPColorScale* m_colorScale;
    TileScheduler* m_scheduler;
    SpectrogramPlottable* m_spectrogram;
    bool m_replotQueued = false;
    bool m_autoLevelPending = false; // set on a new recording, cleared once levels are set
};

} // namespace specedit::ui
