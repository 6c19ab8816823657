#pragma once
// The trace lane under the spectrogram, sharing its time axis (inspectrum's amplitude and
// frequency plots; Audacity's and RX's waveform): for audio the waveform of the shown channel
// (lowest and highest sample per pixel column, the samples themselves when zoomed in); for IQ
// the magnitude in dB and, for the band of the selected shape, its instantaneous frequency
// (core/render/Trace). Computed off the GUI thread by one worker from the same sample source;
// the newest request wins (older ones are cancelled), the last result stays drawn until the
// next arrives, and a request equal to the one drawn is not computed again.
// Hideable. GUI thread only.

#include "render/Trace.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <map>
#include <memory>
#include <optional>

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPMarginGroup;
class QCPGraph;

namespace specedit::ui {

class TraceLane : public QObject {
    Q_OBJECT
public:
    static constexpr int kHeight = 110; // pixels

    // Adds the lane under the plot's main axis rect; time is the spectrogram's time axis.
    TraceLane(QCustomPlot* plot, QCPAxis* time);
    ~TraceLane() override;

    void setSource(std::shared_ptr<const core::SampleSource> source, int channel);
    // The selection's band (absolute Hz), or none; IQ only.
    void setBand(std::optional<std::pair<double, double>> band);
    void setVisible(bool visible);
    // Held: requests wait (while the spectrogram's exact picture of a new analysis is
    // computed, so the lane does not compete with it for the cores); released: the current
    // view is computed.
    void setHeld(bool held);
    bool isVisible() const { return m_visible; }
    QCPAxisRect* rect() const { return m_rect; }
    // The trace drawn now (for tests), and whether a newer one is being computed.
    const std::optional<core::Trace>& shown() const { return m_shown; }
    bool isBusy() const { return m_busy; }

signals:
    void traceShown();
    void visibilityChanged(bool visible);

private:
    void schedule();
    void start();
    void show(const core::Trace& trace);
    void placeAxes();

    QCustomPlot* m_plot;
    QCPAxis* m_time;
    QCPAxisRect* m_rect;
    QCPMarginGroup* m_margins;
    QCPGraph* m_high;
    QCPGraph* m_low;
    QCPGraph* m_frequency;
    bool m_visible = true;
    std::shared_ptr<const core::SampleSource> m_source;
    int m_channel = -1;
    std::optional<std::pair<double, double>> m_band;
    std::optional<core::Trace> m_shown;
    bool m_busy = false;
    bool m_held = false;
    int m_generation = 0;
    std::shared_ptr<core::JobControl> m_job;
    QTimer m_settle;
    QThreadPool m_pool; // one worker; joined before `this` goes
};

} // namespace specedit::ui
