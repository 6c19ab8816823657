#include "view/TraceLane.h"

#include "ErrorText.h"
#include "apply/RangeRender.h"
#include "io/SpanOverlaySource.h"
#include "view/AxisTickers.h"

#include <QFontMetrics>
#include <QMetaObject>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

// The centre time of each column.
QVector<double> columnTimes(const core::TraceRequest& r) {
    QVector<double> t(r.columns);
    const double w = (r.t1 - r.t0) / r.columns;
    for (int c = 0; c < r.columns; ++c)
        t[c] = r.t0 + (c + 0.5) * w;
    return t;
}

QVector<double> values(const std::vector<float>& v) {
    QVector<double> out(qsizetype(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i)
        out[qsizetype(i)] = v[i];
    return out;
}

// The recording with the request's range replaced by its edited result (as exported).
std::shared_ptr<const core::SampleSource>
editedSpan(std::shared_ptr<const core::SampleSource> source, const TraceLane::Edit& edit,
           const core::TraceRequest& r, core::JobControl& job) {
    const double t0 = std::max(0.0, r.t0), t1 = std::min(source->info().duration(), r.t1);
    if (!(t1 > t0)) // nothing of the recording is shown
        return source;
    auto range = core::renderRange(*source, edit.params, edit.shapes, t0, t1, true, job,
                                   std::numeric_limits<double>::infinity());
    return std::make_shared<core::SpanOverlaySource>(source, range.firstFrame,
                                                     std::move(range.samples));
}

// Seconds written to two significant digits, rounded down ("83 s", "2 s", "0.09 s").
QString roundedTime(double seconds) {
    const double unit = std::pow(10.0, std::floor(std::log10(seconds)) - 1);
    const double rounded = std::floor(seconds / unit) * unit;
    return formatTime(rounded, exactStep(rounded));
}

// What the lane's worker hands back: the trace, whether it is of the edited signal, and why
// not when an edit was asked for.
struct Drawn {
    core::Trace trace;
    bool edited = false;
    QString why;
};

} // namespace

TraceLane::TraceLane(QCustomPlot* plot, QCPAxis* time)
    : QObject(plot), m_plot(plot), m_time(time), m_rect(new QCPAxisRect(plot)) {
    m_pool.setMaxThreadCount(1);
    plot->installEventFilter(this);
    m_rect->setBackground(QColor(24, 24, 28));
    m_rect->setRangeDrag(Qt::Horizontal);
    m_rect->setRangeDragAxes(time, nullptr); // dragging the lane pans the spectrogram
    m_rect->setRangeZoom(Qt::Orientations());
    plot->plotLayout()->addElement(1, 0, m_rect);
    m_margins = new QCPMarginGroup(plot);
    plot->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    m_rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    QCPAxis* x = m_rect->axis(QCPAxis::atBottom);
    x->setTicker(QSharedPointer<QCPAxisTicker>(new UnitTicker(&formatTime, true)));
    x->setRange(time->range());
    connect(time, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this, x](const QCPRange& r) {
                x->setRange(r);
                schedule();
            });
    for (QCPAxis* a : m_rect->axes())
        a->grid()->setPen(QPen(QColor(70, 70, 80), 0, Qt::DotLine));
    m_high = plot->addGraph(x, m_rect->axis(QCPAxis::atLeft));
    m_low = plot->addGraph(x, m_rect->axis(QCPAxis::atLeft));
    const QColor wave(120, 190, 255);
    for (QCPGraph* g : {m_high, m_low})
        g->setPen(QPen(wave, 1));
    m_high->setBrush(QColor(120, 190, 255, 110));
    m_high->setChannelFillGraph(m_low);
    m_frequency = plot->addGraph(x, m_rect->axis(QCPAxis::atRight));
    m_frequency->setPen(QPen(QColor(255, 170, 60), 1.5));
    buildBandScale();
    m_settle.setSingleShot(true);
    m_settle.setInterval(60);
    connect(&m_settle, &QTimer::timeout, this, &TraceLane::start);
    connect(plot, &QCustomPlot::afterLayout, this, &TraceLane::schedule);
    placeAxes();
    fitHeight();
}

// A line across the lane in the spectrogram's playhead colour, on its "mask" layer, which
// the view replots alone while playing.
void TraceLane::setPlayhead(std::optional<double> seconds) {
    if (!m_playhead) {
        m_playhead = new QCPItemStraightLine(m_plot);
        m_playhead->setLayer("mask");
        m_playhead->setClipAxisRect(m_rect);
        m_playhead->setPen(QPen(QColor(120, 255, 160), 1.5));
        for (QCPItemPosition* p : {m_playhead->point1, m_playhead->point2}) {
            p->setAxes(m_rect->axis(QCPAxis::atBottom), m_rect->axis(QCPAxis::atLeft));
            p->setType(QCPItemPosition::ptPlotCoords);
        }
    }
    m_playhead->setVisible(seconds.has_value());
    if (seconds) {
        m_playhead->point1->setCoords(*seconds, 0.0);
        m_playhead->point2->setCoords(*seconds, 1.0);
    }
}

std::optional<double> TraceLane::playhead() const {
    if (!m_playhead || !m_playhead->visible())
        return std::nullopt;
    return m_playhead->point1->coords().x();
}

// The band's frequency scale, in the trace's orange, beside the lane under the colour scale
// (its grid cell was empty): three labels at most, none over the trace. Drawn inside the lane,
// they hid its right end. The lane's right axis carries the frequency graph, unshown.
void TraceLane::buildBandScale() {
    m_bandScale = new QCPAxisRect(m_plot, false);
    QCPAxis* scale = m_bandScale->addAxis(QCPAxis::atLeft);
    QSharedPointer<UnitTicker> ticker(new UnitTicker(&formatFrequency));
    ticker->takeUnitFrom(m_plot->yAxis); // the picture's frequency axis (IQ: one pane)
    ticker->setTickCount(3);
    scale->setTicker(ticker);
    scale->setTickLabelSide(QCPAxis::lsInside);
    const QColor orange(255, 170, 60);
    scale->setTickLabelColor(orange);
    scale->setBasePen(QPen(orange));
    scale->setTickPen(QPen(orange));
    scale->setSubTicks(false);
    scale->setTickLengthOut(0);
    scale->grid()->setVisible(false);
    m_bandScale->setRangeDrag(Qt::Orientations());
    m_bandScale->setRangeZoom(Qt::Orientations());
    m_bandScale->setMinimumMargins(QMargins(0, 0, 0, 0));
    // Wide enough for "-433.92 MHz" whole (the colour scale's column cut "-500 kHz" short).
    const QFontMetrics metrics(scale->tickLabelFont());
    m_bandScale->setSizeConstraintRect(QCPLayoutElement::scrOuterRect); // shown or not, one width
    m_bandWidth = metrics.horizontalAdvance("-433.92 MHz") + 10;        // IQ only (placeAxes)
    m_bandScale->setMaximumSize(metrics.horizontalAdvance("-434.3665 MHz") + 12, QWIDGETSIZE_MAX);
    auto* rows = new QCPMarginGroup(m_plot); // its top and bottom are the lane's
    m_rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    m_bandScale->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    m_rect->axis(QCPAxis::atRight)->setVisible(false);
    m_plot->plotLayout()->addElement(m_plot->plotLayout()->rowCount() - 1, 1, m_bandScale);
}

// kHeight, or a quarter of the plot when it is short: in a 640 x 400 window the lane kept
// 110 px and left the spectrogram 50 (a tester).
// The time axes' ticks thin out in a narrow plot too ("0 s2 s4 s6 s8 s10 s" ran together at
// 640 px): about one per 150 px, 2 to 5.
void TraceLane::fitHeight() {
    const int h = std::clamp(m_plot->height() / 4, kMinHeight, kHeight);
    m_rect->setMinimumSize(0, h);
    m_rect->setMaximumSize(QWIDGETSIZE_MAX, h);
    const int ticks = std::clamp(m_plot->width() / 150, 2, 5);
    for (QCPAxis* axis : {m_time, m_rect->axis(QCPAxis::atBottom)})
        axis->ticker()->setTickCount(ticks);
}

bool TraceLane::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::Resize)
        fitHeight(); // before the plot lays itself out for the new size
    return QObject::eventFilter(watched, event);
}

TraceLane::~TraceLane() {
    if (m_job)
        m_job->cancel();
    m_pool.waitForDone();
}

void TraceLane::setSource(std::shared_ptr<const core::SampleSource> source, int channel) {
    if (source == m_source && channel == m_channel)
        return;
    m_source = std::move(source);
    m_channel = channel;
    m_shown.reset();
    m_shownEdited = false;
    m_note.clear();
    for (QCPGraph* g : {m_high, m_low, m_frequency})
        g->data()->clear();
    placeAxes();
    schedule();
}

void TraceLane::setBand(std::optional<std::pair<double, double>> band) {
    if (band == m_band)
        return;
    m_band = band;
    schedule();
}

void TraceLane::setEdit(std::optional<Edit> edit) {
    if (!edit && !m_edit)
        return;
    m_edit = std::move(edit);
    ++m_editSerial;
    schedule();
}

bool TraceLane::canDrawEdited(const core::TraceRequest& r) const {
    const auto& info = m_source->info();
    const double seconds = std::min(info.duration(), r.t1) - std::max(0.0, r.t0);
    return seconds * info.sampleRate <= double(kMaxEditedSamples);
}

void TraceLane::setVisible(bool visible) {
    m_visible = visible;
    m_rect->setVisible(visible);
    // Hidden, its axes must not widen the picture's margins.
    m_rect->setMarginGroup(QCP::msLeft | QCP::msRight, visible ? m_margins : nullptr);
    for (QCPGraph* g : {m_high, m_low, m_frequency})
        g->setVisible(visible);
    auto* layout = m_plot->plotLayout();
    if (visible && !m_rect->layout()) {
        const int row = layout->rowCount(); // under the spectrogram's panes
        layout->addElement(row, 0, m_rect);
        layout->addElement(row, 1, m_bandScale);
    } else if (!visible && m_rect->layout()) {
        layout->take(m_rect);
        layout->take(m_bandScale);
    }
    m_bandScale->setVisible(visible);
    layout->simplify();
    placeAxes();
    emit visibilityChanged(visible);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    schedule();
}

// With the lane shown, the time axis is read at its bottom (the spectrogram's panes then
// leave out their time labels).
void TraceLane::placeAxes() {
    const bool iq = m_source && m_source->info().isComplex();
    QCPAxis* x = m_rect->axis(QCPAxis::atBottom);
    // Under the lane, not over its data.
    x->setLabel(m_note.isEmpty() ? tr("Time") : tr("Time    (%1)").arg(m_note));
    m_rect->axis(QCPAxis::atLeft)->setLabel(iq ? tr("dB") : tr("Amplitude"));
    // The band's frequency scale beside the lane: its cell is there, shown or not, so
    // selecting a shape does not narrow the picture.
    m_bandScale->axis(QCPAxis::atLeft)->setVisible(iq && m_band);
    m_bandScale->setMinimumSize(iq ? m_bandWidth : 0, 0); // audio: the picture keeps it
}

QCPAxis* TraceLane::bandScale() const {
    return m_bandScale->axis(QCPAxis::atLeft);
}

void TraceLane::setHeld(bool held) {
    if (held == m_held)
        return;
    m_held = held;
    if (!held)
        schedule();
}

void TraceLane::schedule() {
    m_waiting = m_visible && m_source;
    if (m_waiting)
        m_settle.start();
}

void TraceLane::start() {
    if (m_held) // released, it schedules again
        return;
    m_waiting = false;
    if (!m_visible || !m_source || m_rect->width() < 2)
        return;
    core::TraceRequest request;
    request.t0 = m_time->range().lower;
    request.t1 = m_time->range().upper;
    request.columns = m_rect->width();
    request.channel = m_channel;
    if (m_source->info().isComplex())
        request.band = m_band;
    if (m_shown && m_shown->request == request && m_shownSerial == m_editSerial)
        return;
    if (m_job)
        m_job->cancel();
    m_job = std::make_shared<core::JobControl>();
    m_busy = true;
    const int generation = ++m_generation, serial = m_editSerial;
    std::optional<Edit> edit = m_edit;
    QString why;
    if (edit && !canDrawEdited(request)) {
        why = tr("Original signal: zoom in to %1 or less to see the edited result")
                  .arg(roundedTime(double(kMaxEditedSamples) / m_source->info().sampleRate));
        edit.reset();
    }
    m_pool.start([this, source = m_source, request, job = m_job, generation, serial, edit, why] {
        try {
            auto drawn = std::make_shared<Drawn>();
            drawn->why = why;
            std::shared_ptr<const core::SampleSource> from = source;
            if (edit) {
                try {
                    from = editedSpan(source, *edit, request, *job);
                    drawn->edited = true;
                } catch (const core::Error& e) { // drawn from the recording, with the reason
                    drawn->why = tr("Original signal: %1").arg(userText(e));
                }
            }
            // A band an edit emptied is quiet against what the recording had there.
            const double reference = drawn->edited && request.band
                                         ? core::computeTrace(*source, request, *job).bandStrongest
                                         : 0.0;
            drawn->trace = core::computeTrace(*from, request, *job, reference);
            QMetaObject::invokeMethod(
                this,
                [this, drawn, generation, serial] {
                    if (generation != m_generation)
                        return;
                    m_shownSerial = serial;
                    m_note = drawn->why;
                    show(drawn->trace, drawn->edited);
                },
                Qt::QueuedConnection);
        } catch (const std::exception&) {
            // Cancelled by a newer request (or a read that failed, which the spectrogram
            // reports): the newer request draws.
        }
    });
}

void TraceLane::show(const core::Trace& trace, bool edited) {
    m_busy = false;
    // The same view drawn edited or not (M toggled, a shape changed): the level scale only
    // widens, so the two are compared at one scale.
    const bool sameView = m_shown && m_shown->request == trace.request;
    m_shown = trace;
    m_shownEdited = edited;
    const QVector<double> t = columnTimes(trace.request);
    m_high->setData(t, values(trace.high), true);
    m_low->setData(t, values(trace.low), true);
    if (trace.frequency.empty()) // audio, or no band selected
        m_frequency->data()->clear();
    else
        m_frequency->setData(t, values(trace.frequency), true);
    bool found = false;
    QCPRange level = m_high->getValueRange(found);
    QCPRange low = m_low->getValueRange(found);
    if (found) {
        level.expand(low);
        // Digital silence (exact zeros in an 8-bit capture) reads -200 dB: show at most
        // 100 dB below the peak, so the signal keeps the lane's height.
        if (m_source && m_source->info().isComplex())
            level.lower = std::max(level.lower, level.upper - 100.0);
        const double pad = std::max(1e-3, 0.05 * level.size());
        QCPRange range(level.lower - pad, level.upper + pad);
        if (sameView)
            range.expand(m_rect->axis(QCPAxis::atLeft)->range());
        m_rect->axis(QCPAxis::atLeft)->setRange(range);
    }
    if (m_band) { // a tenth of the band beyond each edge: a label on an edge was cut in half
        const double pad = 0.1 * (m_band->second - m_band->first);
        for (QCPAxis* a : {m_rect->axis(QCPAxis::atRight), m_bandScale->axis(QCPAxis::atLeft)})
            a->setRange(m_band->first - pad, m_band->second + pad);
    }
    placeAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit traceShown();
}

} // namespace specedit::ui
