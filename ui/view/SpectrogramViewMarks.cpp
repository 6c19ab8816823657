// SpectrogramView's marks: the shapes and labels drawn over the picture, which are selected or
// hidden, and the playhead.
#include "tools/Tool.h"
#include "view/ChannelPanes.h"
#include "view/LabelOverlay.h"
#include "view/MaskOverlay.h"
#include "view/SpectrogramView.h"
#include "view/TraceLane.h"

#include <algorithm>
#include <qcustomplot.h>

namespace specedit::ui {

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
    // A shape that covers the whole picture is its backdrop, not a thing to click: a denoise
    // over the whole recording took every Pan click, so no edit cursor could be placed. Its
    // edges, once in view, and the Shapes panel still select it.
    const QRectF picture = (*m_panes)[i].rect->rect();
    // Shapes compose in order and the last one is drawn on top: search from the end.
    std::uint64_t hit = 0;
    const auto& shapes = overlay.shapes();
    for (auto it = shapes.rbegin(); it != shapes.rend() && hit == 0; ++it)
        if (const QPainterPath& path = overlay.pixelPath(*it);
            path.contains(pixel) && !path.contains(picture))
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

void SpectrogramView::setPlayhead(std::optional<double> seconds) {
    m_panes->forEachOverlay([seconds](MaskOverlay& o) { o.setPlayhead(seconds); });
    m_trace->setPlayhead(seconds);
    replotOverlay();
}

// The selected shape, else the selected labels together (a 5 ms packet in a minute-long
// view is a sliver until zoomed to).
void SpectrogramView::zoomToSelection() {
    for (const auto& s : m_shapes)
        if (s.id == m_overlay->selected()) {
            const auto box = s.bounds();
            zoomToBox(box.t0, box.t1, box.f0, box.f1);
            return;
        }
    std::optional<core::TfBox> all;
    for (const auto& l : m_labels->labels())
        if (m_labels->selected().contains(l.id))
            all = all ? core::TfBox{std::min(all->t0, l.t0), std::max(all->t1, l.t1),
                                    std::min(all->f0, l.f0), std::max(all->f1, l.f1)}
                      : core::TfBox{l.t0, l.t1, l.f0, l.f1};
    if (all)
        zoomToBox(all->t0, all->t1, all->f0, all->f1);
}

void SpectrogramView::deleteSelection(bool labelsFirst) {
    const bool labels = !selectedLabels().empty();
    if (selectedShape() && !(labelsFirst && labels))
        emit deleteRequested(selectedShape());
    else if (labels)
        emit deleteLabelsRequested();
}

} // namespace specedit::ui
