#include "view/MaskOverlay.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {

MaskOverlay::MaskOverlay(QCPAxis* time, QCPAxis* frequency) : OverlayPlottable(time, frequency) {
    setAntialiased(true);
}

QPointF MaskOverlay::toPixel(double t, double f) const {
    return {mKeyAxis->coordToPixel(t), mValueAxis->coordToPixel(toAxis(m_scale, f))};
}

QPainterPath MaskOverlay::pixelPath(const core::Shape& s) const {
    const QRect r = mKeyAxis->axisRect()->rect();
    const std::array<double, 7> state{mKeyAxis->range().lower,
                                      mKeyAxis->range().upper,
                                      mValueAxis->range().lower,
                                      mValueAxis->range().upper,
                                      double(r.width()),
                                      double(r.height()),
                                      double(mValueAxis->scaleType()) + 10 * double(m_scale)};
    if (state != m_pathsFor) {
        m_paths.clear();
        m_pathsFor = state;
    }
    auto it = m_paths.find(s.id);
    if (it == m_paths.end())
        it = m_paths.emplace(s.id, buildPath(s)).first;
    return it->second;
}

// The band's outline, and each harmonic's (the shape stretched m times in frequency away from
// the reference) that reaches the visible range.
QPainterPath MaskOverlay::buildPath(const core::Shape& s) const {
    QPainterPath path = bandPath(s);
    const QCPRange visible = mValueAxis->range();
    const core::TfBox box = s.bounds();
    for (int m = 2; m <= s.harmonics; ++m) {
        const double lo = m_referenceHz + m * (box.f0 - m_referenceHz);
        const double hi = m_referenceHz + m * (box.f1 - m_referenceHz);
        if (std::max(lo, hi) < fromAxis(m_scale, visible.lower) ||
            std::min(lo, hi) > fromAxis(m_scale, visible.upper))
            continue;
        core::Shape copy = s;
        const auto stretch = [&](double f) { return m_referenceHz + m * (f - m_referenceHz); };
        copy.f0 = stretch(s.f0);
        copy.f1 = stretch(s.f1);
        for (auto& p : copy.points)
            p.f = stretch(p.f);
        for (auto& ring : copy.holes)
            for (auto& p : ring)
                p.f = stretch(p.f);
        copy.radiusHz *= m;
        path.addPath(bandPath(copy));
    }
    // Multiples that overlap are one region: filled once (holes need the odd-even rule).
    if (s.harmonics > 1 && s.holes.empty())
        path.setFillRule(Qt::WindingFill);
    return path;
}

QPainterPath MaskOverlay::bandPath(const core::Shape& s) const {
    QPainterPath path;
    switch (s.type) {
    case core::ShapeType::Rect:
        path.addRect(QRectF(toPixel(s.t0, s.f1), toPixel(s.t1, s.f0)).normalized());
        break;
    case core::ShapeType::Polygon: {
        QPolygonF poly;
        for (const auto& p : s.points)
            poly << toPixel(p.t, p.f);
        path.addPolygon(poly);
        path.closeSubpath();
        for (const auto& hole : s.holes) { // odd-even fill (the default) leaves them empty
            QPolygonF ring;
            for (const auto& p : hole)
                ring << toPixel(p.t, p.f);
            path.addPolygon(ring);
            path.closeSubpath();
        }
        break;
    }
    case core::ShapeType::Stroke: {
        // The brush is an ellipse in physical units: stroke the path in a space where it is a
        // circle, then map back.
        const double rx = std::abs(mKeyAxis->coordToPixel(s.radiusS) - mKeyAxis->coordToPixel(0));
        // Measured at the stroke's start: on a log axis the brush's height varies with
        // frequency and this draws it at its first point's.
        const double f = s.points.front().f;
        const double ry = std::abs(toPixel(0, f + s.radiusHz).y() -
                                   toPixel(0, std::max(f - s.radiusHz, 1e-9)).y()) /
                          2;
        const double sx = ry > 0 && rx > 0 ? ry / rx : 1.0;
        QPainterPath centre;
        centre.moveTo(toPixel(s.points.front().t, s.points.front().f) * 1.0);
        for (const auto& p : s.points)
            centre.lineTo(toPixel(p.t, p.f));
        if (centre.length() <= 0) { // a click: Qt strokes nothing around a zero-length path
            path.addEllipse(toPixel(s.points.front().t, f), ry / sx, ry);
            break;
        }
        QTransform squash = QTransform::fromScale(sx, 1.0);
        QPainterPathStroker stroker;
        stroker.setWidth(std::max(1.0, 2 * ry));
        stroker.setCapStyle(Qt::RoundCap);
        stroker.setJoinStyle(Qt::RoundJoin);
        path = squash.inverted().map(stroker.createStroke(squash.map(centre)));
        break;
    }
    }
    return path;
}

// Red removes, green boosts, blue isolates; the effects have colours of their own: amber
// attenuate, violet replace, teal denoise, grey a noise profile (it changes nothing).
QColor MaskOverlay::effectColour(const core::Shape& s) {
    if (s.noiseProfile)
        return QColor(200, 200, 200);
    switch (s.effect) {
    case core::ShapeEffect::Attenuate:
        return QColor(245, 170, 40);
    case core::ShapeEffect::Replace:
        return QColor(190, 110, 255);
    case core::ShapeEffect::Denoise:
        return QColor(40, 210, 200);
    case core::ShapeEffect::Gain:
        break;
    }
    if (s.mode == core::MaskMode::Isolate)
        return QColor(70, 170, 255);
    return s.gainDb > 0 ? QColor(60, 220, 90) : QColor(235, 60, 50);
}

void MaskOverlay::drawShape(QCPPainter* painter, const core::Shape& s, bool selected,
                            bool preview) const {
    const bool isolate = s.mode == core::MaskMode::Isolate;
    QColor fill = effectColour(s);
    fill.setAlpha(preview ? 50 : 80);
    if (preview && m_previewErases)
        fill = QColor(255, 255, 255, 40);
    QPen pen(selected ? QColor(255, 255, 255) : fill.lighter(150), selected ? 2.0 : 1.2);
    if (preview && m_previewErases)
        pen.setColor(QColor(255, 255, 255, 220));
    if (isolate || preview || s.noiseProfile)
        pen.setStyle(Qt::DashLine);
    // Previews change every mouse move: built afresh. The document's shapes come cached.
    const QPainterPath path = preview ? buildPath(s) : pixelPath(s);
    const QRectF box = path.controlPointRect();
    if (!selected && !preview && (box.width() < 3 || box.height() < 3)) {
        // A shape a few pixels across is a mark: filled at once, without stroking an outline
        // (100,000 shapes in view draw in a fraction of the time).
        fill.setAlpha(200);
        painter->fillRect(
            QRectF(box.left(), box.top(), std::max(box.width(), 1.0), std::max(box.height(), 1.0)),
            fill);
        return;
    }
    painter->setPen(pen);
    painter->setBrush(m_outlinesOnly && !preview ? QBrush(Qt::NoBrush) : QBrush(fill));
    painter->drawPath(path);
}

void MaskOverlay::draw(QCPPainter* painter) {
    for (const auto& s : m_shapes)
        if (!m_hidden.count(s.id))
            drawShape(painter, s, s.id == m_selected, false);
    if (m_cursor) {
        const double x = mKeyAxis->coordToPixel(*m_cursor);
        const QRect r = mKeyAxis->axisRect()->rect();
        painter->setPen(QPen(QColor(255, 255, 255, 200), 1.0, Qt::DashLine));
        painter->drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    }
    if (m_preview)
        drawShape(painter, *m_preview, false, true);
    if (m_playhead) {
        const double x = mKeyAxis->coordToPixel(*m_playhead);
        const QRect r = mKeyAxis->axisRect()->rect();
        painter->setPen(QPen(QColor(120, 255, 160), 1.5));
        painter->drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    }
    if (m_measure) {
        const QPointF a = toPixel(m_measure->first.x(), m_measure->first.y());
        const QPointF b = toPixel(m_measure->second.x(), m_measure->second.y());
        painter->setPen(QPen(QColor(255, 255, 255), 1.0, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(a, b).normalized());
        painter->setPen(QPen(QColor(80, 220, 255), 1.5));
        painter->drawLine(a, b);
    }
}

} // namespace specedit::ui
