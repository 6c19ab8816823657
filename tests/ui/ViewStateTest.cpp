// The view keeps what the user chose: M keeps the zoom; a new window length refits levels
// unless they were set by hand; a saved project reopens looking as it was left.

#include "../core/AudioFixture.h"
#include "Document.h"
#include "OutputFolder.h"
#include "UiFixture.h"
#include "project/Project.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <cmath>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace specedit::test;
using specedit::ui::writableFolder;

namespace {

// Changes the window length and waits for the new picture.
void changeLength(ui::MainWindow& w, int factor) {
    auto p = w.document()->analysis();
    p.nperseg *= factor;
    p.noverlap *= factor;
    p.nfft *= factor;
    w.document()->setAnalysis(p);
    for (int i = 0; i < 400 && w.view()->scheduler()->computer()->params().nperseg != p.nperseg;
         ++i)
        QTest::qWait(20);
    ASSERT_TRUE(waitForTiles(w));
}

// The demo zoomed in, and beside it the capture to open after it: 0.5 s of cu8 at 250 kS/s
// around 433.92 MHz (silent, or a tone in I). Returns its path.
std::string zoomInAndWriteCapture(DemoWindow& demoWindow, bool tone) {
    demoWindow.window.view()->zoomToBox(1.0, 1.05, 433.5e6, 433.7e6);
    std::vector<std::uint8_t> samples(2 * 250000 / 2, 128);
    for (std::size_t i = 0; tone && i < samples.size(); i += 2)
        samples[i] = std::uint8_t(128 + 60 * std::sin(0.3 * double(i)));
    const auto path = demoWindow.dir.file("g001_433.92M_250k.cu8");
    writeBytes(path, samples.data(), samples.size());
    return path;
}

// The view shows all of the 0.5 s capture at 250 kS/s around 433.92 MHz the tests open.
void expectWholeCapture(ui::MainWindow& w) {
    const QCPRange t = w.view()->plot()->xAxis->range();
    EXPECT_LT(t.lower, 0.01);
    EXPECT_GT(t.upper, 0.49);
    const QCPRange f = w.view()->plot()->yAxis->range();
    EXPECT_LT(f.lower, 433.92e6 - 120e3);
    EXPECT_GT(f.upper, 433.92e6 + 120e3);
}

} // namespace

TEST(ViewState, ShowEditedKeepsTheFrequencyZoom) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    w.view()->zoomToBox(1.0, 1.5, 433.5e6, 433.7e6);
    const QCPRange t = w.view()->plot()->xAxis->range(), f = w.view()->plot()->yAxis->range();
    const auto original = w.view()->scheduler()->computer();
    action(w, "Show &edited result")->trigger();
    for (int i = 0; i < 500 && w.view()->scheduler()->computer() == original; ++i)
        QTest::qWait(20);
    ASSERT_NE(w.view()->scheduler()->computer(), original); // the edited analysis is shown
    ASSERT_TRUE(waitForTiles(w));
    EXPECT_EQ(w.view()->plot()->xAxis->range(), t);
    EXPECT_EQ(w.view()->plot()->yAxis->range(), f);
}

TEST(ViewState, LevelsSetByHandSurviveANewWindowLength) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ui::ColorParams mine = w.view()->colorParams();
    mine.minDb = -95;
    mine.maxDb = -15;
    w.view()->setLevelsByHand(mine);
    changeLength(w, 2);
    EXPECT_EQ(w.view()->colorParams(), mine);
    // Auto levels hands them back to the data: the next analysis refits them (a longer window
    // lowers the noise per bin, so the floor moves).
    w.view()->autoLevels();
    const ui::ColorParams fitted = w.view()->colorParams();
    changeLength(w, 4);
    EXPECT_LT(w.view()->colorParams().minDb, fitted.minDb);
}

TEST(ViewState, ASavedProjectReopensAsItWasLeft) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    w.view()->zoomToBox(0.5, 0.9, 433.8e6, 434.3e6);
    ui::ColorParams mine = w.view()->colorParams();
    mine.minDb = -88;
    mine.maxDb = -22;
    mine.map = ui::ColormapId::Viridis;
    w.view()->setLevelsByHand(mine);
    const core::ViewState saved = w.view()->viewState();
    const QString project = QString::fromStdString(demoWindow.dir.file("v.specedit.json"));
    w.document()->setViewState(saved);
    w.document()->saveProject(project);
    EXPECT_EQ(core::loadProject(project.toStdString()).view, saved);
    ui::MainWindow again;
    again.resize(1400, 850);
    again.show();
    ASSERT_TRUE(again.openPath(project));
    ASSERT_TRUE(waitForTiles(again));
    const core::ViewState shown = again.view()->viewState();
    EXPECT_NEAR(shown.t0, saved.t0, 1e-9);
    EXPECT_NEAR(shown.t1, saved.t1, 1e-9);
    EXPECT_NEAR(shown.f0, saved.f0, 1e-3);
    EXPECT_NEAR(shown.f1, saved.f1, 1e-3);
    EXPECT_EQ(again.view()->colorParams(), mine);
}

// The window length on open resolves what the fitted view shows: about one pixel's span of
// samples, within limits that keep audio's frequency detail.
TEST(ViewState, DefaultWindowLengthFollowsThePixelSpan) {
    auto length = [](bool iq, double rate, double seconds) {
        core::SignalInfo info;
        info.kind = iq ? core::SignalKind::Iq : core::SignalKind::Audio;
        info.sampleRate = rate;
        info.frames = std::int64_t(rate * seconds);
        return ui::Document::defaultAnalysis(info, 1200).nperseg;
    };
    EXPECT_EQ(length(true, 2e6, 0.18), 256);    // ADS-B capture: 300 samples a pixel
    EXPECT_EQ(length(false, 8000, 20), 256);    // telephone speech: 32 ms at least
    EXPECT_EQ(length(true, 2e6, 60), 16384);    // a long capture: capped
    EXPECT_EQ(length(false, 44100, 180), 4096); // music: at most 100 ms
    EXPECT_EQ(length(true, 2e6, 0.001), 64);    // a tiny clip: at least 64 samples
    core::SignalInfo audio;
    audio.sampleRate = 48000;
    audio.frames = 48000 * 5;
    const auto p = ui::Document::defaultAnalysis(audio, 1200);
    EXPECT_EQ(p.noverlap, 3 * p.nperseg / 4);
    EXPECT_EQ(p.window, core::WindowSpec{});
}

// An effect that cannot be computed (an attenuate shape over the whole recording has no
// level around it to go down to): the edited view keeps its fallback and the status bar
// says why, naming the shape; the next edit clears the message.
TEST(ViewState, AnEffectThatCannotBeDrawnIsExplained) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    core::Shape s;
    s.t0 = -1;
    s.t1 = 1000;
    s.f0 = 432e6;
    s.f1 = 436e6;
    s.effect = core::ShapeEffect::Attenuate;
    w.document()->addShape(s);
    action(w, "Show &edited result")->trigger();
    EXPECT_TRUE(w.statusBar()->currentMessage().startsWith("Auto length off"));
    QString message; // the picture's failure replaces the word on Auto
    for (int i = 0; i < 500 && !message.contains("shapes[0]"); ++i) {
        QTest::qWait(20);
        message = w.statusBar()->currentMessage();
    }
    EXPECT_TRUE(message.contains("shapes[0]")) << message.toStdString();
    EXPECT_TRUE(message.contains("no recording before or after it")) << message.toStdString();
    // The tile count does not go on promising tiles that will not come; the reason is whole in
    // the tooltip, however narrow the bar.
    auto* picture = w.statusBar()->findChild<QLabel*>("pictureStatus");
    ASSERT_TRUE(picture);
    QTest::qWait(200);
    EXPECT_EQ(picture->text(), "not drawn");
    EXPECT_TRUE(picture->toolTip().contains("no recording before or after it"));
    w.document()->undoStack()->undo();
    EXPECT_TRUE(w.statusBar()->currentMessage().isEmpty());
    EXPECT_NE(picture->text(), "not drawn");
    EXPECT_TRUE(picture->toolTip().isEmpty());
}

// Another recording opens fitted, even when an analysis of another window length is asked for
// before its first one is shown (the auto length does that): the newer request replaced the
// first, and used to keep the previous recording's time range.
TEST(ViewState, AnotherRecordingOpensFittedWhateverAnalysisFollows) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const auto path = zoomInAndWriteCapture(demoWindow, true);
    ASSERT_TRUE(w.openPath(QString::fromStdString(path)));
    // Files made from it are proposed beside it (labels, dataset, image, the Open dialog).
    EXPECT_EQ(w.document()->besideSource(".labels.csv").toStdString(),
              demoWindow.dir.file("g001_433.92M_250k.labels.csv"));
    EXPECT_EQ(w.document()->outputPath(".labels.csv").toStdString(),
              demoWindow.dir.file("g001_433.92M_250k.labels.csv"));
    auto p = w.document()->analysis(); // before the first analysis of it is shown
    p.nperseg *= 2;
    p.noverlap *= 2;
    p.nfft *= 2;
    w.document()->setAnalysis(p);
    for (int i = 0; i < 400 && w.view()->scheduler()->computer()->params().nperseg != p.nperseg;
         ++i)
        QTest::qWait(20);
    ASSERT_TRUE(waitForTiles(w));
    expectWholeCapture(w);
}

// The autosave keeps the view every few seconds; a tick between the opening of another
// recording and its first picture stored the previous recording's ranges in the new project,
// and the new recording opened showing them (a tester saw 1.24 s of a 4 s recording).
TEST(ViewState, AnotherRecordingOpensFittedWhenTheAutosaveTookTheOldView) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    const auto path = zoomInAndWriteCapture(demoWindow, false);
    const core::ViewState old = w.view()->viewState();
    ASSERT_TRUE(w.openPath(QString::fromStdString(path)));
    w.document()->setViewState(old); // the autosave's tick, before the first picture
    ASSERT_TRUE(waitForTiles(w));
    expectWholeCapture(w);
}

// Exports and new projects are proposed in the saved project's folder, else beside the
// recording, else (a folder that cannot be written: a read-only share, a card, a system folder)
// in the documents folder, never where saving would fail.
TEST(ViewState, ExportsAreProposedWhereTheyCanBeWritten) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto* doc = demoWindow.window.document();
    const QString source = doc->sourcePath();
    EXPECT_EQ(QFileInfo(doc->outputPath(".dataset.csv")).absolutePath(),
              QFileInfo(source).absolutePath());
    const auto work = demoWindow.dir.file("work");
    ASSERT_TRUE(QDir().mkpath(QString::fromStdString(work)));
    doc->saveProject(QString::fromStdString(work + "/session.specedit.json"));
    EXPECT_EQ(doc->outputPath(".dataset.csv").toStdString(),
              work + "/" + QFileInfo(source).completeBaseName().toStdString() + ".dataset.csv");
    // An output written elsewhere once: the next ones are proposed there (a tester exported
    // to /tmp and each dialog went back to the recording's folder).
    const auto out = demoWindow.dir.file("out");
    ASSERT_TRUE(QDir().mkpath(QString::fromStdString(out)));
    doc->chooseOutput(QString::fromStdString(out + "/mine.labels.csv"));
    EXPECT_EQ(QFileInfo(doc->outputPath(".png")).absolutePath().toStdString(), out);
    doc->chooseOutput(QString::fromStdString(work + "/x_clips"), true); // a clips folder
    EXPECT_EQ(QFileInfo(doc->outputPath(".png")).absolutePath().toStdString(), work);
    doc->chooseOutput(QString::fromStdString(out + "/mine.labels.csv"));
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString fallback = QFileInfo(documents).isDir() ? documents : QDir::homePath();
    EXPECT_EQ(writableFolder("/nonexistent/folder"), fallback);
    EXPECT_EQ(writableFolder(QString::fromStdString(work)), QString::fromStdString(work));
    // Another recording starts from its own folder again.
    ASSERT_TRUE(demoWindow.window.openPath(source));
    EXPECT_EQ(QFileInfo(doc->outputPath(".png")).absolutePath(), QFileInfo(source).absolutePath());
    if (geteuid() == 0)
        return; // root writes anywhere: a read-only folder is only read-only for others
    const auto locked = demoWindow.dir.file("locked");
    ASSERT_TRUE(QDir().mkpath(QString::fromStdString(locked)));
    QFile::setPermissions(QString::fromStdString(locked),
                          QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    EXPECT_EQ(writableFolder(QString::fromStdString(locked)), fallback);
    QFile::setPermissions(QString::fromStdString(locked),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

// A new analysis (Auto length following a zoom, or a length typed) while the view shows only
// noise: the floor is refitted but the levels keep their width, so the noise stays dark. Fitted
// to the view alone, the levels spanned the noise and it looked like a signal.
TEST(ViewState, ANewAnalysisOfNoiseKeepsTheLevelsWidth) {
    TempDir dir;
    constexpr double kRate = 8000;
    const auto path =
        audioRecording(dir.file("burst.wav"), 1, kRate, 20 * 8000, [](std::int64_t i, int) {
            const double t = double(i) / kRate;
            const double noise = 1e-3 * (double((std::size_t(i) * 7919) % 1000) / 500 - 1);
            const bool on = t >= 0.5 && t < 1.0;
            return noise + (on ? 0.5 * std::sin(6283.0 * t) : 0.0);
        });
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openPath(QString::fromStdString(path)));
    ASSERT_TRUE(waitForTiles(w));
    const ui::ColorParams whole = w.view()->colorParams();
    w.view()->showSpan(15.0, 16.0, 0, 4000); // noise only, far from the burst
    ASSERT_TRUE(waitForTiles(w));
    changeLength(w, 2);
    QTest::qWait(50);
    const ui::ColorParams zoomed = w.view()->colorParams();
    const float width = zoomed.maxDb - zoomed.minDb;
    EXPECT_GE(width, whole.maxDb - whole.minDb - 1) << zoomed.minDb << " " << zoomed.maxDb;
    const double noise = w.view()->spectrogram()->levelAt(15.5, 2000);
    EXPECT_LT(noise, zoomed.minDb + 0.4 * width) << noise;
    // Levels set over the noise alone leave the overview strip a map of the whole recording:
    // its noise dark, the burst bright (with the view's levels it became one bright band).
    ui::ColorParams overNoise = zoomed;
    overNoise.minDb = float(noise) - 5;
    overNoise.maxDb = float(noise) + 25;
    w.view()->setLevelsByHand(overNoise);
    const QImage* strip = nullptr;
    for (int i = 0; i < 100; ++i) {
        QTest::qWait(20);
        strip = w.view()->spectrogram()->overviewImage();
        if (strip && !strip->isNull())
            break;
    }
    ASSERT_TRUE(strip && !strip->isNull());
    QTest::qWait(100); // recoloured for the new levels, if it were
    strip = w.view()->spectrogram()->overviewImage();
    auto at = [strip](double t, double f) {
        const int x = int(t / 20.0 * strip->width());
        const int y = strip->height() - 1 - int(f / 4000.0 * strip->height());
        return qGray(strip->pixel(x, y));
    };
    EXPECT_LT(at(15.5, 2000), 80);
    EXPECT_GT(at(0.75, 1000), 150);
}
