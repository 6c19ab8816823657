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
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

constexpr std::size_t kTileCacheBytes = 256u << 20;
constexpr double kNotch = 1.5;     // zoom per wheel notch
constexpr double kFineNotch = 1.1; // with Ctrl

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
    connect(m_spectrogram, &SpectrogramPlottable::imagesReady, this, [this] {
        const QPointF at = m_plot->mapFromGlobal(QCursor::pos());
        if (m_plot->underMouse() && m_panes->indexAt(at) >= 0) {
            const QPointF p = toPlot(at);
            emit cursorMoved(p.x(), p.y(), pane().spectrogram->levelAt(p.x(), p.y()));
        }
    });
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
        emit timeRangeChanged();
    });
    connect(m_plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this] { m_nav->clamp(); });
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        const int inexact = m_panes->inexactTiles();
        emit tilesPending(m_panes->missingTiles(), inexact);
        if (m_panes->missingTiles() == 0 && m_panes->drawnTiles() > 0) {
            if (m_autoLevelPending && inexact == 0 && autoLevels())
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
        zoomToFit();
        return;
    }
    m_autoLevelPending = change == ViewChange::NewAnalysis && !m_levelsByHand;
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

// One notch zooms 1.5x (Ctrl: 1.1x) around the cursor: time, or frequency over the frequency
// axis or with Alt; Shift pans. (Alt turns the wheel sideways on X11: either delta counts.)
void SpectrogramView::onWheel(QWheelEvent* event) {
    const auto mods = event->modifiers();
    const QPoint angle = event->angleDelta();
    const double notches = (angle.y() != 0 ? angle.y() : angle.x()) / 120.0;
    if (notches == 0)
        return;
    if (mods & Qt::ShiftModifier) {
        panTime(notches > 0 ? -0.1 : 0.1);
        return;
    }
    const double factor = std::pow(mods & Qt::ControlModifier ? kFineNotch : kNotch, -notches);
    followPane(event->position());
    const QPointF at = toPlot(event->position());
    const bool overFrequencyAxis = event->position().x() < m_plot->axisRect()->left();
    if (overFrequencyAxis || (mods & Qt::AltModifier))
        zoomFrequency(factor, toAxis(m_nav->scale(), at.y()));
    else
        zoomTime(factor, at.x());
}

// Double-click: zoom to the shape there (selecting it), else to the whole recording.
void SpectrogramView::onDoubleClick(QMouseEvent* event) {
    if (const std::uint64_t id = shapeAt(event->position())) {
        setSelectedShape(id);
        emit selectionChanged(id);
        zoomToSelection();
    } else {
        zoomToFit();
    }
}

QPointF SpectrogramView::toPlot(const QPointF& pixel) const {
    const QCPAxisRect* r = pane().rect;
    return {r->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x()),
            fromAxis(m_nav->scale(), r->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y()))};
}

// Where a gesture is, on the decimal grid of the pixel there (local on a log axis); within
// kEdgeSnapPixels of the recording's start or end, or past them, exactly there, so a shape
// drawn "from the start" or "to the end" covers the edge frames (a start 6 ms in left the tone
// in the first 6 ms of the export) and a drag past the end stops there (it read 6.094 s on a
// 6 s file); the same for frequency at the spectrum's edges.
QPointF SpectrogramView::gesturePoint(const QPointF& pixel) const {
    constexpr double kEdgeSnapPixels = 5;
    const PlotScale s = plotScaleAt(pixel);
    const QPointF p = toPlot(pixel);
    double t = onPixelGrid(p.x(), s.secondsPerPixel);
    double f = onPixelGrid(p.y(), s.hertzPerPixel);
    if (const auto& computer = m_scheduler->computer()) {
        const double snap = kEdgeSnapPixels * s.secondsPerPixel, end = computer->duration();
        t = p.x() < snap ? 0.0 : p.x() > end - snap ? end : t;
        // Nor past the spectrum's lowest or highest bin (it read 8.41 kHz at 16 kHz).
        f = std::clamp(f, computer->rowFrequency(0),
                       computer->rowFrequency(computer->rowCount(0) - 1));
    }
    return {t, f};
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

// Outside a gesture, the pane under the mouse is the one the readout and the next gesture use.
void SpectrogramView::followPane(QPointF pixel) {
    const bool gesture = (m_tool && m_tool->isActive()) || m_edit || m_measureStart;
    if (const int i = m_panes->indexAt(pixel); i >= 0 && !gesture)
        m_pane = i;
}

// The scale where the gesture starts: on a log axis a pixel spans more hertz higher up.
PlotScale SpectrogramView::plotScaleAt(QPointF pixel) const {
    PlotScale s = plotScale();
    if (m_nav->scale() != FrequencyScale::Linear)
        s.hertzPerPixel =
            std::abs(toPlot(pixel - QPointF(0, 0.5)).y() - toPlot(pixel + QPointF(0, 0.5)).y());
    return s;
}

PlotScale SpectrogramView::plotScale() const {
    const QRect r = pane().rect->rect();
    return {m_plot->xAxis->range().size() / std::max(1, r.width()),
            m_plot->yAxis->range().size() / std::max(1, r.height())};
}

void SpectrogramView::replotOverlay() {
    const MaskOverlay* active = pane().overlay;
    const bool labelling = m_toolKind == ToolKind::Label;
    m_panes->forEachOverlay([&](MaskOverlay& o) {
        o.setPreview(m_tool && &o == active && !labelling ? m_tool->preview() : std::nullopt,
                     m_toolKind == ToolKind::Eraser);
    });
    const auto preview = labelling && m_tool ? m_tool->preview() : std::nullopt;
    m_labels->setPreview(preview ? std::optional<core::TfBox>(core::TfBox{preview->t0, preview->t1,
                                                                          preview->f0, preview->f1})
                                 : std::nullopt);
    m_plot->layer("mask")->replot();
}

void SpectrogramView::setTool(ToolKind kind) {
    m_toolKind = kind;
    switch (kind) {
    case ToolKind::Rect:
    case ToolKind::Label: // a box, which becomes a label instead of a shape
        m_tool = std::make_unique<RectTool>();
        break;
    case ToolKind::Brush:
    case ToolKind::Eraser: // the eraser draws a brush stroke and cuts it out of the shapes
        m_tool = std::make_unique<PathTool>(core::ShapeType::Stroke);
        break;
    case ToolKind::Lasso:
        m_tool = std::make_unique<PathTool>(core::ShapeType::Polygon);
        break;
    default:
        m_tool.reset();
        break;
    }
    m_plot->setInteraction(QCP::iRangeDrag, kind == ToolKind::Pan);
    m_plot->setSelectionRectMode(kind == ToolKind::Zoom ? QCP::srmZoom : QCP::srmNone);
    m_plot->setCursor(kind == ToolKind::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
    m_measureStart.reset();
    m_panes->forEachOverlay([](MaskOverlay& o) { o.setMeasure(std::nullopt); });
    replotOverlay();
}

void SpectrogramView::setShapesOutlined(bool on) {
    m_shapesOutlined = on;
    m_panes->forEachOverlay([on](MaskOverlay& o) { o.setOutlinesOnly(on); });
    replotOverlay();
}

void SpectrogramView::setShapes(const std::vector<core::Shape>& shapes) {
    m_shapes = shapes;
    m_panes->setShapes(shapes);
    const bool selectionGone = std::none_of(
        shapes.begin(), shapes.end(), [this](const auto& s) { return s.id == selectedShape(); });
    if (selectedShape() && selectionGone)
        setSelectedShape(0); // the selected shape was deleted (or undone away)
    updateTraceBand();       // its band may have been edited
    replotOverlay();
}

// Pan tool press: a press on the selected rectangle's edge resizes it, a press on a shape
// selects and moves it; a press elsewhere deselects and pans. Returns whether a shape edit began.
bool SpectrogramView::beginShapeEdit(QPointF pixel) {
    const QCPAxisRect* r = pane().rect;
    auto toPixel = [this, r](double t, double f) {
        return QPointF(r->axis(QCPAxis::atBottom)->coordToPixel(t),
                       r->axis(QCPAxis::atLeft)->coordToPixel(toAxis(m_nav->scale(), f)));
    };
    for (const auto& s : pane().overlay->shapes())
        if (s.id == selectedShape())
            if (const int edges = ShapeEditGesture::edgesNear(s, pixel, toPixel, 5.0)) {
                m_edit = std::make_unique<ShapeEditGesture>(s, gesturePoint(pixel), edges);
                return true;
            }
    const auto id = shapeAt(pixel);
    setSelectedShape(id);
    if (id == 0)
        selectLabelAt(pixel, QGuiApplication::keyboardModifiers() & Qt::ControlModifier);
    if (id == 0) { // a click on the picture itself places the edit cursor
        m_cursorTime = toPlot(pixel).x();
        m_panes->forEachOverlay([this](MaskOverlay& o) { o.setCursorTime(m_cursorTime); });
        replotOverlay();
    }
    for (const auto& s : m_shapes)
        if (s.id == id && id != 0) {
            m_edit =
                std::make_unique<ShapeEditGesture>(s, gesturePoint(pixel), ShapeEditGesture::kNone);
            return true;
        }
    return false;
}

void SpectrogramView::showEditedShape(const core::Shape& shape) {
    auto shapes = m_shapes;
    for (auto& s : shapes)
        if (s.id == shape.id)
            s = shape;
    m_panes->setShapes(shapes);
    replotOverlay();
}

std::uint64_t SpectrogramView::shapeAt(QPointF pixel) const {
    const int i = m_panes->indexAt(pixel);
    if (i < 0)
        return 0;
    const MaskOverlay& overlay = *(*m_panes)[i].overlay;
    // Shapes compose in order and the last one is drawn on top: search from the end.
    std::uint64_t hit = 0;
    const auto& shapes = overlay.shapes();
    for (auto it = shapes.rbegin(); it != shapes.rend() && hit == 0; ++it)
        if (overlay.pixelPath(*it).contains(pixel))
            hit = it->id;
    return hit;
}

std::uint64_t SpectrogramView::selectedShape() const {
    return m_overlay->selected();
}

// The trace lane follows the selected shape's band (its extent without the feather).
void SpectrogramView::updateTraceBand() {
    std::optional<std::pair<double, double>> band;
    for (const auto& s : m_shapes)
        if (s.id == m_overlay->selected() && s.id != 0) {
            const auto box = s.bounds();
            band = std::make_pair(box.f0 + s.featherHz, box.f1 - s.featherHz);
        }
    m_trace->setBand(band && band->second > band->first ? band : std::nullopt);
}

void SpectrogramView::setSelectedShape(std::uint64_t id) {
    if (id == m_overlay->selected())
        return;
    m_panes->forEachOverlay([id](MaskOverlay& o) { o.setSelected(id); });
    updateTraceBand();
    replotOverlay();
    emit selectionChanged(id);
}

void SpectrogramView::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF pixel = event->position();
    const int at = m_panes->indexAt(pixel);
    if (at < 0)
        return; // the trace lane or an axis: QCustomPlot pans, no tool acts there
    m_pane = at;
    if (m_toolKind == ToolKind::Wand) {
        const QPointF p = toPlot(pixel);
        emit wandRequested(p.x(), p.y(), plotScaleAt(pixel), pane().channel);
        return;
    }
    if ((m_toolKind == ToolKind::Pan || m_toolKind == ToolKind::Label) && beginLabelDrag(pixel))
        return;
    if (m_toolKind == ToolKind::Pan) {
        // Decided before QCustomPlot handles the press: a shape edit must not also pan.
        m_plot->setInteraction(QCP::iRangeDrag, !beginShapeEdit(pixel));
        return;
    }
    if (m_toolKind == ToolKind::Measure) {
        m_measureStart = gesturePoint(pixel);
        pane().overlay->setMeasure(std::make_pair(*m_measureStart, *m_measureStart));
        replotOverlay();
        return;
    }
    if (m_tool) {
        m_tool->press(gesturePoint(pixel), plotScaleAt(pixel), m_defaults);
        replotOverlay();
    }
}

void SpectrogramView::onMouseRelease(QMouseEvent* event) {
    if (finishLabelDrag(event))
        return;
    if (m_edit && event->button() == Qt::LeftButton) {
        const core::Shape edited = m_edit->at(gesturePoint(event->position()));
        const bool changed = !(edited == m_edit->original());
        m_edit.reset();
        m_plot->setInteraction(QCP::iRangeDrag, m_toolKind == ToolKind::Pan);
        if (changed)
            emit shapeEdited(edited); // the document answers with setShapes
        else
            setShapes(m_shapes);
        return;
    }
    if (!m_tool || !m_tool->isActive() || event->button() != Qt::LeftButton)
        return;
    if (m_toolKind == ToolKind::Label) {
        finishLabelGesture(event->position());
        return;
    }
    auto shape = m_tool->release(gesturePoint(event->position()));
    replotOverlay();
    if (shape && pane().channel >= 0)
        shape->channel = pane().channel; // drawn over one channel: it applies to that one
    if (shape && m_toolKind == ToolKind::Eraser)
        emit eraseStroke(*shape);
    else if (shape)
        emit shapeDrawn(*shape);
}

void SpectrogramView::onMouseMove(QMouseEvent* event) {
    followPane(event->position());
    const QPointF p = toPlot(event->position());
    if (m_panes->indexAt(event->position()) >= 0)
        emit cursorMoved(p.x(), p.y(), pane().spectrogram->levelAt(p.x(), p.y()));
    else // an axis or the trace lane: no point of the picture
        emit cursorMoved(std::nan(""), std::nan(""), std::nan(""));
    const QPointF g = gesturePoint(event->position()); // a drawn edge, on the pixel grid
    if (m_tool && m_tool->isActive()) {
        m_tool->move(g);
        replotOverlay();
    }
    if (m_edit && (event->buttons() & Qt::LeftButton))
        showEditedShape(m_edit->at(g));
    if (m_labelDrag && (event->buttons() & Qt::LeftButton)) {
        m_labels->replace(m_labelDrag->at(g));
        replotOverlay();
    }
    if (m_measureStart && (event->buttons() & Qt::LeftButton)) {
        pane().overlay->setMeasure(std::make_pair(*m_measureStart, g));
        replotOverlay();
        emit measured(g.x() - m_measureStart->x(), g.y() - m_measureStart->y(),
                      plotScaleAt(event->position()));
    }
}

void SpectrogramView::zoomToBox(double t0, double t1, double f0, double f1) {
    m_nav->zoomToBox(t0, t1, f0, f1);
}

void SpectrogramView::showSpan(double t0, double t1, double f0, double f1) {
    m_nav->showSpan(t0, t1, f0, f1);
}

void SpectrogramView::setHiddenShapes(const std::set<std::uint64_t>& ids) {
    m_panes->forEachOverlay([&ids](MaskOverlay& o) { o.setHidden(ids); });
    replotOverlay();
}

void SpectrogramView::setLabels(const std::vector<core::Label>& labels,
                                const std::vector<core::LabelClass>& classes) {
    const auto before = m_labels->selected();
    m_labels->setLabels(labels, classes);
    if (m_labels->selected() != before)
        emit labelSelectionChanged(m_labels->selected());
    replotOverlay();
}

const std::set<std::uint64_t>& SpectrogramView::selectedLabels() const {
    return m_labels->selected();
}

void SpectrogramView::setSelectedLabels(const std::set<std::uint64_t>& ids) {
    if (ids == m_labels->selected())
        return;
    m_labels->setSelected(ids);
    replotOverlay();
    emit labelSelectionChanged(ids);
}

// A click on a label selects it (with Ctrl: adds it to, or takes it from, the selection); a
// click elsewhere clears the selection.
void SpectrogramView::selectLabelAt(QPointF pixel, bool add) {
    const std::uint64_t id = m_labels->labelAt(pixel);
    std::set<std::uint64_t> ids = add ? m_labels->selected() : std::set<std::uint64_t>{};
    if (id != 0 && add && ids.count(id))
        ids.erase(id);
    else if (id != 0)
        ids.insert(id);
    setSelectedLabels(ids);
}

// A press on a selected label's edge or inside it (Pan and Label tools) drags it; the press
// must not also pan or draw.
bool SpectrogramView::beginLabelDrag(QPointF pixel) {
    auto toPixel = [this](double t, double f) {
        return QPointF(m_plot->xAxis->coordToPixel(t),
                       m_plot->yAxis->coordToPixel(toAxis(m_nav->scale(), f)));
    };
    m_labelDrag = LabelDrag::begin(*m_labels, pixel, gesturePoint(pixel), toPixel);
    if (m_labelDrag)
        m_plot->setInteraction(QCP::iRangeDrag, false);
    return m_labelDrag.has_value();
}

bool SpectrogramView::finishLabelDrag(QMouseEvent* event) {
    if (!m_labelDrag || event->button() != Qt::LeftButton)
        return false;
    const core::Label moved = m_labelDrag->at(gesturePoint(event->position()));
    const core::Label before = m_labelDrag->original();
    m_labelDrag.reset();
    m_plot->setInteraction(QCP::iRangeDrag, m_toolKind == ToolKind::Pan);
    if (moved == before) {
        m_labels->replace(before);
        replotOverlay();
    } else {
        emit labelEdited(moved); // the document answers with setLabels
    }
    return true;
}

// The Label tool's release: a box drawn, or a click (the controller snaps it to a burst).
void SpectrogramView::finishLabelGesture(QPointF pixel) {
    const QPointF p = gesturePoint(pixel);
    const auto shape = m_tool->release(p);
    replotOverlay();
    if (shape) // the rectangle itself, without the toolbar's feather
        emit labelDrawn({shape->t0, shape->t1, shape->f0, shape->f1});
    else
        emit labelClicked(p.x(), p.y());
}

void SpectrogramView::setPlayhead(std::optional<double> seconds) {
    m_panes->forEachOverlay([seconds](MaskOverlay& o) { o.setPlayhead(seconds); });
    replotOverlay();
}

void SpectrogramView::zoomToSelection() {
    for (const auto& s : m_shapes)
        if (s.id == m_overlay->selected()) {
            const auto box = s.bounds();
            zoomToBox(box.t0, box.t1, box.f0, box.f1);
        }
}

bool SpectrogramView::savePng(const QString& path, int width, int height) {
    return m_plot->savePng(path, width, height);
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
                autoLevels(); // follows the tiles; final once the picture is complete
            m_overview->update();
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        },
        Qt::QueuedConnection);
}

void SpectrogramView::deleteSelection(bool labelsFirst) {
    const bool labels = !selectedLabels().empty();
    if (selectedShape() && !(labelsFirst && labels))
        emit deleteRequested(selectedShape());
    else if (labels)
        emit deleteLabelsRequested();
}

void SpectrogramView::keyPressEvent(QKeyEvent* event) {
    if (!m_nav->handleKey(event->key()))
        return QWidget::keyPressEvent(event);
    event->accept();
}

} // namespace specedit::ui
