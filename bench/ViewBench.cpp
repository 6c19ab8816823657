// The editor's view on a long 2 MHz IQ recording, at 1600x900 on the offscreen platform:
// time from program start to the first picture and to the complete picture of the whole
// recording, then the time per frame of zooming and panning once tiles are cached, and the
// peak memory. A benchmark program (prints figures), not a test.
//
//   ./build/bench/specedit_view_bench [RECORDING]   (default: a 60 s demo recording)

#include "MainWindow.h"
#include "apply/Demo.h"
#include "render/TileScheduler.h"
#include "view/SpectrogramPlottable.h"
#include "view/SpectrogramView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <qcustomplot.h>
#include <sys/resource.h>
#include <vector>

using namespace specedit;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string demoRecording(double seconds) {
    const auto dir = std::filesystem::temp_directory_path() / "specedit-view-bench";
    const auto path = dir / "SDRuno_20261121_120000Z_433920kHz.wav";
    if (!std::filesystem::exists(path)) {
        core::JobControl job;
        core::DemoSpec spec;
        spec.iqSeconds = seconds;
        core::writeDemo(dir.string(), spec, job);
    }
    return path.string();
}

// Replots after `step` and returns the replot's duration in ms (tiles must be cached).
double frame(ui::SpectrogramView* view, const std::function<void()>& step) {
    step();
    const auto t = Clock::now();
    view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    return msSince(t);
}

} // namespace

int main(int argc, char** argv) {
    const auto start = Clock::now();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::string path = argc > 1 ? argv[1] : demoRecording(60.0);
    const auto opened = Clock::now();
    ui::MainWindow w;
    w.resize(1600, 900);
    w.show();
    if (!w.openPath(QString::fromStdString(path)))
        return 1;
    auto* view = w.view();
    double firstPicture = -1, fullPicture = -1;
    while (msSince(opened) < 60000 && fullPicture < 0) {
        QTest::qWait(2);
        auto* s = view->spectrogram();
        if (firstPicture < 0 && s->lastDrawnTiles() > 0)
            firstPicture = msSince(start);
        if (view->scheduler()->computer() && view->scheduler()->isIdle() &&
            s->lastDrawnTiles() > 0 && s->lastMissingTiles() == 0)
            fullPicture = msSince(start);
    }
    // Frames: zoom in and out and pan across a range whose tiles are now cached.
    std::vector<double> frames;
    for (int i = 0; i < 20; ++i) {
        frames.push_back(frame(view, [&] { view->panTime(i % 2 ? 0.02 : -0.02); }));
        frames.push_back(frame(view, [&] { view->zoomTime(i % 2 ? 1.05 : 1 / 1.05, 30); }));
    }
    std::sort(frames.begin(), frames.end());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("recording        %s\n", path.c_str());
    std::printf("first picture    %.0f ms after program start (writing the demo excluded)\n",
                firstPicture - std::chrono::duration<double, std::milli>(opened - start).count());
    std::printf("full picture     %.0f ms after program start (same)\n",
                fullPicture - std::chrono::duration<double, std::milli>(opened - start).count());
    std::printf("frame (cached)   median %.1f ms, max %.1f ms over %zu zoom/pan frames\n",
                frames[frames.size() / 2], frames.back(), frames.size());
    std::printf("peak memory      %.0f MB\n", usage.ru_maxrss / 1024.0);
    return 0;
}
