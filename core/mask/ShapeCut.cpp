#include "mask/ShapeCut.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <polyclipping/clipper.hpp>

namespace specedit::core {
namespace {

namespace cl = ClipperLib;

// Far inside Clipper's 62-bit range, so no sum of two coordinates overflows.
constexpr double kMaxUnits = 1e17;

// Integer coordinates in units of kCutUnits per (radiusS, radiusHz), from origin.
struct Frame {
    TfPoint origin;
    double radiusS = 1, radiusHz = 1;

    cl::IntPoint toInt(const TfPoint& p) const {
        auto units = [](double v) {
            return cl::cInt(std::llround(std::clamp(v, -kMaxUnits, kMaxUnits)));
        };
        return {units((p.t - origin.t) / radiusS * kCutUnits),
                units((p.f - origin.f) / radiusHz * kCutUnits)};
    }
    TfPoint toTf(const cl::IntPoint& p) const {
        return {origin.t + double(p.X) / kCutUnits * radiusS,
                origin.f + double(p.Y) / kCutUnits * radiusHz};
    }
    cl::Path toPath(const std::vector<TfPoint>& points) const {
        cl::Path path;
        for (const auto& p : points)
            path.push_back(toInt(p));
        return path;
    }
    std::vector<TfPoint> toPoints(const cl::Path& path) const {
        std::vector<TfPoint> points;
        for (const auto& p : path)
            points.push_back(toTf(p));
        return points;
    }
};

// The region within `radius` brush radii of a stroke's polyline, in the stroke's own frame.
// Clipper's arcs have their vertices on the circle, so the polygon lies inside it.
cl::Paths strokeRegion(const Shape& stroke, const Frame& frame, double radius = 1.0) {
    cl::ClipperOffset offset;
    offset.ArcTolerance = kArcTolerance * kCutUnits;
    offset.AddPath(frame.toPath(stroke.points), cl::jtRound, cl::etOpenRound);
    cl::Paths region;
    offset.Execute(region, radius * kCutUnits);
    return region;
}

// A shape's region (without its feather) as paths in the eraser's frame.
cl::Paths regionOf(const Shape& s, const Frame& eraserFrame) {
    if (s.type == ShapeType::Rect)
        return {eraserFrame.toPath({{s.t0, s.f0}, {s.t1, s.f0}, {s.t1, s.f1}, {s.t0, s.f1}})};
    if (s.type == ShapeType::Polygon) {
        cl::Paths paths{eraserFrame.toPath(s.points)};
        for (const auto& hole : s.holes)
            paths.push_back(eraserFrame.toPath(hole));
        return paths;
    }
    const Frame own{s.points.front(), s.radiusS, s.radiusHz};
    cl::Paths paths;
    for (const auto& path : strokeRegion(s, own))
        paths.push_back(eraserFrame.toPath(own.toPoints(path)));
    return paths;
}

double pathsArea(const cl::Paths& paths) {
    double area = 0;
    for (const auto& p : paths)
        area += cl::Area(p);
    return std::abs(area);
}

double minArea() {
    return kMinPieceArea * kCutUnits * kCutUnits;
}

std::vector<TfPoint> cleaned(const cl::Path& path, const Frame& frame) {
    cl::Path out;
    cl::CleanPolygon(path, out, 1e-3 * kCutUnits);
    return frame.toPoints(out.size() >= 3 ? out : path);
}

// One polygon per outer contour of the tree, its child contours as holes; islands inside a
// hole are outers again.
void collectPieces(const cl::PolyNode& outer, const Frame& frame, const Shape& proto,
                   std::vector<Shape>& pieces) {
    Shape piece = proto;
    piece.type = ShapeType::Polygon;
    piece.t0 = piece.t1 = piece.f0 = piece.f1 = 0;
    piece.radiusS = piece.radiusHz = 0;
    piece.id = 0;
    piece.points = cleaned(outer.Contour, frame);
    piece.holes.clear();
    double area = std::abs(cl::Area(outer.Contour));
    for (const cl::PolyNode* hole : outer.Childs) {
        area -= std::abs(cl::Area(hole->Contour));
        piece.holes.push_back(cleaned(hole->Contour, frame));
        for (const cl::PolyNode* island : hole->Childs)
            collectPieces(*island, frame, proto, pieces);
    }
    if (area >= minArea())
        pieces.push_back(std::move(piece));
}

} // namespace

CutResult cutShape(const Shape& shape, const Shape& eraser) {
    if (eraser.type != ShapeType::Stroke)
        throw Error("eraser", "is a " + toString(eraser.type), "a brush stroke");
    eraser.validate("eraser");
    const Frame frame{eraser.points.front(), eraser.radiusS, eraser.radiusHz};
    // Grown by the arc tolerance so its polygon covers the whole brush disc: an eraser as wide
    // as a brush stroke cuts it through, leaving no sliver along its edges.
    const cl::Paths erased = strokeRegion(eraser, frame, 1.0 + 2 * kArcTolerance);
    const cl::Paths subject = regionOf(shape, frame);

    cl::Clipper clipper;
    clipper.AddPaths(subject, cl::ptSubject, true);
    clipper.AddPaths(erased, cl::ptClip, true);
    cl::Paths common;
    clipper.Execute(cl::ctIntersection, common, cl::pftEvenOdd, cl::pftNonZero);
    CutResult result;
    if (pathsArea(common) < minArea() * 1e-3)
        return result;
    cl::PolyTree rest;
    clipper.Execute(cl::ctDifference, rest, cl::pftEvenOdd, cl::pftNonZero);
    result.changed = true;
    for (const cl::PolyNode* outer : rest.Childs)
        collectPieces(*outer, frame, shape, result.pieces);
    return result;
}

CutAllResult cutShapes(const std::vector<Shape>& shapes, const Shape& eraser, int channels) {
    CutAllResult all;
    for (const auto& s : shapes) {
        CutResult cut =
            eraser.channel < 0 || s.appliesTo(eraser.channel) ? cutShape(s, eraser) : CutResult{};
        all.changed = all.changed || cut.changed;
        if (!cut.changed) {
            all.shapes.push_back(s);
            continue;
        }
        if (eraser.channel >= 0 && s.channel < 0) // the other channels keep the whole shape
            for (int c = 0; c < channels; ++c)
                if (c != eraser.channel) {
                    Shape whole = s;
                    whole.id = 0;
                    whole.channel = c;
                    all.shapes.push_back(whole);
                }
        for (Shape& piece : cut.pieces) {
            piece.channel = eraser.channel >= 0 ? eraser.channel : s.channel;
            all.shapes.push_back(piece);
        }
    }
    return all;
}

} // namespace specedit::core
