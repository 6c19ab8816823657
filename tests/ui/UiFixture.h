#pragma once
// Shared by the editor tests: the demo recordings, a window on a private copy of the IQ demo,
// waiting for tiles, and simulated mouse input.

#include "../core/TestUtil.h"
#include "MainWindow.h"
#include "TaskRunner.h"
#include "apply/Demo.h"
#include "render/TileScheduler.h"
#include "view/SpectrogramPlottable.h"
#include "view/SpectrogramView.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <filesystem>
#include <functional>
#include <qcustomplot.h>

namespace specedit::test {

using namespace specedit;

// The demo's IQ recording, written once per test run.
inline const core::DemoFiles& demo() {
    static TempDir dir;
    static const core::DemoFiles files = [] {
        core::JobControl job;
        core::DemoSpec spec;
        spec.iqSeconds = 2.0;
        spec.audioSeconds = 3.0;
        return core::writeDemo(dir.path().string(), spec, job);
    }();
    return files;
}

// A rectangle shape (seconds, Hz) with a gain.
inline core::Shape rectShape(double t0, double t1, double f0, double f1, double gainDb = -120) {
    core::Shape s;
    s.t0 = t0;
    s.t1 = t1;
    s.f0 = f0;
    s.f1 = f1;
    s.gainDb = gainDb;
    return s;
}

// A private copy of the demo audio recording, named rec.wav.
inline std::string privateAudioDemo(const TempDir& dir) {
    const auto copy = dir.file("rec.wav");
    std::filesystem::copy_file(demo().audioRecording, copy);
    return copy;
}

// A private copy of the demo IQ recording, so that one test's autosave sidecar can never
// make another test's window ask to recover it.
inline QString privateIqDemo(const TempDir& dir) {
    const auto path = dir.file("SDRuno_20261121_120000Z_433920kHz.wav");
    std::filesystem::copy_file(demo().iqRecording, path);
    return QString::fromStdString(path);
}

// Processes events until the view has drawn every visible tile, exact, from its own level
// (or the timeout passes).
// Runs `answer` on the next modal widget of type T as soon as it shows.
template <typename T> inline void onNextModal(std::function<void(T*)> answer) {
    auto* timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, [timer, answer] {
        if (auto* modal = qobject_cast<T*>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(modal);
        }
    });
    timer->start(20);
}

inline bool waitForTiles(ui::MainWindow& w, int timeoutMs = 20000) {
    QElapsedTimer timer;
    timer.start();
    auto complete = [&] { return w.view()->isPictureComplete(); };
    while (timer.elapsed() < timeoutMs) {
        QTest::qWait(50);
        if (!complete())
            continue;
        // The last paint may predate the last tiles: paint now (it asks again for anything
        // missing, so the scheduler is busy again if something was) and check once more.
        w.view()->plot()->replot(QCustomPlot::rpImmediateRefresh);
        QTest::qWait(20);
        w.view()->plot()->replot(QCustomPlot::rpImmediateRefresh);
        if (complete())
            return true;
    }
    return false;
}

// Processes events until the window's task (export, wand, detection) ends, at most 30 s.
inline bool waitForTask(ui::MainWindow& w) {
    QElapsedTimer timer;
    timer.start();
    while (w.tasks()->isBusy() && timer.elapsed() < 30000)
        QTest::qWait(20);
    return !w.tasks()->isBusy();
}

// Shows the window at 1400x850, opens path and waits until every visible tile is drawn.
inline bool openAndWait(ui::MainWindow& w, const QString& path, int timeoutMs = 20000) {
    w.resize(1400, 850);
    w.show();
    return w.openPath(path) && waitForTiles(w, timeoutMs);
}

// A main window on a private copy of the IQ demo, 1400x850.
struct DemoWindow {
    TempDir dir; // outlives the window: declared first
    ui::MainWindow window;
    // Opens the demo; with waitTiles, returns only when every visible tile is drawn.
    bool open(bool waitTiles) {
        window.resize(1400, 850);
        window.show();
        return window.openPath(privateIqDemo(dir)) && (!waitTiles || waitForTiles(window));
    }
    // Opens the audio demo instead, every visible tile drawn.
    bool openAudio() {
        window.resize(1400, 850);
        window.show();
        return openAndWait(window, QString::fromStdString(privateAudioDemo(dir)));
    }
    // Makes the window the active one, as a click on it would (keys reach its shortcuts).
    bool activate() {
        QApplication::setActiveWindow(&window);
        return QTest::qWaitForWindowActive(&window);
    }
};

inline void send(QWidget* w, QEvent::Type type, QPointF at, Qt::MouseButton button,
                 Qt::MouseButtons buttons) {
    QMouseEvent e(type, at, w->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

// The widget pixel of plot coordinates (seconds, Hz) in an axis rect (nullptr: the main one).
inline QPointF pixelOf(QCustomPlot* plot, QPointF c, QCPAxisRect* rect = nullptr) {
    rect = rect ? rect : plot->axisRect();
    return {rect->axis(QCPAxis::atBottom)->coordToPixel(c.x()),
            rect->axis(QCPAxis::atLeft)->coordToPixel(c.y())};
}

// A left-button drag through the given plot coordinates (seconds, Hz), in an axis rect
// (nullptr: the main one).
inline void drag(QCustomPlot* plot, const std::vector<QPointF>& coords,
                 QCPAxisRect* rect = nullptr) {
    auto px = [plot, rect](QPointF c) { return pixelOf(plot, c, rect); };
    send(plot, QEvent::MouseButtonPress, px(coords.front()), Qt::LeftButton, Qt::LeftButton);
    for (std::size_t i = 1; i < coords.size(); ++i)
        send(plot, QEvent::MouseMove, px(coords[i]), Qt::NoButton, Qt::LeftButton);
    send(plot, QEvent::MouseButtonRelease, px(coords.back()), Qt::LeftButton, Qt::NoButton);
}

// The window's action with this text (as in its menu, with the & marker), or nullptr.
inline QAction* action(ui::MainWindow& w, const QString& text) {
    for (auto* a : w.findChildren<QAction*>())
        if (a->text() == text)
            return a;
    return nullptr;
}

// Gives this test process its own QSettings folder: CTest runs tests in parallel processes,
// which must not share the recent-files list or the opening marker; and keeps autosaves out
// of the user's data folder (QStandardPaths' test mode). Call once in main().
inline void isolateSettings() {
    static TempDir dir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       QString::fromStdString(dir.path().string()));
}

} // namespace specedit::test
