// Playback against a real sound server: PulseAudio with a null sink (tests/ui/
// with_pulseaudio.sh starts it). What the editor plays is recorded from the sink's monitor
// with parec and analysed: the edited playback must lack what the mask removed.

#include "../core/TestUtil.h"
#include "Document.h"
#include "MainWindow.h"
#include "apply/Demo.h"
#include "audio/Listener.h"
#include "audio/Player.h"
#include "dsp/Stft.h"
#include "view/SpectrogramView.h"
#include "view/TraceLane.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <filesystem>
#include <gtest/gtest.h>

using namespace specedit;
using specedit::test::TempDir;

namespace {

// Waits up to 10 s until the player plays (or, with `playing` false, has stopped).
bool waitForPlaying(ui::MainWindow& w, bool playing) {
    QElapsedTimer timer;
    timer.start();
    while (w.player()->isPlaying() != playing && timer.elapsed() < 10000)
        QTest::qWait(20);
    return w.player()->isPlaying() == playing;
}

// Records the null sink's monitor while `play` runs and until playback ends.
std::vector<float> recordWhile(ui::MainWindow& w, const std::function<void()>& play,
                               const std::string& file) {
    std::error_code ignored;
    QProcess parec;
    // Small fragments, and the recording under way before anything plays: with the server's
    // default latency parec started capturing up to 0.7 s late, and the first 0.1 s of a
    // stretch went unheard (a playback test failed on a quiet machine).
    parec.start("parec",
                {"-d", "specedit_null.monitor", "--format=float32le", "--rate=48000",
                 "--channels=1", "--raw", "--latency-msec=10", QString::fromStdString(file)});
    EXPECT_TRUE(parec.waitForStarted(5000)) << "parec (pulseaudio-utils) is needed";
    QElapsedTimer started;
    started.start();
    while (std::filesystem::file_size(file, ignored) < 48000 / 10 * sizeof(float) &&
           started.elapsed() < 5000)
        QTest::qWait(20); // 0.1 s recorded: capturing
    QTest::qWait(100);
    play();
    QElapsedTimer timer;
    timer.start();
    while ((w.listener()->isPreparing() || !w.player()->isPlaying()) && timer.elapsed() < 10000)
        QTest::qWait(20); // rendering, then the device starts
    while (w.player()->isPlaying() && timer.elapsed() < 20000)
        QTest::qWait(20);
    QTest::qWait(400);
    parec.terminate();
    parec.waitForFinished(5000);
    const auto bytes = specedit::test::readBytes(file);
    std::vector<float> samples(bytes.size() / sizeof(float));
    std::memcpy(samples.data(), bytes.data(), samples.size() * sizeof(float));
    return samples;
}

// Fraction of the signal's power between lo and hi Hz (48 kHz mono).
double bandFraction(const std::vector<float>& x, double lo, double hi) {
    const auto p = core::StftParams::make(core::parseWindow("hann"), 4096, 3072, 4096, 48000);
    const auto z = core::stft(x, p);
    double band = 0, total = 0;
    for (std::int64_t j = 0; j < z.frames; ++j)
        for (int k = 1; k < z.bins; ++k) {
            const double f = k * 48000.0 / 4096, pw = std::norm(z.at(k, j));
            total += pw;
            if (f >= lo && f <= hi)
                band += pw;
        }
    return total > 0 ? band / total : 0;
}

// The demo recordings with the given lengths, written into dir.
core::DemoFiles writeDemo(const TempDir& dir, double iqSeconds, double audioSeconds) {
    core::JobControl job;
    core::DemoSpec spec;
    spec.iqSeconds = iqSeconds;
    spec.audioSeconds = audioSeconds;
    return core::writeDemo(dir.path().string(), spec, job);
}

// The window on the demo's 1 s of IQ (on/off keyed bursts at +300 kHz from 0.2 s, FSK packets
// at -400 kHz from 0.6 s), with a sound device to play to.
void openIqDemo(ui::MainWindow& w, const TempDir& dir) {
    const auto files = writeDemo(dir, 1.0, 0.5);
    w.show();
    ASSERT_TRUE(w.openPath(QString::fromStdString(files.iqRecording)));
    ASSERT_TRUE(w.player()->hasDevice()) << "no audio output: is PulseAudio running?";
}

} // namespace

TEST(Playback, EditedPlaybackLacksTheRemovedWhistleAndOriginalHasIt) {
    TempDir dir;
    const auto files = writeDemo(dir, 0.5, 4.0);
    ui::MainWindow w;
    w.show();
    ASSERT_TRUE(w.openPath(QString::fromStdString(files.audioProject))); // removes the whistle
    ASSERT_TRUE(w.player()->hasDevice()) << "no audio output: is PulseAudio running?";
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    auto play = [&](bool edited) {
        return [&w, edited] {
            w.listener()->setEdited(edited);
            w.listener()->listen(2.1, 2.9, 0, 24000, false);
        };
    };
    const auto original = recordWhile(w, play(false), dir.file("original.raw"));
    const auto edited = recordWhile(w, play(true), dir.file("edited.raw"));
    ASSERT_GT(original.size(), 48000u / 2) << "nothing was recorded from the sink";
    ASSERT_GT(edited.size(), 48000u / 2);
    const double whistleOriginal = bandFraction(original, 2450, 2750);
    const double whistleEdited = bandFraction(edited, 2450, 2750);
    EXPECT_GT(whistleOriginal, 0.2);                 // the whistle dominates that stretch
    EXPECT_LT(whistleEdited, whistleOriginal / 100); // and the edit took it out (-20 dB)
}

// A short stretch plays to its end: the sink was stopped when it had taken the last of the
// audio, and the 110-130 ms still in its buffer were lost (a 117 ms packet played silent).
TEST(Playback, AShortStretchIsHeardToItsEnd) {
    TempDir dir;
    const auto files = writeDemo(dir, 0.5, 3.0);
    ui::MainWindow w;
    w.show();
    ASSERT_TRUE(w.openPath(QString::fromStdString(files.audioRecording)));
    ASSERT_TRUE(w.player()->hasDevice()) << "no audio output: is PulseAudio running?";
    const auto heard = recordWhile(
        w, [&] { w.listener()->listen(2.1, 2.4, 0, 24000, false); }, dir.file("short.raw"));
    std::size_t first = heard.size(), last = 0;
    for (std::size_t i = 0; i < heard.size(); ++i)
        if (std::abs(heard[i]) > 1e-3) {
            first = std::min(first, i);
            last = i;
        }
    ASSERT_LT(first, last) << "nothing was heard";
    EXPECT_GT(double(last - first) / 48000, 0.28); // of 0.3 s
}

TEST(Playback, IqBandIsDemodulatedToAudio) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_NO_FATAL_FAILURE(openIqDemo(w, dir));
    // The OOK burst at +300 kHz (0.2..0.32 s), AM-demodulated: the keying is heard.
    w.listener()->setDemodulation(core::Demodulation::Am);
    const auto heard = recordWhile(
        w, [&] { w.listener()->listen(0.15, 0.4, 433.92e6 + 290e3, 433.92e6 + 310e3, false); },
        dir.file("iq.raw"));
    ASSERT_GT(heard.size(), 4800u);
    float peak = 0;
    for (float v : heard)
        peak = std::max(peak, std::abs(v));
    EXPECT_GT(peak, 0.2f); // normalised to 0.5 peak before the sink
}

// The demodulator starts on Auto and says what it chose: AM for the demo's on/off keyed
// remote (FM made its bits a hiss in the gaps), FM for its FSK packets.
TEST(Playback, AutoDemodulationSaysWhatItChose) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_NO_FATAL_FAILURE(openIqDemo(w, dir));
    auto* box = w.findChild<QComboBox*>("demodulation");
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->currentText(), "Auto");
    auto heardAs = [&](double t0, double t1, double f0, double f1) {
        QSignalSpy spy(w.listener(), &ui::Listener::heardAs);
        w.listener()->listen(t0, t1, 433.92e6 + f0, 433.92e6 + f1, false);
        if (!spy.wait(10000))
            return QString("nothing");
        w.player()->stop();
        return spy.at(0).at(0).toString();
    };
    const QString ook = heardAs(0.15, 0.4, 290e3, 310e3);
    EXPECT_TRUE(ook.startsWith("AM: ")) << ook.toStdString();
    EXPECT_EQ(box->currentText(), "Auto (AM)");
    EXPECT_TRUE(w.statusBar()->currentMessage().startsWith("Demodulated as AM: "));
    const QString fsk = heardAs(0.55, 0.7, -460e3, -340e3);
    EXPECT_TRUE(fsk.startsWith("FM: while it is on, its frequency moves over ±"))
        << fsk.toStdString();
    EXPECT_EQ(box->currentText(), "Auto (FM)");
}

// The whole view plays: its edges lie half a bin past the recording's span, and playing it
// said "band -1000976.5625 .. 999023.4375 Hz is empty or outside the recording's 2e+06 Hz
// span". A band wholly outside says so in words.
TEST(Playback, TheWholeViewOfAnIqRecordingPlays) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_NO_FATAL_FAILURE(openIqDemo(w, dir));
    QSignalSpy problems(w.listener(), &ui::Listener::problem);
    QSignalSpy heard(w.listener(), &ui::Listener::heardAs);
    w.listener()->listen(0, 1, 433.92e6 - 1000976.5625, 433.92e6 + 999023.4375, false);
    EXPECT_TRUE(heard.wait(10000));
    w.player()->stop();
    EXPECT_EQ(problems.count(), 0) << problems.value(0).value(0).toString().toStdString();
    w.listener()->listen(0, 1, 433.92e6 + 1.1e6, 433.92e6 + 1.2e6, false);
    ASSERT_EQ(problems.count(), 1);
    EXPECT_EQ(problems.at(0).at(0).toString(),
              "Nothing to hear: the band lies outside the recording, which spans 432.92 MHz to "
              "434.92 MHz.");
}

// While playing, the playhead crosses the trace lane as well as the picture (it crossed the
// picture only), moving on; it goes when playback stops.
TEST(Playback, ThePlayheadCrossesTheTraceLaneToo) {
    TempDir dir;
    const auto files = writeDemo(dir, 0.5, 3.0);
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openPath(QString::fromStdString(files.audioRecording)));
    ASSERT_TRUE(w.player()->hasDevice()) << "no audio output: is PulseAudio running?";
    ASSERT_TRUE(w.view()->traceLane()->isVisible());
    w.listener()->listen(0.5, 2.5, 0, 24000, false);
    ASSERT_TRUE(waitForPlaying(w, true));
    QTest::qWait(400);
    const auto first = w.view()->traceLane()->playhead();
    ASSERT_TRUE(first);
    EXPECT_GE(*first, 0.5);
    EXPECT_LE(*first, 2.5);
    // It moves on (within 3 s: a sound server starved by a loaded machine stalls for a while).
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
            const auto later = w.view()->traceLane()->playhead();
            return later && *later > *first;
        },
        3000));
    w.player()->stop();
    ASSERT_TRUE(waitForPlaying(w, false));
    QTest::qWait(50);
    EXPECT_FALSE(w.view()->traceLane()->playhead());
}

TEST(Playback, ClosingTheWindowWhilePlayingIsSafe) {
    TempDir dir;
    const auto files = writeDemo(dir, 0.5, 3.0);
    {
        ui::MainWindow w;
        w.show();
        ASSERT_TRUE(w.openPath(QString::fromStdString(files.audioRecording)));
        w.listener()->listen(0.0, 3.0, 0, 24000, false);
        ASSERT_TRUE(waitForPlaying(w, true));
    } // destroyed while playing: must not touch the destroyed view
    SUCCEED();
}

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("SpecEditTests");
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
