// The editor's view on a 60 s, 2 MHz IQ recording holding 120 bursts of 20 ms (one every
// 0.5 s, +300 kHz, 40 dB over the noise), at 1600x900 on the offscreen platform, for windows
// of 256, 4096 and 65536 samples (75 % overlap): time from opening to the first picture and to
// the complete (exact) picture, how many of the 120 bursts the complete picture and the
// overview show, the time per frame of zooming and panning once tiles are cached, and the peak
// memory; and the trace lane's computation for the fitted view. A benchmark program (prints
// figures), not a test.
//
//   ./build/bench/specedit_view_bench [PROJECT_OR_RECORDING]
//   (default: the burst recording, written once to the temporary folder, 480 MB)
//
// With --scroll SECONDS it opens the recording and shows views of that length one after the
// other from its start to its end, as a user scrolling through it would, waiting for each
// picture to be complete: the time per view and the peak memory (bench/long_recording.py).
//
//   ./build/bench/specedit_view_bench --scroll 2 RECORDING
//
// With --many N it opens a project of N rectangles and N labels on the burst recording and
// times what a user does with it: opening, a zoom and a pan, drawing one more shape, undoing
// it, deleting a label (docs/reliability.md).
//
//   ./build/bench/specedit_view_bench --many 100000

#include "Document.h"
#include "MainWindow.h"
#include "io/SignalWriter.h"
#include "project/Project.h"
#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "render/Trace.h"
#include "view/SpectrogramPlottable.h"
#include "view/SpectrogramView.h"

#include <QApplication>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numbers>
#include <qcustomplot.h>
#include <random>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace specedit;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr double kRate = 2e6;
constexpr double kBurstHz = 300e3;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The 60 s burst recording as cs16, written second by second.
fs::path burstRecording(const fs::path& dir) {
    const auto path = dir / "bursts120.cs16";
    if (fs::exists(path))
        return path;
    fs::create_directories(dir);
    core::SignalInfo info;
    info.kind = core::SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = kRate;
    info.sampleType = core::SampleType::Int16;
    core::SignalWriter w(path.string(), info, {});
    std::mt19937 rng(1);
    std::normal_distribution<float> noise(0.0f, 1e-3f);
    std::vector<float> block(std::size_t(2 * kRate));
    for (int s = 0; s < 60; ++s) {
        for (std::size_t i = 0; i < block.size() / 2; ++i) {
            const double t = s + double(i) / kRate;
            const bool on = std::fmod(t, 0.5) >= 0.25 && std::fmod(t, 0.5) < 0.27;
            const double ph = 2 * std::numbers::pi * kBurstHz * t;
            block[2 * i] = noise(rng) + (on ? 0.1f * float(std::cos(ph)) : 0.0f);
            block[2 * i + 1] = noise(rng) + (on ? 0.1f * float(std::sin(ph)) : 0.0f);
        }
        w.write(block.data(), std::int64_t(kRate));
    }
    w.finish();
    return path;
}

fs::path project(const fs::path& recording, int window) {
    const auto path =
        recording.parent_path() / ("bursts120_" + std::to_string(window) + ".specedit.json");
    std::ofstream(path) << R"({"version": 1, "source": ")" << recording.filename().string()
                        << R"(", "source_options": {"rate": 2000000, "format": "cs16"},)"
                        << R"("analysis": {"window": "hann", "nperseg": )" << window
                        << R"(, "noverlap": )" << window * 3 / 4 << "}}";
    return path;
}

// Replots after `step` and returns the replot's duration in ms (tiles must be cached).
double frame(ui::SpectrogramView* view, const std::function<void()>& step) {
    step();
    const auto t = Clock::now();
    view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    return msSince(t);
}

// Bursts (centres at 0.26 + 0.5 k s) above the noise in the view and in the overview tile.
std::pair<int, int> burstsShown(ui::SpectrogramView* view) {
    auto* s = view->spectrogram();
    const auto overview = view->scheduler()->cached(s->overviewKey());
    const auto& c = view->scheduler()->computer();
    int inView = 0, inOverview = 0;
    for (int k = 0; k < 120; ++k) {
        const double t = 0.26 + 0.5 * k;
        inView += s->levelAt(t, kBurstHz) > -50 ? 1 : 0;
        if (!overview)
            continue;
        const auto frame = std::int64_t(std::lround(t * kRate / c->params().hop()));
        const int bin = int(std::lround((kBurstHz + kRate / 2) / (kRate / c->params().nfft)));
        inOverview += overview->at(int(frame >> overview->level), bin >> overview->rowLevel) > -50;
    }
    return {inView, inOverview};
}

// The editor's window at 1600 x 900 with path opened; null when it cannot be opened.
std::unique_ptr<ui::MainWindow> openWindow(const QString& path) {
    auto w = std::make_unique<ui::MainWindow>();
    w->resize(1600, 900);
    w->show();
    if (!w->openPath(path))
        return nullptr;
    return w;
}

void run(const QString& path) {
    const auto opened = Clock::now();
    const auto window = openWindow(path);
    if (!window)
        return;
    ui::MainWindow& w = *window;
    auto* view = w.view();
    double firstPicture = -1, fullPicture = -1;
    while (msSince(opened) < 120000 && fullPicture < 0) {
        QTest::qWait(2);
        auto* s = view->spectrogram();
        if (firstPicture < 0 && s->lastDrawnTiles() > 0)
            firstPicture = msSince(opened);
        if (view->scheduler()->computer() && view->scheduler()->isIdle() &&
            s->lastDrawnTiles() > 0 && s->lastMissingTiles() == 0 && s->lastInexactTiles() == 0)
            fullPicture = msSince(opened);
    }
    const auto [inView, inOverview] = burstsShown(view);
    std::vector<double> frames;
    for (int i = 0; i < 20; ++i) {
        frames.push_back(frame(view, [&] { view->panTime(i % 2 ? 0.02 : -0.02); }));
        frames.push_back(frame(view, [&] { view->zoomTime(i % 2 ? 1.05 : 1 / 1.05, 30); }));
    }
    std::sort(frames.begin(), frames.end());
    std::printf("%-34s window %6d: first picture %6.0f ms, complete %6.0f ms, bursts shown "
                "%d/120 (overview %d/120), cached frame median %.1f ms (max %.1f)\n",
                fs::path(path.toStdString()).filename().c_str(), w.document()->analysis().nperseg,
                firstPicture, fullPicture, inView, inOverview, frames[frames.size() / 2],
                frames.back());
}

// The resident set now, in MB (/proc/self/statm).
long residentMb() {
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE) / (1 << 20);
}

// Waits until the view's picture is complete (or 60 s); returns the time waited in ms.
double untilComplete(ui::SpectrogramView* view) {
    const auto t = Clock::now();
    while (msSince(t) < 60000) {
        QTest::qWait(1);
        if (view->scheduler()->computer() && view->scheduler()->isIdle() &&
            view->isPictureComplete())
            break;
    }
    return msSince(t);
}

// Opens the recording, then shows `span` seconds at a time from its start to its end.
void scroll(const QString& path, double span) {
    const auto opened = Clock::now();
    const auto window = openWindow(path);
    if (!window)
        return;
    ui::MainWindow& w = *window;
    auto* view = w.view();
    untilComplete(view);
    const double openMs = msSince(opened);
    const auto info = w.document()->source()->info();
    const double duration = double(info.frames) / info.sampleRate;
    const double fc = info.centerFrequency.value_or(0.0);
    std::vector<double> steps;
    std::string resident;
    for (double t0 = 0; t0 + span <= duration + 1e-9; t0 += span) {
        view->showSpan(t0, t0 + span, fc - info.sampleRate / 2, fc + info.sampleRate / 2);
        steps.push_back(untilComplete(view));
        if (steps.size() % 50 == 0) { // the caches fill, then hold: memory stops growing
            char line[64];
            std::snprintf(line, sizeof line, " %ld MB after %zu views;", residentMb(),
                          steps.size());
            resident += line;
        }
    }
    std::sort(steps.begin(), steps.end());
    std::printf("%s: %.0f s; whole recording's picture complete %.0f ms after opening\n",
                fs::path(path.toStdString()).filename().c_str(), duration, openMs);
    std::printf("resident memory:%s\n", resident.c_str());
    std::printf("scrolled %zu views of %g s: complete after median %.0f ms, max %.0f ms\n",
                steps.size(), span, steps[steps.size() / 2], steps.back());
}

// A project of n rectangles (-6 dB, 10 ms x 20 kHz, spread over the recording and the band)
// and n labels of three classes on the burst recording.
fs::path manyProject(const fs::path& recording, int n) {
    core::Project p;
    p.source = recording.filename().string();
    p.sourceOptions.rawFormat = "cs16";
    p.sourceOptions.sampleRate = kRate;
    p.classes = {
        {"open", "#e15759", 1, {}}, {"close", "#4e79a7", 2, {}}, {"idle", "#59a14f", 3, {}}};
    for (int i = 0; i < n; ++i) {
        const double t = 59.9 * i / n;
        const double f = -9e5 + double((i * 7919) % 1800) * 1e3;
        core::Shape s;
        s.id = std::uint64_t(i + 1);
        s.t0 = t;
        s.t1 = t + 0.01;
        s.f0 = f;
        s.f1 = f + 20e3;
        s.gainDb = -6;
        p.shapes.push_back(s);
        core::Label l;
        l.id = std::uint64_t(i + 1);
        l.t0 = t;
        l.t1 = t + 0.02;
        l.f0 = -f;
        l.f1 = -f + 30e3;
        l.className = p.classes[std::size_t(i % 3)].name;
        p.labels.push_back(l);
    }
    const auto path = recording.parent_path() / ("many_" + std::to_string(n) + ".specedit.json");
    core::saveProject(p, path.string());
    return path;
}

// Runs step, then processes events until the view's picture is complete; returns "T ms (S in
// the step itself)".
std::string timed(ui::SpectrogramView* view, const std::function<void()>& step) {
    const auto t = Clock::now();
    step();
    const double inStep = msSince(t);
    QApplication::processEvents();
    untilComplete(view);
    char text[64];
    std::snprintf(text, sizeof text, "%.0f ms (%.0f in the call)", msSince(t), inStep);
    return text;
}

void many(int n) {
    const auto recording = burstRecording(fs::temp_directory_path() / "specedit-view-bench");
    const auto path = manyProject(recording, n);
    const auto opened = Clock::now();
    const auto window = openWindow(QString::fromStdString(path.string()));
    if (!window)
        return;
    auto* view = window->view();
    untilComplete(view);
    const double openMs = msSince(opened);
    auto* doc = window->document();
    const auto zoom = timed(view, [&] { view->zoomTime(1.25, 30); });
    const auto pan = timed(view, [&] { view->panTime(0.1); });
    core::Shape drawn;
    drawn.t0 = 30;
    drawn.t1 = 30.5;
    drawn.f0 = 1e5;
    drawn.f1 = 2e5;
    drawn.gainDb = -20;
    const auto draw = timed(view, [&] { doc->addShape(drawn); });
    const auto undo = timed(view, [&] { doc->undoStack()->undo(); });
    for (int i = 0; qEnvironmentVariableIsSet("SPECEDIT_BENCH_REPEAT") && i < 10; ++i) {
        doc->addShape(drawn); // for a profiler: the edit alone, many times
        doc->undoStack()->undo();
    }
    auto labels = doc->labels();
    labels.erase(labels.begin() + std::ptrdiff_t(labels.size() / 2));
    const auto del = timed(view, [&] { doc->setLabels(labels, "Delete label"); });
    std::printf("%d shapes and %d labels: open to complete picture %.0f ms; zoom %s, pan %s, draw "
                "a shape %s, undo %s, delete a label %s (%zu shapes, %zu labels held)\n",
                n, n, openMs, zoom.c_str(), pan.c_str(), draw.c_str(), undo.c_str(), del.c_str(),
                doc->shapes().size(), doc->labels().size());
    doc->removeAutosave(); // the window is not closed: no question, no autosave left behind
}

// The trace lane's work for the fitted view (1200 columns over the whole recording) and for a
// 2 s view with the burst's band selected (its instantaneous frequency too).
void traceTimes(const QString& projectPath) {
    ui::Document doc;
    doc.openProject(projectPath);
    const auto src = doc.source();
    const double duration = double(src->info().frames) / src->info().sampleRate;
    auto time = [&](core::TraceRequest r) {
        core::JobControl job;
        const auto t0 = Clock::now();
        core::computeTrace(*src, r, job);
        return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    };
    core::TraceRequest whole;
    whole.t0 = 0;
    whole.t1 = duration;
    whole.columns = 1200;
    core::TraceRequest band = whole;
    band.t1 = 2.0;
    const double fc = src->info().centerFrequency.value_or(0.0);
    band.band = std::make_pair(fc + kBurstHz - 20e3, fc + kBurstHz + 20e3);
    std::printf("trace lane: fitted view (%.0f s, 1200 columns) %6.0f ms; 2 s view with the "
                "burst's band %6.0f ms\n",
                duration, time(whole), time(band));
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc > 2 && QString(argv[1]) == "--many") {
        many(std::atoi(argv[2]));
    } else if (argc > 3 && QString(argv[1]) == "--scroll") {
        scroll(QString::fromLocal8Bit(argv[3]), std::atof(argv[2]));
    } else if (argc > 1) {
        run(QString::fromLocal8Bit(argv[1]));
    } else {
        const auto recording = burstRecording(fs::temp_directory_path() / "specedit-view-bench");
        for (int window : {256, 4096, 65536})
            run(QString::fromStdString(project(recording, window).string()));
        traceTimes(QString::fromStdString(project(recording, 4096).string()));
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak memory %.0f MB\n", usage.ru_maxrss / 1024.0);
    return 0;
}
