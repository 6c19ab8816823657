// SpectrogramView's input: the wheel, the keys, the mouse and the tools' gestures (drawing,
// moving and resizing shapes and labels, measuring), and where a pixel is in the plot.
#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "tools/ShapeEditGesture.h"
#include "view/ChannelPanes.h"
#include "view/LabelOverlay.h"
#include "view/MaskOverlay.h"
#include "view/SpectrogramPlottable.h"
#include "view/SpectrogramView.h"
#include "view/ViewNavigator.h"

#include <QCursor>
#include <QGuiApplication>
#include <QKeyEvent>
#include <cmath>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

constexpr double kNotch = 1.5;     // zoom per wheel notch
constexpr double kFineNotch = 1.1; // with Ctrl

} // namespace

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

// Double-click: zoom to the shape there (selecting it), else to the label there, else to the
// whole recording.
void SpectrogramView::onDoubleClick(QMouseEvent* event) {
    if (const std::uint64_t id = shapeAt(event->position())) {
        setSelectedShape(id);
        emit selectionChanged(id);
        zoomToSelection();
    } else if (const std::uint64_t label = m_labels->labelAt(event->position())) {
        setSelectedShape(0);
        setSelectedLabels({label});
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

// Outside a gesture, the pane under the mouse is the one the readout and the next gesture use.
void SpectrogramView::refreshReadout() {
    const QPointF at = m_plot->mapFromGlobal(QCursor::pos());
    if (!m_plot->underMouse() || m_panes->indexAt(at) < 0)
        return;
    followPane(at); // the pointer may rest on another pane than the last one used
    const QPointF p = toPlot(at);
    emit cursorMoved(p.x(), p.y(), pane().spectrogram->levelAt(p.x(), p.y()));
}

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

double SpectrogramView::frequencyZoom() const {
    return m_nav->frequencyZoom();
}

PlotScale SpectrogramView::plotScale() const {
    const QRect r = pane().rect->rect();
    return {m_plot->xAxis->range().size() / std::max(1, r.width()),
            m_plot->yAxis->range().size() / std::max(1, r.height())};
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

void SpectrogramView::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    const QPointF pixel = event->position();
    // A drawing tool takes a press a few pixels outside the picture as at its edge (a drag
    // aimed at the top edge that began 2 px above it drew nothing, unsaid); gesturePoint
    // brings it inside. Pan and the wand act only on the picture itself.
    constexpr int kEdgeGracePixels = 4;
    const bool draws = m_toolKind != ToolKind::Pan && m_toolKind != ToolKind::Wand;
    const int at = m_panes->indexAt(pixel, draws ? kEdgeGracePixels : 0);
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

void SpectrogramView::keyPressEvent(QKeyEvent* event) {
    if (!m_nav->handleKey(event->key()))
        return QWidget::keyPressEvent(event);
    event->accept();
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

} // namespace specedit::ui
