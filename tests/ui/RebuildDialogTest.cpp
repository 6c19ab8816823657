// File > Rebuild from spectrogram, in process: magnitude and phase files of a known signal are
// guessed, rebuilt exactly, saved and handed to the editor to open; magnitudes alone go
// through phase retrieval with both spectrograms shown; a missing file is named.

#include "rebuild/RebuildDialog.h"

#include "Document.h"
#include "PictureExport.h"
#include "UiFixture.h"
#include "apply/PictureAxes.h"
#include "dsp/Stft.h"
#include "io/Colormaps.h"
#include "io/Npy.h"
#include "io/PictureDescription.h"
#include "phase/SpectrumImport.h"
#include "rebuild/GuessTable.h"
#include "rebuild/MagnitudePreview.h"
#include "rebuild/OutcomeText.h"
#include "rebuild/RebuildForm.h"
#include "util/Error.h"
#include "view/SpectrogramView.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit;
using specedit::test::TempDir;

namespace {

std::vector<double> tones(std::size_t n) {
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = double(i) / 8000;
        x[i] = 0.3 * std::sin(2 * std::numbers::pi * (300 * t + 400 * t * t)) +
               0.1 * std::sin(2 * std::numbers::pi * 1200 * t) * (std::fmod(t, 0.5) < 0.25);
    }
    return x;
}

// Writes |Z| and arg Z of the signal's STFT (by default Hann 256, hop 64) as (bins, frames)
// .npy files.
void writeSpectrum(const std::vector<double>& x, const std::string& mag, const std::string& ph,
                   const core::StftParams& p = core::StftParams::make(core::parseWindow("hann"),
                                                                      256, 192, 256, 8000)) {
    const auto z = core::stft(x, p);
    core::NpyWriter m(mag, core::NpyType::Float64, {z.bins, z.frames}, true);
    core::NpyWriter a(ph, core::NpyType::Float64, {z.bins, z.frames}, true);
    for (const auto& v : z.data) {
        const double abs = std::abs(v), arg = std::arg(v);
        m.append(&abs, 1);
        a.append(&arg, 1);
    }
    m.finish();
    a.finish();
}

QPushButton* button(ui::RebuildDialog& d, const QString& text) {
    for (auto* b : d.findChildren<QPushButton*>())
        if (b->text() == text)
            return b;
    return nullptr;
}

bool waitIdle(ui::RebuildDialog& d, int ms = 120000) {
    return QTest::qWaitFor([&] { return !d.isRunning(); }, ms);
}

// 2 s of tones and their magnitude and phase files in a private folder.
struct SpectrumFiles {
    TempDir dir;
    std::vector<double> x = tones(16000);
    QString mag = QString::fromStdString((dir.path() / "mag.npy").string());
    QString ph = QString::fromStdString((dir.path() / "ph.npy").string());
    SpectrumFiles() { writeSpectrum(x, mag.toStdString(), ph.toStdString()); }
};

} // namespace

TEST(RebuildDialog, GuessesRebuildsExactlySavesAndAsksToOpen) {
    SpectrumFiles files;
    const auto& x = files.x;
    const auto& dir = files.dir;
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, files.ph);
    d.guess();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_FALSE(d.candidates().empty()) << d.status().toStdString();
    // The best reading is applied to the fields.
    const auto spec = d.form()->spec();
    EXPECT_EQ(spec.analysis.nperseg.value_or(0), 256);
    EXPECT_EQ(spec.analysis.noverlap.value_or(0), 192);
    EXPECT_EQ(spec.analysis.window.type, core::WindowType::Hann);
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    const auto& r = *d.result();
    EXPECT_TRUE(r.directInverse);
    ASSERT_EQ(r.real.size(), x.size());
    double err = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        err = std::max(err, std::abs(r.real[i] - x[i]));
    EXPECT_LT(err, 1e-9);
    QSignalSpy open(&d, &ui::RebuildDialog::openRequested);
    const QString out = QString::fromStdString((dir.path() / "rebuilt.wav").string());
    ASSERT_TRUE(d.saveResult(out)) << d.status().toStdString();
    ASSERT_EQ(open.count(), 1);
    EXPECT_EQ(open.front().front().toString(), out);
    // The result's rate goes along: a raw .cf32 says none (a tester's opened at 2 MHz).
    const auto options = open.front().at(1).value<core::OpenOptions>();
    ASSERT_TRUE(options.sampleRate.has_value());
    EXPECT_EQ(*options.sampleRate, r.params.fs);
    EXPECT_TRUE(std::filesystem::exists(out.toStdString()));
    // A field edited by hand leaves the picked row: the reading is no longer that one.
    auto* table = d.findChild<QTableWidget*>();
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->currentRow(), 0);
    d.form()->findChild<QSpinBox*>("noverlap")->setValue(128);
    EXPECT_EQ(table->currentRow(), -1);
    EXPECT_TRUE(table->selectedItems().isEmpty());
    // And the rebuilt signal, made with the other reading, can no longer be played or saved.
    EXPECT_FALSE(d.result().has_value());
    auto* save = button(d, "&Save and open…");
    auto* play = button(d, "&Play");
    ASSERT_TRUE(save && play);
    EXPECT_FALSE(save->isEnabled());
    EXPECT_FALSE(play->isEnabled());
    EXPECT_TRUE(d.findChildren<ui::MagnitudePreview*>()[1]->caption().contains("reading changed"));
}

// A result belongs to the files it was rebuilt from: changed files, a new run and a failed run
// leave nothing to play or save (a tester saved the last good result after a failure). Return
// in a path field starts nothing; Play turns into Stop while it plays.
TEST(RebuildDialog, OnlyTheCurrentFilesResultCanBePlayedOrSaved) {
    SpectrumFiles files;
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, QString());
    d.show();
    bool picker = false; // a file dialog opened by Return (the Browse button was the default)
    QTimer::singleShot(500, [&] {
        if (QWidget* modal = QApplication::activeModalWidget(); modal && modal != &d) {
            picker = true;
            modal->close();
        }
    });
    for (auto* path : d.form()->findChildren<QLineEdit*>()) {
        path->setFocus();
        QTest::keyClick(path, Qt::Key_Return);
    }
    QTest::qWait(600);
    EXPECT_FALSE(picker);
    EXPECT_FALSE(d.isRunning());
    EXPECT_FALSE(d.result().has_value());
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    auto* play = button(d, "&Play");
    auto* save = button(d, "&Save and open…");
    ASSERT_TRUE(play && save);
    EXPECT_TRUE(save->isEnabled());
    if (play->isEnabled()) { // a sound device: the null sink of the test run
        play->click();
        EXPECT_TRUE(QTest::qWaitFor([&] { return play->text() == "&Stop"; }, 5000));
        play->click();
        EXPECT_TRUE(QTest::qWaitFor([&] { return play->text() == "&Play"; }, 5000));
    }
    // A phase file of another shape: the old result goes with the files, the run fails.
    const auto wrong = files.dir.path() / "wrong.npy";
    {
        core::NpyWriter w(wrong.string(), core::NpyType::Float64, {3, 4}, true);
        const std::vector<double> zeros(12, 0.0);
        w.append(zeros.data(), zeros.size());
        w.finish();
    }
    d.form()->setFiles(files.mag, QString::fromStdString(wrong.string()));
    EXPECT_FALSE(d.result().has_value());
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    EXPECT_FALSE(d.result().has_value());
    EXPECT_TRUE(d.status().contains("wrong.npy")) << d.status().toStdString();
    EXPECT_FALSE(save->isEnabled());
    EXPECT_FALSE(play->isEnabled());
    // Files changed after the failure: the rebuilt preview no longer says it failed.
    auto* rebuilt = d.findChildren<ui::MagnitudePreview*>()[1];
    EXPECT_TRUE(rebuilt->caption().contains("failed")) << rebuilt->caption().toStdString();
    d.form()->setFiles(files.mag, QString());
    EXPECT_FALSE(rebuilt->caption().contains("failed")) << rebuilt->caption().toStdString();
}

// Escape, Close or the window's close box over a rebuilt signal not saved asks first (they threw
// it away without a word); once saved, the dialog closes at once.
TEST(RebuildDialog, ClosingOverAnUnsavedResultAsksFirst) {
    SpectrumFiles files;
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, files.ph);
    d.show();
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    QString asked;
    auto answer = [&](QMessageBox::StandardButton choice) {
        QTimer::singleShot(200, [&, choice] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(choice)->click();
            }
        });
    };
    answer(QMessageBox::Cancel);
    QTest::keyClick(&d, Qt::Key_Escape);
    EXPECT_EQ(asked, "The rebuilt signal has not been saved: closing discards it.");
    EXPECT_TRUE(d.isVisible()); // kept open
    asked.clear();
    answer(QMessageBox::Discard);
    d.reject();
    EXPECT_FALSE(asked.isEmpty());
    EXPECT_FALSE(d.isVisible());
    // Saved: no question.
    d.show();
    QSignalSpy open(&d, &ui::RebuildDialog::openRequested); // a .npy opens too, at its rate
    ASSERT_TRUE(d.saveResult(QString::fromStdString((files.dir.path() / "r.npy").string())));
    ASSERT_EQ(open.count(), 1);
    EXPECT_TRUE(open.front().at(1).value<core::OpenOptions>().sampleRate.has_value());
    asked.clear();
    answer(QMessageBox::Cancel);
    d.reject();
    EXPECT_TRUE(asked.isEmpty());
    EXPECT_FALSE(d.isVisible());
    QTest::qWait(300); // the timer finds no box
}

TEST(RebuildDialog, MagnitudesAloneAreRetrievedAndBothSpectrogramsShown) {
    SpectrumFiles files;
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, QString());
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    EXPECT_FALSE(d.result()->directInverse);
    EXPECT_EQ(d.result()->convergenceDb.size(), 100u);
    EXPECT_LT(d.result()->finalDb, -25.0);
    EXPECT_TRUE(d.status().contains("Spectral convergence")) << d.status().toStdString();
    const auto previews = d.findChildren<ui::MagnitudePreview*>();
    ASSERT_EQ(previews.size(), 2);
    for (auto* p : previews) {
        EXPECT_FALSE(p->image().isNull());
        EXPECT_TRUE(p->caption().contains("0 Hz to 4 kHz")) << p->caption().toStdString();
    }
}

// Magnitudes alone whose Layout and Magnitudes are left as they are, neither picked nor
// guessed, are read as their shape and peaks show (torchaudio's power, saved frames x bins),
// and the fields then show that reading.
TEST(RebuildDialog, MagnitudesAloneAreReadAsTheirShapeAndPeaksShow) {
    TempDir dir;
    const auto x = tones(128000);
    const auto z =
        core::stft(x, core::StftParams::make(core::parseWindow("hann"), 256, 128, 256, 8000));
    const QString mag = QString::fromStdString((dir.path() / "power.npy").string());
    core::NpyWriter m(mag.toStdString(), core::NpyType::Float64, {z.frames, z.bins}, false);
    for (const auto& v : z.data) { // frame-major: a C-order frames x bins array
        const double p = std::norm(v);
        m.append(&p, 1);
    }
    m.finish();
    ASSERT_GT(z.frames, 4 * z.bins);
    ui::RebuildDialog d;
    auto* layout = d.form()->findChild<QComboBox*>("layout");
    auto* unit = d.form()->findChild<QComboBox*>("magnitudeUnit");
    ASSERT_TRUE(layout && unit);
    d.form()->setFiles(mag, QString());
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    EXPECT_LT(d.result()->finalDb, -25.0);
    EXPECT_EQ(d.result()->length, std::int64_t(x.size()));
    EXPECT_EQ(layout->currentData().toString(), "frames-bins");
    EXPECT_EQ(unit->currentData().toString(), "power");
    EXPECT_TRUE(d.status().contains("read as frames x bins")) << d.status().toStdString();
    EXPECT_TRUE(d.status().contains("read as power")) << d.status().toStdString();
    EXPECT_TRUE(d.status().contains("“linear |X|” under Magnitudes reads them as magnitudes"))
        << d.status().toStdString();
    // Another file is read as its own values show: the fields go back to their defaults (the
    // reading stuck and was taken as given).
    SpectrumFiles plain;
    d.form()->setFiles(plain.mag, QString());
    EXPECT_EQ(layout->currentData().toString(), "bins-frames");
    EXPECT_EQ(unit->currentData().toString(), "linear");
    EXPECT_TRUE(d.form()->spec().magnitudeUnitGiven == false);
}

// A tall grid shown small keeps its thin tones: each pixel shows the loudest bin it covers
// (a tester's 1-bin tone among 2049 bins vanished from the Input when rows were dropped).
TEST(RebuildDialog, APreviewShrunkKeepsAThinTone) {
    ui::MagnitudePreview preview("Input");
    preview.resize(300, 200);
    core::MagnitudeGrid g;
    g.bins = 2049;
    g.frames = 50;
    g.values.assign(std::size_t(g.bins * g.frames), 1e-6);
    const int tones[] = {1003, 1207, 1411, 1613, 1817}; // one bin each, in the upper half
    for (int bin : tones)
        for (std::int64_t j = 0; j < g.frames; ++j)
            g.values[std::size_t(j * g.bins + bin)] = 1;
    preview.setGrid(g, 0.01, 8000, false);
    const QImage shot = preview.grab().toImage();
    // Lit rows of the middle column, in the picture's upper half (the tones' rows, dark between:
    // the labels and caption lie below).
    int lit = 0;
    for (int y = 1; y < shot.height() / 2; ++y)
        lit += qGray(shot.pixel(shot.width() / 2, y)) > 150 &&
               qGray(shot.pixel(shot.width() / 2, y - 1)) <= 150;
    EXPECT_EQ(lit, 5); // every tone
}

// The previews carry the editor's axes (steps of 0.2 s write "0.0 s"): a second of one-sided
// 8 kHz frames reads 0 to 1 s and 0 to 4 kHz; a two-sided 2 MHz grid reads from -1 to 1 MHz
// through 0 in even steps.
TEST(RebuildDialog, ThePreviewsHaveTimeAndFrequencyAxes) {
    ui::MagnitudePreview preview("Input");
    preview.resize(420, 240);
    core::MagnitudeGrid g;
    g.bins = 129;
    g.frames = 101;
    g.values.assign(std::size_t(g.bins * g.frames), 1.0);
    preview.setGrid(g, 0.01, 8000, false);
    const QStringList time = preview.timeTicks(), freq = preview.frequencyTicks();
    ASSERT_GE(time.size(), 3) << time.join(" | ").toStdString();
    EXPECT_EQ(time.first(), "0.0 s") << time.join(" | ").toStdString();
    EXPECT_EQ(time.last(), "1.0 s") << time.join(" | ").toStdString();
    EXPECT_EQ(freq.first(), "0 kHz") << freq.join(" | ").toStdString();
    EXPECT_EQ(freq.last(), "4 kHz") << freq.join(" | ").toStdString();
    EXPECT_TRUE(preview.caption().contains("0–1 s")) << preview.caption().toStdString();
    preview.setGrid(g, 0.01, 22050, false, 1.005); // no tick at the top: it is labelled too
    const QStringList odd = preview.frequencyTicks();
    EXPECT_EQ(odd.last(), "11.025 kHz") << odd.join(" | ").toStdString();
    EXPECT_EQ(odd.first(), "0 kHz") << odd.join(" | ").toStdString();
    EXPECT_GE(odd.size(), 3) << odd.join(" | ").toStdString();
    EXPECT_TRUE(preview.caption().contains("0–1.005 s")) << preview.caption().toStdString();
    g.bins = 256; // two-sided, FFT order
    g.values.assign(std::size_t(g.bins * g.frames), 1.0);
    preview.setGrid(g, 0.001, 2e6, true);
    const QStringList iq = preview.frequencyTicks();
    EXPECT_EQ(iq.join(" | "), "-1.0 MHz | -0.5 MHz | 0.0 MHz | 0.5 MHz | 1.0 MHz")
        << iq.join(" | ").toStdString();
    // As short as in the dialog: evenly spaced kHz, not "0 kHz, 5 kHz, 8 kHz"; and a two-sided
    // 16 kHz axis reads from -8 to 8 kHz, not only "0 kHz".
    preview.resize(480, 150);
    g.bins = 257;
    g.values.assign(std::size_t(g.bins * g.frames), 1.0);
    preview.setGrid(g, 0.01, 16000, false);
    const QStringList low = preview.frequencyTicks();
    EXPECT_EQ(low.join(" | "), "0 kHz | 2 kHz | 4 kHz | 6 kHz | 8 kHz")
        << low.join(" | ").toStdString();
    g.bins = 256;
    g.values.assign(std::size_t(g.bins * g.frames), 1.0);
    preview.setGrid(g, 0.01, 16000, true);
    const QStringList both = preview.frequencyTicks();
    EXPECT_EQ(both.first(), "-8 kHz") << both.join(" | ").toStdString();
    EXPECT_TRUE(both.contains("0 kHz")) << both.join(" | ").toStdString();
    EXPECT_EQ(both.last(), "8 kHz") << both.join(" | ").toStdString();
    preview.clear("no file");
    EXPECT_TRUE(preview.timeTicks().isEmpty()); // no picture, no axes
}

TEST(RebuildDialog, TheInputShowsAsSoonAsItsFileIsChosen) {
    SpectrumFiles files;
    ui::RebuildDialog d;
    const auto previews = d.findChildren<ui::MagnitudePreview*>();
    ASSERT_EQ(previews.size(), 2);
    auto* input = previews[0];
    d.form()->setFiles(files.mag, QString());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !input->image().isNull(); }, 20000))
        << input->caption().toStdString();
    EXPECT_TRUE(input->caption().contains("0 Hz to 4 kHz")) << input->caption().toStdString();
    EXPECT_TRUE(previews[1]->image().isNull()); // nothing rebuilt yet
    EXPECT_TRUE(d.status().startsWith("Guess how the files were made")) << d.status().toStdString();
    // A file that cannot be read says so where the picture was.
    d.form()->setFiles(files.mag + ".missing", QString());
    ASSERT_TRUE(QTest::qWaitFor([&] { return input->image().isNull(); }, 20000));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return input->caption().contains("mag.npy.missing"); }, 20000))
        << input->caption().toStdString();
}

TEST(RebuildDialog, AMissingFileIsNamed) {
    ui::RebuildDialog d;
    d.rebuild();
    EXPECT_FALSE(d.isRunning());
    EXPECT_TRUE(d.status().contains("Magnitudes")) << d.status().toStdString();
    EXPECT_TRUE(d.status().contains("no file chosen")) << d.status().toStdString();
    d.form()->setFiles("/nonexistent/mag.npy", QString());
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    EXPECT_TRUE(d.status().contains("/nonexistent/mag.npy")) << d.status().toStdString();
    auto* bar = d.findChild<QProgressBar*>();
    ASSERT_NE(bar, nullptr);
    EXPECT_EQ(bar->value(), bar->minimum() - 1); // reset: no part-filled bar after a failure
}

TEST(RebuildDialog, APictureAsksForItsLevelsAndAxes) {
    ui::RebuildDialog d;
    d.form()->setFiles("/data/spectrogram.npy", QString());
    EXPECT_FALSE(d.form()->spec().image.has_value());
    d.form()->setFiles("/data/spectrogram.png", QString());
    const auto spec = d.form()->spec();
    ASSERT_TRUE(spec.image.has_value());
    EXPECT_EQ(spec.image->dbMin, -100);
    EXPECT_EQ(spec.image->f1, 4000);
    bool enabledPicture = false, enabledReading = true;
    for (auto* box : d.findChildren<QGroupBox*>()) {
        if (box->title().startsWith("Picture"))
            enabledPicture = box->isEnabled();
        if (box->title() == "How the files are read")
            enabledReading = box->isEnabled();
    }
    EXPECT_TRUE(enabledPicture);
    // Its reading is its levels and axes: nothing to guess, no matrix layout or units (a
    // tester's Guess on a picture failed with "is a picture, not a matrix").
    EXPECT_FALSE(enabledReading);
    EXPECT_FALSE(button(d, "&Guess parameters")->isEnabled());
    EXPECT_TRUE(d.status().startsWith("Reading the picture's levels, time and frequency from its "
                                      "tick labels"))
        << d.status().toStdString();
    d.form()->setFiles("/data/spectrogram.npy", QString());
    EXPECT_TRUE(button(d, "&Guess parameters")->isEnabled());
    EXPECT_TRUE(d.status().startsWith("Guess how the files were made"));
}

// A colour figure (viridis on white, as matplotlib saves one) is read through its colour map and
// cropped to its plot, and the status says so before and after a rebuild; Colours and Reversed
// name the map the user knows.
TEST(RebuildDialog, AColourFigureSaysHowItWasRead) {
    TempDir dir;
    const QString path = QString::fromStdString((dir.path() / "figure.png").string());
    QImage img(300, 200, QImage::Format_RGB32);
    img.fill(Qt::white);
    const core::ColormapTable& viridis = *core::findColormap("viridis");
    for (int r = 20; r < 180; ++r)
        for (int c = 40; c < 260; ++c) {
            const double t = 0.5 + 0.4 * std::sin(c * 0.1) * std::cos(r * 0.05);
            const auto& rgb = viridis.rgb[std::size_t(std::lround(t * 255))];
            img.setPixel(c, r,
                         qRgb(int(std::lround(rgb[0] * 255)), int(std::lround(rgb[1] * 255)),
                              int(std::lround(rgb[2] * 255))));
        }
    ASSERT_TRUE(img.save(path));
    ui::RebuildDialog d;
    d.form()->setFiles(path, QString());
    // No labels: the axes are the user's to give, and the status says why.
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return d.status().startsWith("Give the rest") && d.status().contains("Picture read");
        },
        20000))
        << d.status().toStdString();
    EXPECT_TRUE(d.status().startsWith("Give the rest: time not read (fewer than two tick labels "
                                      "found)"))
        << d.status().toStdString();
    EXPECT_TRUE(d.status().contains("Picture read as viridis (chosen from its colours; 100 % of "
                                    "the plot's pixels are its colours); the plot is columns 41 "
                                    "to 260 and rows 21 to 180 of the 300 x 200 picture"))
        << d.status().toStdString();
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    EXPECT_TRUE(d.status().contains("Spectral convergence")) << d.status().toStdString();
    EXPECT_TRUE(d.status().contains("Picture read as viridis")) << d.status().toStdString();
    auto* colours = d.form()->findChild<QComboBox*>("pictureColormap");
    auto* reversed = d.form()->findChild<QCheckBox*>("pictureReversed");
    ASSERT_TRUE(colours && reversed);
    EXPECT_EQ(d.form()->spec().imageColormap, "auto");
    colours->setCurrentText("magma");
    reversed->setChecked(true);
    EXPECT_EQ(d.form()->spec().imageColormap, "magma_r");
}

// A matplotlib figure (tests/data/figures/make_figures.py: 0 .. 49.875 ms, -1.004 .. 1.004 MHz,
// -90 .. -10 dB) fills the Picture fields from its tick labels, and the rate it shows is the
// usual one nearest (2 MHz, not the 2.0104 MHz a pixel's error gives).
TEST(RebuildDialog, AFiguresTickLabelsFillItsAxes) {
    ui::RebuildDialog d;
    d.form()->setFiles(QString(SPECEDIT_TEST_FIGURES) + "/iq_magma_mhz.png", QString());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return d.status().startsWith("Read from") && d.status().contains("Picture read"); },
        20000))
        << d.status().toStdString();
    EXPECT_TRUE(d.status().startsWith("Read from its tick labels (check them): time -0.07 to "
                                      "49.93 ms (labels 0, 10, 20, 30, 40 ms); frequency -1.005 "
                                      "to 1.005 MHz"))
        << d.status().toStdString();
    const auto spec = d.form()->spec();
    ASSERT_TRUE(spec.image.has_value());
    EXPECT_NEAR(spec.image->t1, 0.049875, 0.0002); // a pixel is 0.115 ms
    EXPECT_NEAR(spec.image->f0, -1.0039e6, 7000);  // and 6.5 kHz
    EXPECT_NEAR(spec.image->dbMin, -90, 0.3);
    EXPECT_NEAR(spec.image->dbMax, -10, 0.3);
    EXPECT_EQ(spec.analysis.fs, 2e6);
    // A frequency typed by hand is the user's: the rate is what it shows, not a usual one.
    d.form()->findChild<QDoubleSpinBox*>("pictureFrequencyTo")->setValue(1.1e6);
    d.form()->findChild<QDoubleSpinBox*>("pictureFrequencyFrom")->setValue(-1.1e6);
    EXPECT_EQ(d.form()->spec().analysis.fs, 2.2e6);
}

// matplotlib's specgram draws 10 log10 of a one-sided PSD from 0 Hz to fs/2: read so, its rate
// is 8 kHz (its axis read 2.9 to 4002.9 Hz showed none), and "of a PSD" brings its magnitudes
// to scipy's "spectrum" scaling: psdPictureOffsetDb louder, each doubled bin halved.
TEST(RebuildDialog, ASpecgramsLevelsAreOfAPsdWhenSaidSo) {
    ui::RebuildDialog d;
    d.form()->setFiles(QString(SPECEDIT_TEST_FIGURES) + "/specgram.png", QString());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return d.status().startsWith("Read from") && d.status().contains("Picture read"); },
        20000))
        << d.status().toStdString();
    auto spec = d.form()->spec();
    ASSERT_TRUE(spec.image.has_value());
    EXPECT_EQ(spec.image->f0, 0.0);
    EXPECT_EQ(spec.analysis.fs, 8000);
    EXPECT_EQ(spec.layout.scaling, core::SpectrumScaling::Spectrum);
    const auto plain = core::readRebuildInput(spec);
    auto* levelsOf = d.form()->findChild<QComboBox*>("pictureLevelsOf");
    ASSERT_NE(levelsOf, nullptr);
    levelsOf->setCurrentIndex(levelsOf->findData("psd"));
    spec = d.form()->spec();
    EXPECT_EQ(spec.layout.scaling, core::SpectrumScaling::Psd);
    const auto psd = core::readRebuildInput(spec);
    ASSERT_EQ(psd.input.values.size(), plain.input.values.size());
    double a = 0, b = 0;
    for (std::size_t i = 0; i < psd.input.values.size(); ++i) {
        a += plain.input.values[i] * plain.input.values[i];
        b += psd.input.values[i] * psd.input.values[i];
    }
    EXPECT_NEAR(10 * std::log10(b / a), core::psdPictureOffsetDb(psd.params), 0.2);
}

// Levels typed while the labels are read stay as typed (a late read overwrote them); the
// other axes take what the labels print.
TEST(RebuildDialog, RangesTypedWhileTheLabelsAreReadAreKept) {
    ui::RebuildDialog d;
    d.form()->setFiles(QString(SPECEDIT_TEST_FIGURES) + "/iq_magma_mhz.png", QString());
    auto* to = d.form()->findChild<QDoubleSpinBox*>("pictureLevelsTo");
    ASSERT_TRUE(to);
    to->setValue(-3); // before the read has even started (it waits for the name to settle)
    ASSERT_TRUE(QTest::qWaitFor([&] { return d.status().startsWith("Read from"); }, 20000))
        << d.status().toStdString();
    EXPECT_TRUE(d.status().contains("Kept as typed (typed while the labels were read): levels; "
                                    "its labels print levels -90.1"))
        << d.status().toStdString();
    const auto spec = d.form()->spec();
    ASSERT_TRUE(spec.image.has_value());
    EXPECT_EQ(spec.image->dbMax, -3);
    EXPECT_NEAR(spec.image->f0, -1.0039e6, 7000); // read
    // Another picture: its labels fill every field again.
    d.form()->setFiles(QString(SPECEDIT_TEST_FIGURES) + "/chirp_viridis.png", QString());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return d.status().startsWith("Read from") && d.status().contains(" s (labels"); },
        20000))
        << d.status().toStdString();
    EXPECT_NEAR(d.form()->spec().image->dbMax, -20, 0.3);
}

// Unset, a picture's window and overlap come from its cells (core/phase/PictureGrid.h), not
// from "the bins" nor half the window as a matrix's.
TEST(RebuildDialog, APicturesWindowAndOverlapSayTheyComeFromIt) {
    ui::RebuildForm form;
    auto* nperseg = form.findChild<QSpinBox*>("nperseg");
    auto* noverlap = form.findChild<QSpinBox*>("noverlap");
    ASSERT_TRUE(nperseg && noverlap);
    form.setFiles("/data/spectrogram.png", QString());
    EXPECT_EQ(nperseg->text(), "from the picture");
    EXPECT_EQ(noverlap->text(), "from the picture");
    nperseg->setValue(512); // a window given: scipy's half of it
    EXPECT_EQ(noverlap->specialValueText(), "half the window");
    nperseg->setValue(0);
    form.setFiles("/data/spectrogram.npy", QString());
    EXPECT_EQ(nperseg->text(), "from the bins");
    EXPECT_EQ(noverlap->text(), "half the window");
}

// A picture's frequency axis shows its sample rate: the field follows it until the user types
// one (before, a 0-11025 Hz picture was refused at the 8 kHz default rate).
TEST(RebuildDialog, ThePicturesFrequencyAxisSetsTheRateUntilOneIsTyped) {
    ui::RebuildForm form;
    auto* from = form.findChild<QDoubleSpinBox*>("pictureFrequencyFrom");
    auto* to = form.findChild<QDoubleSpinBox*>("pictureFrequencyTo");
    auto* rate = form.findChild<QDoubleSpinBox*>("sampleRate");
    ASSERT_TRUE(from && to && rate);
    form.setFiles("/data/spectrogram.npy", QString());
    to->setValue(11025); // a matrix file: the rate is the field's
    EXPECT_EQ(form.spec().analysis.fs, 8000);
    form.setFiles("/data/spectrogram.png", QString());
    EXPECT_EQ(form.spec().analysis.fs, 22050); // 0 .. fs/2
    from->setValue(-1e6);
    to->setValue(1e6);
    EXPECT_EQ(form.spec().analysis.fs, 2e6); // an IQ picture, -fs/2 .. fs/2
    to->setValue(3e6);                       // a band shows no rate: it stays
    EXPECT_EQ(form.spec().analysis.fs, 2e6);
    rate->setValue(48000); // typed
    from->setValue(0);
    to->setValue(24000);
    EXPECT_EQ(form.spec().analysis.fs, 48000);
    to->setValue(4000);
    EXPECT_EQ(form.spec().analysis.fs, 48000);
    form.setFiles("/data/another.png", QString()); // typed for the other picture: this one's axis
    EXPECT_EQ(form.spec().analysis.fs, 8000);
    to->setValue(5000);
    EXPECT_EQ(form.spec().analysis.fs, 10000);
    QSettings().remove("rebuild/sampleRate"); // 48 kHz typed: the other tests start at 8 kHz
}

// Until a rate is typed the field says it is assumed (a tester rebuilt at the 8 kHz default with
// nothing saying so) or from the picture; the rate typed starts the next dialog, assumed there.
TEST(RebuildDialog, TheSampleRateSaysWhereItCameFrom) {
    QSettings().remove("rebuild/sampleRate");
    {
        ui::RebuildForm form;
        auto* rate = form.findChild<QDoubleSpinBox*>("sampleRate");
        auto* note = form.findChild<QLabel*>("sampleRateNote");
        ASSERT_TRUE(rate && note);
        EXPECT_EQ(rate->value(), 8000);
        EXPECT_EQ(note->text(), "assumed");
        form.setFiles("/data/m.npy", QString());
        EXPECT_EQ(note->text(), "assumed");
        rate->setValue(16000);
        EXPECT_EQ(note->text(), "");
        form.setFiles("/data/n.npy", QString());
        EXPECT_EQ(note->text(), ""); // typed here: kept for the next file
        form.setFiles("/data/spectrogram.png", QString());
        EXPECT_EQ(note->text(), "from the picture");
        form.setFiles("/data/o.npy", QString());
        EXPECT_EQ(note->text(), "assumed"); // the picture's rate, not one typed
    }
    ui::RebuildForm again;
    EXPECT_EQ(again.findChild<QDoubleSpinBox*>("sampleRate")->value(), 16000);
    EXPECT_EQ(again.findChild<QLabel*>("sampleRateNote")->text(), "assumed");
    QSettings().remove("rebuild/sampleRate"); // the other tests' forms start at 8 kHz
}

// Text a field refuses is said in the status line (it went back without a word), and a rate of
// 0 is refused (it became 1 mHz).
TEST(RebuildDialog, AFieldThatRefusesWhatWasTypedSaysWhy) {
    QSettings().remove("rebuild/sampleRate");
    ui::RebuildDialog d;
    auto type = [&d](const char* name, const char* text) {
        auto* field = d.form()->findChild<QDoubleSpinBox*>(name);
        ASSERT_NE(field, nullptr) << name;
        field->selectAll();
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
        QCoreApplication::processEvents(); // the refusal is queued
    };
    type("sampleRate", "0");
    EXPECT_EQ(d.form()->findChild<QDoubleSpinBox*>("sampleRate")->value(), 8000);
    EXPECT_EQ(d.status().toStdString(), "Sample rate \"0\" is not a rate above 0 (8000, 44.1k, 2 "
                                        "MHz); it stays 8 kHz.");
    d.form()->setFiles("/data/spectrogram.png", QString()); // the picture's fields are on
    type("pictureFrequencyTo", "4 kH");
    EXPECT_EQ(d.status().toStdString(),
              "Picture Frequency to: \"4 kH\" is not a frequency (0, -1M, "
              "4 kHz); it stays 4 kHz.");
    QSettings().remove("rebuild/sampleRate");
}

// A reading guessed for one file is not applied to the next: a tester's dB unit and layout,
// guessed for one file, read the next (linear) one as noise. An FFT size that was the window
// length follows a new window length.
TEST(RebuildDialog, AGuessedReadingStaysWithItsFile) {
    SpectrumFiles files;
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, files.ph);
    d.guess();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_FALSE(d.candidates().empty()) << d.status().toStdString();
    auto* nperseg = d.form()->findChild<QSpinBox*>("nperseg");
    ASSERT_NE(nperseg, nullptr);
    EXPECT_EQ(d.form()->spec().analysis.nfft.value_or(0), 256);
    nperseg->setValue(128);
    EXPECT_FALSE(d.form()->spec().analysis.nfft.has_value()); // "= window" again
    // A scaling a guess hinted (psd for a spectrogram's) is the guess's: the next guess is not
    // told it, and another file forgets it (a tester's psd stayed, and the next file's guess,
    // given psd, found nothing and its rebuild came out 13 dB too loud).
    d.form()->applyScaling(core::SpectrumScaling::Psd);
    EXPECT_EQ(d.form()->spec().layout.scaling, core::SpectrumScaling::Psd);
    EXPECT_EQ(d.form()->guessOptions().scaling, core::SpectrumScaling::Spectrum);
    d.form()->setFiles(files.mag + ".other.npy", QString());
    const auto spec = d.form()->spec();
    EXPECT_EQ(spec.layout.scaling, core::SpectrumScaling::Spectrum);
    EXPECT_FALSE(spec.analysis.nperseg.has_value());
    EXPECT_FALSE(spec.analysis.noverlap.has_value());
    EXPECT_EQ(spec.analysis.window.type, core::WindowType::Hann);
    EXPECT_EQ(spec.layout.magnitude, core::MagnitudeUnit::Linear);
    EXPECT_TRUE(spec.retrieval.framing.centred); // scipy's frames unless the box says otherwise
    auto* uncentred = d.form()->findChild<QCheckBox*>("uncentred");
    ASSERT_NE(uncentred, nullptr);
    uncentred->setChecked(true);
    EXPECT_FALSE(d.form()->spec().retrieval.framing.centred);
}

// Guessed as scipy.signal.spectrogram's (its Tukey window of alpha 0.25), the frames are set to
// start at the first sample, as that tool's do (they were left centred and the result came back
// half a window late); a picture's frames lie where its time axis says: the box is off for it.
TEST(RebuildDialog, AGuessOfASpectrogramToolsWindowStartsItsFramesAtTheFirstSample) {
    SpectrumFiles files;
    writeSpectrum(files.x, files.mag.toStdString(), files.ph.toStdString(),
                  core::StftParams::make(core::parseWindow("tukey,0.25"), 256, 32, 256, 8000));
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, files.ph);
    d.guess();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_FALSE(d.candidates().empty()) << d.status().toStdString();
    EXPECT_EQ(core::toString(d.candidates().front().params.window), "tukey,0.25");
    auto* uncentred = d.form()->findChild<QCheckBox*>("uncentred");
    ASSERT_NE(uncentred, nullptr);
    EXPECT_TRUE(uncentred->isChecked());
    EXPECT_FALSE(d.form()->spec().retrieval.framing.centred);
    EXPECT_TRUE(d.status().contains("Frames set to start at the first sample, as "
                                    "scipy.signal.spectrogram's (its Tukey window of alpha 0.25) "
                                    "do"))
        << d.status().toStdString();
    d.form()->setFiles("/data/spectrogram.png", QString());
    EXPECT_FALSE(uncentred->isEnabled());
    EXPECT_TRUE(d.form()->spec().retrieval.framing.centred);
}

// An .npz chosen as the magnitudes whose two arrays are named magnitude and phase
// (np.savez(..., magnitude=m, phase=p)): both fields take its arrays.
TEST(RebuildDialog, AnNpzOfMagnitudesAndPhasesFillsBothFields) {
    const QString npz = SPECEDIT_TEST_SPECTRA "/pair.npz";
    ui::RebuildDialog d;
    d.form()->setFiles(npz, QString());
    EXPECT_EQ(d.form()->magnitudePath(), npz + ":magnitude");
    EXPECT_EQ(d.form()->phasePath(), npz + ":phase");
    const core::RebuildOutcome input = core::readRebuildInput(d.form()->spec());
    EXPECT_EQ(input.input.bins, 9);
    d.form()->setFiles(npz, "/data/other_phase.npy"); // a phase given: kept as it is
    EXPECT_EQ(d.form()->magnitudePath(), npz);
}

// A phase file added under a reading guessed from the magnitudes alone: the reading is guessed
// again with it, before Rebuild runs (a tester's sqrt-Hann guess stayed, and the rebuild said
// the magnitudes and phases did not fit it).
TEST(RebuildDialog, APhaseFileAddedUnderAGuessedReadingIsGuessedWith) {
    SpectrumFiles files;
    ui::RebuildDialog d;
    d.form()->setFiles(files.mag, QString());
    d.guess();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_FALSE(d.candidates().empty()) << d.status().toStdString();
    EXPECT_TRUE(d.candidates().front().scoreIsDb); // magnitudes alone
    d.form()->setFiles(files.mag, files.ph);
    EXPECT_TRUE(d.status().contains("guessed again")) << d.status().toStdString();
    d.rebuild(); // at once, before the pause that would have guessed
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !d.isRunning() && d.result().has_value(); }, 60000))
        << d.status().toStdString();
    ASSERT_FALSE(d.candidates().empty());
    EXPECT_FALSE(d.candidates().front().scoreIsDb); // with the phase: an inconsistency
    const auto& r = *d.result();
    EXPECT_TRUE(r.directInverse);
    ASSERT_EQ(r.real.size(), files.x.size());
    double err = 0;
    for (std::size_t i = 0; i < files.x.size(); ++i)
        err = std::max(err, std::abs(r.real[i] - files.x[i]));
    EXPECT_LT(err, 1e-9);
}

// A reading with its window centred in a longer FFT (librosa, torch) sets the window offset;
// another file forgets it.
TEST(RebuildDialog, AGuessedWindowOffsetIsAppliedAndForgotten) {
    ui::RebuildForm form;
    auto* offset = form.findChild<QSpinBox*>("windowOffset");
    ASSERT_NE(offset, nullptr);
    form.setFiles("/nonexistent/a.npy", "/nonexistent/a_phase.npy");
    EXPECT_EQ(form.spec().layout.windowOffset, 0);
    core::GuessCandidate c;
    c.params = core::StftParams::make(core::parseWindow("hann"), 400, 240, 512, 16000);
    c.layout.windowOffset = 56;
    form.apply(c);
    EXPECT_EQ(offset->value(), 56);
    EXPECT_EQ(form.spec().layout.windowOffset, 56);
    EXPECT_EQ(form.spec().analysis.nfft.value_or(0), 512);
    form.setFiles("/nonexistent/b.npy", QString());
    EXPECT_EQ(form.spec().layout.windowOffset, 0);
}

// A Layout picked by hand tells a magnitude-only guess how to read that file, and only that
// one: before, it stayed for the next file when no guess had been applied in between.
TEST(RebuildDialog, ALayoutPickedByHandStaysWithItsFile) {
    ui::RebuildForm form;
    auto* layout = form.findChild<QComboBox*>("layout");
    ASSERT_NE(layout, nullptr);
    form.setFiles("/nonexistent/a.npy", QString());
    EXPECT_FALSE(form.guessOptions().layout.has_value()); // the shape decides
    layout->setCurrentIndex(1);
    emit layout->activated(1); // as a click picks it
    ASSERT_TRUE(form.guessOptions().layout.has_value());
    EXPECT_EQ(*form.guessOptions().layout, core::MatrixLayout::FramesByBins);
    form.setFiles("/nonexistent/b.npy", QString());
    EXPECT_FALSE(form.guessOptions().layout.has_value());
    // Picked after a guess, the lengths fitted to the other layout's bins go (a window of 2528
    // from 1265 rows read as bins stayed, and the preview refused 129 bins).
    core::GuessCandidate c;
    c.params = core::StftParams::make(core::parseWindow("hann"), 2528, 1896, 2528, 22050);
    form.apply(c);
    EXPECT_EQ(form.spec().analysis.nperseg.value_or(0), 2528);
    layout->setCurrentIndex(1);
    emit layout->activated(1);
    EXPECT_FALSE(form.spec().analysis.nperseg.has_value());
    EXPECT_FALSE(form.spec().analysis.noverlap.has_value());
    EXPECT_FALSE(form.spec().analysis.nfft.has_value());
}

// A plain FFT (torch's Hann 256 in a 256 FFT: no window offset tells its tool) read with
// scipy's scaling came out sum(w) = 128 times too loud, warned. Left at scipy's, the level
// reads it: the result at the signal's level, the Scaling field showing none and the status
// saying why; scipy's picked by hand stays.
TEST(RebuildDialog, APlainFftsLevelSetsTheScalingUnlessOneIsPicked) {
    TempDir dir;
    const std::vector<double> x = tones(16000);
    std::vector<double> loud(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        loud[i] = 128 * x[i]; // its scipy STFT is the signal's plain FFT
    const QString mag = QString::fromStdString((dir.path() / "m.npy").string());
    const QString ph = QString::fromStdString((dir.path() / "p.npy").string());
    writeSpectrum(loud, mag.toStdString(), ph.toStdString());
    ui::RebuildDialog d;
    auto* scaling = d.form()->findChild<QComboBox*>("scaling");
    ASSERT_NE(scaling, nullptr);
    d.form()->setFiles(mag, ph);
    const auto maxError = [&](double gain) {
        double err = 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            err = std::max(err, std::abs(d.result()->real.at(i) - gain * x[i]));
        return err;
    };
    d.guess();
    ASSERT_TRUE(waitIdle(d));
    EXPECT_EQ(scaling->currentData().toString(), "spectrum"); // nothing names a tool
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    EXPECT_LT(maxError(1), 1e-9);
    EXPECT_EQ(scaling->currentData().toString(), "none");
    EXPECT_TRUE(d.status().contains("read as a plain, unscaled FFT (scaling none"))
        << d.status().toStdString();
    scaling->setCurrentIndex(0);
    emit scaling->activated(0); // scipy's, as a click picks it
    d.rebuild();
    ASSERT_TRUE(waitIdle(d));
    ASSERT_TRUE(d.result().has_value()) << d.status().toStdString();
    EXPECT_LT(maxError(128), 1e-6);
    EXPECT_TRUE(d.status().contains("take scaling none")) << d.status().toStdString();
}

// The Overlap field takes a percentage of the window length as well as samples: "75%" read
// 75 samples without a word. With no window length given, a percentage is refused and said.
TEST(RebuildDialog, AnOverlapTypedInPercentIsOfTheWindow) {
    ui::RebuildForm form;
    form.show();
    QSignalSpy refused(&form, &ui::RebuildForm::refused);
    auto* overlap = form.findChild<QSpinBox*>("noverlap");
    auto* nperseg = form.findChild<QSpinBox*>("nperseg");
    ASSERT_TRUE(overlap && nperseg);
    auto type = [overlap](const QString& text) {
        overlap->setFocus();
        overlap->selectAll();
        QTest::keyClicks(overlap, text);
        QTest::keyClick(overlap, Qt::Key_Return);
    };
    type("75%");
    EXPECT_EQ(overlap->value(), -1); // no window length: unchanged
    ASSERT_EQ(refused.count(), 1);
    EXPECT_TRUE(refused.at(0).at(0).toString().startsWith("Overlap \"75%\": a percentage is of "
                                                          "the window length"))
        << refused.at(0).at(0).toString().toStdString();
    nperseg->setValue(512);
    type("75%");
    EXPECT_EQ(overlap->value(), 384);
    EXPECT_EQ(overlap->text(), "384 samples");
    type("87.5 %");
    EXPECT_EQ(overlap->value(), 448);
    type("100");
    EXPECT_EQ(overlap->value(), 100); // samples, as before
}

// Kaiser and Gaussian windows take their parameter after a comma, typed as the CLI takes it;
// a missing one is said, naming the field.
TEST(RebuildDialog, AKaiserWindowIsTypedWithItsBeta) {
    ui::RebuildForm form;
    auto* window = form.findChild<QComboBox*>("window");
    ASSERT_TRUE(window);
    form.setFiles("/nonexistent/mag.npy", {});
    window->setCurrentIndex(window->findData("kaiser,8.6"));
    EXPECT_EQ(form.spec().analysis.window, core::parseWindow("kaiser,8.6"));
    window->setEditText("kaiser,14");
    EXPECT_EQ(form.spec().analysis.window, core::parseWindow("kaiser,14"));
    window->setEditText("hamming, symmetric (MATLAB)"); // a listed label is its name
    EXPECT_EQ(form.spec().analysis.window, core::parseWindow("hamming,sym"));
    window->setEditText("kaiser");
    try {
        (void)form.spec();
        ADD_FAILURE() << "a Kaiser window without beta was taken";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("Window: window 'kaiser' needs a parameter"),
                  std::string::npos)
            << e.what();
    }
}

TEST(RebuildDialog, MethodFieldsFollowTheMethod) {
    ui::RebuildForm form;
    auto* method = form.findChild<QComboBox*>("method");
    auto* momentum = form.findChild<QDoubleSpinBox*>("momentum");
    auto* relaxation = form.findChild<QDoubleSpinBox*>("relaxation");
    ASSERT_TRUE(method && momentum && relaxation);
    form.setFiles("/nonexistent/mag.npy", {});
    // RAAR, then fast Griffin-Lim, is the default: both its settings apply.
    EXPECT_EQ(form.spec().retrieval.method, core::PhaseMethod::Raar);
    EXPECT_TRUE(momentum->isEnabled());
    EXPECT_TRUE(relaxation->isEnabled());
    relaxation->setValue(0.9);
    EXPECT_DOUBLE_EQ(form.spec().retrieval.relaxation, 0.9);
    method->setCurrentIndex(method->findData("gla"));
    EXPECT_FALSE(momentum->isEnabled());
    EXPECT_FALSE(relaxation->isEnabled());
    method->setCurrentIndex(method->findData("fgla"));
    EXPECT_TRUE(momentum->isEnabled());
    EXPECT_FALSE(relaxation->isEnabled());
    EXPECT_EQ(form.spec().retrieval.method, core::PhaseMethod::FastGriffinLim);
}

TEST(RebuildDialog, AScoreSaysWhenTheHopIsTooLongForTheMagnitudesToTell) {
    // A one-sided 256-point frame gives 129 magnitudes: hop 128 brings 128 unknowns (told),
    // hop 129 and 192 as many or more (any magnitudes fit; phase/GuessRanking.h).
    core::GuessCandidate c;
    c.scoreIsDb = true;
    c.score = -20;
    for (int hop : {128, 129, 192}) {
        c.params = core::StftParams::make({}, 256, 256 - hop, 256, 8000);
        EXPECT_EQ(ui::scoreText(c).contains("hop too long to tell"), hop >= 129) << hop;
    }
    c.complexSignal = true; // 256 magnitudes against 2 x hop real unknowns
    c.params = core::StftParams::make({}, 256, 256 - 128, 256, 8000);
    EXPECT_TRUE(ui::scoreText(c).contains("hop too long to tell"));
    c.params = core::StftParams::make({}, 256, 256 - 127, 256, 8000);
    EXPECT_FALSE(ui::scoreText(c).contains("hop too long to tell"));
}

// Each reading whole on one line: a long score further down (odd FFT size, hop too long to tell)
// took the width and cut the readings to "hann, window 256, hop 64, ..."; wrapped text hid half
// of the next row. What a column cuts off is in its tooltip.
TEST(RebuildDialog, TheGuessTableShowsEachReadingOnOneLine) {
    ui::GuessTable table;
    table.resize(900, 170);
    table.show();
    core::GuessCandidate best;
    best.scoreIsDb = true;
    best.score = -40.9;
    best.peakFit = 0.99;
    best.params = core::StftParams::make({}, 256, 192, 256, 16000);
    core::GuessCandidate odd = best;
    odd.score = -20;
    odd.params = core::StftParams::make({}, 1251, 938, 1251, 16000);
    odd.layout.magnitude = core::MagnitudeUnit::Db10;
    table.setCandidates({best, odd, odd, odd});
    const QFontMetrics fm = table.fontMetrics();
    const QString reading = table.item(0, 0)->text();
    EXPECT_GE(table.columnWidth(0), fm.horizontalAdvance(reading)) << reading.toStdString();
    EXPECT_LE(table.columnWidth(0), 0.6 * table.viewport()->width());
    EXPECT_EQ(table.rowHeight(1), table.rowHeight(0));
    EXPECT_FALSE(table.wordWrap());
    EXPECT_EQ(table.item(1, 1)->toolTip(), table.item(1, 1)->text());
    EXPECT_TRUE(table.item(1, 1)->text().contains("odd FFT size"));
}

TEST(RebuildDialog, TheGuessSaysHowManyReadingsWereRankedAndHowManyAreListed) {
    // The notes count among every reading ranked ("240 readings rank after the rest"), the
    // table lists the best 12: the status said "12 readings ranked" beside such a note.
    core::GuessResult result;
    result.candidates.resize(12);
    result.ranked = 300;
    const std::vector<core::GuessCandidate> listed(12);
    const QString many = ui::guessText(result, listed);
    EXPECT_TRUE(many.startsWith("300 readings ranked, the best 12 listed; the best is applied."))
        << many.toStdString();
    result.ranked = 3;
    const std::vector<core::GuessCandidate> few(3);
    const QString all = ui::guessText(result, few);
    EXPECT_TRUE(all.startsWith("3 readings ranked; the best is applied.")) << all.toStdString();
}

// File > Export spectrogram image describes the picture (ui/PictureExport.h): the plot's place
// is where the view drew it, the axes are the view's (an IQ recording's frequencies as offsets
// from its centre), and the rebuild dialog fills every field from the description, no label
// read: levels, axes, rate, window; the rebuild runs on the STFT drawn, at the centre named.
TEST(RebuildDialog, AnExportedPictureFillsEveryFieldFromItsDescription) {
    test::DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    ui::SpectrogramView* view = demo.window.view();
    const QString png = QString::fromStdString(demo.dir.file("view.png"));
    ASSERT_EQ(ui::exportSpectrogramPicture(*view, *demo.window.document(), png), QString());
    const auto d = core::readPictureDescription(png.toStdString());
    ASSERT_TRUE(d);
    // The axes' ranges end on the rect's left and right edges, and a row above its top to its
    // last row (QCustomPlot's vertical mapping): the picture's pixels are there, the margin's
    // white outside (the picture's first row may be clipped to white).
    const QRect plot = view->paneRect(0)->rect();
    EXPECT_EQ(QRect(d->left, d->top + 1, d->width, d->height), plot);
    const QImage image(png);
    auto white = [&](int x, int y) { return image.pixel(x, y) == qRgb(255, 255, 255); };
    const int right = d->left + d->width, bottom = d->top + d->height;
    const int midX = d->left + d->width / 2, midY = d->top + d->height / 2;
    EXPECT_TRUE(white(d->left - 2, midY) && white(right, midY) && white(midX, d->top - 1));
    EXPECT_FALSE(white(d->left + 1, midY) || white(right - 1, midY) || white(midX, d->top + 1) ||
                 white(midX, bottom - 1));
    const QCPRange t = view->plot()->xAxis->range(), f = view->plot()->yAxis->range();
    EXPECT_EQ(d->t0, t.lower);
    EXPECT_EQ(d->t1, t.upper);
    EXPECT_EQ(d->centerFrequency, 433.92e6);
    EXPECT_DOUBLE_EQ(d->f0, f.lower - 433.92e6);
    EXPECT_DOUBLE_EQ(d->f1, f.upper - 433.92e6);
    EXPECT_EQ(d->colormap, "inferno");
    EXPECT_EQ(d->nperseg, demo.window.document()->analysis().nperseg);
    EXPECT_EQ(d->shows, "original");

    ui::RebuildDialog dialog;
    dialog.form()->setFiles(png, QString());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return dialog.status().startsWith("From its SpecEdit description") &&
                   dialog.status().contains("Picture read");
        },
        20000))
        << dialog.status().toStdString();
    EXPECT_TRUE(dialog.status().contains("exported by SpecEdit from "
                                         "SDRuno_20261121_120000Z_433920kHz.wav (original)"))
        << dialog.status().toStdString();
    const core::RebuildSpec spec = dialog.form()->spec();
    ASSERT_TRUE(spec.image);
    EXPECT_EQ(spec.image->t1, d->t1);
    EXPECT_NEAR(spec.image->f0, d->f0, 0.01); // the field's decimals
    EXPECT_EQ(spec.image->dbMin, d->dbMin);
    EXPECT_EQ(spec.analysis.fs, 2e6);
    EXPECT_EQ(core::toString(spec.analysis.window), d->window);
    const core::RebuildOutcome input = core::readRebuildInput(spec);
    EXPECT_EQ(input.params.nperseg, d->nperseg);
    EXPECT_EQ(input.params.noverlap, d->noverlap);
    EXPECT_TRUE(input.complexSignal);
    EXPECT_EQ(input.centerFrequency, 433.92e6);
}

// Exported straight after opening, while quick tiles stand in for the exact ones, the picture
// is the exact one: the export waits for it (the same pixels as once every tile is drawn).
TEST(RebuildDialog, APictureExportedWhileTilesAreComputedIsTheExactOne) {
    test::DemoWindow demo;
    ASSERT_TRUE(demo.open(false));
    ui::SpectrogramView* view = demo.window.view();
    ASSERT_FALSE(view->isPictureComplete());
    QString why;
    ASSERT_TRUE(ui::waitForExactPicture(*view, &demo.window, &why)) << why.toStdString();
    const QString early = QString::fromStdString(demo.dir.file("early.png"));
    ASSERT_EQ(ui::exportSpectrogramPicture(*view, *demo.window.document(), early), QString());
    ASSERT_TRUE(test::waitForTiles(demo.window));
    const QString settled = QString::fromStdString(demo.dir.file("settled.png"));
    ASSERT_EQ(ui::exportSpectrogramPicture(*view, *demo.window.document(), settled), QString());
    const QImage a(early), b(settled);
    ASSERT_EQ(a.size(), b.size());
    const auto d = core::readPictureDescription(settled.toStdString());
    ASSERT_TRUE(d);
    int differing = 0;
    for (int y = d->top + 1; y < d->top + d->height; ++y)
        for (int x = d->left; x < d->left + d->width; ++x)
            differing += a.pixel(x, y) != b.pixel(x, y);
    EXPECT_EQ(differing, 0);
}

// A screenshot of the editor (the picture without its description: saved again elsewhere) is
// read from its labels as any figure: the colour bar's levels, the frequency labels with their
// unit ("434.5 MHz"), and the time labels under the trace lane, which shares the time axis.
TEST(RebuildDialog, TheEditorsPictureWithoutItsDescriptionIsReadFromItsLabels) {
    test::DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    ui::SpectrogramView* view = demo.window.view();
    const std::string png = demo.dir.file("screenshot.png");
    ASSERT_TRUE(view->renderPicture(nullptr).save(QString::fromStdString(png)));
    ASSERT_FALSE(core::readPictureDescription(png));
    const core::FigureAxes read = core::figureAxesOf(png, "auto");
    const QCPRange t = view->plot()->xAxis->range(), f = view->plot()->yAxis->range();
    const QRect plot = view->paneRect(0)->rect();
    ASSERT_TRUE(read.time.read) << read.time.problem;
    EXPECT_TRUE(read.time.sharedBelow);
    EXPECT_NEAR(read.time.low, t.lower, 2 * t.size() / plot.width());
    EXPECT_NEAR(read.time.high, t.upper, 2 * t.size() / plot.width());
    ASSERT_TRUE(read.frequency.read) << read.frequency.problem;
    EXPECT_EQ(read.frequency.unit, "MHz");
    EXPECT_NEAR(read.frequency.low, f.lower, 2 * f.size() / plot.height());
    EXPECT_NEAR(read.frequency.high, f.upper, 2 * f.size() / plot.height());
    ASSERT_TRUE(read.level.read) << read.level.problem;
    const auto levels = view->colorParams();
    EXPECT_NEAR(read.level.low, levels.minDb, 1.0);
    EXPECT_NEAR(read.level.high, levels.maxDb, 1.0);

    // In the dialog its radio band (432.9 to 434.9 MHz) shows no rate until its Centre
    // frequency is given: then the axis is read as offsets from it, and its span is the rate.
    ui::RebuildDialog dialog;
    dialog.form()->setFiles(QString::fromStdString(png), QString());
    ASSERT_TRUE(QTest::qWaitFor([&] { return dialog.status().startsWith("Read from"); }, 20000))
        << dialog.status().toStdString();
    EXPECT_FALSE(dialog.form()->spec().centerFrequency);
    auto* centre = dialog.form()->findChild<QDoubleSpinBox*>("centreFrequency");
    ASSERT_TRUE(centre);
    EXPECT_EQ(centre->text(), "none");
    centre->setValue(433.92e6);
    const core::RebuildSpec spec = dialog.form()->spec();
    EXPECT_EQ(spec.analysis.fs, 2e6);
    EXPECT_EQ(spec.centerFrequency, 433.92e6);
    ASSERT_TRUE(spec.image);
    EXPECT_NEAR(spec.image->f0, f.lower - 433.92e6, 2 * f.size() / plot.height());
    EXPECT_NEAR(spec.image->f1, f.upper - 433.92e6, 2 * f.size() / plot.height());
    const core::RebuildOutcome input = core::readRebuildInput(spec);
    EXPECT_TRUE(input.complexSignal);
    EXPECT_EQ(input.centerFrequency, 433.92e6);
}
