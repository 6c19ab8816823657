#include "SecondsSpinBox.h"

#include "util/UnitText.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

// The value to `decimals` places without trailing zeros (C locale, as parsed): "2.16".
QString compact(double value, int decimals) {
    QString text = QString::number(value, 'f', std::max(0, decimals));
    if (text.contains('.')) {
        while (text.endsWith('0'))
            text.chop(1);
        if (text.endsWith('.'))
            text.chop(1);
    }
    return text;
}

// "2.16 s".
QString formatSeconds(double value, int decimals) {
    return compact(value, decimals) + " s";
}

// "5 ms", "500 µs", "2.5 s": a duration in the unit that keeps it at 1 or more (to
// `decimals` places of a second, as above).
QString formatDuration(double value, int decimals) {
    const double a = std::abs(value);
    if (a == 0 || a >= 1)
        return formatSeconds(value, decimals);
    const auto [scale, unit] = a >= 1e-3 ? std::pair{1e3, " ms"} : std::pair{1e6, " \u00b5s"};
    return compact(value * scale, decimals - (scale > 1e3 ? 6 : 3)) + unit;
}

// Anything that can still become one of them while typing.
const QRegularExpression kPartial(
    R"(^\s*[-+]?(?:\d*\.?\d*(?:[eE][-+]?\d*)?\s*)"
    R"((?:s|se|sec|m|ms|mi|min|u|us|µ|µs|\x{03bc}|\x{03bc}s|h)?|(?:\d+:){1,2}\d*\.?\d*)\s*$)",
    QRegularExpression::CaseInsensitiveOption);

} // namespace

std::optional<double> parseSeconds(const QString& text) {
    return core::parseSecondsText(text.toStdString());
}

SecondsSpinBox::SecondsSpinBox(QWidget* parent, Style style)
    : UnitSpinBox(parseSeconds, style == Style::Duration ? formatDuration : formatSeconds, kPartial,
                  parent) {
    setDecimals(6);
    setToolTip(tr("A time in seconds, or with a unit: 1.5, 50 ms, 250 us, 2 min, 1:02.5"));
}

QString ambiguousTimeText(const QString& text) {
    static const QRegularExpression bareM(R"(^\s*([0-9]*\.?[0-9]+)\s*[mM]\s*$)");
    const auto m = bareM.match(text);
    if (!m.hasMatch())
        return {};
    return QObject::tr("\"%1\" is not a time: \"m\" could be milliseconds or minutes; write "
                       "%2 ms or %2 min. Not applied")
        .arg(text.trimmed(), m.captured(1));
}

} // namespace specedit::ui
