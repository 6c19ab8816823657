#pragma once
// The trace lane under the spectrogram, sharing its time axis (inspectrum's amplitude and
// frequency plots; Audacity's and RX's waveform): for audio the waveform of the shown channel
// (lowest and highest sample per pixel column, the samples themselves when zoomed in); for IQ
// the magnitude in dB and, for the band of the selected shape, its instantaneous frequency
// (core/render/Trace). Computed off the GUI thread by one worker from the same sample source;
// the newest request wins (older ones are cancelled), the last result stays drawn until the
// next arrives, and a request equal to the one drawn is not computed again.
// With an edit set (View > Show edited result), the lane draws the edited signal of the shown
// range, rendered as the export renders it, when the range holds at most kMaxEditedSamples;
// a longer range shows the recording, and the lane says so.
// Hideable. GUI thread only.

#include "dsp/StftParams.h"
#include "mask/Shape.h"
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
class QCPItemStraightLine;

namespace specedit::ui {

class TraceLane : public QObject {
    Q_OBJECT
public:
    static constexpr int kHeight = 110;   // pixels, in a plot at least 4 times as tall
    static constexpr int kMinHeight = 48; // in a short plot, a quarter of it down to this
    // The longest range drawn edited: its export runs for each view (2 s at 2 MS/s, 83 s of
    // 48 kHz audio; about 100 MB while it runs).
    static constexpr std::int64_t kMaxEditedSamples = 4'000'000;

    // What the export would apply: the analysis and the shapes.
    struct Edit {
        core::StftParams params;
        std::vector<core::Shape> shapes;
    };

    // Adds the lane under the plot's main axis rect; time is the spectrogram's time axis.
    TraceLane(QCustomPlot* plot, QCPAxis* time);
    ~TraceLane() override;

    void setSource(std::shared_ptr<const core::SampleSource> source, int channel);
    // The selection's band (absolute Hz), or none; IQ only.
    void setBand(std::optional<std::pair<double, double>> band);
    // The edit to draw the result of, or none (the recording itself).
    void setEdit(std::optional<Edit> edit);
    void setVisible(bool visible);
    // Held: requests wait (while the spectrogram's exact picture of a new analysis is
    // computed, so the lane does not compete with it for the cores); released: the current
    // view is computed.
    void setHeld(bool held);
    bool isVisible() const { return m_visible; }
    QCPAxisRect* rect() const { return m_rect; }
    // The trace drawn now (for tests), and whether a newer one is being computed or waits to be.
    const std::optional<core::Trace>& shown() const { return m_shown; }
    bool isBusy() const { return m_busy || m_waiting; }
    // The trace drawn is of the edited signal (false: of the recording).
    bool showsEdited() const { return m_shownEdited; }
    // Why the trace drawn is the recording's although an edit is set ("Original signal: zoom
    // in to ..."), shown beside the time axis's label; empty otherwise.
    const QString& note() const { return m_note; }
    // The band's frequency scale, beside the lane (under the colour scale).
    QCPAxis* bandScale() const;
    // The playback position across the lane too (recording seconds), or none.
    void setPlayhead(std::optional<double> seconds);
    // Where the lane's playhead stands, or none (for tests).
    std::optional<double> playhead() const;

signals:
    void traceShown();
    void visibilityChanged(bool visible);

private:
    void schedule();
    void start();
    void show(const core::Trace& trace, bool edited);
    void placeAxes();
    void buildBandScale();
    void fitHeight();
    bool eventFilter(QObject* watched, QEvent* event) override;
    bool canDrawEdited(const core::TraceRequest& request) const;
    void updateNote();

    QCustomPlot* m_plot;
    QCPAxis* m_time;
    QCPAxisRect* m_rect;
    QCPMarginGroup* m_margins;
    QCPGraph* m_high;
    QCPGraph* m_low;
    QCPGraph* m_frequency;
    QCPItemStraightLine* m_playhead = nullptr; // made at the first setPlayhead
    QCPAxisRect* m_bandScale = nullptr;        // holds the band's scale, beside the lane
    int m_bandWidth = 0;                       // its width for IQ, in pixels
    bool m_visible = true;
    std::shared_ptr<const core::SampleSource> m_source;
    int m_channel = -1;
    std::optional<std::pair<double, double>> m_band;
    std::optional<core::Trace> m_shown;
    std::optional<Edit> m_edit;
    int m_editSerial = 0;   // counts setEdit calls: a new edit is a new request
    int m_shownSerial = -1; // the edit serial of the trace shown
    bool m_shownEdited = false;
    QString m_note;
    bool m_busy = false;
    bool m_waiting = false; // a request waits for the settle timer or the release of a hold
    bool m_held = false;
    int m_generation = 0;
    std::shared_ptr<core::JobControl> m_job;
    QTimer m_settle;
    QThreadPool m_pool; // one worker; joined before `this` goes
};

} // namespace specedit::ui
