#include "tools/ShapeEditGesture.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {

ShapeEditGesture::ShapeEditGesture(core::Shape shape, QPointF start, int edges)
    : m_shape(std::move(shape)), m_start(start), m_edges(edges) {}

core::Shape ShapeEditGesture::at(QPointF p) const {
    const double dt = p.x() - m_start.x(), df = p.y() - m_start.y();
    core::Shape s = m_shape;
    if (m_edges == kNone) {
        s.t0 += dt;
        s.t1 += dt;
        s.f0 += df;
        s.f1 += df;
        for (auto& q : s.points) {
            q.t += dt;
            q.f += df;
        }
        return s;
    }
    if (m_edges & kLeft)
        s.t0 += dt;
    if (m_edges & kRight)
        s.t1 += dt;
    if (m_edges & kBottom)
        s.f0 += df;
    if (m_edges & kTop)
        s.f1 += df;
    // Dragging an edge past its opposite flips the rectangle instead of inverting it.
    if (s.t0 > s.t1)
        std::swap(s.t0, s.t1);
    if (s.f0 > s.f1)
        std::swap(s.f0, s.f1);
    return s;
}

int ShapeEditGesture::edgesNear(const core::Shape& s, QPointF pixel,
                                const std::function<QPointF(double, double)>& toPixel, double tol) {
    if (s.type != core::ShapeType::Rect)
        return kNone;
    const QPointF a = toPixel(s.t0, s.f0), b = toPixel(s.t1, s.f1);
    const double left = std::min(a.x(), b.x()), right = std::max(a.x(), b.x());
    const double top = std::min(a.y(), b.y()), bottom = std::max(a.y(), b.y());
    if (pixel.x() < left - tol || pixel.x() > right + tol || pixel.y() < top - tol ||
        pixel.y() > bottom + tol)
        return kNone;
    int edges = kNone;
    if (std::abs(pixel.x() - a.x()) <= tol)
        edges |= kLeft;
    else if (std::abs(pixel.x() - b.x()) <= tol)
        edges |= kRight;
    if (std::abs(pixel.y() - a.y()) <= tol)
        edges |= kBottom; // f0 (low frequency) is drawn at the bottom
    else if (std::abs(pixel.y() - b.y()) <= tol)
        edges |= kTop;
    return edges;
}

} // namespace specedit::ui
