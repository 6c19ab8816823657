#pragma once
// The unit an axis title names, as a figure prints it ("Time [ms]", "Frequency (MHz)", "time in
// µs", "Frequency / kHz"): the factor from its numbers to seconds or hertz. A title that counts
// something else (samples, frames, bins) or gives a normalised frequency (rad/sample) names no
// unit its numbers can be read in: that is said, not guessed. A title naming no unit at all
// leaves the numbers as seconds or hertz, with an empty name for the caller to say so.

#include <optional>
#include <string>

namespace specedit::core {

enum class AxisQuantity { Time, Frequency };

struct AxisUnit {
    std::string name;    // "ms", "kHz"; "" when the title names none
    double factor = 1;   // to seconds or hertz
    std::string problem; // "its title 'Time [frames]' counts frames, not seconds"
};

AxisUnit axisUnitOf(const std::string& title, AxisQuantity quantity);

// A tick label that prints its unit ("400 kHz", "−200 kHz", "0.025 s", "20 ms": matplotlib's
// EngFormatter, SpecEdit's own axes): the number and the unit; none when the text is not a
// number followed by a unit of the quantity.
struct UnitLabel {
    double value = 0; // in the label's unit
    AxisUnit unit;
};
std::optional<UnitLabel> unitLabelOf(const std::string& text, AxisQuantity quantity);

} // namespace specedit::core
