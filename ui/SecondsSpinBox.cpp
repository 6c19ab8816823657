#include "SecondsSpinBox.h"

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

// "5 ms", "500 us", "2.5 s": a duration in the unit that keeps it at 1 or more (to
// `decimals` places of a second, as above).
QString formatDuration(double value, int decimals) {
    const double a = std::abs(value);
    if (a == 0 || a >= 1)
        return formatSeconds(value, decimals);
    const auto [scale, unit] = a >= 1e-3 ? std::pair{1e3, " ms"} : std::pair{1e6, " us"};
    return compact(value * scale, decimals - (scale > 1e3 ? 6 : 3)) + unit;
}

const QRegularExpression kWithUnit(R"(^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*)"
                                   R"((s|sec|ms|us|µs|min|h)?\s*$)",
                                   QRegularExpression::CaseInsensitiveOption);
const QRegularExpression kClock(R"(^\s*([-+]?)(?:(\d+):)?(\d+):(\d+(?:\.\d*)?)\s*$)");
// Anything that can still become one of them while typing.
const QRegularExpression
    kPartial(R"(^\s*[-+]?(?:\d*\.?\d*(?:[eE][-+]?\d*)?\s*)"
             R"((?:s|se|sec|m|ms|mi|min|u|us|µ|µs|h)?|(?:\d+:){1,2}\d*\.?\d*)\s*$)",
             QRegularExpression::CaseInsensitiveOption);

double unitScale(const QString& unit) {
    const QString u = unit.toLower();
    if (u == "ms")
        return 1e-3;
    if (u == "us" || u == "µs")
        return 1e-6;
    if (u == "min")
        return 60;
    if (u == "h")
        return 3600;
    return 1; // "", s, sec
}

} // namespace

std::optional<double> parseSeconds(const QString& text) {
    if (const auto m = kWithUnit.match(text); m.hasMatch()) {
        bool ok = false;
        const double v = m.captured(1).toDouble(&ok); // C locale: '.' is the decimal point
        if (ok && std::isfinite(v))
            return v * unitScale(m.captured(2));
        return std::nullopt;
    }
    if (const auto m = kClock.match(text); m.hasMatch()) {
        const double hours = m.captured(2).isEmpty() ? 0 : m.captured(2).toDouble();
        const double minutes = m.captured(3).toDouble();
        const double seconds = m.captured(4).toDouble();
        if (seconds >= 60 || (!m.captured(2).isEmpty() && minutes >= 60))
            return std::nullopt; // 1:75 is no time
        const double v = hours * 3600 + minutes * 60 + seconds;
        return m.captured(1) == "-" ? -v : v;
    }
    return std::nullopt;
}

SecondsSpinBox::SecondsSpinBox(QWidget* parent, Style style)
    : UnitSpinBox(parseSeconds, style == Style::Duration ? formatDuration : formatSeconds, kPartial,
                  parent) {
    setDecimals(6);
    setToolTip(tr("A time in seconds, or with a unit: 1.5, 50 ms, 250 us, 2 min, 1:02.5"));
}

} // namespace specedit::ui
