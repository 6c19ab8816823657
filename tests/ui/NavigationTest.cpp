// What users reach for first: wheel zoom by 1.5x a notch (Ctrl finer, over the frequency axis
// for frequency), double-click to zoom to a shape, Ctrl+Y, the Help menu, the Open dialog's
// filter and the image export's suffix.

#include "Document.h"
#include "UiFixture.h"

#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTextBrowser>
#include <QTimer>
#include <gtest/gtest.h>

using namespace specedit::test;

namespace {

void wheel(QCustomPlot* plot, QPointF at, int notches, Qt::KeyboardModifiers mods = {}) {
    QWheelEvent e(at, plot->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton, mods,
                  Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &e);
}

// Runs fn on the next modal dialog as soon as it shows, then closes it.
template <typename Fn> void onNextDialog(Fn fn) {
    auto* timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, [timer, fn] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            fn(modal);
            if (modal->isVisible())
                modal->close();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

} // namespace

TEST(Navigation, WheelNotchZoomsOneAndAHalfTimesCtrlFinerAxisForFrequency) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto* plot = demoWindow.window.view()->plot();
    const QPointF centre = plot->axisRect()->rect().center();
    const double t0 = plot->xAxis->range().size(), f0 = plot->yAxis->range().size();
    wheel(plot, centre, 1);
    EXPECT_NEAR(plot->xAxis->range().size(), t0 / 1.5, t0 * 1e-6);
    wheel(plot, centre, 1, Qt::ControlModifier);
    EXPECT_NEAR(plot->xAxis->range().size(), t0 / 1.5 / 1.1, t0 * 1e-6);
    // Over the frequency axis (left of the plot area): frequency zooms, time stays.
    const double t1 = plot->xAxis->range().size();
    wheel(plot, QPointF(plot->axisRect()->left() - 20, centre.y()), 1);
    EXPECT_NEAR(plot->yAxis->range().size(), f0 / 1.5, f0 * 1e-6);
    EXPECT_DOUBLE_EQ(plot->xAxis->range().size(), t1);
}

// A real signal's spectrum starts at 0 Hz: zooming in on the hum at the bottom of an audio
// recording never shows negative frequencies (a tester read "f -8.0 Hz"), nor the half bin
// above half the rate.
TEST(Navigation, AnAudioViewStaysBetweenZeroAndHalfTheRate) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.openAudio());
    auto& w = demoWindow.window;
    auto* plot = w.view()->plot();
    const double half = w.document()->info().sampleRate / 2;
    EXPECT_EQ(plot->yAxis->range().lower, 0);
    EXPECT_EQ(plot->yAxis->range().upper, half);
    const QPointF bottom(plot->axisRect()->left() - 20, plot->axisRect()->bottom() - 1);
    for (int i = 0; i < 8; ++i)
        wheel(plot, bottom, 1);
    EXPECT_LT(plot->yAxis->range().size(), half / 20);
    EXPECT_GE(plot->yAxis->range().lower, 0);
    const QPointF top(plot->axisRect()->left() - 20, plot->axisRect()->top() + 1);
    for (int i = 0; i < 8; ++i)
        wheel(plot, top, -1);
    EXPECT_GE(plot->yAxis->range().lower, 0);
    EXPECT_LE(plot->yAxis->range().upper, half);
}

TEST(Navigation, DoubleClickZoomsToTheShapeAndCtrlYRedoes) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const auto id = w.document()->addShape(rectShape(1.0, 1.2, 433.5e6, 433.6e6));
    auto* plot = w.view()->plot();
    const QPointF at(plot->xAxis->coordToPixel(1.1), plot->yAxis->coordToPixel(433.55e6));
    QMouseEvent dbl(QEvent::MouseButtonDblClick, at, plot->mapToGlobal(at), Qt::LeftButton,
                    Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(plot, &dbl);
    EXPECT_EQ(w.view()->selectedShape(), id);
    EXPECT_LT(plot->xAxis->range().size(), 0.3);
    EXPECT_NEAR(plot->xAxis->range().center(), 1.1, 0.01);
    // Undo, then Ctrl+Y redoes.
    w.document()->undoStack()->undo();
    EXPECT_TRUE(w.document()->shapes().empty());
    ASSERT_TRUE(demoWindow.activate());
    QTest::keyClick(w.windowHandle(), Qt::Key_Y, Qt::ControlModifier);
    EXPECT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_EQ(w.view()->selectedShape(), id); // what came back is what the panel shows
}

TEST(Navigation, HelpMenuListsTheRealShortcutsAndTheGuide) {
    ui::MainWindow w;
    QString shortcuts, guide;
    onNextDialog([&](QWidget* d) { shortcuts = d->findChild<QTextBrowser*>()->toPlainText(); });
    action(w, "&Keyboard shortcuts")->trigger();
    EXPECT_TRUE(shortcuts.contains("Export edited recording")) << shortcuts.toStdString();
    EXPECT_TRUE(shortcuts.contains("Ctrl+E"));
    EXPECT_TRUE(shortcuts.contains("Ctrl+Y"));
    // By menu in the menus' order (File before Labels), the picture's own keys listed too, and
    // Undo without the step it would undo now.
    EXPECT_LT(shortcuts.indexOf("Export edited recording"), shortcuts.indexOf("Detect bursts"));
    EXPECT_TRUE(shortcuts.contains("Zoom frequency in / out")) << shortcuts.toStdString();
    EXPECT_TRUE(shortcuts.contains("Edit\nUndo\nCtrl+Z")) << shortcuts.toStdString();
    onNextDialog([&](QWidget* d) { guide = d->findChild<QTextBrowser*>()->toPlainText(); });
    action(w, "User &guide")->trigger();
    EXPECT_TRUE(guide.contains("Using the editor")) << guide.left(200).toStdString();
    EXPECT_TRUE(guide.contains("Export"));
}

TEST(Navigation, OpenDialogShowsUrhFilesAndImageExportAddsPng) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    QString filters;
    onNextDialog([&](QWidget* d) {
        if (auto* fd = qobject_cast<QFileDialog*>(d))
            filters = fd->nameFilters().join(";");
    });
    action(w, "&Open…")->trigger();
    EXPECT_TRUE(filters.contains("*.complex ")) << filters.toStdString();
    EXPECT_TRUE(filters.contains("*.complex16u"));
    const QString bare = QString::fromStdString(demoWindow.dir.file("picture"));
    onNextDialog([&](QWidget* d) {
        if (auto* fd = qobject_cast<QFileDialog*>(d)) {
            // As typed into the name field: a bare name, no suffix.
            if (auto* name = fd->findChild<QLineEdit*>("fileNameEdit"))
                name->setText(bare);
            QMetaObject::invokeMethod(fd, "accept");
        }
    });
    action(w, "Export spectrogram &image…")->trigger();
    EXPECT_TRUE(QFileInfo::exists(bare + ".png"));
}
