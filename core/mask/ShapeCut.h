#pragma once
// Cutting an eraser stroke out of mask shapes: a polygon boolean difference, as the eraser of a
// vector painting tool does.
//
// The geometry is computed in the eraser's brush units, x = (t - t_ref) / radius_s and
// y = (f - f_ref) / radius_hz, where the eraser's region (every point within one brush radius
// of its polyline, the stroke rule of Shape.h) is a union of unit discs. Those units are then
// scaled to integers (kCutUnits per brush radius) for Clipper (Angus Johnson's polygon
// clipper, Debian's libpolyclipping), which computes the difference exactly on integers and
// accepts self-intersecting lassos (even-odd rule, as Shape::coverage). Round ends and joins
// are polygons that stay within kArcTolerance brush radii of the true circles; a stroke shape
// that is cut becomes such a polygon in its own radii.
//
// A shape the eraser does not touch is returned unchanged; a touched one becomes zero or more
// polygons (with holes where the eraser stayed inside it) keeping its gain, feather, mode and
// unknown keys. Pieces smaller than kMinPieceArea square brush radii are dropped.

#include "mask/Shape.h"

#include <vector>

namespace specedit::core {

constexpr double kCutUnits = 1e6;      // integer units per eraser radius
constexpr double kArcTolerance = 2e-3; // largest gap between a true circle and its polygon
constexpr double kMinPieceArea = 1e-3; // in square eraser radii

struct CutResult {
    bool changed = false;      // false: the eraser does not touch the shape
    std::vector<Shape> pieces; // what is left when changed (ids 0, to be assigned)
};

// eraser: a Stroke (throws Error otherwise, or for invalid geometry). Any thread.
CutResult cutShape(const Shape& shape, const Shape& eraser);

// Every shape after the cut, in composition order, the pieces of a cut shape in its place.
// changed is false when the eraser touched none. An eraser of one channel (Shape::channel)
// cuts only the shapes that apply to it: a shape of every channel keeps its whole extent on
// the other channels of the recording's `channels` (a copy of it for each, ids 0, then the
// pieces on the eraser's channel). Any thread.
struct CutAllResult {
    bool changed = false;
    std::vector<Shape> shapes;
};
CutAllResult cutShapes(const std::vector<Shape>& shapes, const Shape& eraser, int channels = 1);

} // namespace specedit::core
