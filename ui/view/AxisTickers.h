#pragma once
// Axis tick labels in the units people read: frequencies in Hz, kHz, MHz or GHz with just
// enough decimals for the tick step; times in seconds, or hh:mm:ss.fff on long recordings.

#include <qcustomplot.h>

namespace specedit::ui {

class FrequencyTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    double m_step = 1.0;
};

class TimeTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    double m_step = 1.0;
};

// "433.920 MHz", "-12.5 kHz": value in Hz with a unit fitting its size, decimals for `step`.
QString formatFrequency(double hz, double step);
// "1.250 s" below a minute, "01:02:03.450" above.
QString formatTime(double seconds, double step);

} // namespace specedit::ui
