#pragma once
// Axis tick labels and readouts in the units people read. Every label states its value
// exactly: as many decimals as the tick step needs (a step of 0.025 s gives "0.075 s", 2.5 s
// gives "22.5 s"), and one unit per axis, picked from the largest value on the axis (so
// "-1000 kHz" sits next to "500 kHz", never "-1.0 MHz"). Frequencies in Hz, kHz, MHz (up to
// 10 GHz, as SDR programs write them) or GHz; times in seconds, or h:mm:ss from ten minutes on.

#include "view/FrequencyScale.h"

#include <qcustomplot.h>

namespace specedit::ui {

// value: the number to print; step: the smallest difference that must show (a tick step, or
// the span of a pixel for a readout); magnitude: the largest |value| on the axis, which picks
// the unit (0: the value's own).
using AxisFormat = QString (*)(double value, double step, double magnitude);

// Labels ticks with a formatter that gets the tick, the tick step and the axis's magnitude.
class UnitTicker : public QCPAxisTicker {
public:
    // clockSteps: steps of 1, 2, 5, 10, 15, 30 s, minutes and hours once the axis reads h:mm:ss.
    explicit UnitTicker(AxisFormat format, bool clockSteps = false)
        : m_format(format), m_clockSteps(clockSteps) {}
    // Writes in the unit of `axis` when that is the larger (the band scale beside the trace
    // lane reads "0.5 MHz" where the picture's axis does, not "500 kHz"). Same plot, so it
    // lives as long as this ticker's axis.
    void takeUnitFrom(const QCPAxis* axis) { m_unitFrom = axis; }
    // Ticks every `step` instead of a step picked from the tick count (0: picked).
    void setStep(double step) { m_fixedStep = step; }

protected:
    double getTickStep(const QCPRange& range) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    AxisFormat m_format;
    bool m_clockSteps;
    double m_step = 1.0;
    double m_fixedStep = 0.0;
    double m_magnitude = 0.0;
    const QCPAxis* m_unitFrom = nullptr;
};

// Ticks of a log or mel frequency axis at 0 (mel) and 1, 2 and 5 times powers of ten (every
// integer multiple when the range holds fewer than three of those), each labelled exactly in
// its own unit, as axes spanning decades are read ("500 Hz", "1 kHz", "2 kHz"); no sub-ticks.
// On a mel axis the ticks are placed at the mel value of those frequencies; ticks closer than
// a twelfth of the axis to the one below are dropped.
class NonlinearFrequencyTicker : public QCPAxisTicker {
public:
    explicit NonlinearFrequencyTicker(bool mel) : m_mel(mel) {}

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    bool m_mel;
};

// A frequency axis in this scale: logarithmic for Log, the ticker of the scale.
void setFrequencyAxisScale(QCPAxis* axis, FrequencyScale scale);

// Times from this many seconds on read h:mm:ss.
constexpr double kClockFromSeconds = 600.0;

struct FrequencyUnit {
    double scale; // Hz per unit
    const char* name;
};
// The unit frequencies up to `magnitude` Hz are written in: Hz, kHz, MHz, or GHz from 10 GHz.
FrequencyUnit frequencyUnit(double magnitude);
// "433.920 MHz", "-12.5 kHz".
QString formatFrequency(double hz, double step, double magnitude = 0);
// "1.250 s"; from 600 s on "0:10:02.5" (hours:minutes:seconds).
QString formatTime(double seconds, double step, double magnitude = 0);
// Decimals needed to write multiples of step (in units of `unit`) exactly, 0..12.
int decimalsFor(double step, double unit);
// The step a readout shows for a resolution of `span` (a pixel, a bin): its decade, so the
// last digit shown is the first one that is uncertain.
double readoutStep(double span);
// The largest decade (10^k, k from -3 to 9) of which value is a whole multiple: the step that
// writes value exactly and without trailing zeros (2.048e6 -> 1000, 433.92e6 -> 1e4).
double exactStep(double value);

} // namespace specedit::ui
