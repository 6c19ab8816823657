#pragma once
// Draws the document's shapes over the spectrogram as translucent regions on their own
// buffered layer, so painting replots only the overlay: red for cuts, green for boosts, a
// dashed outline for isolate shapes, a white outline for the selected shape, and the tool's
// preview while dragging. GUI thread only.

#include "mask/Shape.h"
#include "view/FrequencyScale.h"
#include "view/OverlayPlottable.h"

#include <array>
#include <optional>
#include <set>
#include <unordered_map>

namespace specedit::ui {

class MaskOverlay : public OverlayPlottable {
    Q_OBJECT
public:
    MaskOverlay(QCPAxis* time, QCPAxis* frequency);

    void setShapes(const std::vector<core::Shape>& shapes) {
        m_shapes = shapes;
        m_paths.clear();
    }
    const std::vector<core::Shape>& shapes() const { return m_shapes; }
    void setFrequencyScale(FrequencyScale scale) { m_scale = scale; }
    // Harmonics of a shape are multiples of the offset from here (0 Hz, or an IQ centre).
    void setReferenceHz(double hz) {
        m_referenceHz = hz;
        m_paths.clear();
    }
    // The shape being drawn; erases: drawn as the eraser's stroke (white), not as a shape.
    void setPreview(std::optional<core::Shape> preview, bool erases = false) {
        m_preview = std::move(preview);
        m_previewErases = erases;
    }
    void setSelected(std::uint64_t id) { m_selected = id; }
    // The measuring tool's line, from start to end in plot coordinates (nullopt: none).
    void setMeasure(std::optional<std::pair<QPointF, QPointF>> line) { m_measure = line; }
    // The playback position in seconds (nullopt: not playing).
    void setPlayhead(std::optional<double> seconds) { m_playhead = seconds; }
    // The edit cursor (a time the user clicked), drawn as a dashed line.
    void setCursorTime(std::optional<double> seconds) { m_cursor = seconds; }
    // Shapes not drawn (hidden in the shapes panel; they still apply).
    void setHidden(std::set<std::uint64_t> ids) { m_hidden = std::move(ids); }
    // Shapes drawn as outlines only, unfilled: over the edited result, whose colours must
    // read true (a tint over a removed area read as -65 dB of something left).
    void setOutlinesOnly(bool on) { m_outlinesOnly = on; }
    std::uint64_t selected() const { return m_selected; }
    // The path in widget pixels of one of the shapes given to setShapes (for drawing and hit
    // tests), cached by id until the shapes or the axes change.
    QPainterPath pixelPath(const core::Shape& shape) const;

protected:
    void draw(QCPPainter* painter) override;

private:
    static QColor effectColour(const core::Shape& shape);
    void drawShape(QCPPainter* painter, const core::Shape& shape, bool selected,
                   bool preview) const;
    QPointF toPixel(double t, double f) const;

    std::vector<core::Shape> m_shapes;
    double m_referenceHz = 0.0;
    std::optional<core::Shape> m_preview;
    bool m_previewErases = false;
    bool m_outlinesOnly = false;
    FrequencyScale m_scale = FrequencyScale::Linear;
    std::uint64_t m_selected = 0;
    std::optional<std::pair<QPointF, QPointF>> m_measure;
    std::optional<double> m_playhead;
    QPainterPath buildPath(const core::Shape& shape) const;
    QPainterPath bandPath(const core::Shape& shape) const;
    // Cache of pixelPath for the shapes above, valid for the axes' state in m_pathsFor.
    mutable std::unordered_map<std::uint64_t, QPainterPath> m_paths;
    mutable std::array<double, 7> m_pathsFor{};
    std::optional<double> m_cursor;
    std::set<std::uint64_t> m_hidden;
};

} // namespace specedit::ui
