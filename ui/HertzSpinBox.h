#pragma once
// A frequency or sample-rate field that reads what RF and audio people type: "868.3M",
// "433.92 MHz", "2.4e6", "2 MS/s", "44.1 kHz", "8000". It shows the value with the unit that
// keeps it short ("868.3 MHz", "8 kHz"), exactly (up to 12 significant digits, millihertz at
// most). A plain QDoubleSpinBox with 0 decimals and a " Hz" suffix dropped the '.' of
// "868.3M" and opened the file at 868 Hz. GUI thread only.

#include "UnitSpinBox.h"

#include <optional>

namespace specedit::ui {

// Hertz from text, as the CLI reads it (core::parseHertzText): a number, an optional prefix
// k, M or G ("m" is mega) and an optional unit Hz, S/s or sps. Nothing else: nullopt.
std::optional<double> parseHertz(const QString& text);
// "868.3 MHz", "8 kHz", "12.5 Hz": the largest prefix that leaves at least 1.
QString formatHertz(double hertz);

class HertzSpinBox : public UnitSpinBox {
    Q_OBJECT
public:
    explicit HertzSpinBox(QWidget* parent = nullptr);
};

} // namespace specedit::ui
