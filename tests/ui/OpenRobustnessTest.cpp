// Recordings that once crashed the editor: huge finite samples, a text file read as raw
// floats, NaN samples; and the Open Recent list, which only keeps files that opened.

#include "Document.h"
#include "ErrorText.h"
#include "FileDialogSizer.h"
#include "HertzSpinBox.h"
#include "PaintToolBar.h"
#include "RawIqDialog.h"
#include "RecentFiles.h"
#include "SourceSummary.h"
#include "UiFixture.h"
#include "io/Npy.h"
#include "io/SourceFactory.h"
#include "util/Error.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace specedit::test;

namespace {

// A project that opens path as raw cf32 at 1 MS/s.
QString rawProject(const TempDir& dir, const std::string& path) {
    const auto project = dir.file("p.specedit.json");
    std::ofstream(project) << R"({"version": 1, "source": ")" << path
                           << R"(", "source_options": {"rate": 1000000, "format": "cf32"}})";
    return QString::fromStdString(project);
}

std::string floatFile(const TempDir& dir, const std::vector<float>& v) {
    const auto path = dir.file("samples.cf32");
    writeBytes(path, v.data(), v.size() * sizeof(float));
    return path;
}

QString statusText(ui::MainWindow& w) {
    QString text;
    for (auto* label : w.statusBar()->findChildren<QLabel*>())
        text += label->text() + "\n";
    return text;
}

} // namespace

TEST(OpenRobustness, HugeFiniteSampleShowsAndJoinsOpenRecent) {
    TempDir dir;
    QSettings().remove("recentFiles");
    std::vector<float> v(2 * 200000);
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = 1e-3f * float(int(i * 7919 % 200) - 100);
    v[2000] = 1.8e31f;
    const auto path = floatFile(dir, v);
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openPath(rawProject(dir, path)));
    ASSERT_TRUE(waitForTiles(w));
    const auto color = w.view()->colorParams();
    EXPECT_TRUE(std::isfinite(color.minDb) && std::isfinite(color.maxDb));
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    ASSERT_FALSE(recent.isEmpty());
    EXPECT_TRUE(recent.first().endsWith("p.specedit.json"));
}

TEST(OpenRobustness, TextFileReadAsRawFloatsOpensWithoutCrashing) {
    TempDir dir;
    const auto path = dir.file("notes.cf32");
    std::ofstream(path) << "hello this is a text file of 48 bytes long.....\n";
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openPath(rawProject(dir, path)));
    EXPECT_EQ(w.document()->info().frames, 6);
    ASSERT_TRUE(waitForTiles(w));
}

TEST(OpenRobustness, NanSamplesAreReportedWithTheirTime) {
    TempDir dir;
    std::vector<float> v(2 * 100000, 0.01f);
    v[2 * 50000] = std::nanf("");
    const auto path = floatFile(dir, v);
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    double reported = -1;
    QObject::connect(w.view(), &ui::SpectrogramView::nonFiniteSamples,
                     [&reported](double t) { reported = t; });
    ASSERT_TRUE(w.openPath(rawProject(dir, path)));
    ASSERT_TRUE(waitForTiles(w));
    QTest::qWait(100);
    const QString text = statusText(w);
    EXPECT_TRUE(text.contains("NaN or infinite samples")) << text.toStdString();
    // Sample 50000 at 1 MS/s: the first frame holding it is centred within a window before it.
    const double window = w.document()->analysis().nperseg / 1e6;
    EXPECT_GE(reported, 0.05 - window);
    EXPECT_LE(reported, 0.05);
}

TEST(OpenRobustness, AFileThatCrashedTheEditorLeavesOpenRecent) {
    QSettings settings;
    settings.setValue("recentFiles", QStringList{"/data/crashed.cf32", "/data/fine.wav"});
    settings.setValue("openingFile", "/data/crashed.cf32"); // left behind by a crash
    settings.sync();
    ui::MainWindow w;
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    EXPECT_EQ(recent, QStringList{"/data/fine.wav"});
    EXPECT_FALSE(QSettings().contains("openingFile"));
    // Said once the window shows (said before, it and the summary were drawn over each other).
    w.show();
    QCoreApplication::processEvents();
    EXPECT_TRUE(w.statusBar()->currentMessage().contains("/data/crashed.cf32"));
}

TEST(OpenRobustness, AFileThatFailedToOpenIsNotRecent) {
    TempDir dir;
    QSettings().remove("recentFiles");
    const auto path = dir.file("empty.wav");
    std::ofstream(path) << "";
    ui::MainWindow w;
    QTimer::singleShot(300, [] {
        if (auto* box = QApplication::activeModalWidget())
            box->close();
    });
    EXPECT_FALSE(w.openPath(QString::fromStdString(path)));
    EXPECT_TRUE(QSettings().value("recentFiles").toStringList().isEmpty());
    EXPECT_FALSE(QSettings().contains("openingFile"));
}

// Before a recording opens (and after one fails to), the picture says how to open one instead
// of showing placeholder axes (0-5 s, 0-5 Hz); the first recording replaces the hint.
TEST(OpenRobustness, BeforeARecordingOpensThePictureSaysHowToOpenOne) {
    TempDir dir;
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    auto* hint = w.view()->findChild<QLabel*>("emptyHint");
    ASSERT_NE(hint, nullptr);
    EXPECT_TRUE(w.view()->isEmpty());
    EXPECT_TRUE(hint->isVisible());
    EXPECT_TRUE(hint->text().contains("File > Open"));
    EXPECT_EQ(hint->geometry(), w.view()->rect()); // it covers the whole picture
    // Only what opens something is ready; what acts on a recording is greyed, shortcuts too.
    auto enabled = [&](const QString& text) {
        for (QAction* a : w.findChildren<QAction*>())
            if (a->text() == text)
                return a->isEnabled();
        ADD_FAILURE() << "no action " << text.toStdString();
        return false;
    };
    EXPECT_TRUE(enabled("&Open…"));
    EXPECT_TRUE(enabled("Re&build from spectrogram…"));
    EXPECT_TRUE(enabled("&Quit"));
    const QStringList needRecording{"Play",
                                    "Rectangle",
                                    "&Save project",
                                    "&Export edited recording…",
                                    "&Detect bursts…",
                                    "E&xport labels…",
                                    "Zoom to &fit",
                                    "&Auto levels"};
    for (const QString& text : needRecording)
        EXPECT_FALSE(enabled(text)) << text.toStdString();
    EXPECT_FALSE(w.paintToolBar()->isEnabled());
    const auto demodulateShown = [&w] {
        for (auto* l : w.findChildren<QLabel*>())
            if (l->text().trimmed() == "Demodulate")
                return l->isVisible();
        return false;
    };
    EXPECT_FALSE(demodulateShown()); // an IQ box in an empty window read as a mystery
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(privateAudioDemo(dir))));
    EXPECT_FALSE(w.view()->isEmpty());
    EXPECT_FALSE(hint->isVisible());
    for (const QString& text : needRecording)
        EXPECT_TRUE(enabled(text)) << text.toStdString();
    EXPECT_TRUE(w.paintToolBar()->isEnabled());
    // The play bar's demodulation box is named, and shown for IQ only.
    QLabel* demod = nullptr;
    for (auto* l : w.findChildren<QLabel*>())
        if (l->text().trimmed() == "Demodulate")
            demod = l;
    ASSERT_NE(demod, nullptr);
    EXPECT_FALSE(demod->isVisible());
    ASSERT_TRUE(openAndWait(w, privateIqDemo(dir)));
    EXPECT_TRUE(demod->isVisible());
}

// Damaged files are named as such in a message; the raw-samples dialog is not offered, and no
// message names a command-line option.
TEST(OpenRobustness, DamagedFilesAreReportedNotOfferedAsRawSamples) {
    TempDir dir;
    std::ofstream(dir.file("text.wav")) << "hello world, this is not a recording\n";
    const char header[] = "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x02\0\x80\xbb\0\0"
                          "\0\xee\x02\0\x04\0\x10\0";
    writeBytes(dir.file("nodata.wav"), header, sizeof header - 1);
    std::ofstream(dir.file("empty.cu8")) << "";
    const std::pair<const char*, const char*> cases[] = {
        {"text.wav", "holds text"}, {"nodata.wav", "damaged WAV file"}, {"empty.cu8", "empty"}};
    for (const auto& [name, text] : cases) {
        ui::MainWindow w;
        QString shown;
        bool rawDialog = false;
        QTimer::singleShot(200, [&] {
            QWidget* modal = QApplication::activeModalWidget();
            rawDialog = qobject_cast<ui::RawIqDialog*>(modal) != nullptr;
            if (auto* box = qobject_cast<QMessageBox*>(modal))
                shown = box->text();
            if (modal)
                modal->close();
        });
        EXPECT_FALSE(w.openPath(QString::fromStdString(dir.file(name))));
        EXPECT_FALSE(rawDialog) << name;
        EXPECT_TRUE(shown.contains(text)) << name << ": " << shown.toStdString();
        EXPECT_FALSE(shown.contains("--")) << shown.toStdString();
    }
}

// A WAV cut off by a recorder that stopped abruptly opens as far as it goes (it was refused,
// while sox reads it), and the status bar's summary says so.
TEST(OpenRobustness, ATruncatedWavOpensAndTheSummarySaysSo) {
    TempDir dir;
    const std::string path = privateAudioDemo(dir);
    const double whole = core::openRecording(path, {})->info().duration();
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(path)));
    EXPECT_NEAR(w.document()->info().duration(), whole / 2, 0.01);
    const QString text = statusText(w);
    EXPECT_TRUE(text.contains(QString(" — truncated: %1 s of the %2 s its header declares")
                                  .arg(w.document()->info().duration(), 0, 'f', 2)
                                  .arg(whole, 0, 'f', 2)))
        << text.toStdString();
    // The whole story, bytes and all, in the summary's tooltip.
    QString tip;
    for (auto* label : w.statusBar()->findChildren<QLabel*>())
        if (label->text().contains("truncated"))
            tip = label->toolTip();
    EXPECT_EQ(tip.toStdString(), w.document()->info().damage);
}

// A raw file opened again (Open Recent) proposes how it was read last time, and says so; the
// centre frequency had to be typed again. A file of another size is another recording.
TEST(OpenRobustness, ARawFileOpensAgainAsItWasReadLastTime) {
    QSettings().remove("rawOpenings");
    TempDir dir;
    const auto path = dir.file("capture.raw");
    std::vector<std::int16_t> v(2 * 6000, 100);
    writeBytes(path, v.data(), v.size() * sizeof(std::int16_t));
    struct Shown {
        QString format, rate, centre, origins;
    };
    // Reads the dialog's fields, then sets them (unless `set` is empty) and opens, or cancels.
    auto answer = [](Shown& shown, const char* set) {
        QTimer::singleShot(200, [&shown, set] {
            auto* d = qobject_cast<ui::RawIqDialog*>(QApplication::activeModalWidget());
            ASSERT_NE(d, nullptr);
            auto* format = d->findChild<QComboBox*>();
            auto* rate = d->findChild<QDoubleSpinBox*>("rate");
            auto* centre = d->findChild<QDoubleSpinBox*>("centre");
            shown = {format->currentData().toString(), rate->text(), centre->text(), {}};
            for (const QLabel* label : d->findChildren<QLabel*>())
                if (label->text().startsWith("Sample type "))
                    shown.origins = label->text();
            if (!*set)
                return d->reject();
            format->setCurrentIndex(format->findData(set));
            rate->setValue(1.5e6);
            centre->setValue(433.92e6);
            d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open)->click();
        });
    };
    Shown first, again, other;
    {
        ui::MainWindow w;
        answer(first, "ci16_le");
        ASSERT_TRUE(w.openPath(QString::fromStdString(path)));
        EXPECT_EQ(w.document()->info().sampleRate, 1.5e6);
        EXPECT_EQ(w.document()->info().frames, 6000);
    }
    EXPECT_EQ(first.origins.toStdString(),
              "Sample type not given: check it; rate not given: check it; centre unknown.");
    {
        ui::MainWindow w;
        answer(again, "");
        EXPECT_FALSE(w.openPath(QString::fromStdString(path)));
    }
    EXPECT_EQ(again.format, "ci16_le");
    EXPECT_EQ(again.rate, "1.5 MHz");
    EXPECT_EQ(again.centre, "433.92 MHz");
    EXPECT_EQ(again.origins.toStdString(), "Sample type from the last opening; rate from the last "
                                           "opening; centre from the last opening.");
    writeBytes(path, v.data(), v.size()); // recorded again: half the size
    {
        ui::MainWindow w;
        answer(other, "");
        EXPECT_FALSE(w.openPath(QString::fromStdString(path)));
    }
    // Another recording: the type and rate of the raw file opened last, never its centre.
    EXPECT_EQ(other.centre, "unknown (show baseband)");
    EXPECT_EQ(other.format, "ci16_le");
    EXPECT_EQ(other.rate, "1.5 MHz");
    EXPECT_EQ(other.origins.toStdString(), "Sample type from the raw file opened last; rate from "
                                           "the raw file opened last; centre unknown.");
    // What a file's name says comes first: its extension gives the type, the last file the rate.
    const auto named = dir.file("capture.cu8");
    writeBytes(named, v.data(), v.size());
    Shown byName;
    {
        ui::MainWindow w;
        answer(byName, "");
        EXPECT_FALSE(w.openPath(QString::fromStdString(named)));
    }
    EXPECT_EQ(byName.format, "cu8");
    EXPECT_EQ(byName.rate, "1.5 MHz");
    EXPECT_EQ(byName.origins.toStdString(), "Sample type from the extension; rate from the raw "
                                            "file opened last; centre unknown.");
    QSettings().remove("rawOpenings");
}

// rtl_433's names carry the rate: the recording opens at it, without a dialog, and the
// status bar says where the rate came from.
TEST(OpenRobustness, RateInAnRtl433NameIsUsed) {
    TempDir dir;
    std::vector<std::uint8_t> v(2 * 25000, 128);
    writeBytes(dir.file("g001_433.92M_250k.cu8"), v.data(), v.size());
    ui::MainWindow w;
    ASSERT_TRUE(w.openPath(QString::fromStdString(dir.file("g001_433.92M_250k.cu8"))));
    EXPECT_EQ(w.document()->info().sampleRate, 250e3);
    EXPECT_EQ(w.document()->info().centerFrequency.value_or(0), 433.92e6);
    const QString text = statusText(w);
    EXPECT_TRUE(text.contains("250 kS/s (from the file name)")) << text.toStdString();
    EXPECT_TRUE(text.contains("433.92 MHz (from the file name)")) << text.toStdString();
    // One complex signal: no "2 ch" for its I and Q.
    EXPECT_TRUE(text.contains("IQ")) << text.toStdString();
    EXPECT_FALSE(text.contains(" ch,")) << text.toStdString();
}

// Messages in the window name fields, not command-line options, but a file's path is shown
// as it is, even where a folder's name looks like an option.
TEST(OpenRobustness, MessagesNameFieldsButKeepPathsIntact) {
    const QString path = ui::userText(
        core::Error("/data/nfft --format/rec.cu8", "holds text", "a sound file or --format"));
    EXPECT_EQ(path.toStdString(),
              "/data/nfft --format/rec.cu8: holds text (expected a sound file or Sample type)");
    const QString option =
        ui::userText(core::Error("--noverlap", "must be below nperseg", "0 to nperseg - 1"));
    EXPECT_EQ(option.toStdString(),
              "Overlap: must be below window length (expected 0 to window length - 1)");
    EXPECT_EQ(ui::userText(std::runtime_error("nfft too large")).toStdString(),
              "FFT size too large");
    // A message box wraps a path at spaces only: a word joiner after each slash inside a word
    // ("the recording is in /" then "work/shared/data/real" before).
    const QString joined = ui::unbrokenPaths("in /work/data and / alone");
    EXPECT_EQ(joined,
              QString("in /") + QChar(0x2060) + "work/" + QChar(0x2060) + "data and / alone");
    // Shapes counted as the Shapes list counts them (a tester read "shapes[0]" as jargon).
    EXPECT_EQ(ui::userText(core::Error("shapes[0]", "effect replace has no recording before "
                                                    "or after it"))
                  .toStdString(),
              "shape 1 of the Shapes list: effect replace has no recording before or after it");
}

// The raw dialog's rate and centre read what RF people type; a plain spin box with 0
// decimals dropped the '.' of "868.3M" and opened the file at 868 Hz.
TEST(OpenRobustness, TheRawDialogReadsRatesAndFrequenciesAsTyped) {
    EXPECT_EQ(ui::parseHertz("868.3M").value_or(0), 868.3e6);
    EXPECT_EQ(ui::parseHertz(" 433.92 MHz ").value_or(0), 433.92e6);
    EXPECT_EQ(ui::parseHertz("2.4e6").value_or(0), 2.4e6);
    EXPECT_EQ(ui::parseHertz("2 MS/s").value_or(0), 2e6);
    EXPECT_EQ(ui::parseHertz("44.1k").value_or(0), 44100.0);
    EXPECT_EQ(ui::parseHertz("8000").value_or(0), 8000.0);
    EXPECT_FALSE(ui::parseHertz("868,3 MHz"));
    EXPECT_FALSE(ui::parseHertz("fast"));
    EXPECT_FALSE(ui::parseHertz("2 MHz 5"));
    EXPECT_EQ(ui::formatHertz(868.3e6), "868.3 MHz");
    EXPECT_EQ(ui::formatHertz(8000), "8 kHz");
    EXPECT_EQ(ui::formatHertz(12.5), "12.5 Hz");
    TempDir dir;
    ui::RawIqDialog d(QString::fromStdString(floatFile(dir, std::vector<float>(64, 0.5f))));
    auto type = [&d](const char* field, const char* text) {
        auto* box = d.findChild<QDoubleSpinBox*>(field);
        ASSERT_NE(box, nullptr) << field;
        box->selectAll();
        QTest::keyClicks(box, text);
        QTest::keyClick(box, Qt::Key_Return);
    };
    type("rate", "2.4e6");
    type("centre", "868.3M");
    EXPECT_EQ(d.options().sampleRate.value_or(0), 2.4e6);
    EXPECT_EQ(d.options().centerFrequency.value_or(0), 868.3e6);
    EXPECT_EQ(d.findChild<QDoubleSpinBox*>("centre")->text(), "868.3 MHz");
    type("centre", "433.92 MHz");
    EXPECT_EQ(d.options().centerFrequency.value_or(0), 433.92e6);
    // Text that is no frequency, left: the field keeps its value, and the dialog says why
    // (it went back without a word).
    auto* problem = d.findChild<QLabel*>("problem");
    ASSERT_NE(problem, nullptr);
    type("rate", "2e");
    QCoreApplication::processEvents();
    EXPECT_EQ(d.options().sampleRate.value_or(0), 2.4e6);
    EXPECT_FALSE(problem->isHidden());
    EXPECT_EQ(problem->text().toStdString(), "Sample rate \"2e\" is not a rate from 1 Hz to 10 GHz "
                                             "(2M, 2 MHz, 2e6); it stays 2.4 MHz.");
    // A rate of 0 or a negative centre is a mistake, not the nearer end of the range (a rate of
    // 0 became 1 Hz, and "-2M" an unknown centre): refused like text, and said.
    type("rate", "0");
    QCoreApplication::processEvents();
    EXPECT_EQ(d.options().sampleRate.value_or(0), 2.4e6);
    EXPECT_EQ(problem->text().toStdString(), "Sample rate \"0\" is not a rate from 1 Hz to 10 GHz "
                                             "(2M, 2 MHz, 2e6); it stays 2.4 MHz.");
    type("centre", "-2M");
    QCoreApplication::processEvents();
    EXPECT_EQ(d.options().centerFrequency.value_or(0), 433.92e6);
    EXPECT_EQ(problem->text().toStdString(),
              "Centre frequency \"-2M\" is not a frequency up to 1 THz (or 0: unknown); it "
              "stays 433.92 MHz.");
    // Past the range: the nearer end, shown (Qt put the old value back without a word).
    ui::HertzSpinBox field;
    field.setRange(1, 1e6);
    field.setValue(1000);
    field.selectAll();
    QTest::keyClicks(&field, "5M");
    EXPECT_EQ(field.text(), "5M"); // kept while typing
    QTest::keyClick(&field, Qt::Key_Return);
    EXPECT_EQ(field.value(), 1e6);
    EXPECT_EQ(field.text(), "1 MHz");
}

// A numpy array (np.save of a capture) opens as a recording: its header gives the type and
// shape, so the dialog asks only the rate, whether two channels are I and Q, and the centre
// (it went to the raw dialog, which read the header as samples). Opened again, it proposes
// how it was read.
TEST(OpenRobustness, ANumpyArrayAsksOnlyItsRateAndChannels) {
    QSettings().remove("rawOpenings");
    TempDir dir;
    const auto rows = dir.file("rows.npy"); // a row of I, a row of Q
    {
        core::NpyWriter npy(rows, core::NpyType::Float32, {2, 5000}, false);
        std::vector<float> v(10000, 0.25f);
        std::fill(v.begin() + 5000, v.end(), -0.5f);
        npy.append(v.data(), v.size());
        npy.finish();
    }
    struct Shown {
        QString title, text, rate, channels;
        int combos = 0;
        bool centreShown = false;
    };
    auto answer = [](Shown& shown, double rate, const char* centre) {
        QTimer::singleShot(200, [&shown, rate, centre] {
            auto* d = qobject_cast<ui::RawIqDialog*>(QApplication::activeModalWidget());
            ASSERT_NE(d, nullptr);
            shown.title = d->windowTitle();
            for (const QLabel* label : d->findChildren<QLabel*>())
                shown.text += label->text() + "\n";
            shown.combos = int(d->findChildren<QComboBox*>().size());
            auto* channels = d->findChild<QComboBox*>("channels");
            shown.channels = channels ? channels->currentText() : QString();
            shown.rate = d->findChild<QDoubleSpinBox*>("rate")->text();
            auto* field = d->findChild<QDoubleSpinBox*>("centre");
            shown.centreShown = field->isVisible() && field->isEnabled();
            if (rate > 0)
                d->findChild<QDoubleSpinBox*>("rate")->setValue(rate);
            if (*centre)
                field->setValue(ui::parseHertz(centre).value_or(0));
            d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Open)->click();
        });
    };
    Shown first, again, mono;
    ui::MainWindow w;
    answer(first, 1e6, "433.92M");
    ASSERT_TRUE(w.openPath(QString::fromStdString(rows)));
    EXPECT_EQ(first.title, "Open numpy array");
    EXPECT_TRUE(first.text.contains("<b>rows.npy</b> is a numpy array of 2 channels of 5,000 "
                                    "samples (&lt;f4). numpy stores no sample rate"))
        << first.text.toStdString();
    EXPECT_EQ(first.combos, 1); // no sample type: the header gives it
    // Until picked, the rate decides as for a stereo file: 48 kHz stereo, and I/Q once the
    // rate typed is 1 MHz (checked by what opened).
    EXPECT_EQ(first.channels, "stereo audio");
    EXPECT_EQ(first.rate, "48 kHz");
    EXPECT_FALSE(first.centreShown);
    const auto& info = w.document()->info();
    EXPECT_EQ(info.kind, core::SignalKind::Iq);
    EXPECT_EQ(info.sampleRate, 1e6);
    EXPECT_EQ(info.centerFrequency.value_or(0), 433.92e6);
    EXPECT_EQ(info.frames, 5000);
    float iq[2] = {};
    w.document()->source()->read(10, 1, iq);
    EXPECT_EQ(iq[0], 0.25f);
    EXPECT_EQ(iq[1], -0.5f);
    // The Channel field reads the two rows as audio, without the centre, and back (undo).
    w.document()->setIqMode(false);
    EXPECT_EQ(w.document()->info().kind, core::SignalKind::Audio);
    EXPECT_EQ(w.document()->info().channels, 2);
    w.document()->undoStack()->undo();
    EXPECT_EQ(w.document()->info().centerFrequency.value_or(0), 433.92e6);
    answer(again, 0, "");
    ASSERT_TRUE(w.openPath(QString::fromStdString(rows)));
    EXPECT_EQ(again.rate, "1 MHz");
    EXPECT_EQ(again.channels, "I and Q (a radio recording)");
    EXPECT_EQ(w.document()->info().centerFrequency.value_or(0), 433.92e6);
    // One real channel is audio: the rate alone is asked.
    const auto speech = dir.file("speech.npy");
    {
        core::NpyWriter npy(speech, core::NpyType::Float64, {8000}, false);
        const std::vector<double> v(8000, 0.1);
        npy.append(v.data(), v.size());
        npy.finish();
    }
    answer(mono, 8000, "");
    ASSERT_TRUE(w.openPath(QString::fromStdString(speech)));
    EXPECT_EQ(mono.combos, 0);
    EXPECT_EQ(mono.rate, "48 kHz"); // not the 1 MHz of the two channels opened before
    EXPECT_FALSE(mono.centreShown);
    EXPECT_TRUE(mono.text.contains("of 8,000 samples (&lt;f8)")) << mono.text.toStdString();
    EXPECT_EQ(w.document()->info().kind, core::SignalKind::Audio);
    EXPECT_EQ(w.document()->info().sampleRate, 8000);
    // A second two-channel array is proposed the rate of the first, and says so.
    std::filesystem::copy_file(rows, dir.file("rows2.npy"));
    Shown next;
    answer(next, 0, "");
    ASSERT_TRUE(w.openPath(QString::fromStdString(dir.file("rows2.npy"))));
    EXPECT_EQ(next.rate, "1 MHz");
    EXPECT_TRUE(next.text.contains("Rate from the numpy array opened last."))
        << next.text.toStdString();
}

// File > Rebuild's Save and open passes the result's rate along with a raw file, which keeps
// none: the dialog shows it, and the sample type, as given and says where they came from.
TEST(OpenRobustness, RawDialogShowsTheOptionsGivenWithTheFile) {
    TempDir dir;
    core::OpenOptions given;
    given.sampleRate = 11025;
    given.rawFormat = "cs16";
    ui::RawIqDialog d(QString::fromStdString(floatFile(dir, std::vector<float>(64, 0.5f))), nullptr,
                      given);
    EXPECT_EQ(d.options().sampleRate.value_or(0), 11025);
    EXPECT_EQ(d.options().rawFormat.value_or(""), "ci16_le");
    EXPECT_FALSE(d.options().centerFrequency.has_value());
    bool said = false;
    for (const QLabel* label : d.findChildren<QLabel*>())
        said = said || label->text().contains("Sample type from the saved result; rate from the "
                                              "saved result; centre unknown.");
    EXPECT_TRUE(said);
}

// The status bar's summary gives a short capture in ms (URH's ook_overshoot read "0.16 s").
TEST(OpenRobustness, TheSummaryGivesShortCapturesInMilliseconds) {
    core::SignalInfo info;
    info.kind = core::SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = 2e6;
    info.frames = 311736;
    EXPECT_TRUE(ui::sourceSummary("x.cs8", info).contains(", 155.9 ms"))
        << ui::sourceSummary("x.cs8", info).toStdString();
    info.frames = 8000000;
    EXPECT_TRUE(ui::sourceSummary("x.cs8", info).contains(", 4.00 s"))
        << ui::sourceSummary("x.cs8", info).toStdString();
    // An audio file's rate as sound tools write it, not in samples per second.
    core::SignalInfo audio;
    audio.kind = core::SignalKind::Audio;
    audio.channels = 1;
    audio.sampleRate = 22050;
    audio.frames = 22050 * 3;
    EXPECT_EQ(ui::sourceSummary("speech.wav", audio).toStdString(),
              "speech.wav — audio, 22.05 kHz, 1 ch, 3.00 s");
}

// Values the user gave in the raw dialog are said once ("as you set it" followed each).
TEST(OpenRobustness, TheSummarySaysOnceWhatTheUserSet) {
    core::SignalInfo info;
    info.kind = core::SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = 2e6;
    info.frames = 8000000;
    info.centerFrequency = 433.92e6;
    info.origins = {"user", "user", "user", ""};
    EXPECT_EQ(ui::sourceSummary("x.cs8", info).toStdString(),
              "x.cs8 — IQ, 2 MS/s, 4.00 s, centre 433.92 MHz; kind, rate and centre as you set "
              "them");
    info.origins = {"extension", "user", "file name", ""};
    EXPECT_EQ(ui::sourceSummary("x.cs8", info).toStdString(),
              "x.cs8 — IQ (from the extension), 2 MS/s, 4.00 s, centre 433.92 MHz (from the file "
              "name); rate as you set it");
}

// Qt's own file dialog (where no desktop dialog is) opened at about 530 pixels and cut every
// column ("30....MiB", "WAV...dio"); it now opens wide enough, each column as wide as its
// longest text.
TEST(OpenRobustness, TheFileDialogShowsWholeNamesSizesTypesAndDates) {
    ui::FileDialogSizer::install();
    TempDir dir;
    const std::string longName = "SDRuno_20261121_120000Z_433920kHz_and_a_long_tail.wav";
    for (const std::string& name : {longName, std::string("b.sigmf-meta")})
        std::ofstream(dir.file(name)) << std::string(30000, 'x');
    QFileDialog dialog(nullptr, "Open", QString::fromStdString(dir.file("")));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setViewMode(QFileDialog::Detail);
    dialog.show();
    QTreeView* tree = nullptr;
    for (auto* t : dialog.findChildren<QTreeView*>())
        if (t->isVisible())
            tree = t;
    ASSERT_NE(tree, nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(tree->rootIndex()), 2, 5000);
    QTest::qWait(400);
    const auto room = dialog.screen()->availableGeometry();
    EXPECT_GE(dialog.width(), std::min(960, room.width() * 9 / 10));
    const QFontMetrics fm(tree->font());
    for (int row = 0; row < 2; ++row)
        for (int column = 0; column < 4; ++column) {
            const QString text =
                tree->model()->index(row, column, tree->rootIndex()).data().toString();
            const int width = tree->header()->sectionSize(column) - (column == 0 ? 40 : 0);
            if (column > 0 || dialog.width() >= 960) { // a small screen squeezes names first
                EXPECT_GE(width, fm.horizontalAdvance(text))
                    << "column " << column << ": " << text.toStdString();
            }
        }
}

// A project whose recording was moved says where it looked and lets the user find it; saving
// keeps the new place, and the next opening asks nothing.
TEST(OpenRobustness, AProjectWhoseRecordingMovedAsksWhereItIs) {
    TempDir dir;
    std::filesystem::create_directories(dir.file("takes"));
    const std::string recording = dir.file("takes/voice.wav");
    std::filesystem::copy_file(privateAudioDemo(dir), recording);
    const QString project = QString::fromStdString(dir.file("voice.specedit.json"));
    {
        ui::MainWindow w;
        ASSERT_TRUE(openAndWait(w, QString::fromStdString(recording)));
        w.document()->saveProject(project);
    }
    std::filesystem::create_directories(dir.file("archive"));
    const std::string moved = dir.file("archive/voice.wav");
    std::filesystem::rename(recording, moved);
    ui::MainWindow w;
    QString said;
    bool cancelled = false;
    // First the user cancels: nothing opens; then they locate the file.
    auto answer = [&](bool locate) {
        onNextModal<QMessageBox>([&, locate](QMessageBox* box) {
            said = box->text();
            if (!locate) {
                cancelled = true;
                return box->button(QMessageBox::Cancel)->click();
            }
            onNextModal<QFileDialog>([&](QFileDialog* files) {
                EXPECT_EQ(files->windowTitle(), "Locate voice.wav");
                EXPECT_EQ(files->nameFilters().value(0), "voice.wav (voice.wav)");
                files->findChild<QLineEdit*>("fileNameEdit")
                    ->setText(QString::fromStdString(moved));
                QMetaObject::invokeMethod(files, "accept");
            });
            for (auto* b : box->buttons())
                if (b->text() == "Locate…")
                    b->click();
        });
    };
    answer(false);
    EXPECT_FALSE(w.openPath(project));
    EXPECT_TRUE(cancelled);
    EXPECT_FALSE(w.document()->hasSource());
    EXPECT_EQ(said.toStdString(), "The recording of voice.specedit.json is not where the project "
                                  "says:\n" +
                                      dir.file("takes/voice.wav"));
    answer(true);
    ASSERT_TRUE(w.openPath(project));
    ASSERT_TRUE(waitForTiles(w));
    EXPECT_EQ(w.document()->sourcePath().toStdString(), moved);
    EXPECT_TRUE(w.document()->isModified()); // the new place is not saved yet
    EXPECT_TRUE(w.isWindowModified());
    ASSERT_TRUE(w.saveProject()); // Ctrl+S
    EXPECT_FALSE(w.isWindowModified());
    EXPECT_EQ(w.statusBar()->currentMessage(), "Saved " + project);
    std::ifstream in(project.toStdString());
    EXPECT_EQ(nlohmann::json::parse(in).value("source", ""), "archive/voice.wav");
    ui::MainWindow again;
    ASSERT_TRUE(openAndWait(again, project)); // no question now
    EXPECT_EQ(again.document()->sourcePath().toStdString(), moved);
    EXPECT_FALSE(again.document()->isModified());
}
