// Axis labels state their tick's value exactly, in one unit per axis; readouts follow the zoom.

#include "view/AxisTickers.h"

#include <QApplication>
#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace specedit::ui;

namespace {

double unitScale(const QString& name) {
    if (name == "GHz")
        return 1e9;
    if (name == "MHz")
        return 1e6;
    if (name == "kHz")
        return 1e3;
    return 1.0;
}

// Ticks and labels the ticker makes for an axis range.
struct Labels {
    QVector<double> ticks;
    QVector<QString> text;
};
Labels generate(UnitTicker& ticker, double lower, double upper) {
    Labels l;
    QVector<double> sub;
    ticker.generate(QCPRange(lower, upper), QLocale::c(), 'g', 6, l.ticks, &sub, &l.text);
    return l;
}

} // namespace

TEST(AxisTickers, LabelsHaveTheDigitsTheirStepNeeds) {
    EXPECT_EQ(formatTime(0.075, 0.025), "0.075 s");
    EXPECT_EQ(formatTime(0.025, 0.025), "0.025 s");
    EXPECT_EQ(formatTime(22.5, 2.5), "22.5 s");
    EXPECT_EQ(formatTime(0.00025, 0.00005), "0.00025 s");
    EXPECT_EQ(formatFrequency(1089.975e6, 25e3, 1.09e9), "1089.975 MHz");
    EXPECT_EQ(formatFrequency(-1e6, 5e5, 1e6), "-1.0 MHz"); // the axis is in MHz throughout
    EXPECT_EQ(formatFrequency(5e5, 5e5, 1e6), "0.5 MHz");
    EXPECT_EQ(formatFrequency(2437.5e6, 2.5e6, 2.45e9), "2437.5 MHz");
    EXPECT_EQ(formatFrequency(24.125e9, 25e6, 24.2e9), "24.125 GHz");
}

TEST(AxisTickers, LongAxesReadHoursMinutesSecondsThroughout) {
    EXPECT_EQ(formatTime(50, 10, 3600), "0:00:50");
    EXPECT_EQ(formatTime(3725.5, 0.5, 3600), "1:02:05.5");
    EXPECT_EQ(formatTime(3599.9996, 0.001, 3600), "1:00:00.000"); // rounds once, no "60"
    EXPECT_EQ(formatTime(59, 1, 60), "59 s");
}

// Whatever the range, every label parses back to its tick, and one axis uses one unit.
TEST(AxisTickers, EveryTickLabelStatesItsValueExactly) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    UnitTicker frequency(&formatFrequency);
    UnitTicker time(&formatTime, true);
    for (int trial = 0; trial < 400; ++trial) {
        const double centre = std::pow(10.0, 1 + 9 * u(rng)) * (u(rng) < 0.3 ? -1 : 1);
        const double width = std::abs(centre) * std::pow(10.0, -7 * u(rng));
        for (UnitTicker* ticker : {&frequency, &time}) {
            const bool isTime = ticker == &time;
            const double lower = isTime ? std::abs(centre) / 1e4 : centre - width / 2;
            const double upper = isTime ? lower + width / 1e4 : centre + width / 2;
            const Labels l = generate(*ticker, lower, upper);
            QString unit;
            for (int i = 0; i < l.ticks.size(); ++i) {
                const QString& text = l.text[i];
                if (text.contains(':'))
                    continue; // clock labels are checked above
                const QString name = text.section(' ', 1);
                if (unit.isEmpty())
                    unit = name;
                EXPECT_EQ(name, unit) << text.toStdString();
                const double value = text.section(' ', 0, 0).toDouble() * unitScale(name);
                const double tick = std::abs(l.ticks[i]) < 1e-9 * (upper - lower) ? 0 : l.ticks[i];
                EXPECT_NEAR(value, tick, 1e-9 * std::max(std::abs(tick), upper - lower))
                    << text.toStdString() << " for " << tick;
            }
        }
    }
}

// The trace lane's band scale writes in the picture axis's unit: a band of 400-600 kHz on a
// +-1 MHz picture reads "0.50 MHz" in the picture axis's unit, not "500 kHz".
TEST(AxisTickers, ABandScaleTakesThePicturesUnit) {
    QCustomPlot plot;
    plot.yAxis->setRange(-1e6, 1e6);
    UnitTicker band(&formatFrequency);
    EXPECT_TRUE(generate(band, 4e5, 6e5).text.contains("500 kHz"));
    band.takeUnitFrom(plot.yAxis);
    const Labels l = generate(band, 4e5, 6e5);
    EXPECT_TRUE(l.text.contains("0.50 MHz")) << l.text.join(", ").toStdString();
    for (const QString& text : l.text)
        EXPECT_TRUE(text.endsWith(" MHz")) << text.toStdString();
    plot.yAxis->setRange(4e5, 6e5); // zoomed in as far as the band: its own unit again
    EXPECT_TRUE(generate(band, 4e5, 6e5).text.contains("500 kHz"));
}

TEST(AxisTickers, ReadoutPrecisionFollowsTheZoom) {
    // A view 1 ms wide over 1000 pixels: a pixel is 1 µs, so the readout shows microseconds.
    EXPECT_EQ(formatTime(0.1234567, readoutStep(1e-3 / 1000)), "0.123457 s");
    // A 60 s view over 1000 pixels: 60 ms per pixel, two decimals.
    EXPECT_EQ(formatTime(12.3456, readoutStep(60.0 / 1000)), "12.35 s");
    EXPECT_EQ(formatFrequency(433.92e6 + 1234.5, readoutStep(2e6 / 800), 434e6), "433.921 MHz");
}
