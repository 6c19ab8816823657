#include "view/LabelDrag.h"

#include "view/LabelOverlay.h"

#include <algorithm>

namespace specedit::ui {

// Edges of a box narrower (or lower) than this are not grabbed: a press there moves it, so
// a short burst's 3 px box can still be moved.
constexpr double kGrabbableSpan = 16.0;

std::optional<LabelDrag> LabelDrag::begin(const LabelOverlay& overlay, QPointF pixel, QPointF start,
                                          const ToPixel& toPixel) {
    for (const auto& l : overlay.labels()) {
        if (!overlay.selected().count(l.id))
            continue;
        const core::Shape box = core::toShape(l, core::MaskMode::Isolate);
        const QRectF r = overlay.pixelRect(l);
        int edges = ShapeEditGesture::edgesNear(box, pixel, toPixel, 5.0);
        if (r.width() < kGrabbableSpan)
            edges &= ~(ShapeEditGesture::kLeft | ShapeEditGesture::kRight);
        if (r.height() < kGrabbableSpan)
            edges &= ~(ShapeEditGesture::kTop | ShapeEditGesture::kBottom);
        if (edges)
            return LabelDrag(l, ShapeEditGesture(box, start, edges));
        if (r.adjusted(-5, -5, 5, 5).contains(pixel))
            return LabelDrag(l, ShapeEditGesture(box, start, ShapeEditGesture::kNone));
    }
    return std::nullopt;
}

core::Label LabelDrag::at(QPointF p) const {
    const core::TfBox box = ShapeEditGesture::extent(m_gesture.at(p));
    core::Label l = m_label;
    l.t0 = std::min(box.t0, box.t1);
    l.t1 = std::max(box.t0, box.t1);
    l.f0 = std::min(box.f0, box.f1);
    l.f1 = std::max(box.f0, box.f1);
    return l;
}

} // namespace specedit::ui
