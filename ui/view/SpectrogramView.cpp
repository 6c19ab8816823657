#include "view/SpectrogramView.h"

#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "tools/ShapeEditGesture.h"
#include "view/AxisTickers.h"
#include "view/ChannelPanes.h"
#include "view/LabelOverlay.h"
#include "view/MaskOverlay.h"
#include "view/OverviewStrip.h"
#include "view/SpectrogramPlottable.h"
#include "view/TraceLane.h"
#include "view/ViewNavigator.h"

#include <QCursor>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

constexpr std::size_t kTileCacheBytes = 256u << 20;

QCPColorGradient gradientOf(ColormapId id) {
    const Colormap map(id);
    QCPColorGradient g;
    g.clearColorStops();
    for (int i = 0; i < Colormap::kSize; i += 15)
        g.setColorStopAt(double(i) / (Colormap::kSize - 1), QColor(map.color(i)));
    g.setColorStopAt(1.0, QColor(map.color(Colormap::kSize - 1)));
    return g;
}

} // namespace

SpectrogramView::SpectrogramView(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)),
      m_emptyHint(new QLabel(tr("No recording open\n\nFile > Open… (Ctrl+O), or drop a file "
                                "on the window"),
                             this)),
      m_scheduler(new TileScheduler(kTileCacheBytes, this)) {
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setAutoFillBackground(true);
    m_emptyHint->setStyleSheet(
        "QLabel { background: rgb(24, 24, 28); color: rgb(170, 170, 180); }");
    m_emptyHint->setObjectName("emptyHint");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_plot, 1);
    setFocusPolicy(Qt::StrongFocus);
    m_plot->setFocusPolicy(Qt::NoFocus);
    setupAxes();
    m_plot->addLayer("spectrogram", m_plot->layer("grid"), QCustomPlot::limBelow);
    m_plot->layer("spectrogram")->setMode(QCPLayer::lmBuffered);
    m_spectrogram = new SpectrogramPlottable(m_plot->xAxis, m_plot->yAxis, m_scheduler);
    m_spectrogram->setLayer("spectrogram");
    m_nav = std::make_unique<ViewNavigator>(m_plot, m_spectrogram, m_scheduler);
    m_trace = new TraceLane(m_plot, m_plot->xAxis);
    m_overview = new OverviewStrip([this] { return m_spectrogram->overviewImage(); }, this);
    connect(m_spectrogram, &SpectrogramPlottable::imagesReady, m_overview,
            qOverload<>(&QWidget::update));
    // New pictures (an edit shown, a finer tile): the readout under a still mouse follows.
    connect(m_spectrogram, &SpectrogramPlottable::imagesReady, this,
            &SpectrogramView::refreshReadout);
    layout->addWidget(m_overview);
    connect(m_overview, &OverviewStrip::navigate, this, [this](double t) { m_nav->centreTime(t); });
    m_plot->addLayer("mask", m_plot->layer("main"), QCustomPlot::limAbove);
    m_plot->layer("mask")->setMode(QCPLayer::lmBuffered);
    m_overlay = new MaskOverlay(m_plot->xAxis, m_plot->yAxis);
    m_overlay->setLayer("mask");
    m_labels = new LabelOverlay(m_plot->xAxis, m_plot->yAxis);
    m_labels->setLayer("mask");
    m_panes = new ChannelPanes(m_plot, {m_plot->axisRect(), m_scheduler, m_spectrogram, m_overlay},
                               m_trace->rect());
    connect(m_panes, &ChannelPanes::tileReady, this, &SpectrogramView::queueReplot);
    connect(m_panes, &ChannelPanes::tileFailed, this, &SpectrogramView::pictureFailed);
    connect(m_trace, &TraceLane::visibilityChanged, m_panes, &ChannelPanes::placeTimeLabels);
    m_panes->placeTimeLabels(m_trace->isVisible());
    connect(m_plot, &QCustomPlot::mousePress, this, &SpectrogramView::onMousePress);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &SpectrogramView::onDoubleClick);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &SpectrogramView::onMouseRelease);
    setColorParams(ColorParams{});
    connect(m_scheduler, &TileScheduler::tileReady, this, &SpectrogramView::onTileReady);
    connect(m_scheduler, &TileScheduler::tileFailed, this, &SpectrogramView::pictureFailed);
    connect(m_plot, &QCustomPlot::mouseWheel, this, &SpectrogramView::onWheel);
    connect(m_plot, &QCustomPlot::mouseMove, this, &SpectrogramView::onMouseMove);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        m_nav->clamp();
        emit viewRangeChanged();
    });
    connect(m_plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        m_nav->clamp();
        emit viewRangeChanged();
    });
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        refreshReadout(); // a zoom by key or a scroll moves the picture under a still mouse
        const int inexact = m_panes->inexactTiles();
        emit tilesPending(m_panes->missingTiles(), inexact);
        if (m_panes->missingTiles() == 0 && m_panes->drawnTiles() > 0) {
            if (m_autoLevelPending && inexact == 0 && followLevels())
                m_autoLevelPending = false;
            if (inexact == 0)
                m_trace->setHeld(false); // the exact picture is drawn: the cores are free
            emit pictureComplete();
        }
        const QCPRange r = m_plot->xAxis->range();
        m_overview->setVisibleRange(r.lower, r.upper);
    });
}

SpectrogramView::~SpectrogramView() = default;

bool SpectrogramView::isEmpty() const {
    return !m_emptyHint->isHidden();
}

void SpectrogramView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_emptyHint->setGeometry(rect());
    m_emptyHint->raise();
}

void SpectrogramView::setupAxes() {
    m_plot->setInteractions(QCP::iRangeDrag); // the wheel is handled in onWheel
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new UnitTicker(&formatTime, true)));
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new UnitTicker(&formatFrequency)));
    m_plot->xAxis->setLabel(tr("Time"));
    m_plot->yAxis->setLabel(tr("Frequency"));
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->axisRect()->setBackground(QColor(24, 24, 28));
    m_colorScale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_colorScale);
    m_colorScale->setType(QCPAxis::atRight);
    m_colorScale->axis()->setLabel(tr("Level (dB)"));
    m_colorScale->setBarWidth(14);
    auto* group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_colorScale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
}

void SpectrogramView::setComputer(std::shared_ptr<const core::TileComputer> computer,
                                  ViewChange change) {
    setComputers({std::move(computer)}, change);
}

void SpectrogramView::setComputers(
    const std::vector<std::shared_ptr<const core::TileComputer>>& computers, ViewChange change) {
    const QCPRange time = m_plot->xAxis->range();
    const QCPRange frequency = m_plot->yAxis->range();
    const std::shared_ptr<const core::TileComputer> computer =
        computers.empty() ? nullptr : computers.front();
    if (computer)
        m_overview->setDuration(double(computer->frameCount() - 1) * computer->params().hop() /
                                computer->params().fs);
    // Another recording: cached tiles of the old one must never be shown for it (an
    // allocator may reuse the old source's address, which the tile keys include).
    m_panes->setComputers(computers, change == ViewChange::NewRecording);
    m_pane = std::min(m_pane, m_panes->count() - 1);
    // Harmonics multiply the offset from 0 Hz, or from an IQ recording's centre.
    const double reference = computer && computer->isTwoSided()
                                 ? computer->rowFrequency(computer->params().nfft / 2)
                                 : 0.0;
    m_panes->forEachOverlay([reference, this](MaskOverlay& o) {
        o.setReferenceHz(reference);
        o.setOutlinesOnly(m_shapesOutlined);
    });
    m_panes->setShapes(m_shapes);
    m_trace->setHeld(true); // until this analysis's picture is complete
    m_emptyHint->setVisible(!computer);
    if (change == ViewChange::NewRecording) {
        m_cursorTime.reset(); // the edit cursor was on the previous recording
        m_panes->forEachOverlay([](MaskOverlay& o) { o.setCursorTime(std::nullopt); });
        m_nonFiniteReported = false; // once per recording
        m_levelsByHand = false;
        m_autoLevelPending = true;
        m_keptLevelWidthDb = 0; // a new recording's levels owe nothing to the last one's
        zoomToFit();
        return;
    }
    m_autoLevelPending = change == ViewChange::NewAnalysis && !m_levelsByHand;
    m_keptLevelWidthDb = colorParams().maxDb - colorParams().minDb;
    zoomToFit();
    m_plot->xAxis->setRange(time);
    m_plot->yAxis->setRange(frequency);
    m_nav->clamp();
    m_plot->replot();
}

void SpectrogramView::setLevelsByHand(const ColorParams& params) {
    if (params.minDb != colorParams().minDb || params.maxDb != colorParams().maxDb) {
        m_levelsByHand = true;
        m_autoLevelPending = false;
    }
    setColorParams(params);
}

core::ViewState SpectrogramView::viewState() const {
    const QCPRange t = m_plot->xAxis->range(), f = m_plot->yAxis->range();
    const ColorParams& c = colorParams();
    return {t.lower,
            t.upper,
            fromAxis(m_nav->scale(), f.lower),
            fromAxis(m_nav->scale(), f.upper),
            c.minDb,
            c.maxDb,
            Colormap::name(c.map).toStdString(),
            toString(m_nav->scale()).toStdString()};
}

void SpectrogramView::setViewState(const core::ViewState& state) {
    setFrequencyScale(frequencyScaleFromString(QString::fromStdString(state.frequencyScale))
                          .value_or(FrequencyScale::Linear));
    m_nav->setRanges(state.t0, state.t1, state.f0, state.f1);
    ColorParams c = colorParams();
    c.minDb = float(state.minDb);
    c.maxDb = float(state.maxDb);
    const int map = int(Colormap::names().indexOf(QString::fromStdString(state.colormap)));
    if (map >= 0)
        c.map = ColormapId(map);
    m_levelsByHand = true; // as the user left them
    m_autoLevelPending = false;
    setColorParams(c);
}

void SpectrogramView::setColorParams(const ColorParams& params) {
    m_panes->setColorParams(params);
    m_colorScale->setGradient(gradientOf(params.map));
    m_colorScale->setDataRange(QCPRange(params.minDb, params.maxDb));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit colorParamsChanged(params);
}

const ColorParams& SpectrogramView::colorParams() const {
    return m_spectrogram->colorParams();
}

bool SpectrogramView::autoLevels() {
    m_levelsByHand = false; // asked for: levels follow the data again
    ColorParams p = colorParams();
    if (!m_panes->autoLevels(&p.minDb, &p.maxDb))
        return false;
    setColorParams(p);
    return true;
}

// The floor follows the noise per bin, which moves with the window length; the ceiling keeps
// at least the width the levels had before this analysis. Fitted to the view alone, a zoom into
// the noise between bursts (urh_elektromaten at 1 MS/s, where Auto length follows the zoom)
// went from -94...-2 to -85...-46 dB and the noise filled the colours like a signal.
bool SpectrogramView::followLevels() {
    ColorParams p = colorParams();
    if (!m_panes->autoLevels(&p.minDb, &p.maxDb))
        return false;
    p.maxDb = std::max(p.maxDb, p.minDb + m_keptLevelWidthDb);
    setColorParams(p);
    return true;
}

void SpectrogramView::zoomToFit() {
    m_nav->fit();
}

void SpectrogramView::setFrequencyScale(FrequencyScale scale) {
    if (scale == m_nav->scale())
        return;
    m_nav->setScale(scale); // reads the visible hertz before the axes change
    m_panes->setFrequencyScale(scale);
    m_labels->setFrequencyScale(scale);
    setShapes(m_shapes); // outlines in the new scale
    m_plot->replot();
}

FrequencyScale SpectrogramView::frequencyScale() const {
    return m_nav->scale();
}

void SpectrogramView::zoomTime(double factor, double centre) {
    m_nav->zoomTime(factor, centre);
}

void SpectrogramView::zoomFrequency(double factor, double centre) {
    m_nav->zoomFrequency(factor, centre);
}

void SpectrogramView::panTime(double fraction) {
    m_nav->panTime(fraction);
}

const ChannelPane& SpectrogramView::pane() const {
    return (*m_panes)[m_pane];
}

int SpectrogramView::paneCount() const {
    return m_panes->count();
}

QCPAxisRect* SpectrogramView::paneRect(int i) const {
    return (*m_panes)[i].rect;
}

bool SpectrogramView::isPictureComplete() const {
    return m_panes->isComplete();
}

void SpectrogramView::zoomToBox(double t0, double t1, double f0, double f1) {
    m_nav->zoomToBox(t0, t1, f0, f1);
}

void SpectrogramView::showSpan(double t0, double t1, double f0, double f1) {
    m_nav->showSpan(t0, t1, f0, f1);
}

bool SpectrogramView::savePng(const QString& path, int width, int height) {
    return m_plot->savePng(path, width, height);
}

QImage SpectrogramView::renderPicture(QRect* plot) {
    // toPixmap lays the plot out again for the picture: the pane's place is taken then.
    QRect placed = paneRect(0)->rect();
    const auto connection =
        connect(m_plot, &QCustomPlot::afterLayout, this, [&] { placed = paneRect(0)->rect(); });
    const QImage image = m_plot->toPixmap().toImage();
    disconnect(connection);
    if (plot)
        *plot = placed;
    return image;
}

void SpectrogramView::onTileReady(const core::TileKey& key) {
    const auto tile = m_scheduler->cached(key);
    if (tile && tile->nonFiniteFrame >= 0 && !m_nonFiniteReported) {
        m_nonFiniteReported = true;
        const auto& p = m_scheduler->computer()->params();
        emit nonFiniteSamples(double(tile->nonFiniteFrame) * p.hop() / p.fs);
    }
    queueReplot();
}

// Many tiles arrive in a burst: repaint the spectrogram layer once per event-loop turn.
void SpectrogramView::queueReplot() {
    if (m_replotQueued)
        return;
    m_replotQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_replotQueued = false;
            if (m_autoLevelPending)
                followLevels(); // follows the tiles; final once the picture is complete
            m_overview->update();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        },
        Qt::QueuedConnection);
}

} // namespace specedit::ui
