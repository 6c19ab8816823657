// Labeling in the editor by simulated input: draw a label, relabel it with a hotkey, undo it,
// detect bursts and accept one, click a burst to label it whole; labels survive a save and an
// autosave recovery; label similar proposes classes from the nearest classified bursts
// (issue 7).

#include "AnalysisPanel.h"
#include "Counted.h"
#include "Document.h"
#include "PaintToolBar.h"
#include "TaskRunner.h"
#include "UiFixture.h"
#include "labels/ClassBar.h"
#include "labels/DetectDialog.h"
#include "labels/LabelColumns.h"
#include "labels/LabelExchange.h"
#include "labels/LabelsPanel.h"
#include "view/LabelOverlay.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTableWidget>
#include <QTimer>
#include <cmath>
#include <complex>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>

using namespace specedit::test;

namespace {

constexpr double kFc = 433.92e6;

void trigger(ui::MainWindow& w, const QString& text) {
    QAction* a = action(w, text);
    ASSERT_NE(a, nullptr) << text.toStdString();
    a->trigger();
}

// Labels > Detect bursts..., accepted at once with the dialog's default settings.
ui::DetectDialog* openDetect(ui::MainWindow& w) {
    trigger(w, "&Detect bursts…");
    for (auto* d : w.findChildren<ui::DetectDialog*>())
        if (d->isVisible()) // not one closed a moment ago, still waiting to be deleted
            return d;
    return nullptr;
}

// Propose labels: the dialog decides in a queued call (RefusalHold), run here.
void propose(ui::DetectDialog* dialog) {
    dialog->accept();
    QCoreApplication::processEvents();
}

bool detectWithDefaults(ui::MainWindow& w) {
    auto* dialog = openDetect(w);
    if (!dialog)
        return false;
    propose(dialog);
    return waitForTask(w);
}

} // namespace

TEST(Labels, DrawRelabelWithAHotkeyAndUndo) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    w.paintToolBar()->selectTool(ui::ToolKind::Label);
    drag(w.view()->plot(), {{1.55, kFc - 500e3}, {1.70, kFc - 380e3}});
    ASSERT_EQ(w.document()->labels().size(), 1u);
    const core::Label drawn = w.document()->labels()[0];
    EXPECT_NEAR(drawn.t0, 1.55, 0.01);
    EXPECT_NEAR(drawn.f1, kFc - 380e3, 5e3);
    EXPECT_TRUE(drawn.confirmed);
    EXPECT_TRUE(drawn.className.empty());
    EXPECT_TRUE(drawn.snrDb == std::nullopt);
    EXPECT_EQ(w.document()->shapes().size(), 0u); // a label is not a mask shape
    EXPECT_EQ(w.view()->selectedLabels(), std::set<std::uint64_t>{drawn.id});
    // The key 3 gives it class 3, made on first use with its hotkey and a colour.
    trigger(w, "class 3 (new)"); // the entry says what it will make
    ASSERT_EQ(w.document()->classes().size(), 1u);
    EXPECT_NE(action(w, "class 3"), nullptr); // and then names it
    EXPECT_EQ(w.document()->classes()[0].hotkey, 3);
    EXPECT_EQ(w.document()->labels()[0].className, "class 3");
    const QColor shown = w.view()->labelOverlay()->colorOf(w.document()->labels()[0]);
    EXPECT_EQ(shown, QColor(QString::fromStdString(w.document()->classes()[0].color)));
    // One undo step each: the class goes, then the label.
    w.document()->undoStack()->undo();
    EXPECT_TRUE(w.document()->labels()[0].className.empty());
    EXPECT_TRUE(w.document()->classes().empty());
    w.document()->undoStack()->undo();
    EXPECT_TRUE(w.document()->labels().empty());
    w.document()->undoStack()->redo();
    EXPECT_EQ(w.document()->labels().size(), 1u);
    // The label's box becomes an isolate shape in one action (one undo step).
    w.view()->setSelectedLabels({w.document()->labels()[0].id});
    const int steps = w.document()->undoStack()->index();
    trigger(w, "&Isolate the selected labels (shape)");
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    const core::Shape& iso = w.document()->shapes()[0];
    EXPECT_EQ(iso.mode, core::MaskMode::Isolate);
    EXPECT_EQ(iso.coverage(1.6, kFc - 440e3), 1.0);
    EXPECT_EQ(iso.coverage(1.0, kFc - 440e3), 0.0);
    EXPECT_EQ(w.document()->undoStack()->index(), steps + 1);
    w.document()->undoStack()->undo();
    EXPECT_TRUE(w.document()->shapes().empty());
    // Typed into the Labels panel's filter, 3 is text, not the class hotkey.
    ASSERT_TRUE(demo.activate());
    w.view()->setSelectedLabels({w.document()->labels()[0].id});
    auto* filter = w.findChild<ui::LabelsPanel*>()->findChild<QLineEdit*>();
    ASSERT_NE(filter, nullptr);
    filter->setFocus();
    QTest::keyClick(w.windowHandle(), Qt::Key_3);
    EXPECT_EQ(filter->text(), "3");
    EXPECT_TRUE(w.document()->labels()[0].className.empty());
}

// The table writes each column in one unit, named under its header, so values line up: not
// "-1 MHz" over "-171.9 kHz". Frequencies to six significant digits of the largest. A row
// pressed brings its label into view (also one the table scrolls to on the press).
TEST(Labels, TheTableWritesEachColumnInOneUnit) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    auto* table = w.findChild<ui::LabelsPanel*>()->table();
    auto header = [&](int c) { return table->horizontalHeaderItem(c)->text().toStdString(); };
    auto column = [&](const QString& name) {
        for (int c = 0; c < table->columnCount(); ++c)
            if (table->horizontalHeaderItem(c)->text().startsWith(name))
                return c;
        return -1;
    };
    auto cells = [&](const QString& name) {
        std::vector<std::string> out;
        for (int r = 0; r < table->rowCount(); ++r)
            out.push_back(table->item(r, column(name))->text().toStdString());
        return out;
    };
    w.document()->setLabels({labelBox(0.5, 0.65, kFc - 500e3, kFc - 380e3),
                             labelBox(1.0, 1.02, kFc + 15625, kFc + 46875)},
                            "two");
    EXPECT_EQ(header(column("Low")), "Low\n(MHz)");
    EXPECT_EQ(cells("Low"), (std::vector<std::string>{"433.420", "433.936"}));
    EXPECT_EQ(header(column("Duration")), "Duration\n(ms)");
    EXPECT_EQ(cells("Duration"), (std::vector<std::string>{"150.00", "20.00"}));
    EXPECT_EQ(cells("Start"), (std::vector<std::string>{"0.50000", "1.00000"}));
    EXPECT_TRUE(table->isColumnHidden(column("Conf."))); // nobody gave a confidence
    // Pressed, the row of the label at 1.00-1.02 s brings it into view: centred, same zoom.
    w.view()->plot()->xAxis->setRange(3.0, 3.5);
    const QRect second = table->visualRect(table->model()->index(1, column("Start")));
    QTest::mousePress(table->viewport(), Qt::LeftButton, {}, second.center());
    const QCPRange shown = w.view()->plot()->xAxis->range();
    EXPECT_LE(shown.lower, 1.0);
    EXPECT_GE(shown.upper, 1.02);
    EXPECT_NEAR(shown.size(), 0.5, 1e-9) << shown.lower << " to " << shown.upper;
    QTest::mouseRelease(table->viewport(), Qt::LeftButton, {}, second.center());
    // Baseband figures: one unit for -1 MHz and -171.9 kHz; a 1.5 s label turns the durations
    // to seconds; a confidence shows its column.
    auto sure = labelBox(0.1, 1.6, -171.9e3, 46.875e3);
    sure.confidence = 0.8;
    w.document()->setLabels({labelBox(0.5, 0.54, -1e6, 609.375e3), sure}, "baseband");
    EXPECT_EQ(header(column("High")), "High\n(kHz)"); // four digits before the point at most
    EXPECT_EQ(cells("Low"), (std::vector<std::string>{"-171.90", "-1000.00"}));
    EXPECT_EQ(cells("High"), (std::vector<std::string>{"46.88", "609.38"}));
    EXPECT_EQ(header(column("Duration")), "Duration\n(s)");
    EXPECT_FALSE(table->isColumnHidden(column("Conf.")));
    // Below 1 MHz: kHz to the hertz.
    w.document()->setLabels({labelBox(0.5, 0.54, -15625, 46875)}, "narrow");
    EXPECT_EQ(header(column("Low")), "Low\n(kHz)");
    EXPECT_EQ(cells("Low"), std::vector<std::string>{"-15.625"});
    // Delete in the table removes the selected label (not only with the picture focused).
    ASSERT_TRUE(demo.activate());
    const QRect only = table->visualRect(table->model()->index(0, column("Start")));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, only.center());
    ASSERT_EQ(w.view()->selectedLabels().size(), 1u);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    EXPECT_TRUE(w.document()->labels().empty());
    EXPECT_TRUE(w.statusBar()->currentMessage().startsWith("Removed 1 label;"))
        << w.statusBar()->currentMessage().toStdString();
}

namespace {

// The tab of the docks on the right that is in front ("Shapes" or "Labels").
QString dockInFront(ui::MainWindow& w) {
    for (auto* bar : w.findChildren<QTabBar*>())
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabText(i) == "Labels")
                return bar->tabText(bar->currentIndex());
    return {};
}

} // namespace

TEST(Labels, DetectProposesBurstsThatAreAcceptedOneByOne) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    EXPECT_EQ(dockInFront(w), "Shapes");
    ASSERT_TRUE(detectWithDefaults(w));
    // The proposals to review come with their list in front (Shapes stayed in front).
    EXPECT_EQ(dockInFront(w), "Labels");
    const auto proposed = w.document()->labels();
    ASSERT_GE(proposed.size(), 3u);
    for (const auto& l : proposed) {
        EXPECT_FALSE(l.confirmed);
        ASSERT_TRUE(l.snrDb);
    }
    // The FSK packet at 1.6 s is among them.
    EXPECT_TRUE(std::any_of(proposed.begin(), proposed.end(), [](const core::Label& l) {
        return l.t0 < 1.62 && 1.62 < l.t1 && l.f0 < kFc - 440e3 && kFc - 440e3 < l.f1;
    }));
    trigger(w, "&Next label");
    ASSERT_EQ(w.view()->selectedLabels().size(), 1u);
    const auto first = *w.view()->selectedLabels().begin();
    trigger(w, "&Accept selected");
    EXPECT_TRUE(w.document()->label(first)->confirmed);
    const auto confirmed =
        std::count_if(w.document()->labels().begin(), w.document()->labels().end(),
                      [](const core::Label& l) { return l.confirmed; });
    EXPECT_EQ(confirmed, 1);
    // A second detection does not propose what is labelled already.
    ASSERT_TRUE(detectWithDefaults(w));
    EXPECT_EQ(w.document()->labels().size(), proposed.size());
    // Delete removes the selected label.
    trigger(w, "Next p&roposed label");
    const auto gone = *w.view()->selectedLabels().begin();
    trigger(w, "&Delete"); // its key is tested in MainWindow.PanelEdits…
    EXPECT_EQ(w.document()->label(gone), nullptr);
}

TEST(Labels, AClickWithTheLabelToolBoxesTheWholeBurst) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    w.paintToolBar()->selectTool(ui::ToolKind::Label);
    // A click on the first FSK packet (0.6 .. 0.66 s; the one at 1.6 s lies in the box of
    // the chirp that crosses its time, and the detector's boxes merge).
    drag(w.view()->plot(), {{0.63, kFc - 440e3}});
    ASSERT_TRUE(waitForTask(w));
    ASSERT_EQ(w.document()->labels().size(), 1u);
    const auto& l = w.document()->labels()[0];
    EXPECT_TRUE(l.confirmed);
    EXPECT_GT(l.t0, 0.55); // the packet, not the recording
    EXPECT_LT(l.t1, 0.72);
    EXPECT_LT(l.t0, 0.63);
    EXPECT_GT(l.t1, 0.63);
    EXPECT_LT(l.f1 - l.f0, 400e3);
    // A click on empty noise labels nothing and says why.
    drag(w.view()->plot(), {{1.0, kFc + 800e3}});
    ASSERT_TRUE(waitForTask(w));
    EXPECT_EQ(w.document()->labels().size(), 1u);
}

TEST(Labels, LabelsSurviveASaveAndAnAutosaveRecovery) {
    TempDir dir;
    const auto copy = privateIqDemo(dir);
    const auto project = QString::fromStdString(dir.file("rec.specedit.json"));
    {
        ui::Document doc;
        doc.openRecording(copy, {});
        core::Label l;
        l.t0 = 1.0;
        l.t1 = 1.2;
        l.f0 = kFc;
        l.f1 = kFc + 100e3;
        doc.setLabels({{"open", "#e15759", 1, {}}}, {l}, "Draw label");
        doc.saveProject(project);
        l.t0 = 2.0;
        l.t1 = 2.1;
        l.id = 0;
        auto labels = doc.labels();
        labels.push_back(l);
        doc.setLabels(labels, "Draw label");
        ASSERT_TRUE(doc.autoLength());
        doc.followZoom(doc.analysis().nperseg * 2); // zoomed out: Auto follows
        doc.writeAutosave();                        // then the program dies
    }
    ui::Document reopened;
    reopened.openProject(project);
    ASSERT_EQ(reopened.labels().size(), 1u); // as saved
    EXPECT_EQ(reopened.classes()[0].name, "open");
    ASSERT_TRUE(reopened.hasRecoverableAutosave());
    const int savedLength = reopened.analysis().nperseg;
    reopened.recoverAutosave();
    EXPECT_EQ(reopened.labels().size(), 2u);
    EXPECT_NE(reopened.labels()[0].id, reopened.labels()[1].id);
    // Auto length stays on, as it was: recovery turned it off when the length differed.
    EXPECT_TRUE(reopened.autoLength());
    EXPECT_EQ(reopened.analysis().nperseg, savedLength * 2);
    reopened.undoStack()->undo();
    EXPECT_EQ(reopened.labels().size(), 1u);
    EXPECT_EQ(reopened.analysis().nperseg, savedLength);
    EXPECT_TRUE(reopened.autoLength());
}

namespace {

// 0.9 s at 2 MS/s: eight 20 ms bursts, alternately OOK at +200 kHz ("remote") and 2-FSK at
// -300 kHz ("sensor"), in weak noise. The name carries the rate and centre.
QString twoKindsOfBursts(const TempDir& dir) {
    const double fs = 2e6;
    const std::int64_t n = std::int64_t(0.9 * fs);
    std::vector<float> iq(std::size_t(2 * n));
    std::mt19937 rng(9);
    std::normal_distribution<double> g(0, 0.01);
    std::uniform_int_distribution<int> bit(0, 1);
    double phase = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        const double t = double(i) / fs;
        std::complex<double> x(g(rng), g(rng));
        const int k = int((t - 0.05) / 0.1);
        const double since = t - 0.05 - 0.1 * k;
        if (k >= 0 && k < 8 && since < 0.02) {
            const bool remote = k % 2 == 0;
            const int b = bit(rng) | (int(since * 1e4) % 3 == 0);
            const double f = remote ? 200e3 : -300e3 + (b ? 25e3 : -25e3);
            phase += 2 * M_PI * f / fs;
            x += std::polar(remote && !b ? 0.0 : 0.5, phase);
        }
        iq[std::size_t(2 * i)] = float(x.real());
        iq[std::size_t(2 * i + 1)] = float(x.imag());
    }
    const std::string path = dir.file("kinds_433.92M_2M.cf32");
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(iq.data()), std::streamsize(iq.size() * 4));
    return QString::fromStdString(path);
}

} // namespace

TEST(Labels, LabelSimilarProposesTheClassOfTheNearestKind) {
    isolateSettings();
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, twoKindsOfBursts(dir)));
    std::vector<core::Label> labels;
    for (int k = 0; k < 8; ++k) {
        core::Label l;
        const bool remote = k % 2 == 0;
        l.t0 = 0.05 + 0.1 * k;
        l.t1 = l.t0 + 0.02;
        l.f0 = kFc + (remote ? 190e3 : -340e3);
        l.f1 = kFc + (remote ? 210e3 : -260e3);
        if (k < 4)
            l.className = remote ? "remote" : "sensor"; // confirmed references
        else
            l.confirmed = false; // proposed, no class yet
        labels.push_back(l);
    }
    w.document()->setLabels({{"remote", "#e15759", 1, {}}, {"sensor", "#4e79a7", 2, {}}}, labels,
                            "Draw labels");
    trigger(w, "Label &similar");
    ASSERT_TRUE(waitForTask(w));
    const auto& out = w.document()->labels();
    ASSERT_EQ(out.size(), 8u);
    for (std::size_t k = 4; k < 8; ++k) {
        EXPECT_EQ(out[k].className, k % 2 == 0 ? "remote" : "sensor") << k;
        EXPECT_FALSE(out[k].confirmed);
        ASSERT_TRUE(out[k].confidence);
        // k = 2 of 4 references, both of its kind; as typical of its kind as the references
        // are (a confidence of 1 would need it to sit on one of them).
        EXPECT_GT(*out[k].confidence, 0.7);
    }
    EXPECT_FALSE(out[0].confidence);                  // the references are left alone
    ASSERT_EQ(w.view()->selectedLabels().size(), 1u); // the least confident, to review
    // One undo step takes the proposals back.
    w.document()->undoStack()->undo();
    EXPECT_TRUE(w.document()->labels()[5].className.empty());
}

TEST(Labels, ASelectedLabelMovesAndResizesByDragging) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    w.paintToolBar()->selectTool(ui::ToolKind::Label);
    drag(w.view()->plot(), {{1.55, kFc - 500e3}, {1.70, kFc - 380e3}});
    ASSERT_EQ(w.document()->labels().size(), 1u);
    const core::Label drawn = w.document()->labels()[0];
    // The right edge, dragged with the Label tool, resizes (and draws no new label).
    drag(w.view()->plot(), {{drawn.t1, kFc - 440e3}, {1.75, kFc - 440e3}, {1.80, kFc - 440e3}});
    ASSERT_EQ(w.document()->labels().size(), 1u);
    core::Label l = w.document()->labels()[0];
    EXPECT_NEAR(l.t1, 1.80, 0.01);
    EXPECT_DOUBLE_EQ(l.t0, drawn.t0);
    EXPECT_DOUBLE_EQ(l.f0, drawn.f0);
    EXPECT_EQ(w.document()->undoStack()->undoText().toStdString(), "Resize label");
    // Inside, with the Pan tool, it moves whole: 0.2 s later, 100 kHz up.
    w.paintToolBar()->selectTool(ui::ToolKind::Pan);
    const auto range = w.view()->plot()->xAxis->range();
    drag(w.view()->plot(), {{1.65, kFc - 440e3}, {1.75, kFc - 390e3}, {1.85, kFc - 340e3}});
    l = w.document()->labels()[0];
    EXPECT_NEAR(l.t0, drawn.t0 + 0.2, 0.01);
    EXPECT_NEAR(l.duration(), 1.80 - drawn.t0, 1e-9);
    EXPECT_NEAR(l.f0, drawn.f0 + 100e3, 5e3);
    EXPECT_EQ(w.view()->plot()->xAxis->range(), range); // the drag did not pan
    EXPECT_EQ(w.document()->undoStack()->undoText().toStdString(), "Move label");
    // One undo step per gesture.
    w.document()->undoStack()->undo();
    w.document()->undoStack()->undo();
    EXPECT_EQ(w.document()->labels()[0], drawn);
}

TEST(Labels, TheDetectDialogCountsLiveAndProposesWhatItCounted) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    auto* dialog = openDetect(w);
    ASSERT_NE(dialog, nullptr);
    auto* count = dialog->findChild<QLabel*>("count");
    ASSERT_NE(count, nullptr);
    auto counted = [&] {
        QElapsedTimer t;
        t.start();
        while (!dialog->result() && t.elapsed() < 20000)
            QTest::qWait(20);
        return dialog->result() ? int(dialog->result()->size()) : -1;
    };
    const int all = counted();
    ASSERT_GE(all, 3);
    EXPECT_EQ(count->text(), QString("%1 bursts").arg(all));
    // A threshold far above every burst finds nothing, and says so before anything is added.
    dialog->setThresholdDb(60);
    EXPECT_FALSE(dialog->result()); // the old count no longer stands
    EXPECT_EQ(counted(), 0);
    EXPECT_EQ(count->text(), "0 bursts");
    EXPECT_TRUE(w.document()->labels().empty());
    dialog->setThresholdDb(8);
    EXPECT_EQ(counted(), all);
    // Typed digit by digit, the count follows before the field is left.
    auto* threshold = dialog->findChild<QDoubleSpinBox*>("threshold");
    ASSERT_NE(threshold, nullptr);
    threshold->setFocus();
    threshold->selectAll();
    QTest::keyClicks(threshold, "60");
    EXPECT_FALSE(dialog->result());
    EXPECT_EQ(counted(), 0);
    threshold->selectAll();
    QTest::keyClicks(threshold, "8");
    EXPECT_EQ(counted(), all);
    // Past the range (1-60 dB) every digit stays (Qt's field read "90" as "9" and counted at
    // 9 dB), and leaving the field takes the nearer end: 60 dB, shown and counted.
    threshold->selectAll();
    QTest::keyClicks(threshold, "90");
    EXPECT_EQ(threshold->findChild<QLineEdit*>()->text(), "90 dB");
    QTest::keyClick(threshold, Qt::Key_Tab);
    EXPECT_EQ(threshold->value(), 60.0);
    EXPECT_EQ(threshold->text(), "60 dB");
    EXPECT_EQ(counted(), 0);
    threshold->setFocus();
    threshold->selectAll();
    QTest::keyClicks(threshold, "8");
    EXPECT_EQ(counted(), all);
    // The visible part only: zoomed to 1.5-1.8 s, fewer bursts, all inside.
    dialog->reject();
    w.view()->plot()->xAxis->setRange(1.5, 1.8);
    dialog = openDetect(w);
    auto* scope = dialog->findChild<QComboBox*>();
    count = dialog->findChild<QLabel*>("count");
    scope->setCurrentIndex(1);
    const int inView = counted();
    EXPECT_GT(inView, 0) << count->text().toStdString();
    EXPECT_LT(inView, all);
    propose(dialog); // proposes exactly what it counted, with no second run
    EXPECT_FALSE(w.tasks()->isBusy());
    ASSERT_EQ(int(w.document()->labels().size()), inView);
    for (const auto& l : w.document()->labels()) {
        EXPECT_LT(l.t0, 1.8);
        EXPECT_GT(l.t1, 1.5);
        EXPECT_FALSE(l.confirmed);
    }
    // The earliest proposal is selected, so Enter accepts it at once; Shift+Enter accepts all.
    const auto& labels = w.document()->labels();
    const auto earliest = std::min_element(labels.begin(), labels.end(), [](auto& a, auto& b) {
                              return a.t0 < b.t0;
                          })->id;
    ASSERT_EQ(w.view()->selectedLabels(), std::set<std::uint64_t>{earliest});
    ASSERT_TRUE(demo.activate());
    w.view()->setFocus();
    QTest::keyClick(w.view(), Qt::Key_Return);
    for (const auto& l : w.document()->labels())
        EXPECT_EQ(l.confirmed, l.id == earliest) << l.t0;
    // The status bar no longer says "Enter accepts it" but what was accepted and what is left.
    const QString one = w.statusBar()->currentMessage();
    EXPECT_TRUE(one.startsWith(QString("Accepted 1 label; %1 proposed left").arg(inView - 1)))
        << one.toStdString();
    EXPECT_EQ(w.statusBar()->toolTip(), one); // whole on hover where the readouts cut it
    QTest::keyClick(w.view(), Qt::Key_Return, Qt::ShiftModifier);
    for (const auto& l : w.document()->labels())
        EXPECT_TRUE(l.confirmed) << l.t0;
    EXPECT_EQ(
        w.statusBar()->currentMessage(),
        QString("Accepted %1; none proposed left").arg(ui::counted(inView - 1, "label", "labels")));
}

// The fields read the units typed: a bandwidth field in kHz read "500 Hz" as 500 kHz and a time
// field in ms read "500 us" as 500 ms; the threshold's minus sign was dropped ("-5" read 5 dB).
TEST(Labels, TheDetectDialogReadsTheUnitsTyped) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto* dialog = openDetect(demo.window);
    ASSERT_NE(dialog, nullptr);
    QApplication::setActiveWindow(dialog); // as a click on it would: Tab leaves a field
    ASSERT_TRUE(QTest::qWaitForWindowActive(dialog));
    auto type = [&](const char* name, const QString& text) {
        auto* field = dialog->findChild<QDoubleSpinBox*>(name);
        EXPECT_NE(field, nullptr) << name;
        if (!field)
            return;
        field->setFocus();
        field->selectAll();
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Tab);
    };
    type("narrowest", "500 Hz");
    EXPECT_DOUBLE_EQ(dialog->options().minBandwidth, 500);
    type("narrowest", "0.5 MHz");
    EXPECT_DOUBLE_EQ(dialog->options().minBandwidth, 5e5);
    type("shortest", "500 us");
    EXPECT_DOUBLE_EQ(dialog->options().minDuration, 500e-6);
    EXPECT_EQ(dialog->findChild<QDoubleSpinBox*>("shortest")->text(), "500 µs");
    type("shortest", "0.002 s");
    EXPECT_DOUBLE_EQ(dialog->options().minDuration, 0.002);
    type("mergeGap", "1.5ms");
    EXPECT_DOUBLE_EQ(dialog->options().mergeGap, 1.5e-3);
    EXPECT_EQ(dialog->findChild<QDoubleSpinBox*>("mergeGap")->text(), "1.5 ms");
    // Below the range, the least threshold, shown; not the number without its sign.
    type("threshold", "-5");
    EXPECT_DOUBLE_EQ(dialog->options().thresholdDb, 1);
    EXPECT_EQ(dialog->findChild<QDoubleSpinBox*>("threshold")->text(), "1 dB");
    // Text that is no time ("m": milli or minutes?) is refused, and said under the count.
    // The field goes back to the value before the typing, not to "50" it passed through.
    type("shortest", "50m");
    QTest::qWait(50); // the refusal is queued
    EXPECT_DOUBLE_EQ(dialog->options().minDuration, 0.002);
    EXPECT_EQ(dialog->findChild<QLabel*>("note")->text(),
              "Shortest burst: \"50m\" is not a time (1.5, 50 ms, 250 us); it stays 2 ms");
    // Return on "5m" proposes nothing yet: the 5 typed on the way (5 s) was proposed before.
    // The field is refused first; the next Propose uses the 2 ms it kept.
    auto* shortest = dialog->findChild<QDoubleSpinBox*>("shortest");
    shortest->setFocus();
    shortest->selectAll();
    QTest::keyClicks(shortest, "5m");
    QTest::keyClick(shortest, Qt::Key_Return); // the dialog's default button: Propose labels
    QTest::qWait(50);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_DOUBLE_EQ(dialog->options().minDuration, 0.002);
    EXPECT_EQ(dialog->findChild<QLabel*>("note")->text(),
              "Shortest burst: \"5m\" is not a time (1.5, 50 ms, 250 us); it stays 2 ms");
    propose(dialog);
    EXPECT_FALSE(dialog->isVisible());
    ASSERT_TRUE(waitForTask(demo.window));
    EXPECT_FALSE(demo.window.document()->labels().empty());
}

// A project of labels without shapes opens on its Labels tab (it opened on Shapes, empty).
TEST(Labels, AProjectOfLabelsOpensOnItsLabelsTab) {
    TempDir dir;
    const QString copy = privateIqDemo(dir);
    const QString project = QString::fromStdString(dir.file("labels.specedit.json"));
    {
        ui::Document doc;
        doc.openRecording(copy, {});
        doc.setLabels({labelBox(1.0, 1.2, kFc, kFc + 100e3)}, "Draw label");
        doc.saveProject(project);
    }
    ui::MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    ASSERT_TRUE(openAndWait(w, project));
    QTest::qWait(100);
    // The tab in front of the Shapes and Labels docks.
    auto front = [&w] {
        for (const QTabBar* bar : w.findChildren<QTabBar*>())
            for (int i = 0; i < bar->count(); ++i)
                if (bar->tabText(i) == "Labels")
                    return bar->tabText(bar->currentIndex()).toStdString();
        return std::string("no tab bar");
    };
    EXPECT_EQ(front(), "Labels");
    // Another recording, without labels, leaves the tabs as the user left them.
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(privateAudioDemo(dir))));
    QTest::qWait(100);
    EXPECT_EQ(front(), "Labels");
}

// The Labels dock opened at the Settings' width: High, SNR and State needed sideways
// scrolling. The first time it shows labels it is widened for them (up to 40 % of the window),
// and the header's context menu hides and shows columns, remembered for the next window.
TEST(Labels, TheTableShowsItsColumnsWholeAndTheUserChoosesThem) {
    QSettings().remove("labels/hiddenColumns");
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    auto* panel = w.findChild<ui::LabelsPanel*>();
    auto* table = panel->table();
    auto* dock = qobject_cast<QDockWidget*>(w.findChild<QDockWidget*>("labelsDock"));
    ASSERT_TRUE(dock && table);
    const int before = dock->width();
    ASSERT_TRUE(detectWithDefaults(w)); // proposals bring the Labels tab to the front
    QTest::qWait(100);
    ASSERT_GT(table->rowCount(), 0);
    constexpr int kHigh = 5, kSnr = 6, kState = 7;
    auto rightEdge = [table](int column) {
        return table->columnViewportPosition(column) + table->columnWidth(column);
    };
    EXPECT_GT(dock->width(), before);
    EXPECT_LE(dock->width(), w.width() * 40 / 100 + 1);
    EXPECT_LE(rightEdge(kState), table->viewport()->width())
        << "dock " << dock->width() << " of " << w.width() << ", wanted "
        << panel->columns()->wantedWidth();
    // The Settings above, in the same widened column, keep fields of a readable width.
    auto* settings = w.findChild<ui::AnalysisPanel*>();
    ASSERT_NE(settings, nullptr);
    EXPECT_LE(settings->width(), settings->sizeHint().width() * 3 / 2 + 1);
    EXPECT_LT(settings->width() + 40, dock->width());
    // Narrowed by the user, it stays narrow: the fit is made once.
    w.resizeDocks({dock}, {before}, Qt::Horizontal);
    w.document()->setLabels({}, "clear");
    ASSERT_TRUE(detectWithDefaults(w));
    QTest::qWait(100);
    EXPECT_LT(dock->width(), before + 20);
    // Right-click on the header: the columns to tick; SNR unticked is hidden.
    QStringList offered;
    QTimer::singleShot(100, [&] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        ASSERT_NE(menu, nullptr);
        for (QAction* a : menu->actions())
            if (a->isCheckable()) {
                offered << a->text();
                if (a->text() == "SNR (dB)")
                    a->trigger();
            }
        menu->close();
    });
    emit table->horizontalHeader()->customContextMenuRequested(QPoint(10, 5));
    EXPECT_EQ(offered.join(", ").toStdString(),
              "Start (s), Duration (ms), Low (MHz), High (MHz), SNR (dB), State, Comment");
    EXPECT_TRUE(table->isColumnHidden(kSnr));
    EXPECT_FALSE(table->isColumnHidden(kHigh));
    {
        ui::MainWindow next;
        EXPECT_TRUE(next.findChild<ui::LabelsPanel*>()->table()->isColumnHidden(kSnr));
    }
    panel->columns()->setChosen(kSnr, true);
    EXPECT_FALSE(table->isColumnHidden(kSnr));
    EXPECT_TRUE(QSettings().value("labels/hiddenColumns").toStringList().isEmpty());
}

TEST(Labels, TheClassBarAddsRenamesRecoloursAndRemovesClasses) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    auto* bar = w.findChild<ui::ClassBar*>();
    ASSERT_NE(bar, nullptr);
    w.document()->setLabels({labelBox(1.0, 1.1, kFc, kFc + 50e3)}, "Draw label");
    const auto id = w.document()->labels()[0].id;
    w.view()->setSelectedLabels({id});
    // Without classes the bar says how to make them, and only Add acts.
    auto buttonEnabled = [bar](const QString& text) {
        for (auto* b : bar->findChildren<QPushButton*>())
            if (b->text() == text)
                return b->isEnabled();
        ADD_FAILURE() << "no button " << text.toStdString();
        return false;
    };
    auto caption = [bar] { return bar->findChildren<QLabel*>().value(0)->text().toStdString(); };
    EXPECT_EQ(caption(), "Classes: none yet. Add makes one; keys 1-9 give the selected labels "
                         "class 1 to 9, made when missing.");
    EXPECT_TRUE(bar->list()->isHidden());
    EXPECT_FALSE(buttonEnabled("Apply"));
    EXPECT_FALSE(buttonEnabled("Remove"));
    EXPECT_TRUE(buttonEnabled("Add"));
    // Key 2 makes "class 2"; Add takes the next free hotkey (1).
    trigger(w, "class 2 (new)");
    EXPECT_FALSE(bar->list()->isHidden());
    EXPECT_TRUE(buttonEnabled("Apply"));
    EXPECT_EQ(caption(), "Classes (keys 1-9 give them to the selected labels; double-click "
                         "renames):");
    bar->addClass("door open");
    ASSERT_EQ(w.document()->classes().size(), 2u);
    EXPECT_EQ(w.document()->classes()[1].hotkey, 1);
    EXPECT_EQ(bar->list()->count(), 2);
    // Renaming in place (double-click, type, Enter) renames the class and its labels; Return
    // ends the edit and does not run the window's Return shortcut (accept).
    ASSERT_TRUE(demo.activate());
    QListWidgetItem* item = bar->list()->item(0);
    ASSERT_TRUE(item->text().endsWith("class 2")) << item->text().toStdString();
    bar->list()->editItem(item);
    QApplication::processEvents();
    auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    ASSERT_NE(editor, nullptr);
    editor->selectAll();
    QTest::keyClicks(editor, "2  door closed");
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::qWait(20); // the rename runs once the editor has closed
    EXPECT_EQ(w.document()->classes()[0].name, "door closed");
    EXPECT_EQ(w.document()->label(id)->className, "door closed");
    EXPECT_EQ(w.document()->undoStack()->undoText().toStdString(), "Rename class");
    // A name another class has is refused, and nothing changes.
    bar->renameClass("door closed", "door open");
    EXPECT_EQ(w.document()->classes()[0].name, "door closed");
    // In the user's words (it read 'labels: classes[1]: two classes are named ...').
    EXPECT_EQ(bar->error(), "There is already a class \"door open\": \"door closed\" kept");
    bar->renameClass("door closed", " ");
    EXPECT_EQ(bar->error(), "A class needs a name: \"door closed\" kept");
    bar->setClassColor("door closed", QColor("#123456"));
    EXPECT_EQ(w.document()->classes()[0].color, "#123456");
    EXPECT_EQ(w.view()->labelOverlay()->colorOf(*w.document()->label(id)), QColor("#123456"));
    bar->applyToSelected("door open");
    EXPECT_EQ(w.document()->label(id)->className, "door open");
    bar->removeClass("door open");
    EXPECT_EQ(w.document()->classes().size(), 1u);
    EXPECT_TRUE(w.document()->label(id)->className.empty());
    // Every step undoes on its own.
    w.document()->undoStack()->undo();
    EXPECT_EQ(w.document()->label(id)->className, "door open");
}

TEST(Labels, LabelsGoOutAndComeBackAndBecomeADataset) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    ASSERT_TRUE(detectWithDefaults(w));
    auto labels = w.document()->labels();
    ASSERT_GE(labels.size(), 3u);
    labels[0].className = "remote";
    w.document()->setLabels({{"remote", "#e15759", 1, {}}}, labels, "Set class");
    auto* exchange = w.findChild<ui::LabelExchange*>();
    ASSERT_NE(exchange, nullptr);
    TempDir dir;
    // Out as Raven, back in: the same boxes again (doubled), the class kept.
    const auto raven = QString::fromStdString(dir.file("l.selections.txt"));
    EXPECT_TRUE(exchange->exportLabels(raven).isEmpty());
    exchange->importLabels(raven);
    const auto& both = w.document()->labels();
    ASSERT_EQ(both.size(), 2 * labels.size());
    EXPECT_NEAR(both[labels.size()].t0, labels[0].t0, 1e-6);
    EXPECT_NEAR(both[labels.size()].f1, labels[0].f1, 1e-3);
    EXPECT_EQ(both[labels.size()].className, "remote");
    EXPECT_EQ(w.document()->undoStack()->undoText().toStdString(), "Import labels");
    w.document()->undoStack()->undo();
    // SigMF metadata away from the recording names a dataset no reader finds there: said.
    const auto note = exchange->exportLabels(QString::fromStdString(dir.file("l.sigmf-meta")));
    EXPECT_TRUE(note.contains("l.sigmf-meta names its dataset SDRuno_")) << note.toStdString();
    EXPECT_TRUE(note.contains("keep the two side by side")) << note.toStdString();
    // A bad file is refused with its name.
    expectError([&] { exchange->importLabels(QString::fromStdString(dir.file("none.csv"))); },
                {"none.csv"});
    // The dataset: one CSV row per label, patches beside it.
    const auto csv = QString::fromStdString(dir.file("set.csv"));
    ASSERT_TRUE(exchange->exportDataset(csv));
    ASSERT_TRUE(waitForTask(w));
    std::ifstream in(dir.file("set.csv"));
    std::string line;
    int rows = -1;
    while (std::getline(in, line))
        ++rows;
    EXPECT_EQ(rows, int(labels.size()));
    EXPECT_TRUE(std::filesystem::exists(dir.file("set.npy")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("set.json")));
}

// Detect again with other settings: the dialog shows the last run's, and the new run replaces
// the proposals the last one left (it proposed nothing: "18 of the 18 found already had a
// label"); confirmed labels stay.
TEST(Labels, DetectingAgainReplacesTheLastRunsProposals) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    auto* dialog = openDetect(w);
    ASSERT_NE(dialog, nullptr);
    dialog->setThresholdDb(20);
    propose(dialog);
    ASSERT_TRUE(waitForTask(w));
    const auto strong = w.document()->labels();
    ASSERT_FALSE(strong.empty());
    auto labels = strong;
    labels[0].confirmed = true; // reviewed: stays
    w.document()->setLabels(labels, "accept one");
    dialog = openDetect(w);
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->options().thresholdDb, 20);
    dialog->setThresholdDb(8);
    propose(dialog);
    ASSERT_TRUE(waitForTask(w));
    const auto after = w.document()->labels();
    EXPECT_GT(after.size(), strong.size());
    int confirmed = 0;
    for (const auto& l : after) {
        confirmed += l.confirmed ? 1 : 0;
        for (const auto& o : after) {
            if (&o != &l) { // one burst proposed twice (boxes of bursts may overlap)
                EXPECT_FALSE(std::abs(o.t0 - l.t0) < 1e-3 && std::abs(o.t1 - l.t1) < 1e-3 &&
                             std::abs(o.f0 - l.f0) < 1e3 && std::abs(o.f1 - l.f1) < 1e3)
                    << "two labels on one burst at " << l.t0 << " s";
            }
        }
    }
    EXPECT_EQ(confirmed, 1);
    EXPECT_TRUE(w.statusBar()->currentMessage().contains("left by the last run replaced"))
        << w.statusBar()->currentMessage().toStdString();
}

// A SigMF recording's annotations are its labels when it opens (they were ignored: a clip
// exported with its burst annotated opened bare); a malformed one is said, and the recording
// opens without them.
TEST(Labels, ASigmfRecordingOpensWithItsAnnotationsAsLabels) {
    TempDir dir;
    std::vector<float> iq(2 * 100000, 0.001f);
    writeBytes(dir.file("clip.sigmf-data"), iq.data(), iq.size() * sizeof(float));
    auto meta = [&](const std::string& second) {
        std::ofstream(dir.file("clip.sigmf-meta"))
            << R"({"global": {"core:datatype": "cf32_le", "core:sample_rate": 1000000,
                 "core:version": "1.0.0"},
               "captures": [{"core:sample_start": 0, "core:frequency": 433920000}],
               "annotations": [{"core:sample_start": 10000, "core:sample_count": 20000,
                 "core:freq_lower_edge": 433900000, "core:freq_upper_edge": 433950000,
                 "core:label": "door open"}, )"
            << second << "]}";
    };
    meta(R"({"core:sample_start": 50000, "core:sample_count": 5000})");
    ui::MainWindow w;
    const QString path = QString::fromStdString(dir.file("clip.sigmf-meta"));
    w.document()->openRecording(path, {}, 800);
    const auto labels = w.document()->labels();
    ASSERT_EQ(labels.size(), 2u);
    EXPECT_DOUBLE_EQ(labels[0].t0, 0.01);
    EXPECT_DOUBLE_EQ(labels[0].t1, 0.03);
    EXPECT_DOUBLE_EQ(labels[0].f0, 433.9e6);
    EXPECT_EQ(labels[0].className, "door open");
    EXPECT_DOUBLE_EQ(labels[1].t0, 0.05);
    EXPECT_TRUE(labels[1].className.empty());
    EXPECT_NE(labels[0].id, labels[1].id);
    ASSERT_EQ(w.document()->classes().size(), 1u);
    EXPECT_EQ(w.document()->classes()[0].name, "door open");
    EXPECT_TRUE(w.document()->openNote().isEmpty());
    EXPECT_FALSE(w.document()->isModified()); // the file's own state, nothing to save
    meta(R"({"core:sample_start": "ten", "core:sample_count": 5000})");
    w.document()->openRecording(path, {}, 800);
    EXPECT_TRUE(w.document()->hasSource());
    EXPECT_TRUE(w.document()->labels().empty());
    const std::string note = w.document()->openNote().toStdString();
    EXPECT_NE(note.find("annotations were not read"), std::string::npos) << note;
    EXPECT_NE(note.find("annotations[1]"), std::string::npos) << note;
}

// Zoom to selection (S) zooms to the selected labels when no shape is selected, and a
// double-click on a label's row zooms to it: a short packet in the whole view is a sliver.
TEST(Labels, ZoomToSelectionZoomsToTheSelectedLabels) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    ASSERT_TRUE(detectWithDefaults(w));
    const auto labels = w.document()->labels();
    ASSERT_GE(labels.size(), 2u);
    const core::Label& first = labels[0];
    w.view()->setSelectedLabels({first.id});
    trigger(w, "Zoom to &selection");
    const QCPRange t = w.view()->plot()->xAxis->range();
    EXPECT_LE(t.lower, first.t0);
    EXPECT_GE(t.upper, first.t1);
    EXPECT_LT(t.size(), 1.5 * first.duration()); // zoomed in: the demo is 4 s long
    // The second label's row, double-clicked on its start.
    auto* table = w.findChild<ui::LabelsPanel*>()->findChild<QTableWidget*>();
    ASSERT_NE(table, nullptr);
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0)->data(Qt::UserRole).toULongLong() == labels[1].id)
            emit table->cellDoubleClicked(r, 1);
    const QCPRange t2 = w.view()->plot()->xAxis->range();
    EXPECT_LE(t2.lower, labels[1].t0);
    EXPECT_GE(t2.upper, labels[1].t1);
    EXPECT_LT(t2.size(), 1.5 * labels[1].duration());
}

// Packets a few pixels apart keep every name, stacked a row or two higher where another name
// is, none over another (a name was left out when one was drawn within 40 px, and a long name
// still ran over the next one).
TEST(Labels, NamesOfClosePacketsStackWithoutOverlapping) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(true));
    auto& w = demo.window;
    std::vector<core::Label> labels;
    for (int i = 0; i < 12; ++i) { // 40 ms apart in the 4 s view: about 7 px
        core::Label l;
        l.t0 = 1.0 + 0.04 * i;
        l.t1 = l.t0 + 0.02;
        l.f0 = kFc - 20e3;
        l.f1 = kFc + 20e3;
        l.className = i % 3 == 0 ? "door open" : "answer";
        labels.push_back(l);
    }
    w.document()->setLabels({{"door open", "#e15759", 1, {}}, {"answer", "#4e79a7", 2, {}}}, labels,
                            "Labels");
    w.view()->plot()->replot();
    const auto& names = w.view()->labelOverlay()->drawnNames();
    EXPECT_GE(names.size(), 9u); // three rows of tags about 45 px wide over 84 px of packets
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = i + 1; j < names.size(); ++j)
            EXPECT_FALSE(names[i].intersects(names[j])) << i << " " << j;
    // A label that starts before the view's left edge keeps its whole name in view ("ss 2").
    w.view()->plot()->xAxis->setRange(1.01, 1.6);
    w.view()->plot()->replot();
    const QRect plot = w.view()->plot()->axisRect()->rect();
    ASSERT_FALSE(names.empty());
    for (const QRectF& tag : names) {
        EXPECT_GE(tag.left(), plot.left());
        EXPECT_LE(tag.right(), plot.right() + 1);
    }
    EXPECT_TRUE(std::any_of(names.begin(), names.end(),
                            [&](const QRectF& t) { return t.left() == plot.left(); }));
}
