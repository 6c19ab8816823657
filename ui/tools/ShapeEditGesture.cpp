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
    const core::TfBox from = extent(m_shape);
    core::TfBox to = from;
    if (m_edges & kLeft)
        to.t0 += dt;
    if (m_edges & kRight)
        to.t1 += dt;
    if (m_edges & kBottom)
        to.f0 += df;
    if (m_edges & kTop)
        to.f1 += df;
    // Dragging an edge past its opposite flips the box instead of inverting it.
    if (to.t0 > to.t1)
        std::swap(to.t0, to.t1);
    if (to.f0 > to.f1)
        std::swap(to.f0, to.f1);
    return fitToBox(m_shape, to);
}

core::Shape ShapeEditGesture::fitToBox(const core::Shape& shape, const core::TfBox& to) {
    core::Shape s = shape;
    if (s.type == core::ShapeType::Rect) {
        s.t0 = to.t0;
        s.t1 = to.t1;
        s.f0 = to.f0;
        s.f1 = to.f1;
        return s;
    }
    // Lassos and strokes stretch with their box: each point keeps its relative place. A
    // stroke's box is its line's grown by the brush, which keeps its size: the line's box is
    // the new one less the brush (a point when the new box is narrower than the brush).
    const bool stroke = s.type == core::ShapeType::Stroke;
    const core::TfBox from = inset(extent(shape), stroke ? s.radiusS : 0, stroke ? s.radiusHz : 0);
    const core::TfBox into = inset(to, stroke ? s.radiusS : 0, stroke ? s.radiusHz : 0);
    auto map = [](double v, double a0, double a1, double b0, double b1) {
        return a1 > a0 ? b0 + (v - a0) * (b1 - b0) / (a1 - a0) : b0 + (v - a0);
    };
    for (auto& q : s.points) {
        q.t = map(q.t, from.t0, from.t1, into.t0, into.t1);
        q.f = map(q.f, from.f0, from.f1, into.f0, into.f1);
    }
    return s;
}

// A box shrunk by dt and df on each side; where it is narrower than that, its centre line.
core::TfBox ShapeEditGesture::inset(const core::TfBox& b, double dt, double df) {
    auto shrink = [](double lo, double hi, double by) {
        const double mid = 0.5 * (lo + hi);
        return hi - lo > 2 * by ? std::pair{lo + by, hi - by} : std::pair{mid, mid};
    };
    const auto [t0, t1] = shrink(b.t0, b.t1, dt);
    const auto [f0, f1] = shrink(b.f0, b.f1, df);
    return {t0, t1, f0, f1};
}

core::TfBox ShapeEditGesture::extent(const core::Shape& s) {
    if (s.type == core::ShapeType::Rect)
        return {s.t0, s.t1, s.f0, s.f1};
    core::TfBox b{s.points.front().t, s.points.front().t, s.points.front().f, s.points.front().f};
    for (const auto& p : s.points) {
        b.t0 = std::min(b.t0, p.t);
        b.t1 = std::max(b.t1, p.t);
        b.f0 = std::min(b.f0, p.f);
        b.f1 = std::max(b.f1, p.f);
    }
    if (s.type == core::ShapeType::Stroke) { // what the brush painted, not its centre line
        b.t0 -= s.radiusS;
        b.t1 += s.radiusS;
        b.f0 -= s.radiusHz;
        b.f1 += s.radiusHz;
    }
    return b;
}

int ShapeEditGesture::edgesNear(const core::Shape& s, QPointF pixel,
                                const std::function<QPointF(double, double)>& toPixel, double tol) {
    const core::TfBox box = extent(s);
    const QPointF a = toPixel(box.t0, box.f0), b = toPixel(box.t1, box.f1);
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
