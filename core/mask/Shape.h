#pragma once
// Vector mask shapes in physical units: time in seconds from the start of the recording,
// frequency in Hz (absolute, i.e. including the centre frequency, for IQ recordings that have
// one). Shapes never refer to an FFT grid, so changing the analysis keeps every edit.
//
// Coverage w(t, f) in [0, 1] says how much of a shape's gain applies at a point:
//   * 1 inside the shape (edges inclusive);
//   * with a feather (feather_s, feather_hz > 0), a raised-cosine fall-off outside it:
//     w = (1 + cos(pi d)) / 2 for d < 1, where d is the distance to the shape measured in
//     feather units, d = hypot(dt / feather_s, df / feather_hz); 0 beyond;
//   * a zero feather on an axis makes that axis's edge hard.
// A polygon may have holes: a point inside a hole (not on its edge) is outside the polygon.
// A stroke is the set of points within one brush radius of its polyline, with the radius an
// ellipse of half-axes radius_s and radius_hz.
// Gain: mode Apply multiplies by 1 + (g - 1) w, mode Isolate by 1 + (g - 1)(1 - w), where
// g = 10^(gain_db / 20) and gain_db = -inf gives g = 0.
// Harmonics H (1 = none): the shape also covers the integer multiples of its band, m = 2..H,
// each its geometry stretched m times in frequency away from the reference frequency r (0 Hz
// for audio, the centre frequency for IQ): w_H(t, f) = max over m of w(t, r + (f - r) / m).
// A hum at 49-51 Hz with H = 10 covers 98-102 Hz, ..., 490-510 Hz; one shape, one gain.
// Effect: what the shape does where it covers (effect/SpectralEffects.h has the formulas):
//   gain      multiply by the gain above (the only effect with an Isolate mode);
//   attenuate bring each cell down towards the level of the surroundings in its bin (the
//             levels just before and after the shape, interpolated in dB), by `amount` (0-1);
//   replace   fill with magnitudes interpolated from just before and after (or from just
//             below and above, or both: fill_from), phases that continue the neighbours'
//             phase advance, refined by consistency iterations;
//   denoise   spectral noise reduction by at most `reduction_db`, against the noise profile
//             (shapes flagged noise_profile) or, without one, the region's own noise floor.
// A noise_profile shape marks a noise-only region: it changes nothing itself.

#include "util/Units.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace specedit::core {

enum class ShapeType { Rect, Polygon, Stroke };

// Largest boost a shape may apply: +60 dB (x1000) already turns the noise floor into clipping.
constexpr double kMaxGainDb = 60.0;
// Most multiples a shape may carry ("harmonics").
constexpr int kMaxHarmonics = 1000;
enum class MaskMode { Apply, Isolate };
enum class ShapeEffect { Gain, Attenuate, Replace, Denoise };
// Where replace takes its magnitudes from: frames before and after (time), bins below and
// above in the same frame (frequency: a whistle or a narrow carrier over a wider sound), or
// the mean power of both.
enum class FillFrom { Time, Frequency, Both };
// Most a denoise shape may lower the noise (dB).
constexpr double kMaxReductionDb = 100.0;

struct TfPoint {
    double t = 0; // s
    double f = 0; // Hz
    bool operator==(const TfPoint&) const = default;
};

struct TfBox {
    double t0 = 0, t1 = 0, f0 = 0, f1 = 0;
};

struct Shape {
    std::uint64_t id = 0; // stable id for undo commands; 0 = not yet assigned
    ShapeType type = ShapeType::Rect;
    double t0 = 0, t1 = 0, f0 = 0, f1 = 0;   // Rect (s, Hz), inclusive
    std::vector<TfPoint> points;             // Polygon vertices or Stroke polyline
    std::vector<std::vector<TfPoint>> holes; // Polygon only: rings cut out of it (the eraser)
    double radiusS = 0, radiusHz = 0;        // Stroke brush half-axes
    double gainDb = kMinusInfinityDb;
    double featherS = 0, featherHz = 0;
    MaskMode mode = MaskMode::Apply;
    int channel = -1;  // audio: the channel (0-based) it applies to; -1 every channel (and IQ)
    int harmonics = 1; // 1..kMaxHarmonics: the band and its multiples up to this one
    ShapeEffect effect = ShapeEffect::Gain;
    double amount = 1.0;       // attenuate: 0 (nothing) .. 1 (down to the surroundings)
    double reductionDb = 20.0; // denoise: the most the noise is lowered, > 0 dB
    bool noiseProfile = false; // a noise-only region for denoise shapes; changes nothing itself
    FillFrom fillFrom = FillFrom::Time;              // replace: where its magnitudes come from
    nlohmann::json extra = nlohmann::json::object(); // unknown JSON keys, kept on save

    bool operator==(const Shape&) const = default;

    // Throws Error (subject `where`, e.g. "shapes[3]") for inverted or empty geometry,
    // negative feathers, non-positive brush radii, non-finite numbers or a channel below -1.
    void validate(const std::string& where) const;
    // Whether it multiplies by a gain (effect gain, not a noise profile): MaskRasterizer's part.
    bool isGain() const { return effect == ShapeEffect::Gain && !noiseProfile; }
    // Whether it needs the spectrum itself (attenuate, replace, denoise; not a profile).
    bool isSpectralEffect() const { return effect != ShapeEffect::Gain && !noiseProfile; }
    // Whether it applies to channel c (-1: the mix or an IQ signal, where only shapes for
    // every channel apply).
    bool appliesTo(int c) const { return channel < 0 || channel == c; }
    // Linear gain g of gain_db (0 for -inf).
    double linearGain() const { return dbToGain(Decibels(gainDb)); }
    // The region where coverage can be nonzero (shape plus feather).
    TfBox bounds() const;
    // Coverage w(t, f) as defined above, of the band alone (no harmonics). Any thread.
    double coverage(double t, double f) const;
    // The region of the band and all its harmonics around reference frequency refHz.
    TfBox harmonicBounds(double refHz) const;
    // Coverage w_H(t, f) with the harmonics around refHz (as coverage() when harmonics is 1).
    double harmonicCoverage(double t, double f, double refHz) const;
    // The first multiple m whose copy of the band (feather included) meets copy m + 1, with
    // m + 1 at most `harmonics`: from m on the copies cover the spectrum without a gap (a
    // 35-66 Hz band's copies run together from the 2nd, a 49-51 Hz band's from the 25th).
    // 0 when no two copies meet.
    int firstOverlappingHarmonic(double refHz) const;
};

std::string toString(ShapeType type);
std::string toString(ShapeEffect effect);
// "gain", "attenuate", "replace" or "denoise"; throws Error (subject where) for anything else.
ShapeEffect parseShapeEffect(const std::string& name, const std::string& where);
std::string toString(FillFrom from);
// "time", "frequency" or "both"; throws Error (subject where) for anything else.
FillFrom parseFillFrom(const std::string& name, const std::string& where);

} // namespace specedit::core
