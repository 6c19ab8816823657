#include "HertzSpinBox.h"

#include <QRegularExpression>
#include <cmath>

namespace specedit::ui {
namespace {

// A whole entry, and anything that can still become one while typing.
const QRegularExpression
    kWhole(R"(^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([kKmMgG]?)\s*(?:hz|s/s|sps)?\s*$)",
           QRegularExpression::CaseInsensitiveOption);
const QRegularExpression
    kPartial(R"(^\s*[-+]?\d*\.?\d*(?:[eE][-+]?\d*)?\s*[kKmMgG]?\s*(?:h|hz|s|s/|s/s|sp|sps)?\s*$)",
             QRegularExpression::CaseInsensitiveOption);

double prefixScale(const QString& prefix) {
    const QString p = prefix.toLower();
    return p == "k" ? 1e3 : p == "m" ? 1e6 : p == "g" ? 1e9 : 1.0;
}

} // namespace

std::optional<double> parseHertz(const QString& text) {
    const auto m = kWhole.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double number = m.captured(1).toDouble(&ok); // C locale: '.' is the decimal point
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return number * prefixScale(m.captured(2));
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
