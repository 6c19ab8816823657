// The editor window, driven offscreen: open the demo, let tiles render, check the view, the
// readout and the undo stack; save a grab of the window for a person to look at.

#include "MainWindow.h"

#include "Document.h"
#include "ExportController.h"
#include "PaintToolBar.h"
#include "RawIqDialog.h"
#include "ShapeEffectFields.h"
#include "ShapesPanel.h"
#include "TaskRunner.h"
#include "UiFixture.h"
#include "apply/Demo.h"
#include "apply/RegionLevel.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "tools/ShapeEditGesture.h"
#include "view/OverviewStrip.h"
#include "view/SpectrogramPlottable.h"
#include "view/SpectrogramView.h"
#include "view/TraceLane.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <qcustomplot.h>
#include <tuple>

using namespace specedit;
using namespace specedit::test;

TEST(MainWindow, OpensTheDemoAndRendersEveryVisibleTile) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const auto& info = w.document()->info();
    EXPECT_TRUE(info.isComplex());
    // The window spans about one pixel of the fitted view (within a factor of sqrt 2).
    const double perPixel = double(info.frames) / w.view()->plot()->axisRect()->width();
    EXPECT_NEAR(std::log2(w.document()->analysis().nperseg), std::log2(perPixel), 0.5);
    // Auto levels ran on the first tiles: the floor sits below the noise, the ceiling above.
    const auto color = w.view()->colorParams();
    EXPECT_LT(color.minDb, -60.0f);
    EXPECT_GT(color.maxDb, -30.0f);
    EXPECT_LT(color.maxDb, 10.0f);
    // The frequency axis is absolute around the centre frequency.
    const QCPRange f = w.view()->plot()->yAxis->range();
    EXPECT_NEAR(f.center(), 433.92e6, 1e3);
    EXPECT_NEAR(f.size(), 2e6, 2e3);
    const QString shots = QDir::currentPath() + "/screenshots";
    QDir().mkpath(shots);
    EXPECT_TRUE(w.grab().save(shots + "/main_window.png"));
}

TEST(MainWindow, CursorReadoutShowsTimeFrequencyAndLevel) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    QCustomPlot* plot = w.view()->plot();
    // Point at the first OOK burst: 0.25 s, +300 kHz.
    const QPoint at(int(plot->xAxis->coordToPixel(0.25)),
                    int(plot->yAxis->coordToPixel(433.92e6 + 300e3)));
    QTest::mouseMove(plot, at);
    QMouseEvent move(QEvent::MouseMove, QPointF(at), plot->mapToGlobal(QPointF(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(plot, &move);
    const double level = w.view()->spectrogram()->levelAt(0.25, 433.92e6 + 300e3);
    EXPECT_GT(level, -30.0); // the burst's carrier (0.3 amplitude)
    EXPECT_LT(w.view()->spectrogram()->levelAt(0.5, 433.92e6 + 300e3), -50.0); // between bursts
    QString readout;
    for (auto* label : w.statusBar()->findChildren<QLabel*>())
        if (label->text().startsWith("t "))
            readout = label->text();
    EXPECT_TRUE(readout.contains("MHz")) << readout.toStdString();
    EXPECT_TRUE(readout.contains("dB")) << readout.toStdString();
}

TEST(MainWindow, PaintingMakesShapesInPhysicalUnitsWithUndo) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    QCustomPlot* plot = w.view()->plot();
    const double fc = 433.92e6;
    // A rectangle over the first FSK packet: 0.58..0.68 s, -460..-340 kHz.
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    drag(plot, {{0.58, fc - 460e3}, {0.63, fc - 400e3}, {0.68, fc - 340e3}});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    const auto rect = w.document()->shapes()[0];
    EXPECT_EQ(rect.type, core::ShapeType::Rect);
    const double sPerPx = plot->xAxis->range().size() / plot->axisRect()->width();
    const double hzPerPx = plot->yAxis->range().size() / plot->axisRect()->height();
    EXPECT_NEAR(rect.t0, 0.58, 1.5 * sPerPx);
    EXPECT_NEAR(rect.t1, 0.68, 1.5 * sPerPx);
    EXPECT_NEAR(rect.f0, fc - 460e3, 1.5 * hzPerPx);
    EXPECT_NEAR(rect.f1, fc - 340e3, 1.5 * hzPerPx);
    EXPECT_TRUE(std::isinf(rect.gainDb)); // the toolbar's default: remove
    // Its edges lie on the decimal grid of a pixel (the largest power of ten not above one
    // pixel's span), so the Shapes panel reads "433.461 MHz", not "433.4609375 MHz".
    const double tStep = std::pow(10.0, std::floor(std::log10(sPerPx)));
    const double fStep = std::pow(10.0, std::floor(std::log10(hzPerPx)));
    for (double t : {rect.t0, rect.t1})
        EXPECT_NEAR(t / tStep, std::round(t / tStep), 1e-6) << t;
    for (double f : {rect.f0, rect.f1})
        EXPECT_EQ(std::fmod(f, fStep), 0.0) << f;
    w.shapesPanel()->select(rect.id);
    const QString low = w.shapesPanel()->findChild<QDoubleSpinBox*>("shapeLow")->text();
    const int decimals = int(low.section(' ', 0, 0).section('.', 1).size());
    EXPECT_LE(decimals, 6 - int(std::log10(fStep))) << low.toStdString();
    EXPECT_TRUE(low.endsWith(" MHz")) << low.toStdString();
    // A brush stroke along the chirp, radius 12 px stored in seconds and hertz.
    w.paintToolBar()->selectTool(ui::ToolKind::Brush);
    drag(plot, {{1.6, fc - 640e3}, {1.7, fc - 580e3}, {1.8, fc - 520e3}});
    ASSERT_EQ(w.document()->shapes().size(), 2u);
    const auto stroke = w.document()->shapes()[1];
    EXPECT_EQ(stroke.type, core::ShapeType::Stroke);
    EXPECT_GE(stroke.points.size(), 3u);
    EXPECT_NEAR(stroke.radiusS, 12 * sPerPx, tStep / 2 + 1e-12);
    EXPECT_NEAR(stroke.radiusHz, 12 * hzPerPx, fStep / 2);
    EXPECT_EQ(std::fmod(stroke.radiusHz, fStep), 0.0);
    EXPECT_TRUE(w.isWindowModified());
    // One gesture, one undo entry.
    EXPECT_EQ(w.document()->undoStack()->count(), 2);
    w.document()->undoStack()->undo();
    EXPECT_EQ(w.document()->shapes().size(), 1u);
    w.document()->undoStack()->redo();
    EXPECT_EQ(w.document()->shapes().size(), 2u);
    // Drawn from 3 px after the recording's start to 3 px before its end: exactly its start
    // and end (2 s, not its last frame's centre), so the shape covers the edges.
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    const double end = w.document()->info().duration();
    drag(plot, {{3 * sPerPx, fc - 100e3}, {end - 3 * sPerPx, fc + 100e3}});
    ASSERT_EQ(w.document()->shapes().size(), 3u);
    EXPECT_EQ(w.document()->shapes()[2].t0, 0.0);
    EXPECT_EQ(w.document()->shapes()[2].t1, end);
    w.document()->undoStack()->undo();
    // Dragged on past the end (and the top), the edge stops at the end (it read 6.094 s on a
    // 6 s file) and at the highest bin.
    const double top = w.view()->scheduler()->computer()->rowFrequency(
        w.view()->scheduler()->computer()->rowCount(0) - 1);
    drag(plot, {{1.0, fc - 100e3}, {end + 12 * sPerPx, top + 12 * hzPerPx}});
    ASSERT_EQ(w.document()->shapes().size(), 3u);
    EXPECT_EQ(w.document()->shapes()[2].t1, end);
    EXPECT_EQ(w.document()->shapes()[2].f1, top);
    w.document()->undoStack()->undo();
    // A drag that starts 2 px above the picture (aimed at its top edge) draws from the top;
    // it drew nothing, unsaid.
    drag(plot, {{1.0, plot->yAxis->range().upper + 2 * hzPerPx}, {1.5, fc}});
    ASSERT_EQ(w.document()->shapes().size(), 3u);
    EXPECT_EQ(w.document()->shapes()[2].f1, top);
    w.document()->undoStack()->undo();
    // A click with the rectangle tool is not a rectangle.
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    drag(plot, {{1.0, fc}, {1.0, fc}});
    EXPECT_EQ(w.document()->shapes().size(), 2u);
    // The eraser cuts its stroke out of the rectangle, leaving the parts left and right of it;
    // the panel forgets the fields of the rectangle, which no longer exists.
    w.shapesPanel()->select(rect.id);
    w.paintToolBar()->selectTool(ui::ToolKind::Eraser);
    drag(plot, {{0.63, fc - 500e3}, {0.63, fc - 400e3}, {0.63, fc - 300e3}});
    const auto& cut = w.document()->shapes();
    ASSERT_EQ(cut.size(), 3u);
    EXPECT_EQ(cut[0].type, core::ShapeType::Polygon);
    EXPECT_EQ(cut[1].type, core::ShapeType::Polygon);
    EXPECT_EQ(cut[2], stroke); // not crossed: untouched
    auto covers = [&](double t, double f) { return cut[0].coverage(t, f) + cut[1].coverage(t, f); };
    EXPECT_EQ(covers(0.63, fc - 400e3), 0.0);
    EXPECT_EQ(covers(0.6, fc - 400e3), 1.0);
    EXPECT_EQ(covers(0.66, fc - 400e3), 1.0);
    EXPECT_EQ(w.shapesPanel()->selected(), 0u);
    EXPECT_EQ(w.document()->undoStack()->count(), 3); // the cut is one step
    w.document()->undoStack()->undo();
    EXPECT_EQ(w.document()->shapes()[0], rect);
    w.document()->undoStack()->redo();
    EXPECT_EQ(w.document()->shapes().size(), 3u);
    QTest::qWait(50);
    const QString shots = QDir::currentPath() + "/screenshots";
    QDir().mkpath(shots);
    EXPECT_TRUE(w.grab().save(shots + "/painting.png"));
    // Save, reopen: the same shapes.
    TempDir dir;
    const QString project = QString::fromStdString(dir.file("p.specedit.json"));
    w.document()->saveProject(project);
    EXPECT_FALSE(w.isWindowModified());
    ui::Document reopened;
    reopened.openProject(project);
    EXPECT_EQ(reopened.shapes(), w.document()->shapes());
    EXPECT_EQ(reopened.analysis(), w.document()->analysis());
}

TEST(MainWindow, ExportLowersThePaintedRegionByItsGainAndLeavesTheRestAlone) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    // Paint a -20 dB rectangle over the first FSK packet (0.6..0.66 s around -400 kHz).
    auto* gain = w.paintToolBar()->findChild<QDoubleSpinBox*>("newShapeGain");
    ASSERT_NE(gain, nullptr);
    gain->setValue(-20);
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    const double fc = 433.92e6;
    drag(w.view()->plot(), {{0.55, fc - 480e3}, {0.71, fc - 320e3}});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_EQ(w.document()->shapes()[0].gainDb, -20);
    TempDir dir;
    const auto out = dir.file("edited.cf32");
    ASSERT_TRUE(w.exportTo(QString::fromStdString(out)));
    QElapsedTimer timer;
    timer.start();
    while (w.tasks()->isBusy() && timer.elapsed() < 30000)
        QTest::qWait(20);
    ASSERT_FALSE(w.tasks()->isBusy());
    core::OpenOptions open;
    open.sampleRate = 2e6;
    open.centerFrequency = fc;
    const auto edited = core::openRecording(out, open);
    const auto& original = *w.document()->source();
    core::JobControl job;
    core::Shape inside; // well inside the painted rectangle
    inside.t0 = 0.60;
    inside.t1 = 0.66;
    inside.f0 = fc - 440e3;
    inside.f1 = fc - 360e3;
    core::Shape outside = inside; // the next FSK packet, one second later
    outside.t0 += 1.0;
    outside.t1 += 1.0;
    const auto p = w.document()->analysis();
    const double drop = core::regionLevelDb(original, p, inside, job) -
                        core::regionLevelDb(*edited, p, inside, job);
    EXPECT_NEAR(drop, 20.0, 0.5);
    EXPECT_NEAR(core::regionLevelDb(original, p, outside, job),
                core::regionLevelDb(*edited, p, outside, job), 0.05);
}

// A shape over the whole picture (a denoise of the whole recording) is its backdrop: a Pan
// click on the picture places the edit cursor instead of selecting it (it took every click).
// Zoomed out so that its edges show, a click inside it selects it again.
TEST(MainWindow, AShapeOverTheWholePictureLeavesPanClicksToThePicture) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const double fc = 433.92e6;
    QCustomPlot* plot = w.view()->plot();
    const QCPRange time = plot->xAxis->range(), band = plot->yAxis->range();
    core::Shape all;
    all.t0 = time.lower - 1;
    all.t1 = time.upper + 1;
    all.f0 = band.lower - 1e6;
    all.f1 = band.upper + 1e6;
    all.gainDb = -10;
    const auto id = w.document()->addShape(all);
    w.paintToolBar()->selectTool(ui::ToolKind::Pan);
    w.view()->setSelectedShape(0);
    drag(plot, {{1.5, fc}, {1.5, fc}});
    EXPECT_EQ(w.view()->selectedShape(), 0u);
    ASSERT_TRUE(w.view()->cursorTime());
    EXPECT_NEAR(*w.view()->cursorTime(), 1.5, 0.01);
    // A smaller one is clicked as before.
    core::Shape part = *w.document()->shape(id);
    part.t1 = (time.lower + time.upper) / 2;
    w.document()->modifyShape(part);
    drag(plot, {{part.t1 / 2, fc}, {part.t1 / 2, fc}});
    EXPECT_EQ(w.view()->selectedShape(), id);
}

TEST(MainWindow, PanToolMovesAndResizesShapesAsOneUndoStepEach) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const double fc = 433.92e6;
    core::Shape r;
    r.t0 = 0.5;
    r.t1 = 0.8;
    r.f0 = fc - 500e3;
    r.f1 = fc - 300e3;
    const auto id = w.document()->addShape(r);
    QCustomPlot* plot = w.view()->plot();
    const double sPerPx = plot->xAxis->range().size() / plot->axisRect()->width();
    const double hzPerPx = plot->yAxis->range().size() / plot->axisRect()->height();
    const QCPRange timeBefore = plot->xAxis->range();
    w.paintToolBar()->selectTool(ui::ToolKind::Pan);
    // Drag the body: the rectangle moves by the drag, the view does not pan.
    drag(plot, {{0.65, fc - 400e3}, {0.70, fc - 380e3}, {0.75, fc - 350e3}});
    const core::Shape* moved = w.document()->shape(id);
    ASSERT_NE(moved, nullptr);
    EXPECT_NEAR(moved->t0, 0.6, 2 * sPerPx);
    EXPECT_NEAR(moved->t1, 0.9, 2 * sPerPx);
    EXPECT_NEAR(moved->f0, fc - 450e3, 2 * hzPerPx);
    EXPECT_EQ(plot->xAxis->range(), timeBefore);
    // Drag the right edge: only t1 changes.
    drag(plot, {{moved->t1, fc - 350e3}, {1.0, fc - 350e3}});
    const core::Shape* resized = w.document()->shape(id);
    EXPECT_NEAR(resized->t1, 1.0, 2 * sPerPx);
    EXPECT_NEAR(resized->t0, 0.6, 2 * sPerPx);
    const int steps = w.document()->undoStack()->count();
    w.document()->undoStack()->undo();
    EXPECT_NEAR(w.document()->shape(id)->t1, 0.9, 2 * sPerPx);
    w.document()->undoStack()->undo();
    EXPECT_NEAR(w.document()->shape(id)->t0, 0.5, 1e-12);
    EXPECT_EQ(steps, 3); // add, move, resize
}

TEST(MainWindow, MagicWandOutlinesTheClickedBurst) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const double fc = 433.92e6;
    w.paintToolBar()->selectTool(ui::ToolKind::Wand);
    drag(w.view()->plot(), {{1.62, fc - 440e3}}); // an FSK packet's lower tone
    QElapsedTimer timer;
    timer.start();
    while (w.tasks()->isBusy() && timer.elapsed() < 20000)
        QTest::qWait(20);
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    const auto& s = w.document()->shapes()[0];
    EXPECT_EQ(s.type, core::ShapeType::Polygon);
    EXPECT_EQ(s.coverage(1.62, fc - 440e3), 1.0);
    const auto box = s.bounds();
    EXPECT_GT(box.t0, 1.5); // the packet (1.6 .. 1.66 s), not the recording
    EXPECT_LT(box.t1, 1.8);
    // A click on empty noise adds nothing and says why.
    drag(w.view()->plot(), {{0.45, fc + 800e3}});
    timer.restart();
    while (w.tasks()->isBusy() && timer.elapsed() < 20000)
        QTest::qWait(20);
    EXPECT_EQ(w.document()->shapes().size(), 1u);
    // The toolbar's tolerance reaches the wand: at 60 dB above the floor nothing qualifies.
    for (auto* spin : w.paintToolBar()->findChildren<QDoubleSpinBox*>())
        if (spin->suffix() == " dB" && spin->maximum() == 60)
            spin->setValue(60);
    EXPECT_EQ(w.paintToolBar()->wandOptions().thresholdDb, 60);
    drag(w.view()->plot(), {{1.62, fc - 440e3}});
    timer.restart();
    while (w.tasks()->isBusy() && timer.elapsed() < 20000)
        QTest::qWait(20);
    EXPECT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_TRUE(w.statusBar()->currentMessage().contains("nothing stands out"))
        << w.statusBar()->currentMessage().toStdString();
}

TEST(MainWindow, OverviewStripShowsAndMovesTheView) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    EXPECT_NE(w.view()->spectrogram()->overviewImage(), nullptr);
    w.view()->zoomTime(0.1, 0.5); // a tenth of the recording
    QTest::qWait(50);
    auto* strip = w.view()->overview();
    send(strip, QEvent::MouseButtonPress, QPointF(0.8 * strip->width(), strip->height() / 2),
         Qt::LeftButton, Qt::LeftButton);
    const QCPRange r = w.view()->plot()->xAxis->range();
    EXPECT_NEAR(r.center(), 0.8 * 2.0, 0.02); // the 2 s demo
    EXPECT_NEAR(r.size(), 0.2, 0.02);
    const QString shots = QDir::currentPath() + "/screenshots";
    QDir().mkpath(shots);
    QTest::qWait(100);
    EXPECT_TRUE(w.grab().save(shots + "/zoomed_with_overview.png"));
}

// The window goes down to 800 x 500 (half a laptop screen) with every panel usable: the
// settings scroll instead of holding the window taller, and no panel is drawn over another (a
// tester's 800 x 500 window had the Shapes panel over the Settings).
TEST(MainWindow, ASmallWindowKeepsItsPanelsApart) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    w.show();
    w.resize(800, 500);
    QTest::qWait(100);
    EXPECT_LE(w.height(), 500);
    EXPECT_LE(w.width(), 800);
    auto* settings = w.findChild<QDockWidget*>("analysisDock");
    auto* shapes = w.findChild<QDockWidget*>("shapesDock");
    ASSERT_TRUE(settings && shapes);
    EXPECT_FALSE(settings->geometry().intersects(shapes->geometry()))
        << settings->geometry().bottom() << " > " << shapes->geometry().top();
    EXPECT_GT(shapes->geometry().top(), settings->geometry().top());
    // Shorter still, the picture keeps more room than the trace lane (at 640 x 400 the lane
    // kept its 110 px and left the spectrogram 50).
    w.resize(640, 400);
    QTest::qWait(100);
    auto* plot = w.view()->plot();
    const int lane = w.view()->traceLane()->rect()->height();
    EXPECT_LE(lane, std::max(ui::TraceLane::kMinHeight, plot->height() / 4));
    EXPECT_GT(plot->axisRect()->height(), w.view()->traceLane()->rect()->height());
    // Grown again, the settings show whole (they stayed cut off at the short height).
    w.resize(1400, 950);
    QTest::qWait(100);
    auto* scroll = qobject_cast<QScrollArea*>(settings->widget());
    ASSERT_TRUE(scroll);
    EXPECT_GE(scroll->viewport()->height(), scroll->widget()->minimumSizeHint().height());
}

// The bar shows the chosen tool's own options, and at the default 1400 px they fit: with the
// brush's and the wand's all shown, the wand's gap went into the bar's overflow menu.
TEST(MainWindow, ThePaintBarShowsTheChosenToolsOptionsWhole) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    auto* brush = w.paintToolBar()->findChild<QSpinBox*>("brushSize");
    auto* gap = w.paintToolBar()->findChild<QDoubleSpinBox*>("wandGap");
    ASSERT_TRUE(brush && gap);
    const auto shown = [&](ui::ToolKind kind) {
        w.paintToolBar()->selectTool(kind);
        QTest::qWait(50);
        return std::pair{brush->isVisible(), gap->isVisible()};
    };
    EXPECT_EQ(shown(ui::ToolKind::Wand), std::pair(false, true));
    const QRect field(gap->mapTo(&w, QPoint(0, 0)), gap->size());
    EXPECT_TRUE(w.paintToolBar()->geometry().contains(field)); // on the bar, not in its menu
    auto* feather = w.paintToolBar()->findChild<QSpinBox*>("newShapeFeather");
    ASSERT_NE(feather, nullptr);
    EXPECT_TRUE(feather->isVisible()); // the last field: nothing in the overflow menu
    EXPECT_EQ(shown(ui::ToolKind::Brush), std::pair(true, false));
    EXPECT_EQ(shown(ui::ToolKind::Eraser), std::pair(true, false));
    auto* effect = w.paintToolBar()->findChild<QComboBox*>("newShapeEffect");
    ASSERT_NE(effect, nullptr);
    EXPECT_FALSE(effect->isVisible()); // the eraser draws no shape
    EXPECT_EQ(shown(ui::ToolKind::Pan), std::pair(false, false));
    EXPECT_FALSE(effect->isVisible());
    shown(ui::ToolKind::Rect);
    EXPECT_TRUE(effect->isVisible());
    // Narrower, the new shapes' fields go to the overflow menu before the tool's own.
    w.resize(1000, 700);
    EXPECT_EQ(shown(ui::ToolKind::Wand), std::pair(false, true));
    const QRect narrow(gap->mapTo(&w, QPoint(0, 0)), gap->size());
    EXPECT_TRUE(w.paintToolBar()->geometry().contains(narrow));
    // A key picks the tool too (W), and its options follow.
    ASSERT_TRUE(demoWindow.activate());
    QTest::keyClick(w.windowHandle(), Qt::Key_W);
    QTest::qWait(50);
    EXPECT_TRUE(gap->isVisible());
}

// The new shapes' effect brings its own field to the bar: the gain for gain, the amount for
// attenuate, the reduction for denoise; the drawn shape gets what is set there (the amount
// and reduction could only be changed after drawing, in the Shapes panel).
TEST(MainWindow, TheBarSetsTheAmountOrReductionOfNewShapes) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    auto* bar = w.paintToolBar();
    auto* effect = bar->findChild<QComboBox*>("newShapeEffect");
    auto* gain = bar->findChild<QDoubleSpinBox*>("newShapeGain");
    auto* amount = bar->findChild<QSpinBox*>("newShapeAmount");
    auto* reduction = bar->findChild<QDoubleSpinBox*>("newShapeReduction");
    ASSERT_TRUE(effect && gain && amount && reduction);
    const auto shown = [&] {
        QTest::qWait(50);
        return std::tuple{gain->isVisible(), amount->isVisible(), reduction->isVisible()};
    };
    bar->selectTool(ui::ToolKind::Rect);
    EXPECT_EQ(shown(), std::tuple(true, false, false));
    effect->setCurrentIndex(effect->findData(int(ui::EffectChoice::Denoise)));
    EXPECT_EQ(shown(), std::tuple(false, false, true));
    reduction->setValue(12);
    const double fc = 433.92e6;
    drag(w.view()->plot(), {{0.5, fc - 100e3}, {0.8, fc + 100e3}});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_EQ(w.document()->shapes()[0].effect, core::ShapeEffect::Denoise);
    EXPECT_EQ(w.document()->shapes()[0].reductionDb, 12.0);
    effect->setCurrentIndex(effect->findData(int(ui::EffectChoice::Attenuate)));
    EXPECT_EQ(shown(), std::tuple(false, true, false));
    amount->setValue(50);
    drag(w.view()->plot(), {{1.5, fc - 100e3}, {1.8, fc + 100e3}});
    ASSERT_EQ(w.document()->shapes().size(), 2u);
    EXPECT_EQ(w.document()->shapes()[1].effect, core::ShapeEffect::Attenuate);
    EXPECT_EQ(w.document()->shapes()[1].amount, 0.5);
    effect->setCurrentIndex(effect->findData(int(ui::EffectChoice::Replace)));
    EXPECT_EQ(shown(), std::tuple(false, false, false)); // replace has no amount
    bar->selectTool(ui::ToolKind::Pan);                  // draws nothing: none shows
    effect->setCurrentIndex(effect->findData(int(ui::EffectChoice::Gain)));
    EXPECT_EQ(shown(), std::tuple(false, false, false));
}

TEST(MainWindow, MeasureToolAndImageExport) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const auto& own = demoWindow.dir;
    double dt = 0, df = 0;
    QObject::connect(w.view(), &ui::SpectrogramView::measured, [&](double t, double f) {
        dt = t;
        df = f;
    });
    w.paintToolBar()->selectTool(ui::ToolKind::Measure);
    QCustomPlot* plot = w.view()->plot();
    drag(plot, {{0.2, 433.92e6}, {0.7, 433.92e6 + 100e3}});
    const double sPerPx = plot->xAxis->range().size() / plot->axisRect()->width();
    const double hzPerPx = plot->yAxis->range().size() / plot->axisRect()->height();
    EXPECT_NEAR(dt, 0.5, 1.5 * sPerPx);
    EXPECT_NEAR(df, 100e3, 1.5 * hzPerPx);
    // The readout is as precise as a pixel (it read "Δt 0.500000 s"): the demo's 2 s over
    // about 800 pixels, 2.5 ms each, gives 3 decimals.
    const QString readout = w.statusBar()->currentMessage();
    EXPECT_TRUE(
        QRegularExpression("^Δt 0\\.\\d{3} s   Δf \\d+(\\.\\d)? kHz").match(readout).hasMatch())
        << readout.toStdString();
    EXPECT_TRUE(w.document()->shapes().empty());     // measuring paints nothing
    w.paintToolBar()->selectTool(ui::ToolKind::Pan); // the readout goes with its tool
    EXPECT_EQ(w.statusBar()->currentMessage(), "");
    const QString png = QString::fromStdString(own.file("spectrogram.png"));
    ASSERT_TRUE(w.view()->savePng(png, 1200, 700));
    const QImage image(png);
    EXPECT_EQ(image.size(), QSize(1200, 700));
}

TEST(MainWindow, ShapesPanelEditsReordersAndDeletesWithUndo) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    auto* doc = w.document();
    core::Shape a;
    a.t0 = 0.1;
    a.t1 = 0.2;
    a.f0 = 433.5e6;
    a.f1 = 433.6e6;
    const auto idA = doc->addShape(a);
    a.t0 = 1.1;
    a.t1 = 1.2;
    const auto idB = doc->addShape(a);
    auto* panel = w.shapesPanel();
    auto* list = panel->findChild<QListView*>();
    ASSERT_EQ(list->model()->rowCount(), 2);
    list->setCurrentIndex(list->model()->index(1, 0));
    EXPECT_EQ(panel->selected(), idB);
    EXPECT_EQ(w.view()->selectedShape(), idB); // the view follows the panel
    // Three steps of the gain spin box make one undo entry.
    auto* gain = panel->findChild<QDoubleSpinBox*>();
    const int before = doc->undoStack()->count();
    gain->setValue(-30);
    gain->setValue(-20);
    gain->setValue(-10);
    EXPECT_EQ(doc->shape(idB)->gainDb, -10);
    EXPECT_EQ(doc->undoStack()->count(), before + 1);
    // Harmonics: the band's multiples join the shape; one undo step, listed in the row.
    auto* harmonics = panel->findChild<QSpinBox*>("shapeHarmonics");
    ASSERT_TRUE(harmonics);
    harmonics->setValue(5);
    EXPECT_EQ(doc->shape(idB)->harmonics, 5);
    EXPECT_TRUE(list->model()->index(1, 0).data().toString().contains("harmonics up to 5"));
    doc->undoStack()->undo();
    EXPECT_EQ(doc->shape(idB)->harmonics, 1);
    EXPECT_EQ(harmonics->value(), 1);
    // Effect: attenuate shows its amount (not the reduction), disables gain and mode; the row
    // and the project follow; undo brings the gain back.
    auto* effect = panel->findChild<QComboBox*>("shapeEffect");
    auto* amount = panel->findChild<QSpinBox*>("shapeAmount");
    auto* reduction = panel->findChild<QDoubleSpinBox*>("shapeReduction");
    ASSERT_TRUE(effect && amount && reduction);
    effect->setCurrentIndex(1);
    EXPECT_EQ(doc->shape(idB)->effect, core::ShapeEffect::Attenuate);
    EXPECT_TRUE(amount->isVisibleTo(panel));
    EXPECT_FALSE(reduction->isVisibleTo(panel));
    EXPECT_FALSE(gain->isEnabled());
    amount->setValue(40);
    EXPECT_DOUBLE_EQ(doc->shape(idB)->amount, 0.4);
    EXPECT_TRUE(list->model()->index(1, 0).data().toString().contains("attenuate 40 %"));
    effect->setCurrentIndex(2);
    auto* fill = panel->findChild<QComboBox*>("shapeFillFrom");
    ASSERT_TRUE(fill);
    EXPECT_TRUE(fill->isVisibleTo(panel));
    fill->setCurrentIndex(1);
    EXPECT_EQ(doc->shape(idB)->fillFrom, core::FillFrom::Frequency);
    EXPECT_TRUE(list->model()->index(1, 0).data().toString().contains("replace from frequency"));
    effect->setCurrentIndex(3);
    EXPECT_FALSE(fill->isVisibleTo(panel));
    EXPECT_EQ(doc->shape(idB)->effect, core::ShapeEffect::Denoise);
    EXPECT_TRUE(reduction->isVisibleTo(panel));
    EXPECT_FALSE(amount->isVisibleTo(panel));
    effect->setCurrentIndex(4);
    EXPECT_TRUE(doc->shape(idB)->noiseProfile);
    EXPECT_TRUE(list->model()->index(1, 0).data().toString().contains("noise profile"));
    for (int i = 0; i < 6; ++i)
        doc->undoStack()->undo();
    EXPECT_EQ(doc->shape(idB)->effect, core::ShapeEffect::Gain);
    EXPECT_FALSE(doc->shape(idB)->noiseProfile);
    EXPECT_TRUE(gain->isEnabled());
    // Move B above A, then delete it; undo restores both steps.
    QPushButton *up = nullptr, *down = nullptr;
    for (auto* b : panel->findChildren<QPushButton*>()) {
        up = b->text() == "Up" ? b : up;
        down = b->text() == "Down" ? b : down;
    }
    ASSERT_TRUE(up && down);
    EXPECT_FALSE(down->isEnabled()); // B is the last: it cannot go down
    up->click();
    EXPECT_EQ(doc->shapes()[0].id, idB);
    EXPECT_FALSE(up->isEnabled()); // now the first
    EXPECT_TRUE(down->isEnabled());
    for (auto* b : panel->findChildren<QPushButton*>())
        if (b->text() == "Delete")
            b->click();
    ASSERT_EQ(doc->shapes().size(), 1u);
    EXPECT_EQ(doc->shapes()[0].id, idA);
    doc->undoStack()->undo();
    doc->undoStack()->undo();
    EXPECT_EQ(doc->shapes()[1].id, idB);
    EXPECT_EQ(list->model()->rowCount(), 2);
    // A long narrow shape (a whistle: 1 s by 5 kHz, 1953 frames by 10 bins at the demo's hop
    // 1024, FFT 4096) made a replace fills from across its band without being asked; a short
    // wide one (B: 195 frames by 205 bins) from before and after.
    core::Shape whistle = a;
    whistle.t0 = 1.0;
    whistle.t1 = 2.0;
    whistle.f0 = 433.9e6;
    whistle.f1 = 433.905e6;
    const auto idW = doc->addShape(whistle);
    list->setCurrentIndex(list->model()->index(2, 0));
    ASSERT_EQ(panel->selected(), idW);
    effect->setCurrentIndex(2);
    EXPECT_EQ(doc->shape(idW)->fillFrom, core::FillFrom::Frequency);
    EXPECT_EQ(fill->currentIndex(), 1);
    list->setCurrentIndex(list->model()->index(1, 0));
    ASSERT_EQ(panel->selected(), idB);
    effect->setCurrentIndex(2);
    EXPECT_EQ(doc->shape(idB)->fillFrom, core::FillFrom::Time);
}

TEST(MainWindow, ExportSelectionWritesOnlyItsStretchAndHiddenShapesStillApply) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    const auto& own = demoWindow.dir;
    core::Shape r;
    r.t0 = 0.5;
    r.t1 = 0.75;
    r.f0 = 433.92e6 - 1e6;
    r.f1 = 433.92e6 + 1e6;
    r.gainDb = -6.0205999132796239; // halves every sample
    const auto id = w.document()->addShape(r);
    // Hiding the outline in the panel does not take the shape out of the mask.
    auto* list = w.shapesPanel()->findChild<QListView*>();
    list->model()->setData(list->model()->index(0, 0), Qt::Unchecked, Qt::CheckStateRole);
    EXPECT_TRUE(w.shapesPanel()->hidden().count(id));
    w.view()->setSelectedShape(id);
    const auto out = own.file("selection.cf32");
    ASSERT_TRUE(w.exportSelectionTo(QString::fromStdString(out)));
    QElapsedTimer timer;
    timer.start();
    while (w.tasks()->isBusy() && timer.elapsed() < 20000)
        QTest::qWait(20);
    core::OpenOptions open;
    open.sampleRate = 2e6;
    const auto edited = core::openRecording(out, open);
    EXPECT_EQ(edited->info().frames, 500000); // 0.25 s at 2 MHz
    std::vector<float> a(200), b(200);
    w.document()->source()->read(1200000, 100, a.data());
    edited->read(200000, 100, b.data());
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_NEAR(b[i], a[i] / 2, 2e-4) << i; // int16 source: quantisation only
    // With no shape selected, the selected labels' span: first start to last end.
    w.view()->setSelectedShape(0);
    const std::vector<core::Label> labels{labelBox(1.0, 1.1, 433.9e6, 434e6, ""),
                                          labelBox(1.3, 1.35, 433.9e6, 434e6, "")};
    w.document()->setLabels({}, labels, "Set labels");
    std::set<std::uint64_t> ids;
    for (const auto& l : w.document()->labels())
        ids.insert(l.id);
    w.view()->setSelectedLabels(ids);
    const auto spanned = own.file("labels.cf32");
    ASSERT_TRUE(w.exportSelectionTo(QString::fromStdString(spanned)));
    timer.restart();
    while (w.tasks()->isBusy() && timer.elapsed() < 20000)
        QTest::qWait(20);
    EXPECT_EQ(core::openRecording(spanned, open)->info().frames, 700000); // 1.0-1.35 s
}

namespace {
// A mono 48 kHz float WAV holding one tone.
std::string toneWav(const TempDir& dir, const std::string& name, double hz) {
    core::SignalInfo info;
    info.sampleRate = 48000;
    info.frames = 96000;
    info.sampleType = core::SampleType::Float32;
    std::vector<float> v(96000);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = float(0.5 * std::sin(2 * M_PI * hz * double(i) / 48000));
    const auto path = dir.file(name);
    core::SignalWriter w(path, info, {});
    w.write(v.data(), 96000);
    w.finish();
    return path;
}

// The document on a private copy of the demo, with one shape drawn and its autosave written
// (by write or update); returns the autosave's path, which exists.
QString withAutosavedShape(const TempDir& dir, ui::Document& doc, bool update) {
    doc.openRecording(QString::fromStdString(privateAudioDemo(dir)), {});
    doc.addShape(rectShape(1, 2, 100, 200));
    update ? doc.updateAutosave() : doc.writeAutosave();
    EXPECT_TRUE(QFileInfo::exists(doc.autosavePath()));
    return doc.autosavePath();
}
} // namespace

TEST(MainWindow, ReopeningShowsTheNewRecordingNotCachedTilesOfTheOld) {
    TempDir dir;
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    for (double hz : {1000.0, 10000.0, 1000.0}) {
        const auto path = toneWav(dir, "tone" + std::to_string(int(hz)) + ".wav", hz);
        ASSERT_TRUE(w.openPath(QString::fromStdString(path)));
        ASSERT_TRUE(waitForTiles(w));
        auto* s = w.view()->spectrogram();
        EXPECT_GT(s->levelAt(1.0, hz), -20.0) << hz;
        EXPECT_LT(s->levelAt(1.0, hz == 1000.0 ? 10000.0 : 1000.0), -60.0) << hz;
        EXPECT_NEAR(w.view()->plot()->xAxis->range().upper, 2.0, 0.05); // fitted anew
    }
}

TEST(MainWindow, ToneLevelsStayPutWhenTheFftSizeChanges) {
    TempDir dir;
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openPath(QString::fromStdString(toneWav(dir, "t.wav", 3000))));
    ASSERT_TRUE(waitForTiles(w));
    const double before = w.view()->spectrogram()->levelAt(1.0, 3000);
    const auto colours = w.view()->colorParams();
    auto p = w.document()->analysis();
    p.nperseg *= 4;
    p.noverlap *= 4;
    p.nfft *= 4;
    w.document()->setAnalysis(p);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000 && w.view()->scheduler()->computer()->params().nfft != p.nfft)
        QTest::qWait(20);
    ASSERT_TRUE(waitForTiles(w));
    // Spectrum scaling: a tone reads the same level at any FFT size; the levels were refit to
    // the new data and still frame the tone.
    EXPECT_NEAR(w.view()->spectrogram()->levelAt(1.0, 3000), before, 1.0);
    EXPECT_GE(w.view()->colorParams().maxDb, before);
    EXPECT_LE(w.view()->colorParams().maxDb, colours.maxDb + 10);
}

TEST(Document, StereoRecordingsSwitchBetweenIqAndAudioUndoably) {
    TempDir dir;
    const auto copy = dir.file("iq.wav");
    std::filesystem::copy_file(demo().iqRecording, copy);
    ui::Document doc;
    doc.openRecording(QString::fromStdString(copy), {});
    ASSERT_TRUE(doc.info().isComplex()); // the auxi chunk says so
    doc.setIqMode(false);
    EXPECT_FALSE(doc.info().isComplex());
    EXPECT_EQ(doc.info().channels, 2);
    EXPECT_TRUE(doc.project().sourceOptions.forceAudio);
    doc.undoStack()->undo();
    EXPECT_TRUE(doc.info().isComplex());
    doc.undoStack()->redo();
    const auto project = QString::fromStdString(dir.file("p.specedit.json"));
    doc.saveProject(project);
    ui::Document reopened;
    reopened.openProject(project);
    EXPECT_FALSE(reopened.info().isComplex()); // "audio": true kept in source_options
}

TEST(MainWindow, HugeFftSizesRenderWithoutExhaustingTheImageCache) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    auto p = w.document()->analysis();
    p.nperseg = 65536;
    p.noverlap = 49152;
    p.nfft = 262144;
    w.document()->setAnalysis(p);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000 && !(w.view()->scheduler()->computer() &&
                                        w.view()->scheduler()->computer()->params().nfft == 262144))
        QTest::qWait(20);
    ASSERT_TRUE(waitForTiles(w, 60000));
    EXPECT_NE(w.view()->spectrogram()->overviewImage(), nullptr);
    EXPECT_LE(w.view()->spectrogram()->overviewImage()->height(), 2048);
}

TEST(MainWindow, PanelEditsChangeOnlyTheirFieldAndDeleteKeyRemovesTheSelection) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    core::Shape r;
    r.t0 = 0.1;
    r.t1 = 0.2;
    r.f0 = 433.5e6;
    r.f1 = 433.6e6;
    r.gainDb = -6.5;
    r.featherS = 4e-6;
    r.featherHz = 40.4;
    const auto id = w.document()->addShape(r);
    w.view()->setSelectedShape(id);
    auto* name = w.shapesPanel()->findChild<QLineEdit*>();
    name->setText("keyfob");
    emit name->editingFinished();
    const core::Shape* s = w.document()->shape(id);
    EXPECT_EQ(s->extra.value("label", ""), "keyfob");
    EXPECT_EQ(s->gainDb, -6.5);
    EXPECT_EQ(s->featherS, 4e-6);
    EXPECT_EQ(s->featherHz, 40.4);
    // Delete is Edit > Delete, for the whole window: a field being typed into keeps the key,
    // the docks' tab bar (where a click on "Shapes" leaves the focus) does not.
    ASSERT_TRUE(demoWindow.activate());
    name->setFocus();
    QTest::keyClick(name, Qt::Key_Delete);
    EXPECT_EQ(w.document()->shapes().size(), 1u);
    auto* tabs = w.findChild<QTabBar*>();
    ASSERT_NE(tabs, nullptr);
    tabs->setFocus();
    QTest::keyClick(tabs, Qt::Key_Delete);
    EXPECT_TRUE(w.document()->shapes().empty());
    EXPECT_EQ(w.view()->selectedShape(), 0u);
    w.document()->undoStack()->undo();
    EXPECT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_EQ(w.view()->selectedShape(), id); // the deleted shape comes back selected
}

TEST(Document, SavingAProjectRemovesTheRecordingsAutosave) {
    TempDir dir;
    ui::Document doc;
    const QString sidecar = withAutosavedShape(dir, doc, false);
    doc.saveProject(QString::fromStdString(dir.file("rec.specedit.json")));
    EXPECT_FALSE(QFileInfo::exists(sidecar));
    EXPECT_FALSE(QFileInfo::exists(doc.autosavePath()));
}

// Undoing every edit leaves nothing to recover: the autosave goes, and a later session is not
// offered the undone shape back (it was, after a shape drawn and undone before a crash).
TEST(Document, UndoingEveryEditRemovesTheAutosave) {
    TempDir dir;
    ui::Document doc;
    const QString sidecar = withAutosavedShape(dir, doc, true);
    doc.undoStack()->undo();
    ASSERT_FALSE(doc.isModified());
    doc.updateAutosave();
    EXPECT_FALSE(QFileInfo::exists(sidecar));
    EXPECT_FALSE(doc.hasRecoverableAutosave());
    doc.undoStack()->redo(); // modified again: written again
    doc.updateAutosave();
    EXPECT_TRUE(QFileInfo::exists(sidecar));
    doc.removeAutosave();
}

TEST(MainWindow, RawIqDialogIsPrefilledFromTheFileNameAndDropOpensFiles) {
    TempDir dir;
    const auto raw = dir.file("capture_433.92MHz_1Msps.raw");
    std::vector<float> v(2 * 50000, 0.25f);
    specedit::test::writeBytes(raw, v.data(), v.size() * sizeof(float));
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    // The dialog is modal: a rate of 0 is refused with a reason (it opened at the field's
    // last value, silently); then open it with what it proposes.
    QString proposedRate, problem;
    bool stayedOpen = false;
    QTimer::singleShot(300, [&] {
        auto* dialog = qobject_cast<ui::RawIqDialog*>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        auto* rate = dialog->findChild<QDoubleSpinBox*>("rate");
        proposedRate = rate->text();
        QPushButton* open = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open);
        auto* typed = rate->findChild<QLineEdit*>();
        typed->selectAll();
        QTest::keyClicks(typed, "0");
        rate->clearFocus(); // leaving the field puts its last value back before Open runs
        open->click();
        QCoreApplication::processEvents(); // Open is decided behind the field's refusal
        stayedOpen = dialog->isVisible();
        problem = dialog->findChild<QLabel*>("problem")->text();
        typed->selectAll();
        QTest::keyClicks(typed, "1M");
        open->click();
    });
    ASSERT_TRUE(w.openPath(QString::fromStdString(raw)));
    EXPECT_EQ(w.document()->info().sampleRate, 1e6);
    EXPECT_EQ(w.document()->info().centerFrequency.value_or(0), 433.92e6);
    EXPECT_EQ(w.document()->info().frames, 50000);
    EXPECT_EQ(proposedRate, "1 MHz");
    EXPECT_TRUE(stayedOpen);
    EXPECT_EQ(problem.toStdString(), "Sample rate \"0\" is not a rate from 1 Hz to 10 GHz (2M, 2 "
                                     "MHz, 2e6); it stays 1 MHz.");
    // Opened files land in File > Open Recent, newest first, once their picture is complete.
    ASSERT_TRUE(waitForTiles(w));
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    ASSERT_FALSE(recent.isEmpty());
    EXPECT_TRUE(recent.first().endsWith("capture_433.92MHz_1Msps.raw"));
    bool inMenu = false;
    for (auto* menu : w.menuBar()->findChildren<QMenu*>())
        for (auto* action : menu->actions())
            inMenu = inMenu || action->text() == "capture_433.92MHz_1Msps.raw";
    EXPECT_TRUE(inMenu);
    // Dropping a file on the window opens it.
    const auto wav = toneWav(dir, "dropped.wav", 440);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(wav))});
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    EXPECT_TRUE(w.document()->sourcePath().endsWith("dropped.wav"))
        << w.document()->sourcePath().toStdString() << " accepted " << drop.isAccepted();
}

TEST(ShapeEditGesture, LassoStretchesWithItsBoxAndMovesWhole) {
    core::Shape lasso;
    lasso.type = core::ShapeType::Polygon;
    lasso.points = {{1.0, 100}, {2.0, 100}, {1.5, 300}};
    // Drag the right edge from t = 2 to t = 3: x doubles relative to the left edge.
    const ui::ShapeEditGesture right(lasso, {2.0, 200}, ui::ShapeEditGesture::kRight);
    const auto wide = right.at({3.0, 250});
    EXPECT_EQ(wide.points[0], (core::TfPoint{1.0, 100}));
    EXPECT_EQ(wide.points[1], (core::TfPoint{3.0, 100}));
    EXPECT_EQ(wide.points[2], (core::TfPoint{2.0, 300})); // frequency untouched
    const ui::ShapeEditGesture move(lasso, {1.5, 200}, ui::ShapeEditGesture::kNone);
    const auto moved = move.at({2.0, 250});
    EXPECT_EQ(moved.points[2], (core::TfPoint{2.0, 350}));
    // Edge hit test on the points' extent, 5 px tolerance at 1 px per unit.
    auto identity = [](double t, double f) { return QPointF(t, -f); };
    EXPECT_EQ(ui::ShapeEditGesture::edgesNear(lasso, {2.0, -200}, identity, 0.1),
              ui::ShapeEditGesture::kRight);
    EXPECT_EQ(ui::ShapeEditGesture::edgesNear(lasso, {1.5, -200}, identity, 0.1),
              ui::ShapeEditGesture::kNone);
}

TEST(Document, AnalysisEditsAreUndoableAndMerge) {
    ui::Document doc;
    doc.openRecording(QString::fromStdString(demo().audioRecording), {});
    const auto original = doc.analysis();
    auto p = original;
    p.nperseg = 1024;
    p.noverlap = 768;
    p.nfft = 1024;
    doc.setAnalysis(p, 2);
    p.nperseg = 512;
    p.noverlap = 384;
    p.nfft = 512;
    doc.setAnalysis(p, 2); // same control: merges
    EXPECT_EQ(doc.undoStack()->count(), 1);
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.analysis().nperseg, 512);
    doc.undoStack()->undo();
    EXPECT_EQ(doc.analysis(), original);
    EXPECT_FALSE(doc.isModified());
    doc.undoStack()->redo();
    EXPECT_EQ(doc.analysis().nperseg, 512);
    // A refused change explains itself and leaves the document alone.
    auto bad = doc.analysis();
    bad.noverlap = 0; // hann without overlap breaks NOLA
    EXPECT_THROW(doc.setAnalysis(bad, 3), core::Error);
    EXPECT_EQ(doc.undoStack()->count(), 1);
    // Setting the same parameters pushes nothing.
    doc.setAnalysis(doc.analysis(), 4);
    EXPECT_EQ(doc.undoStack()->count(), 1);
}

TEST(Document, AutosaveRecoversUnsavedShapesAfterACrash) {
    TempDir dir;
    const auto copy = privateAudioDemo(dir);
    {
        ui::Document doc;
        doc.openRecording(QString::fromStdString(copy), {});
        doc.addShape(rectShape(1.0, 1.5, 2000, 3000, -30));
        doc.writeAutosave(); // then the program dies without saving
        EXPECT_TRUE(QFileInfo::exists(doc.autosavePath()));
        // Never beside the recording (its folder may be read-only or shared): in the user's
        // data folder.
        EXPECT_FALSE(doc.autosavePath().startsWith(QString::fromStdString(dir.path().string())));
        EXPECT_TRUE(doc.autosavePath().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }
    auto doc = std::make_unique<ui::Document>();
    doc->openRecording(QString::fromStdString(copy), {});
    ASSERT_TRUE(doc->hasRecoverableAutosave());
    doc->recoverAutosave();
    ASSERT_EQ(doc->shapes().size(), 1u);
    EXPECT_EQ(doc->shapes()[0].gainDb, -30);
    EXPECT_TRUE(doc->isModified());
    doc->undoStack()->undo(); // recovery is one undoable step
    EXPECT_TRUE(doc->shapes().empty());
    doc->undoStack()->redo();
    const auto project = QString::fromStdString(dir.file("rec.specedit.json"));
    doc->saveProject(project);
    // Once saved as a project, the sidecar lives beside the project, and recovery still works.
    EXPECT_EQ(doc->autosavePath(), project + ".autosave");
    doc->removeShape(doc->addShape(rectShape(3.0, 3.5, 2000, 3000, -20))); // id 2 unused
    doc->addShape(rectShape(2.0, 2.5, 2000, 3000, -20));
    doc->writeAutosave();
    const QString sidecar = doc->autosavePath();
    const auto ids = [](const std::vector<core::Shape>& shapes) {
        std::vector<std::uint64_t> out;
        for (const auto& s : shapes)
            out.push_back(s.id);
        return out;
    };
    const auto before = ids(doc->shapes());
    doc.reset(); // then the program dies
    ui::Document reopened;
    reopened.openProject(project);
    ASSERT_TRUE(reopened.hasRecoverableAutosave());
    reopened.recoverAutosave();
    EXPECT_EQ(reopened.shapes().size(), 2u);
    // Each shape keeps its id, so its name ("rect 3" had come back as "rect 4").
    EXPECT_EQ(ids(reopened.shapes()), before);
    EXPECT_EQ(reopened.addShape(rectShape(4.0, 4.5, 2000, 3000, -20)), before.back() + 1);
    reopened.removeAutosave();
    EXPECT_FALSE(QFileInfo::exists(sidecar));
    EXPECT_FALSE(QFileInfo::exists(reopened.autosavePath()));
}

TEST(Document, UnreadableFilesThrowAndLeaveTheDocumentEmpty) {
    ui::Document doc;
    TempDir dir;
    EXPECT_THROW(doc.openRecording(QString::fromStdString(dir.file("missing.wav")), {}),
                 core::Error);
    EXPECT_FALSE(doc.hasSource());
}

TEST(MainWindow, ConsistentResynthesisExportReportsTheInconsistencyBeforeAndAfter) {
    TempDir dir;
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    const std::string copy = dir.file("voice.wav");
    std::filesystem::copy_file(test::demo().audioRecording, copy);
    ASSERT_TRUE(w.openPath(QString::fromStdString(copy)));
    core::Shape cut; // the whistle band, removed for a second
    cut.t0 = 0.5;
    cut.t1 = 1.5;
    cut.f0 = 2000;
    cut.f1 = 3000;
    w.document()->addShape(cut);
    const auto out = dir.file("consistent.wav");
    ASSERT_TRUE(w.exports()->exportConsistentTo(QString::fromStdString(out), 10));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !w.tasks()->isBusy(); }, 120000));
    const QString message = w.statusBar()->currentMessage();
    EXPECT_TRUE(message.contains("inconsistency")) << message.toStdString();
    EXPECT_TRUE(message.contains("before")) << message.toStdString();
    EXPECT_TRUE(message.contains("after 10 iterations")) << message.toStdString();
    const auto written = core::openRecording(out, {});
    EXPECT_EQ(written->info().frames, w.document()->source()->info().frames);
}
