#include "view/AxisTickers.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

int decimalsFor(double step, double unit) {
    const double s = step / unit;
    if (s <= 0 || !std::isfinite(s))
        return 0;
    return std::clamp(int(std::ceil(-std::log10(s) - 1e-9)), 0, 9);
}

} // namespace

QString formatFrequency(double hz, double step) {
    const double mag = std::max(std::abs(hz), std::abs(step));
    struct Unit {
        double scale;
        const char* name;
    };
    const Unit unit = mag >= 1e9   ? Unit{1e9, "GHz"}
                      : mag >= 1e6 ? Unit{1e6, "MHz"}
                      : mag >= 1e3 ? Unit{1e3, "kHz"}
                                   : Unit{1.0, "Hz"};
    return QString::number(hz / unit.scale, 'f', decimalsFor(step, unit.scale)) + " " + unit.name;
}

QString formatTime(double seconds, double step) {
    if (std::abs(seconds) < 60 && step < 30)
        return QString::number(seconds, 'f', decimalsFor(step, 1.0)) + " s";
    const double total = std::abs(seconds);
    const int h = int(total / 3600);
    const int m = int(std::fmod(total, 3600) / 60);
    const double s = std::fmod(total, 60);
    const int dec = std::min(3, decimalsFor(step, 1.0));
    const QString sec = QString::number(s, 'f', dec).rightJustified(dec ? 3 + dec : 2, '0');
    return QString("%1%2:%3:%4")
        .arg(seconds < 0 ? "-" : "")
        .arg(h, 2, 10, QChar('0'))
        .arg(m, 2, 10, QChar('0'))
        .arg(sec);
}

double UnitTicker::getTickStep(const QCPRange& range) {
    m_step = QCPAxisTicker::getTickStep(range);
    return m_step;
}

QString UnitTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return m_format(std::abs(tick) < m_step * 1e-6 ? 0.0 : tick, m_step);
}

} // namespace specedit::ui
