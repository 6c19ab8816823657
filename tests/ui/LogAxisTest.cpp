// Log and mel frequency axes for audio: View > Frequency scale draws every row where the axis
// says its frequency is (checked on the picture itself), labels ticks exactly, keeps shapes
// in hertz, and is off and disabled for IQ.

#include "../core/AudioFixture.h"
#include "Document.h"
#include "PaintToolBar.h"
#include "UiFixture.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::test;

namespace {

constexpr double kPi = std::numbers::pi;

// 2 s at 16 kHz: tones at 200 Hz and 3 kHz, nothing else.
QString twoTones(const TempDir& dir) {
    return QString::fromStdString(
        audioRecording(dir.file("tones.wav"), 1, 16000, 32000, [](std::int64_t i, int) {
            const double t = double(i) / 16000.0;
            return 0.3 * std::sin(2 * kPi * 200 * t) + 0.3 * std::sin(2 * kPi * 3000 * t);
        }));
}

// Brightness (sum of RGB) of the plot's picture at (t, f), read from a grab.
int brightnessAt(QCustomPlot* plot, const QImage& image, double t, double f) {
    const QRgb c =
        image.pixel(int(plot->xAxis->coordToPixel(t)), int(plot->yAxis->coordToPixel(f)));
    return qRed(c) + qGreen(c) + qBlue(c);
}

} // namespace

TEST(LogAxis, RowsAreDrawnWhereTheLogAxisPutsTheirFrequency) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, twoTones(dir)));
    QAction* log = action(w, "L&og (audio)");
    QAction* linear = action(w, "&Linear");
    ASSERT_TRUE(log && linear);
    ASSERT_TRUE(log->isEnabled());
    log->trigger();
    auto* plot = w.view()->plot();
    ASSERT_EQ(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
    EXPECT_GT(plot->yAxis->range().lower, 0);
    EXPECT_EQ(plot->yAxis->range().upper, 8000); // half the rate: no half cell above it
    ASSERT_TRUE(waitForTiles(w));
    const QImage image = plot->toPixmap().toImage();
    // Both tones are bright where the log axis puts them; an octave away from each, dark.
    for (double f : {200.0, 3000.0}) {
        EXPECT_GT(brightnessAt(plot, image, 1.0, f), brightnessAt(plot, image, 1.0, f * 2) + 150)
            << f;
        EXPECT_GT(brightnessAt(plot, image, 1.0, f), brightnessAt(plot, image, 1.0, f / 2) + 150)
            << f;
    }
    // 200 Hz sits about a third of the way up (log10 200 between log10 of the ends), not
    // near the bottom as on a linear axis.
    const double lo = std::log10(plot->yAxis->range().lower),
                 hi = std::log10(plot->yAxis->range().upper);
    const double fraction =
        (plot->axisRect()->bottom() - plot->yAxis->coordToPixel(200)) / plot->axisRect()->height();
    EXPECT_NEAR(fraction, (std::log10(200) - lo) / (hi - lo), 0.01);
    // Ticks are exact, each in its own unit.
    const auto labels = plot->yAxis->tickVectorLabels();
    EXPECT_TRUE(labels.contains("100 Hz")) << labels.join(", ").toStdString();
    EXPECT_TRUE(labels.contains("1 kHz")) << labels.join(", ").toStdString();
    // A rectangle drawn on the log axis is stored in hertz.
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    drag(plot, {{0.5, 150}, {1.5, 260}});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_NEAR(w.document()->shapes()[0].f0, 150, 3);
    EXPECT_NEAR(w.document()->shapes()[0].f1, 260, 5);
    // The view state keeps the scale; turning it off gives the linear axis back.
    EXPECT_EQ(w.view()->viewState().frequencyScale, "log");
    linear->trigger();
    EXPECT_EQ(plot->yAxis->scaleType(), QCPAxis::stLinear);
    EXPECT_EQ(plot->yAxis->range().lower, 0.5 * 16000 / w.document()->analysis().nfft); // kept
    w.view()->zoomToFit(); // Home: the whole linear range again, from 0 Hz (never below)
    EXPECT_EQ(plot->yAxis->range().lower, 0);
}

// Mel: the axis's coordinate is the mel value; the tones are drawn where mel puts them, a
// rectangle drawn on it is stored in hertz, and the ticks read hertz.
TEST(LogAxis, MelAxisDrawsAndStoresInHertz) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, twoTones(dir)));
    action(w, "&Mel (audio)")->trigger();
    auto* plot = w.view()->plot();
    ASSERT_EQ(w.view()->frequencyScale(), ui::FrequencyScale::Mel);
    EXPECT_NEAR(plot->yAxis->range().upper, ui::melOf(8000), 1e-6);
    ASSERT_TRUE(waitForTiles(w));
    const QImage image = plot->toPixmap().toImage();
    auto brightness = [&](double f) {
        const QRgb c = image.pixel(int(plot->xAxis->coordToPixel(1.0)),
                                   int(plot->yAxis->coordToPixel(ui::melOf(f))));
        return qRed(c) + qGreen(c) + qBlue(c);
    };
    for (double f : {200.0, 3000.0}) {
        EXPECT_GT(brightness(f), brightness(f * 1.6) + 150) << f;
        EXPECT_GT(brightness(f), brightness(f / 1.6) + 150) << f;
    }
    const auto labels = plot->yAxis->tickVectorLabels();
    EXPECT_TRUE(labels.contains("1 kHz")) << labels.join(", ").toStdString();
    EXPECT_TRUE(labels.contains("0 Hz")) << labels.join(", ").toStdString();
    // A drag between the pixels of 1 kHz and 2 kHz stores a rectangle from 1 to 2 kHz.
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    drag(plot, {{0.5, ui::melOf(1000)}, {1.5, ui::melOf(2000)}});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    const double hzPerPixel =
        3.0 * (2000 - 1000) /
        (plot->yAxis->coordToPixel(ui::melOf(1000)) - plot->yAxis->coordToPixel(ui::melOf(2000)));
    EXPECT_NEAR(w.document()->shapes()[0].f0, 1000, hzPerPixel);
    EXPECT_NEAR(w.document()->shapes()[0].f1, 2000, hzPerPixel);
    EXPECT_EQ(w.view()->viewState().frequencyScale, "mel");
    EXPECT_NEAR(w.view()->viewState().f1, 8000, 1e-6);
}

TEST(LogAxis, IqRecordingsHaveNoLogAxis) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    for (const char* text : {"L&og (audio)", "&Mel (audio)"}) {
        QAction* scale = action(demoWindow.window, text);
        ASSERT_NE(scale, nullptr);
        EXPECT_FALSE(scale->isEnabled());
        EXPECT_FALSE(scale->isChecked());
    }
    EXPECT_EQ(demoWindow.window.view()->frequencyScale(), ui::FrequencyScale::Linear);
}
