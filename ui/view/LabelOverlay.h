#pragma once
// Draws the document's labels over the spectrogram on the overlay layer: each a box in its
// class's colour (light grey when unclassified), solid when confirmed and dashed while
// proposed, thicker when selected, with its class name above it (a row or two higher where
// another name is). A box is at least 3 px wide and tall, so a 50 us burst in a minute-long
// view still shows; names are drawn where there is room for them. GUI thread only.

#include "label/Label.h"
#include "view/FrequencyScale.h"
#include "view/OverlayPlottable.h"

#include <optional>
#include <set>
#include <vector>

namespace specedit::ui {

class TagGrid; // names placed so far (LabelOverlay.cpp)

class LabelOverlay : public OverlayPlottable {
    Q_OBJECT
public:
    LabelOverlay(QCPAxis* time, QCPAxis* frequency);

    void setLabels(std::vector<core::Label> labels, std::vector<core::LabelClass> classes);
    const std::vector<core::Label>& labels() const { return m_labels; }
    // Shows a label of the same id in its place (while it is dragged), until setLabels.
    void replace(const core::Label& label);
    void setFrequencyScale(FrequencyScale scale) { m_scale = scale; }
    void setSelected(std::set<std::uint64_t> ids) { m_selected = std::move(ids); }
    const std::set<std::uint64_t>& selected() const { return m_selected; }
    // The box being drawn with the Label tool (plot coordinates), or none.
    void setPreview(std::optional<core::TfBox> box) { m_preview = box; }
    // The label whose box holds the pixel (the smallest of several), or 0.
    std::uint64_t labelAt(QPointF pixel) const;
    // The box of a label in widget pixels, as drawn.
    QRectF pixelRect(const core::Label& label) const;
    QColor colorOf(const core::Label& label) const;
    // The name tags of the last drawing, in widget pixels (for tests).
    const std::vector<QRectF>& drawnNames() const { return m_drawnNames; }

protected:
    void draw(QCPPainter* painter) override;

private:
    void drawName(QCPPainter* painter, const QRectF& box, const QString& name, const QColor& color,
                  bool selected, TagGrid& placed) const;

    std::vector<core::Label> m_labels;
    std::vector<core::LabelClass> m_classes;
    std::set<std::uint64_t> m_selected;
    std::optional<core::TfBox> m_preview;
    mutable std::vector<QRectF> m_drawnNames;
    FrequencyScale m_scale = FrequencyScale::Linear;
};

} // namespace specedit::ui
