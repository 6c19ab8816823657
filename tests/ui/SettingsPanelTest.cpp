// The Settings panel never changes what the user typed: out-of-range values and refused
// combinations are shown in red with the reason and the allowed range, and nothing is saved,
// exported or played with values the fields do not show.

#include "AnalysisPanel.h"
#include "AutoLength.h"
#include "Document.h"
#include "UiFixture.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <gtest/gtest.h>

using namespace specedit::test;

namespace {

// The Settings panel's field with this suffix (the paint bar has a " %" field too).
QSpinBox* field(ui::MainWindow& w, const QString& suffix) {
    for (auto* spin : w.findChild<ui::AnalysisPanel*>()->findChildren<QSpinBox*>())
        if (spin->suffix() == suffix)
            return spin;
    return nullptr;
}

// Types text into a spin box as a user would (select all, keys, Return).
void type(ui::MainWindow& w, QSpinBox* spin, const QString& text) {
    spin->setFocus();
    spin->selectAll();
    for (const QChar c : text)
        QTest::keyClick(w.windowHandle(), Qt::Key(c.unicode()));
    QTest::keyClick(w.windowHandle(), Qt::Key_Return);
    QTest::qWait(50);
}

ui::AnalysisPanel* panel(ui::MainWindow& w) {
    return w.findChild<ui::AnalysisPanel*>();
}

} // namespace

// With no recording open the analysis fields read "—", not "0 samples" and "0 %" (a tester
// took them for values); once one is open they read its analysis, and a 0 % overlap typed
// later reads "0 %".
TEST(SettingsPanel, WithNoRecordingTheFieldsReadADash) {
    DemoWindow demoWindow;
    auto& w = demoWindow.window;
    QSpinBox* overlap = field(w, " %");
    QSpinBox* length = field(w, " samples");
    ASSERT_TRUE(overlap && length);
    EXPECT_EQ(length->text(), "—");
    EXPECT_EQ(overlap->text(), "—");
    ASSERT_TRUE(demoWindow.open(true));
    EXPECT_EQ(length->text(), QString("%1 samples").arg(w.document()->analysis().nperseg));
    ASSERT_TRUE(demoWindow.activate());
    type(w, overlap, "0");
    EXPECT_EQ(overlap->text(), "0 %");
}

TEST(SettingsPanel, OutOfRangeValuesStayVisibleAndAreRefusedWithTheirRange) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ASSERT_TRUE(demoWindow.activate());
    const auto before = w.document()->analysis();
    QSpinBox* overlap = field(w, " %");
    QSpinBox* length = field(w, " samples");
    ASSERT_TRUE(overlap && length);
    type(w, overlap, "100");
    EXPECT_EQ(overlap->value(), 100); // not 10
    EXPECT_TRUE(panel(w)->hasInvalidInput());
    EXPECT_TRUE(panel(w)->problem().contains("0 to 99 %")) << panel(w)->problem().toStdString();
    EXPECT_EQ(w.document()->analysis(), before);
    EXPECT_FALSE(overlap->styleSheet().isEmpty()); // shown in red
    // Export refuses while the field shows a value the document does not use.
    QString warning;
    QTimer::singleShot(200, [&warning] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            warning = box->text();
            box->close();
        }
    });
    EXPECT_FALSE(w.exportTo(QString::fromStdString(demoWindow.dir.file("out.wav"))));
    EXPECT_TRUE(warning.contains("0 to 99 %")) << warning.toStdString();
    // 99 % is valid: it is applied as typed (not 9 %), hop shown in samples.
    type(w, overlap, "99");
    EXPECT_EQ(overlap->value(), 99);
    EXPECT_FALSE(panel(w)->hasInvalidInput()) << panel(w)->problem().toStdString();
    EXPECT_EQ(w.document()->analysis().noverlap, int(std::lround(before.nperseg * 0.99)));
    // A length below 16 stays as typed, with the range.
    type(w, length, "8");
    EXPECT_EQ(length->value(), 8);
    EXPECT_TRUE(panel(w)->problem().contains("16 to 65536")) << panel(w)->problem().toStdString();
    EXPECT_EQ(w.document()->analysis().nperseg, before.nperseg);
    // Said under the length, in place of its readout ("0.5 ms, 2 kHz/bin, hop 2" read as if
    // valid, and the reason lay at the foot of the panel, out of sight in a short window).
    QLabel* said = nullptr;
    for (auto* label : panel(w)->findChildren<QLabel*>()) {
        if (label->text().contains("16 to 65536"))
            said = label;
        if (label->text().contains("/bin")) {
            EXPECT_FALSE(label->isVisible()) << label->text().toStdString();
        }
    }
    ASSERT_NE(said, nullptr);
    EXPECT_TRUE(said->isVisible());
    EXPECT_LT(said->mapTo(panel(w), QPoint()).y(), overlap->mapTo(panel(w), QPoint()).y());
}

TEST(SettingsPanel, RefusedCombinationsSayWhyInTheWindowsWordsAndCanBeRestored) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ASSERT_TRUE(demoWindow.activate());
    const auto before = w.document()->analysis();
    QSpinBox* overlap = field(w, " %");
    type(w, overlap, "0"); // Hann without overlap breaks NOLA
    EXPECT_EQ(overlap->value(), 0);
    const QString problem = panel(w)->problem();
    EXPECT_TRUE(problem.contains("NOLA")) << problem.toStdString();
    EXPECT_FALSE(problem.contains("--")) << problem.toStdString();
    EXPECT_FALSE(problem.contains("noverlap")) << problem.toStdString();
    EXPECT_EQ(w.document()->analysis(), before);
    for (auto* button : panel(w)->findChildren<QPushButton*>())
        if (button->text().startsWith("Restore"))
            button->click();
    EXPECT_FALSE(panel(w)->hasInvalidInput());
    EXPECT_EQ(overlap->value(), int(std::lround(100.0 * before.noverlap / before.nperseg)));
}

// Auto length: on for a recording just opened; after a zoom settles, the length is one
// pixel's span of samples as a power of two, times the square root of the frequency zoom (no
// undo step); a typed length turns it off and stays through zooms; the box turns it on again.
TEST(SettingsPanel, AutoLengthFollowsTheZoomUntilTheUserTypesOne) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ASSERT_TRUE(demoWindow.activate());
    auto* autoBox = w.findChild<QCheckBox*>();
    ASSERT_NE(autoBox, nullptr);
    EXPECT_EQ(autoBox->text(), "Auto");
    EXPECT_TRUE(autoBox->isChecked());
    EXPECT_TRUE(w.document()->autoLength());
    auto* plot = w.view()->plot();
    const double fs = w.document()->info().sampleRate;
    // 0.4 s over the plot's width: 800 000 samples / width pixels, to the nearest power of 2.
    auto expectedFor = [&](double span) {
        const double perPixel = span * fs / plot->axisRect()->width();
        return 1 << int(std::lround(std::log2(std::clamp(perPixel, 64.0, 16384.0))));
    };
    plot->xAxis->setRange(1.0, 1.4);
    plot->replot();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    const int zoomed = expectedFor(0.4);
    EXPECT_LT(zoomed, 8192);
    EXPECT_EQ(w.document()->analysis().nperseg, zoomed);
    EXPECT_EQ(field(w, " samples")->value(), zoomed);
    EXPECT_EQ(w.document()->analysis().noverlap, 3 * zoomed / 4); // overlap kept
    EXPECT_EQ(w.document()->undoStack()->count(), 0);
    EXPECT_FALSE(w.document()->isModified());
    // A frequency zoom to a tenth of the band lengthens it by sqrt(10) (the user's zoomed band
    // had shown 28 bins of 128 samples); fitting the band again brings the length back.
    const QCPRange band = plot->yAxis->range();
    plot->yAxis->setRange(band.center() - band.size() / 20, band.center() + band.size() / 20);
    plot->replot();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_EQ(w.document()->analysis().nperseg, expectedFor(0.4 * std::sqrt(10.0)));
    EXPECT_GT(w.document()->analysis().nperseg, zoomed);
    plot->yAxis->setRange(band);
    plot->replot();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_EQ(w.document()->analysis().nperseg, zoomed);
    // The user's length wins: Auto goes off, and a zoom no longer changes it.
    type(w, field(w, " samples"), "2048");
    EXPECT_EQ(w.document()->analysis().nperseg, 2048);
    EXPECT_FALSE(autoBox->isChecked());
    EXPECT_FALSE(w.document()->autoLength());
    plot->xAxis->setRange(0.0, 2.0); // the whole recording
    plot->replot();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_EQ(w.document()->analysis().nperseg, 2048);
    // Undoing the typed length gives Auto back, which follows the view again; redo, the
    // typed length and Auto off.
    w.document()->undoStack()->undo();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_TRUE(autoBox->isChecked());
    EXPECT_EQ(w.document()->analysis().nperseg, expectedFor(plot->xAxis->range().size()));
    w.document()->undoStack()->redo();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_FALSE(autoBox->isChecked());
    EXPECT_EQ(w.document()->analysis().nperseg, 2048);
    // Ticking Auto follows the view again at once.
    autoBox->click();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_TRUE(w.document()->autoLength());
    const int whole = expectedFor(plot->xAxis->range().size());
    EXPECT_EQ(w.document()->analysis().nperseg, whole);
    // A shape keeps the length it was drawn at: Auto goes off, said, and a zoom changes
    // nothing the export would use (the export of one edit differed with the zoom).
    w.document()->addShape(rectShape(1.0, 1.2, 433.8e6, 434.0e6));
    EXPECT_FALSE(autoBox->isChecked());
    EXPECT_TRUE(w.statusBar()->currentMessage().startsWith(
        QString("Auto length off: the edit is applied with the %1-sample window").arg(whole)))
        << w.statusBar()->currentMessage().toStdString();
    plot->xAxis->setRange(1.0, 1.4);
    plot->replot();
    QTest::qWait(ui::AutoLength::kSettleMs + 200);
    EXPECT_EQ(w.document()->analysis().nperseg, whole);
}

// A ceiling typed below the floor is refused and said; the field and the picture keep the
// levels in use (it had become the floor + 1 dB unsaid, and the picture went black).
TEST(SettingsPanel, ACeilingBelowTheFloorIsRefusedAndSaid) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    std::vector<QDoubleSpinBox*> levels;
    for (auto* spin : panel(w)->findChildren<QDoubleSpinBox*>())
        if (spin->suffix() == " dB")
            levels.push_back(spin);
    ASSERT_EQ(levels.size(), 2u);
    QDoubleSpinBox* floor = levels[0];
    QDoubleSpinBox* ceiling = levels[1];
    floor->setValue(-20);
    ASSERT_EQ(w.view()->colorParams().minDb, -20.0f);
    const float before = w.view()->colorParams().maxDb;
    ASSERT_GT(before, -20.0f);
    ceiling->setValue(-40);
    EXPECT_EQ(w.view()->colorParams().maxDb, before);
    EXPECT_EQ(ceiling->value(), double(before));
    EXPECT_EQ(w.statusBar()->currentMessage().toStdString(),
              "Ceiling -40 dB is not above Floor -20 dB: not applied (lower the floor first)");
    floor->setValue(before + 5);
    EXPECT_EQ(w.view()->colorParams().minDb, -20.0f);
    EXPECT_EQ(floor->value(), -20.0);
    EXPECT_TRUE(w.statusBar()->currentMessage().startsWith("Floor "));
}
