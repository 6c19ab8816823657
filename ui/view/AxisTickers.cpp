#include "view/AxisTickers.h"

#include "view/FrequencyScale.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

constexpr double kClockFrom = kClockFromSeconds;

} // namespace

FrequencyUnit frequencyUnit(double magnitude) {
    return magnitude >= 1e10  ? FrequencyUnit{1e9, "GHz"}
           : magnitude >= 1e6 ? FrequencyUnit{1e6, "MHz"}
           : magnitude >= 1e3 ? FrequencyUnit{1e3, "kHz"}
                              : FrequencyUnit{1.0, "Hz"};
}

int decimalsFor(double step, double unit) {
    const double s = std::abs(step / unit);
    if (s == 0 || !std::isfinite(s))
        return 0;
    for (int d = 0; d < 12; ++d) {
        const double scaled = s * std::pow(10.0, d);
        if (std::abs(scaled - std::round(scaled)) <= 1e-6 * scaled && std::round(scaled) >= 1)
            return d;
    }
    return 12;
}

void setFrequencyAxisScale(QCPAxis* axis, FrequencyScale scale) {
    axis->setScaleType(scale == FrequencyScale::Log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (scale == FrequencyScale::Linear)
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new UnitTicker(&formatFrequency)));
    else
        axis->setTicker(QSharedPointer<QCPAxisTicker>(
            new NonlinearFrequencyTicker(scale == FrequencyScale::Mel)));
}

QString formatFrequency(double hz, double step, double magnitude) {
    const FrequencyUnit unit = frequencyUnit(std::max(std::abs(magnitude), std::abs(hz)));
    return QString::number(hz / unit.scale, 'f', decimalsFor(step, unit.scale)) + " " + unit.name;
}

QString formatTime(double seconds, double step, double magnitude) {
    const int dec = decimalsFor(step, 1.0);
    if (std::max(std::abs(magnitude), std::abs(seconds)) < kClockFrom)
        return QString::number(seconds, 'f', dec) + " s";
    // Round once, then split: 59.9996 with 3 decimals must read 1:00.000, not 0:60.000.
    const double scale = std::pow(10.0, dec);
    const double total = std::round(std::abs(seconds) * scale) / scale;
    const auto whole = static_cast<long long>(std::floor(total));
    const double s = double(whole % 60) + (total - double(whole));
    const QString sec = QString::number(s, 'f', dec).rightJustified(dec ? 3 + dec : 2, '0');
    return QString("%1%2:%3:%4")
        .arg(seconds < 0 ? "-" : "")
        .arg(whole / 3600)
        .arg(int(whole / 60 % 60), 2, 10, QChar('0'))
        .arg(sec);
}

double readoutStep(double span) {
    if (!(span > 0) || !std::isfinite(span))
        return 1.0;
    return std::pow(10.0, std::floor(std::log10(span)));
}

double exactStep(double value) {
    for (int k = 9; k > -3; --k) {
        const double step = std::pow(10.0, k);
        const double ratio = value / step;
        if (std::abs(ratio - std::round(ratio)) <= 1e-9 * std::max(1.0, std::abs(ratio)))
            return step;
    }
    return 1e-3;
}

double UnitTicker::getTickStep(const QCPRange& range) {
    m_step = m_fixedStep > 0 ? m_fixedStep : QCPAxisTicker::getTickStep(range);
    m_magnitude = std::max(std::abs(range.lower), std::abs(range.upper));
    if (m_unitFrom)
        m_magnitude = std::max({m_magnitude, std::abs(m_unitFrom->range().lower),
                                std::abs(m_unitFrom->range().upper)});
    if (m_clockSteps && m_magnitude >= kClockFrom && m_step >= 1.0) {
        static constexpr double kSteps[] = {1,   2,   5,    10,   15,   30,    60,    120,   300,
                                            600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
        const auto* next = std::lower_bound(std::begin(kSteps), std::end(kSteps), m_step * 0.999);
        m_step = next == std::end(kSteps) ? m_step : *next;
    }
    return m_step;
}

QString UnitTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return m_format(std::abs(tick) < m_step * 1e-6 ? 0.0 : tick, m_step, m_magnitude);
}

QVector<double> NonlinearFrequencyTicker::createTickVector(double, const QCPRange& axisRange) {
    const QCPRange range(
        fromAxis(m_mel ? FrequencyScale::Mel : FrequencyScale::Log, axisRange.lower),
        fromAxis(m_mel ? FrequencyScale::Mel : FrequencyScale::Log, axisRange.upper));
    auto ticksWith = [&](std::initializer_list<int> mantissas) {
        QVector<double> ticks;
        if (m_mel && range.lower <= 0 && range.upper >= 0)
            ticks.push_back(0.0);
        const double low = std::max(range.lower, range.upper * 1e-6);
        if (!(range.upper > 0) || !(range.upper > low))
            return ticks;
        for (int k = int(std::floor(std::log10(low))); k <= int(std::ceil(std::log10(range.upper)));
             ++k)
            for (int m : mantissas) {
                const double tick = m * std::pow(10.0, k);
                if (tick >= range.lower && tick <= range.upper)
                    ticks.push_back(tick);
            }
        return ticks;
    };
    QVector<double> ticks = ticksWith({1, 2, 5});
    if (ticks.size() < 3)
        ticks = ticksWith({1, 2, 3, 4, 5, 6, 7, 8, 9});
    // Where the axis crowds ticks together (mel below 1 kHz, where it is nearly linear), keep
    // only those at least a twelfth of the axis apart, from the bottom up.
    auto position = [this](double hz) { return m_mel ? melOf(hz) : std::log10(hz); };
    const double gap = (position(range.upper) - position(std::max(range.lower, 1e-9))) / 12;
    QVector<double> kept;
    for (double t : ticks)
        if (kept.isEmpty() || position(t) - position(kept.back()) >= gap)
            kept.push_back(t);
    for (double& t : kept)
        t = toAxis(m_mel ? FrequencyScale::Mel : FrequencyScale::Log, t);
    return kept;
}

QVector<double> NonlinearFrequencyTicker::createSubTickVector(int, const QVector<double>&) {
    return {};
}

QString NonlinearFrequencyTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    double hz = fromAxis(m_mel ? FrequencyScale::Mel : FrequencyScale::Log, tick);
    hz = std::round(hz * 1e6) / 1e6; // the mel round trip's last bits
    return formatFrequency(hz, exactStep(hz), 0.0);
}

} // namespace specedit::ui
