#include "mask/Shape.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace specedit::core {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Distance in feather units for an offset (dt, df) outside a shape.
double featherDistance(double dt, double df, double featherS, double featherHz) {
    auto axis = [](double d, double feather) {
        if (d == 0)
            return 0.0;
        return feather > 0 ? d / feather : kInf;
    };
    return std::hypot(axis(dt, featherS), axis(df, featherHz));
}

double falloff(double d) {
    if (d <= 0)
        return 1.0;
    if (d >= 1)
        return 0.0;
    return 0.5 * (1.0 + std::cos(std::numbers::pi * d));
}

// True when (t, f) lies on segment a-b, within a relative tolerance of the coordinates.
bool onSegment(const TfPoint& a, const TfPoint& b, double t, double f) {
    const double tolT = 1e-12 * (1 + std::max(std::abs(a.t), std::abs(b.t)));
    const double tolF = 1e-12 * (1 + std::max(std::abs(a.f), std::abs(b.f)));
    if (t < std::min(a.t, b.t) - tolT || t > std::max(a.t, b.t) + tolT ||
        f < std::min(a.f, b.f) - tolF || f > std::max(a.f, b.f) + tolF)
        return false;
    // Cross product in units normalised by the segment's extent, so seconds and hertz weigh
    // alike.
    const double st = std::max(std::abs(b.t - a.t), tolT), sf = std::max(std::abs(b.f - a.f), tolF);
    const double cross =
        ((b.t - a.t) / st) * ((f - a.f) / sf) - ((b.f - a.f) / sf) * ((t - a.t) / st);
    return std::abs(cross) <= 1e-9;
}

// Even-odd rule; points on an edge count as inside (edges are inclusive, horizontal and
// vertical ones included).
bool insidePolygon(const std::vector<TfPoint>& poly, double t, double f) {
    for (std::size_t i = 0, k = poly.size() - 1; i < poly.size(); k = i++)
        if (onSegment(poly[i], poly[k], t, f))
            return true;
    bool inside = false;
    const std::size_t n = poly.size();
    for (std::size_t i = 0, k = n - 1; i < n; k = i++) {
        const TfPoint& a = poly[i];
        const TfPoint& b = poly[k];
        if ((a.f > f) != (b.f > f)) {
            const double tCross = a.t + (f - a.f) * (b.t - a.t) / (b.f - a.f);
            if (t == tCross)
                return true;
            if (t < tCross)
                inside = !inside;
        }
    }
    return inside;
}

// Nearest point to (t, f) on segment a-b, with time and frequency scaled by sx, sf.
TfPoint nearestOnSegment(TfPoint a, TfPoint b, double t, double f, double sx, double sf) {
    const double ax = a.t * sx, af = a.f * sf, bx = b.t * sx, bf = b.f * sf;
    const double px = t * sx, pf = f * sf;
    const double dx = bx - ax, df = bf - af;
    const double len2 = dx * dx + df * df;
    double u = len2 > 0 ? ((px - ax) * dx + (pf - af) * df) / len2 : 0.0;
    u = std::clamp(u, 0.0, 1.0);
    return {a.t + u * (b.t - a.t), a.f + u * (b.f - a.f)};
}

// Nearest point of a polyline (or single point) in a metric scaled by sx, sf.
TfPoint nearestOnPolyline(const std::vector<TfPoint>& pts, bool closed, double t, double f,
                          double sx, double sf) {
    TfPoint best = pts.front();
    double bestD = kInf;
    const std::size_t n = pts.size();
    const std::size_t segments = n == 1 ? 1 : (closed ? n : n - 1);
    for (std::size_t i = 0; i < segments; ++i) {
        const TfPoint q = nearestOnSegment(pts[i], pts[(i + 1) % n], t, f, sx, sf);
        const double d = std::hypot((q.t - t) * sx, (q.f - f) * sf);
        if (d < bestD) {
            bestD = d;
            best = q;
        }
    }
    return best;
}

double scaleFor(double feather) {
    return 1.0 / std::max(feather, 1e-12);
}

double rectCoverage(const Shape& s, double t, double f) {
    const double dt = std::max({s.t0 - t, t - s.t1, 0.0});
    const double df = std::max({s.f0 - f, f - s.f1, 0.0});
    return falloff(featherDistance(dt, df, s.featherS, s.featherHz));
}

// Strictly inside a ring: inside it by the even-odd rule and not on its edge.
bool strictlyInside(const std::vector<TfPoint>& ring, double t, double f) {
    for (std::size_t i = 0, k = ring.size() - 1; i < ring.size(); k = i++)
        if (onSegment(ring[i], ring[k], t, f))
            return false;
    return insidePolygon(ring, t, f);
}

bool insideWithHoles(const Shape& s, double t, double f) {
    if (!insidePolygon(s.points, t, f))
        return false;
    return std::none_of(s.holes.begin(), s.holes.end(),
                        [&](const auto& hole) { return strictlyInside(hole, t, f); });
}

// Nearest point on the outline (outer ring and holes) in the feather metric.
TfPoint nearestOnOutline(const Shape& s, double t, double f) {
    const double sx = scaleFor(s.featherS), sf = scaleFor(s.featherHz);
    TfPoint best = nearestOnPolyline(s.points, true, t, f, sx, sf);
    double bestD = std::hypot((best.t - t) * sx, (best.f - f) * sf);
    for (const auto& hole : s.holes) {
        const TfPoint q = nearestOnPolyline(hole, true, t, f, sx, sf);
        const double d = std::hypot((q.t - t) * sx, (q.f - f) * sf);
        if (d < bestD) {
            bestD = d;
            best = q;
        }
    }
    return best;
}

double polygonCoverage(const Shape& s, double t, double f) {
    if (insideWithHoles(s, t, f))
        return 1.0;
    if (s.featherS <= 0 && s.featherHz <= 0)
        return 0.0;
    const TfPoint q = nearestOnOutline(s, t, f);
    // On an axis without feather the nearest point is exact up to rounding: treat a rounding
    // residue as zero, or it would count as an infinitely hard edge.
    double dt = std::abs(t - q.t), df = std::abs(f - q.f);
    if (s.featherS <= 0 && dt <= 1e-9 * (1 + std::abs(t)))
        dt = 0;
    if (s.featherHz <= 0 && df <= 1e-9 * (1 + std::abs(f)))
        df = 0;
    return falloff(featherDistance(dt, df, s.featherS, s.featherHz));
}

double strokeCoverage(const Shape& s, double t, double f) {
    const double sx = 1.0 / s.radiusS, sf = 1.0 / s.radiusHz;
    const TfPoint q = nearestOnPolyline(s.points, false, t, f, sx, sf);
    const double dt = t - q.t, df = f - q.f;
    const double brush = std::hypot(dt * sx, df * sf); // 1 on the brush edge
    // Inclusive edge, with a relative tolerance so that a point exactly one radius away (in
    // decimal units, e.g. 0.32 s from 0.30 s with radius 0.02 s) is not lost to rounding.
    if (brush <= 1.0 + 1e-9)
        return 1.0;
    const double excess = 1.0 - 1.0 / brush; // part of (dt, df) beyond the brush edge
    return falloff(
        featherDistance(std::abs(dt) * excess, std::abs(df) * excess, s.featherS, s.featherHz));
}

void requireFinite(double v, const std::string& where, const char* key) {
    if (!std::isfinite(v))
        throw Error(where, std::string(key) + " is not a finite number", "a finite value");
}

} // namespace

std::string toString(ShapeType type) {
    switch (type) {
    case ShapeType::Rect:
        return "rect";
    case ShapeType::Polygon:
        return "polygon";
    case ShapeType::Stroke:
        return "stroke";
    }
    return "rect";
}

std::string toString(ShapeEffect effect) {
    switch (effect) {
    case ShapeEffect::Gain:
        return "gain";
    case ShapeEffect::Attenuate:
        return "attenuate";
    case ShapeEffect::Replace:
        return "replace";
    case ShapeEffect::Denoise:
        return "denoise";
    }
    return "gain";
}

ShapeEffect parseShapeEffect(const std::string& name, const std::string& where) {
    for (auto e :
         {ShapeEffect::Gain, ShapeEffect::Attenuate, ShapeEffect::Replace, ShapeEffect::Denoise})
        if (toString(e) == name)
            return e;
    throw Error(where, "unknown effect \"" + name + "\"", "gain, attenuate, replace or denoise");
}

std::string toString(FillFrom from) {
    return from == FillFrom::Frequency ? "frequency" : from == FillFrom::Both ? "both" : "time";
}

FillFrom parseFillFrom(const std::string& name, const std::string& where) {
    for (auto f : {FillFrom::Time, FillFrom::Frequency, FillFrom::Both})
        if (toString(f) == name)
            return f;
    throw Error(where, "unknown fill_from \"" + name + "\"", "time, frequency or both");
}

namespace {

void validateEffect(const Shape& s, const std::string& where) {
    if (!(s.amount >= 0 && s.amount <= 1))
        throw Error(where, "amount " + std::to_string(s.amount) + " is out of range",
                    "from 0 (no change) to 1 (down to the surroundings)");
    if (!(s.reductionDb > 0 && s.reductionDb <= kMaxReductionDb))
        throw Error(where, "reduction_db " + std::to_string(s.reductionDb) + " is out of range",
                    "more than 0 and at most " + std::to_string(int(kMaxReductionDb)) + " dB");
    if (s.mode == MaskMode::Isolate && (s.effect != ShapeEffect::Gain || s.noiseProfile))
        throw Error(where, "isolate mode with effect " + toString(s.effect),
                    "mode apply: only gains can act outside a shape");
}

} // namespace

void Shape::validate(const std::string& where) const {
    validateEffect(*this, where);
    if (std::isnan(gainDb) || gainDb > kMaxGainDb)
        throw Error(where, "gain_db " + std::to_string(gainDb) + " is out of range",
                    "at most +" + std::to_string(int(kMaxGainDb)) + " dB, or null for -infinity");
    requireFinite(featherS, where, "feather_s");
    requireFinite(featherHz, where, "feather_hz");
    if (featherS < 0 || featherHz < 0)
        throw Error(where, "negative feather", "feather_s >= 0 and feather_hz >= 0");
    if (harmonics < 1 || harmonics > kMaxHarmonics)
        throw Error(where, "harmonics " + std::to_string(harmonics) + " is out of range",
                    "from 1 (the band alone) to " + std::to_string(kMaxHarmonics));
    if (channel < -1)
        throw Error(where, "channel " + std::to_string(channel) + " does not exist",
                    "a channel number from 0, or no \"channel\" for every channel");
    if (type == ShapeType::Rect) {
        for (double v : {t0, t1, f0, f1})
            requireFinite(v, where, "rect edge");
        if (t1 < t0 || f1 < f0)
            throw Error(where, "rectangle has t1 < t0 or f1 < f0", "t0 <= t1 and f0 <= f1");
        return;
    }
    for (const auto& p : points) {
        requireFinite(p.t, where, "point time");
        requireFinite(p.f, where, "point frequency");
    }
    if (type == ShapeType::Polygon && points.size() < 3)
        throw Error(where, "polygon has " + std::to_string(points.size()) + " points",
                    "at least 3 points");
    if (type != ShapeType::Polygon && !holes.empty())
        throw Error(where, "only a polygon can have holes", "no \"holes\" on a " + toString(type));
    for (const auto& hole : holes) {
        if (hole.size() < 3)
            throw Error(where, "a hole has " + std::to_string(hole.size()) + " points",
                        "at least 3 points per hole");
        for (const auto& p : hole) {
            requireFinite(p.t, where, "hole point time");
            requireFinite(p.f, where, "hole point frequency");
        }
    }
    if (type == ShapeType::Stroke) {
        if (points.empty())
            throw Error(where, "stroke has no points", "at least 1 point");
        if (!(radiusS > 0) || !(radiusHz > 0) || !std::isfinite(radiusS) ||
            !std::isfinite(radiusHz))
            throw Error(where, "stroke radius must be positive", "radius_s > 0 and radius_hz > 0");
    }
}

TfBox Shape::bounds() const {
    TfBox b;
    if (type == ShapeType::Rect) {
        b = {t0, t1, f0, f1};
    } else {
        b = {kInf, -kInf, kInf, -kInf};
        for (const auto& p : points) {
            b.t0 = std::min(b.t0, p.t);
            b.t1 = std::max(b.t1, p.t);
            b.f0 = std::min(b.f0, p.f);
            b.f1 = std::max(b.f1, p.f);
        }
    }
    const double padT = featherS + (type == ShapeType::Stroke ? radiusS : 0.0);
    const double padF = featherHz + (type == ShapeType::Stroke ? radiusHz : 0.0);
    return {b.t0 - padT, b.t1 + padT, b.f0 - padF, b.f1 + padF};
}

TfBox Shape::harmonicBounds(double refHz) const {
    TfBox b = bounds();
    if (harmonics > 1) {
        const double m = harmonics;
        b.f0 = std::min(b.f0, refHz + m * (b.f0 - refHz));
        b.f1 = std::max(b.f1, refHz + m * (b.f1 - refHz));
    }
    return b;
}

int Shape::firstOverlappingHarmonic(double refHz) const {
    const TfBox b = bounds();
    const double a = b.f0 - refHz, c = b.f1 - refHz;
    if (a < 0 && c > 0) // around the reference: every copy holds it
        return harmonics > 1 ? 1 : 0;
    const double lo = std::min(std::abs(a), std::abs(c)), hi = std::max(std::abs(a), std::abs(c));
    if (!(hi > lo))
        return 0;
    // Copies m and m + 1 meet when m hi >= (m + 1) lo.
    const double first = std::max(1.0, std::ceil(lo / (hi - lo)));
    return first + 1 <= harmonics ? int(first) : 0;
}

double Shape::harmonicCoverage(double t, double f, double refHz) const {
    if (harmonics <= 1)
        return coverage(t, f);
    const TfBox b = bounds();
    double w = 0.0;
    for (int m = 1; m <= harmonics && w < 1.0; ++m) {
        const double back = refHz + (f - refHz) / m; // f seen from the fundamental
        if (back >= b.f0 && back <= b.f1)
            w = std::max(w, coverage(t, back));
    }
    return w;
}

double Shape::coverage(double t, double f) const {
    switch (type) {
    case ShapeType::Rect:
        return rectCoverage(*this, t, f);
    case ShapeType::Polygon:
        return polygonCoverage(*this, t, f);
    case ShapeType::Stroke:
        return strokeCoverage(*this, t, f);
    }
    return 0.0;
}

} // namespace specedit::core
