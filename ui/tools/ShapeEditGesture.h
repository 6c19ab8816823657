#pragma once
// Moving a shape, or dragging the edges and corners of its box (a rectangle's edges; the
// extent of a lasso or stroke, whose points then stretch with it), in plot coordinates
// (seconds, Hz). Holds the shape as it was at the press; at() gives it for the mouse's current
// place. The caller turns the final shape into one undo command. GUI thread only.

#include "mask/Shape.h"

#include <QPointF>
#include <functional>

namespace specedit::ui {

class ShapeEditGesture {
public:
    enum Edge { kNone = 0, kLeft = 1, kRight = 2, kBottom = 4, kTop = 8 };

    // edges: kNone moves the whole shape; otherwise the rectangle edges to drag.
    ShapeEditGesture(core::Shape shape, QPointF start, int edges);

    core::Shape at(QPointF p) const;
    const core::Shape& original() const { return m_shape; }

    // The box the edges belong to: a rectangle's own edges, a lasso's points' extent, a
    // stroke's line's extent grown by the brush (what it paints; no feather in any case).
    static core::TfBox extent(const core::Shape& shape);
    // The shape with its box moved to `to`: a rectangle takes it, the points of a lasso or
    // stroke stretch with it.
    static core::Shape fitToBox(const core::Shape& shape, const core::TfBox& to);
    static core::TfBox inset(const core::TfBox& box, double dt, double df);
    // Edges of the shape's box within tolerancePx of pixel (kNone if none).
    static int edgesNear(const core::Shape& shape, QPointF pixel,
                         const std::function<QPointF(double t, double f)>& toPixel,
                         double tolerancePx);

private:
    core::Shape m_shape;
    QPointF m_start;
    int m_edges;
};

} // namespace specedit::ui
