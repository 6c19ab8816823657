#pragma once
// Moving a selected label, or dragging the edges and corners of its box, with the Pan or the
// Label tool: a press within 5 px of a selected label's edge resizes it (edges of a box under
// 16 px across are not grabbed), a press inside a selected label (or within 5 px) moves it. In plot
// coordinates (seconds, Hz); the caller shows at() while the mouse moves and turns the final label
// into one undo step. GUI thread only.

#include "label/Label.h"
#include "tools/ShapeEditGesture.h"

#include <QPointF>
#include <functional>
#include <optional>

namespace specedit::ui {

class LabelOverlay;

class LabelDrag {
public:
    using ToPixel = std::function<QPointF(double t, double f)>;

    // A drag of the selected label under pixel (plot position `start`), or none.
    static std::optional<LabelDrag> begin(const LabelOverlay& overlay, QPointF pixel, QPointF start,
                                          const ToPixel& toPixel);

    // The label as it is with the mouse at p (edges never cross: a box keeps its order).
    core::Label at(QPointF p) const;
    const core::Label& original() const { return m_label; }

private:
    LabelDrag(core::Label label, ShapeEditGesture gesture)
        : m_label(std::move(label)), m_gesture(std::move(gesture)) {}

    core::Label m_label;
    ShapeEditGesture m_gesture;
};

} // namespace specedit::ui
