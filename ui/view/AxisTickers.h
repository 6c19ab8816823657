#pragma once
// Axis tick labels in the units people read: frequencies in Hz, kHz, MHz or GHz with just
// enough decimals for the tick step; times in seconds, or hh:mm:ss.fff on long recordings.

#include <qcustomplot.h>

namespace specedit::ui {

// Labels ticks with a formatter that gets the tick and the current tick step.
class UnitTicker : public QCPAxisTicker {
public:
    using Format = QString (*)(double value, double step);
    explicit UnitTicker(Format format) : m_format(format) {}

protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    Format m_format;
    double m_step = 1.0;
};

// "433.920 MHz", "-12.5 kHz": value in Hz with a unit fitting its size, decimals for `step`.
QString formatFrequency(double hz, double step);
// "1.250 s" below a minute, "01:02:03.450" above.
QString formatTime(double seconds, double step);

} // namespace specedit::ui
