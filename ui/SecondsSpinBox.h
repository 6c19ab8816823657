#pragma once
// A time field that reads what people type: "1.5", "1.5 s", "50 ms", "50ms", "250 us", "2 min",
// "1:02.5" (minutes and seconds), "1:00:02" (hours too). It shows seconds without trailing
// zeros ("2.16 s", "0.05 s"), to decimals() places. A plain QDoubleSpinBox with a " s" suffix
// read "50 ms" as 50 s, and the key M went to the window (Show edited) on the way. GUI
// thread only.

#include "UnitSpinBox.h"

#include <optional>

namespace specedit::ui {

// Seconds from text as above (units case-insensitive; "m" alone is no unit: milli or
// minutes?); nullopt for anything else.
std::optional<double> parseSeconds(const QString& text);
// For a number followed by "m" alone ("50m"), the message that says why it was refused and what
// to write instead; empty for any other text.
QString ambiguousTimeText(const QString& text);

class SecondsSpinBox : public UnitSpinBox {
    Q_OBJECT
public:
    // Time shows seconds ("0.05 s", a point on the time axis); Duration the unit that keeps
    // the value at 1 or more ("50 ms", "500 us", "2.5 s"), for lengths and gaps.
    enum class Style { Time, Duration };
    explicit SecondsSpinBox(QWidget* parent = nullptr, Style style = Style::Time);
};

} // namespace specedit::ui
