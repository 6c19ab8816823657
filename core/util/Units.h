#pragma once
// Strong unit wrappers for the places where mixing units is a real risk: seconds against
// samples, hertz against bins, decibels against linear gain.

#include <cmath>
#include <compare>
#include <limits>

namespace specedit::core {

template <typename Tag> struct Quantity {
    double value = 0.0;
    constexpr Quantity() = default;
    constexpr explicit Quantity(double v) : value(v) {}
    constexpr auto operator<=>(const Quantity&) const = default;
};

struct SecondsTag {};
struct HertzTag {};
struct DecibelsTag {};
using Seconds = Quantity<SecondsTag>;
using Hertz = Quantity<HertzTag>;
using Decibels = Quantity<DecibelsTag>;

// Linear amplitude gain of a level in dB; -inf dB gives exactly 0.
inline double dbToGain(Decibels db) {
    if (std::isinf(db.value) && db.value < 0)
        return 0.0;
    return std::pow(10.0, db.value / 20.0);
}

constexpr double kMinusInfinityDb = -std::numeric_limits<double>::infinity();

} // namespace specedit::core
