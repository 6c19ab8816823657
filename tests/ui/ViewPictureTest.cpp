// What the fitted view shows: every short burst of a long recording, in the picture and in the
// overview strip, once the exact levels have replaced the quick first picture.

#include "../core/AudioFixture.h"
#include "../core/IqFixture.h"
#include "Document.h"
#include "PaintToolBar.h"
#include "UiFixture.h"
#include "render/Colormap.h"
#include "render/TileComputer.h"
#include "view/OverviewStrip.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QUndoStack>
#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::test;

namespace {

constexpr double kRate = 1e5;
constexpr int kBursts = 120;
constexpr double kPeriod = 0.25; // s between burst starts; the first starts at 0.1 s
constexpr double kBurstHz = 20e3;

// 30 s at 100 kHz IQ: 120 bursts of 1 ms at +20 kHz in faint noise; a project that opens it
// with Hann 128, hop 32 (about 94000 frames: 85 per pixel when fitted).
QString burstProject(const TempDir& dir) {
    iqRecording(dir.file("bursts.cf32"), std::int64_t(30 * kRate), kRate, 0, [](std::int64_t i) {
        const double t = double(i) / kRate - 0.1;
        const bool on = t >= 0 && t - kPeriod * std::floor(t / kPeriod) < 1e-3;
        const double noise = 1e-4 * double((i * 7919) % 13 - 6);
        return std::complex<double>(noise, 0) +
               (on ? std::polar(0.5, 2 * std::numbers::pi * kBurstHz * double(i) / kRate) : 0.0);
    });
    const auto project = dir.file("bursts.specedit.json");
    std::ofstream(project) << R"({"version": 1, "source": "bursts.cf32",
        "source_options": {"rate": 100000, "format": "cf32"},
        "analysis": {"window": "hann", "nperseg": 128, "noverlap": 96, "nfft": 128}})";
    return QString::fromStdString(project);
}

} // namespace

TEST(ViewPicture, FittedViewAndOverviewShowEveryShortBurst) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, burstProject(dir), 60000));
    auto* plottable = w.view()->spectrogram();
    EXPECT_EQ(plottable->lastInexactTiles(), 0);
    const auto computer = w.view()->scheduler()->computer();
    const double frameSeconds = 32 / kRate;
    const auto overview = w.view()->scheduler()->cached(plottable->overviewKey());
    ASSERT_TRUE(overview && overview->exact);
    const int overviewRow = int((kBurstHz + kRate / 2) / (kRate / 128)) >> overview->rowLevel;
    int inView = 0, inOverview = 0, quietGaps = 0;
    for (int k = 0; k < kBursts; ++k) {
        const double centre = 0.1 + k * kPeriod + 0.5e-3;
        inView += plottable->levelAt(centre, kBurstHz) > -20 ? 1 : 0;
        quietGaps += plottable->levelAt(centre + kPeriod / 2, kBurstHz) < -40 ? 1 : 0;
        const auto column = std::int64_t(std::lround(centre / frameSeconds)) >> overview->level;
        inOverview += overview->at(int(column), overviewRow) > -20 ? 1 : 0;
    }
    EXPECT_EQ(inView, kBursts);
    EXPECT_EQ(inOverview, kBursts);
    EXPECT_EQ(quietGaps, kBursts); // the picture is not simply bright everywhere
    EXPECT_GE(computer->maxLevel(), 8);
}

// A new dB range recolours the tiles without blanking the picture: until the new colours are
// made, the old ones stay drawn; then the picture shows the new range. (The mean grey of the
// picture: the colour scale's new labels may move the picture by a pixel.)
TEST(ViewPicture, NewLevelsNeverBlankThePicture) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    auto* plot = w.view()->plot();
    auto meanGrey = [&] {
        const QImage image = plot->toPixmap().toImage();
        const QRect r = plot->axisRect()->rect().adjusted(2, 2, -2, -2);
        double sum = 0;
        for (int y = r.top(); y <= r.bottom(); y += 2)
            for (int x = r.left(); x <= r.right(); x += 2)
                sum += qGray(image.pixel(x, y));
        return sum / ((r.height() / 2 + 1) * (r.width() / 2 + 1));
    };
    const double before = meanGrey();
    const double background = qGray(QColor(24, 24, 28).rgb());
    ASSERT_GT(before, background + 5);
    ui::ColorParams c = w.view()->colorParams();
    c.minDb -= 40;
    c.maxDb -= 40; // 40 dB lower: the same picture much brighter
    w.view()->setLevelsByHand(c);
    plot->replot(QCustomPlot::rpImmediateRefresh); // before any queued colouring runs
    EXPECT_GT(w.view()->spectrogram()->lastDrawnTiles(), 0);
    EXPECT_NEAR(meanGrey(), before, 0.02 * before); // the old colours, not the background
    ASSERT_TRUE(waitForTiles(w));
    QTest::qWait(50);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    EXPECT_GT(meanGrey(), before + 20);
}

// Over the edited result the shapes are outlines only: an area the edit removed shows the
// colormap's floor colour, not a red tint over it that read as a faint -65 dB left. Over the
// recording itself, the shape is tinted as before.
TEST(ViewPicture, TheEditedResultShowsARemovedAreaInTheFloorColour) {
    TempDir dir;
    ui::MainWindow w;
    w.resize(1400, 850);
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(privateAudioDemo(dir))));
    w.document()->addShape(rectShape(1.0, 2.0, 0, 24000, -INFINITY));
    auto* plot = w.view()->plot();
    auto centre = [&] {
        plot->replot(QCustomPlot::rpImmediateRefresh);
        const QImage image = plot->toPixmap().toImage();
        return image.pixel(int(plot->xAxis->coordToPixel(1.5)),
                           int(plot->yAxis->coordToPixel(8000)));
    };
    const QRgb floor = ui::Colormap(w.view()->colorParams().map).color(0);
    const QRgb tinted = centre();
    EXPECT_GT(qRed(tinted), qRed(floor) + 20) << std::hex << tinted; // the recording, red
    action(w, "Show &edited result")->trigger();
    ASSERT_TRUE(waitForTiles(w));
    QTest::qWait(50);
    EXPECT_EQ(centre(), floor) << std::hex << centre() << " against " << floor;
    // So does the overview strip of the fitted view (it tinted the view's part grey).
    auto* overview = w.view()->findChild<ui::OverviewStrip*>();
    ASSERT_NE(overview, nullptr);
    auto stripAt = [&](double seconds) {
        const QImage strip = overview->grab().toImage();
        return strip.pixel(int(seconds / plot->xAxis->range().upper * strip.width()),
                           strip.height() / 2);
    };
    QElapsedTimer waited; // the overview of the edited result follows the picture's tiles
    waited.start();
    while (stripAt(1.5) != floor && waited.elapsed() < 10000)
        QTest::qWait(50);
    const QRgb removed = stripAt(1.5);
    EXPECT_EQ(removed & 0xffffff, floor & 0xffffff) << std::hex << removed << " against " << floor;
    // The readout there says it is silent, not "-200.0 dB" (the tiles' floor).
    emit w.view()->cursorMoved(1.5, 8000, core::kFloorDb);
    const auto* readout = w.findChild<QLabel*>("cursorReadout");
    ASSERT_NE(readout, nullptr);
    EXPECT_TRUE(readout->text().endsWith("level ≤ -200 dB (silent)"))
        << readout->text().toStdString();
}

// A recording opened without shapes shows itself: the picture switch left on "Edited" by the
// previous file said the new one was edited when nothing was.
TEST(ViewPicture, ANewRecordingWithoutShapesShowsTheOriginal) {
    TempDir dir;
    ui::MainWindow w;
    const QString demo = QString::fromStdString(privateAudioDemo(dir));
    ASSERT_TRUE(openAndWait(w, demo));
    QAction* edited = action(w, "Show &edited result");
    edited->trigger();
    ASSERT_TRUE(edited->isChecked());
    ASSERT_TRUE(openAndWait(w, demo));
    EXPECT_FALSE(edited->isChecked());
    // A project with shapes opens on the picture the user chose.
    w.document()->addShape(rectShape(1.0, 2.0, 0, 24000, -INFINITY));
    const QString project = QString::fromStdString(dir.file("demo.specedit.json"));
    w.document()->saveProject(project);
    edited->trigger();
    ASSERT_TRUE(openAndWait(w, project));
    EXPECT_TRUE(edited->isChecked());
}

// A click with the brush paints a dot the size of the brush, and the picture shows it: a
// stroke of one point drew nothing (Qt strokes no outline around a path of zero length).
TEST(ViewPicture, ABrushClickShowsADotOfTheBrushSize) {
    TempDir dir;
    ui::MainWindow w;
    w.resize(1400, 850);
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(privateAudioDemo(dir))));
    auto* plot = w.view()->plot();
    const QPointF at(1.5, 8000);
    auto pixel = [&](double dx) {
        plot->replot(QCustomPlot::rpImmediateRefresh);
        const QPointF p = pixelOf(plot, at);
        return plot->toPixmap().toImage().pixel(int(p.x() + dx), int(p.y()));
    };
    const QRgb before[] = {pixel(0), pixel(8)};
    w.paintToolBar()->selectTool(ui::ToolKind::Brush);
    drag(plot, {at, at});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_EQ(w.document()->shapes()[0].points.size(), 1u);
    // The brush's radius is 12 px: its centre and a point 8 px right are tinted red, a point
    // 16 px right is not.
    EXPECT_GT(qRed(pixel(0)), qRed(before[0]) + 20) << std::hex << pixel(0);
    EXPECT_GT(qRed(pixel(8)), qRed(before[1]) + 20) << std::hex << pixel(8);
    const QRgb outside = pixel(16);
    w.document()->undoStack()->undo();
    EXPECT_EQ(pixel(16), outside);
}

// Auto levels show at most 120 dB: a 32-bit file whose first half is a pure tone (its
// sidelobes near -200 dB) put the floor at -203 dB, and the noise of its second half, at
// -60 dB, filled the picture with one colour.
TEST(ViewPicture, AutoLevelsShowAtMost120Db) {
    TempDir dir;
    const double rate = 16000;
    const auto path =
        audioRecording(dir.file("tone.wav"), 1, rate, 160000, [&](std::int64_t i, int) {
            const double noise = 0.02 * (double((i * 7919) % 1000) / 500.0 - 1.0);
            return i < 80000 ? 0.3 * std::sin(2 * std::numbers::pi * 1000 * double(i) / rate)
                             : noise;
        });
    ui::MainWindow w;
    w.resize(1400, 850);
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(path)));
    const auto c = w.view()->colorParams();
    EXPECT_LE(c.maxDb - c.minDb, 121.0f) << c.minDb << " .. " << c.maxDb;
    EXPECT_GT(c.minDb, -150.0f);
}
