#include "tools/Tool.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

constexpr double kMinDragPixels = 3.0;

double pixelDistance(QPointF a, QPointF b, const PlotScale& s) {
    return std::hypot((a.x() - b.x()) / s.secondsPerPixel, (a.y() - b.y()) / s.hertzPerPixel);
}

} // namespace

double onPixelGrid(double value, double unitsPerPixel) {
    if (!(unitsPerPixel > 0) || !std::isfinite(unitsPerPixel) || !std::isfinite(value))
        return value;
    const double step = std::pow(10.0, std::floor(std::log10(unitsPerPixel)));
    return std::round(value / step) * step;
}

void applyDefaults(core::Shape& shape, const PlotScale& scale, const ShapeDefaults& d) {
    shape.gainDb = d.gainDb;
    shape.mode =
        d.effect == core::ShapeEffect::Gain && !d.noiseProfile ? d.mode : core::MaskMode::Apply;
    shape.effect = d.effect;
    shape.noiseProfile = d.noiseProfile;
    shape.amount = d.amount;
    shape.reductionDb = d.reductionDb;
    shape.featherS = onPixelGrid(d.featherPx * scale.secondsPerPixel, scale.secondsPerPixel);
    shape.featherHz = onPixelGrid(d.featherPx * scale.hertzPerPixel, scale.hertzPerPixel);
}

void RectTool::press(QPointF p, const PlotScale& scale, const ShapeDefaults& defaults) {
    m_active = true;
    m_start = m_end = p;
    m_scale = scale;
    m_defaults = defaults;
}

void RectTool::move(QPointF p) {
    if (m_active)
        m_end = p;
}

std::optional<core::Shape> RectTool::preview() const {
    if (!m_active)
        return std::nullopt;
    core::Shape s;
    s.type = core::ShapeType::Rect;
    s.t0 = std::min(m_start.x(), m_end.x());
    s.t1 = std::max(m_start.x(), m_end.x());
    s.f0 = std::min(m_start.y(), m_end.y());
    s.f1 = std::max(m_start.y(), m_end.y());
    applyDefaults(s, m_scale, m_defaults);
    return s;
}

std::optional<core::Shape> RectTool::release(QPointF p) {
    move(p);
    auto shape = preview();
    m_active = false;
    const double w = std::abs(m_end.x() - m_start.x()) / m_scale.secondsPerPixel;
    const double h = std::abs(m_end.y() - m_start.y()) / m_scale.hertzPerPixel;
    if (w < kMinDragPixels || h < kMinDragPixels)
        return std::nullopt; // a click, not a rectangle
    return shape;
}

void PathTool::press(QPointF p, const PlotScale& scale, const ShapeDefaults& defaults) {
    m_active = true;
    m_scale = scale;
    m_defaults = defaults;
    m_points = {{p.x(), p.y()}};
}

void PathTool::move(QPointF p) {
    if (!m_active)
        return;
    const QPointF last(m_points.back().t, m_points.back().f);
    if (pixelDistance(p, last, m_scale) >= kMinDragPixels)
        m_points.push_back({p.x(), p.y()});
}

core::Shape PathTool::build() const {
    core::Shape s;
    s.type = m_type;
    s.points = m_points;
    if (m_type == core::ShapeType::Stroke) {
        s.radiusS =
            onPixelGrid(m_defaults.brushPx * m_scale.secondsPerPixel, m_scale.secondsPerPixel);
        s.radiusHz = onPixelGrid(m_defaults.brushPx * m_scale.hertzPerPixel, m_scale.hertzPerPixel);
    }
    applyDefaults(s, m_scale, m_defaults);
    return s;
}

std::optional<core::Shape> PathTool::preview() const {
    if (!m_active)
        return std::nullopt;
    return build();
}

std::optional<core::Shape> PathTool::release(QPointF p) {
    move(p);
    m_active = false;
    if (m_type == core::ShapeType::Polygon && m_points.size() < 3)
        return std::nullopt;
    return build(); // a brush click is a dot: a stroke of one point
}

} // namespace specedit::ui
