#pragma once
// Mouse tools for painting mask shapes: small press/drag/release state machines working in
// plot coordinates (seconds, Hz). While dragging they offer a preview shape; on release they
// hand back at most one finished shape, which the caller turns into one undo command.
// GUI thread only.

#include "mask/Shape.h"

#include <QPointF>
#include <optional>

namespace specedit::ui {

// What a new shape gets: gain, feather, mode and effect from the toolbar, brush size in pixels.
struct ShapeDefaults {
    double gainDb = core::kMinusInfinityDb;
    double featherPx = 0; // feather in pixels at the zoom where the shape is drawn
    core::MaskMode mode = core::MaskMode::Apply;
    double brushPx = 12; // brush radius in pixels
    core::ShapeEffect effect = core::ShapeEffect::Gain;
    bool noiseProfile = false;
    double amount = 1.0;       // attenuate: 0 .. 1
    double reductionDb = 20.0; // denoise: the most the noise is lowered
};

// Plot scale at the time of the gesture, to turn pixel sizes into physical ones.
struct PlotScale {
    double secondsPerPixel = 1;
    double hertzPerPixel = 1;
};

class Tool {
public:
    virtual ~Tool() = default;
    // p: (seconds, Hz) under the mouse.
    virtual void press(QPointF p, const PlotScale& scale, const ShapeDefaults& defaults) = 0;
    virtual void move(QPointF p) = 0;
    // Ends the gesture; the finished shape, or nothing for a gesture too small to mean one.
    virtual std::optional<core::Shape> release(QPointF p) = 0;
    // The shape being drawn, for the overlay.
    virtual std::optional<core::Shape> preview() const = 0;
    virtual bool isActive() const = 0;
};

class RectTool : public Tool {
public:
    void press(QPointF p, const PlotScale& scale, const ShapeDefaults& defaults) override;
    void move(QPointF p) override;
    std::optional<core::Shape> release(QPointF p) override;
    std::optional<core::Shape> preview() const override;
    bool isActive() const override { return m_active; }

private:
    bool m_active = false;
    QPointF m_start, m_end;
    PlotScale m_scale;
    ShapeDefaults m_defaults;
};

// Lasso (closed polygon) and brush (stroke) both collect a path of points.
class PathTool : public Tool {
public:
    explicit PathTool(core::ShapeType type) : m_type(type) {}
    void press(QPointF p, const PlotScale& scale, const ShapeDefaults& defaults) override;
    void move(QPointF p) override;
    std::optional<core::Shape> release(QPointF p) override;
    std::optional<core::Shape> preview() const override;
    bool isActive() const override { return m_active; }

private:
    core::Shape build() const;

    core::ShapeType m_type;
    bool m_active = false;
    std::vector<core::TfPoint> m_points;
    PlotScale m_scale;
    ShapeDefaults m_defaults;
};

// value rounded to the largest power of ten not above unitsPerPixel: a drawn edge moves by
// less than half a pixel and reads "434.293 MHz", "2.1603 s" rather than "434.2925867 MHz".
double onPixelGrid(double value, double unitsPerPixel);

// Applies the defaults common to every new shape (gain, mode, feather at this zoom).
void applyDefaults(core::Shape& shape, const PlotScale& scale, const ShapeDefaults& defaults);

} // namespace specedit::ui
