#include "HertzSpinBox.h"

#include "util/UnitText.h"

#include <QRegularExpression>
#include <cmath>

namespace specedit::ui {
namespace {

// Anything that can still become a frequency while typing.
const QRegularExpression
    kPartial(R"(^\s*[-+]?\d*\.?\d*(?:[eE][-+]?\d*)?\s*[kKmMgG]?\s*(?:h|hz|s|s/|s/s|sp|sps)?\s*$)",
             QRegularExpression::CaseInsensitiveOption);

} // namespace

std::optional<double> parseHertz(const QString& text) {
    return core::parseHertzText(text.toStdString());
}

QString formatHertz(double hertz) {
    const double a = std::abs(hertz);
    const auto [scale, unit] = a >= 1e9   ? std::pair{1e9, "GHz"}
                               : a >= 1e6 ? std::pair{1e6, "MHz"}
                               : a >= 1e3 ? std::pair{1e3, "kHz"}
                                          : std::pair{1.0, "Hz"};
    // Rounded to the millihertz first, so 2400000.0000001 shows as 2.4 MHz.
    const double shown = std::round(hertz * 1000) / 1000 / scale;
    return QString::number(shown, 'g', 12) + " " + unit;
}

HertzSpinBox::HertzSpinBox(QWidget* parent)
    : UnitSpinBox(
          parseHertz, [](double hertz, int) { return formatHertz(hertz); }, kPartial, parent) {
    setDecimals(3);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    setToolTip(tr("A frequency in Hz, or with k, M or G: 868.3M, 2.4 MHz, 2.4e6"));
}

} // namespace specedit::ui
