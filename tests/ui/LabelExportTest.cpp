// Labels > Export bursts as clips… by simulated input: the dialog proposes a folder beside
// the recording and the recording's kind; each label becomes its own SigMF clip holding its
// span plus the margin, annotated with its class; a label outside the recording is left out
// and said in a message box, by name.

#include "Document.h"
#include "SecondsSpinBox.h"
#include "TaskRunner.h"
#include "UiFixture.h"
#include "apply/BurstClips.h"
#include "labels/ClipExportDialog.h"
#include "labels/LabelExchange.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace specedit::test;

TEST(LabelExport, EachLabelBecomesAClipAndOneOutsideIsSaid) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(false));
    auto& w = demo.window;
    const double fc = 433.92e6;
    const std::vector<core::Label> labels{labelBox(0.2, 0.3, fc - 1e5, fc + 1e5, "Tür auf"),
                                          labelBox(50, 51, fc - 1e5, fc + 1e5, "")};
    w.document()->setLabels({{"Tür auf", "#e15759", 1, {}}}, labels, "Set labels");
    const auto folder = demo.dir.file("clips");
    QString proposed, formats, leftOut;
    onNextModal<ui::ClipExportDialog>([&](ui::ClipExportDialog* d) {
        auto* path = d->findChild<QLineEdit*>();
        auto* format = d->findChild<QComboBox*>();
        proposed = path->text();
        for (int i = 0; i < format->count(); ++i)
            formats += format->itemData(i).toString() + " ";
        path->setText(QString::fromStdString(folder));
        d->accept();
        onNextModal<QMessageBox>([&](QMessageBox* box) {
            leftOut = box->text();
            box->accept();
        });
    });
    action(w, "Export bursts as c&lips…")->trigger();
    ASSERT_TRUE(waitForTask(w));
    for (int i = 0; i < 100 && leftOut.isEmpty(); ++i)
        QTest::qWait(20);
    EXPECT_TRUE(proposed.endsWith("SDRuno_20261121_120000Z_433920kHz_clips"))
        << proposed.toStdString();
    EXPECT_EQ(formats.toStdString(), "sigmf-meta cf32 cs16 cs8 cu8 wav ");
    EXPECT_TRUE(leftOut.contains("1 clip written to")) << leftOut.toStdString();
    EXPECT_TRUE(leftOut.contains("1 label was left out")) << leftOut.toStdString();
    EXPECT_TRUE(leftOut.contains("label 2: the box 50 s to 51 s lies outside"))
        << leftOut.toStdString();

    const auto ids = w.document()->labels();
    ASSERT_EQ(ids.size(), 2u);
    const auto base = std::filesystem::path(folder) / ("Tür_auf_" + core::clipIdText(ids[0].id));
    std::ifstream metaFile(base.string() + ".sigmf-meta");
    ASSERT_TRUE(metaFile.good()) << base;
    const auto meta = nlohmann::json::parse(metaFile);
    const auto& a = meta.at("annotations").at(0);
    const double fs = w.document()->source()->info().sampleRate;
    EXPECT_EQ(a.at("core:label"), "Tür auf");
    EXPECT_EQ(a.at("core:sample_start").get<std::int64_t>(), std::llround(0.005 * fs));
    EXPECT_EQ(a.at("core:sample_count").get<std::int64_t>(), std::llround(0.1 * fs));
    // The clip holds the span and 5 ms on each side, complex samples of the recording's type.
    const std::string type = meta.at("global").at("core:datatype");
    const int bytes = type == "ci16_le" ? 4 : type == "cf32_le" ? 8 : 2;
    const auto frames =
        std::int64_t(std::filesystem::file_size(base.string() + ".sigmf-data")) / bytes;
    EXPECT_EQ(frames, std::llround(0.11 * fs)) << type;
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder),
                            std::filesystem::directory_iterator()),
              2); // the meta and the data of the one clip
}

// A second export into the same folder asks before it writes over the first one's clips;
// Cancel leaves them as they were. Once the label has a class, its earlier clip under no
// class is named in the question and removed, so each label has one clip; a relative folder
// is read from the recording's folder.
TEST(LabelExport, ASecondExportAsksBeforeWritingOverClips) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(false));
    auto& w = demo.window;
    w.document()->setLabels({}, {labelBox(0.2, 0.3, 433.82e6, 433.92e6, "")}, "Set labels");
    const auto folder = QString::fromStdString(demo.dir.file("clips"));
    auto* exchange = w.findChild<ui::LabelExchange*>();
    ASSERT_TRUE(exchange->exportClips({folder.toStdString(), "cf32", 0.0}, w.document()->labels()));
    ASSERT_TRUE(waitForTask(w));
    const auto clip = demo.dir.file("clips/unlabeled_0001.cf32");
    ASSERT_TRUE(std::filesystem::exists(clip));
    std::filesystem::resize_file(clip, 8); // so a write over it would show
    QString question;
    onNextModal<ui::ClipExportDialog>([&](ui::ClipExportDialog* d) {
        d->findChild<QLineEdit*>()->setText(folder);
        auto* format = d->findChild<QComboBox*>();
        format->setCurrentIndex(format->findData("cf32"));
        d->accept();
        onNextModal<QMessageBox>([&](QMessageBox* box) {
            question = box->text();
            box->button(QMessageBox::Cancel)->click();
        });
    });
    action(w, "Export bursts as c&lips…")->trigger();
    EXPECT_FALSE(w.tasks()->isBusy());
    ASSERT_TRUE(waitForTask(w)); // a write, had one started, would land by now
    EXPECT_TRUE(question.contains(
        "The clip is already there (unlabeled_0001), from an earlier export.\n\nWrite over it?"))
        << question.toStdString();
    EXPECT_EQ(std::filesystem::file_size(clip), 8u);

    auto labels = w.document()->labels();
    labels[0].className = "remote";
    w.document()->setLabels({{"remote", "#e15759", 1, {}}}, labels, "Set class");
    onNextModal<ui::ClipExportDialog>([&](ui::ClipExportDialog* d) {
        d->findChild<QLineEdit*>()->setText("clips");
        auto* format = d->findChild<QComboBox*>();
        format->setCurrentIndex(format->findData("cf32"));
        d->accept();
        onNextModal<QMessageBox>([&](QMessageBox* box) {
            question = box->text();
            for (auto* b : box->buttons())
                if (b->text() == "Write and remove")
                    b->click();
        });
    });
    action(w, "Export bursts as c&lips…")->trigger();
    ASSERT_TRUE(waitForTask(w));
    EXPECT_TRUE(question.contains("1 earlier clip of these labels under another class "
                                  "(unlabeled_0001) would be removed"))
        << question.toStdString();
    EXPECT_FALSE(std::filesystem::exists(clip));
    EXPECT_TRUE(std::filesystem::exists(demo.dir.file("clips/remote_0001.cf32")));
}

// With proposals beside accepted labels, the dialog offers the accepted ones alone, and only
// their clips are written (and asked about); without proposals there is nothing to choose.
TEST(LabelExport, TheAcceptedLabelsAloneCanBecomeClips) {
    DemoWindow demo;
    ASSERT_TRUE(demo.open(false));
    auto& w = demo.window;
    auto accepted = labelBox(0.2, 0.3, 433.82e6, 433.92e6, "");
    accepted.confirmed = true;
    auto proposal = labelBox(0.6, 0.66, 433.45e6, 433.6e6, "");
    proposal.confirmed = false;
    w.document()->setLabels({}, {accepted, proposal}, "Set labels");
    const auto folder = QString::fromStdString(demo.dir.file("clips"));
    QString box;
    onNextModal<ui::ClipExportDialog>([&](ui::ClipExportDialog* d) {
        d->findChild<QLineEdit*>()->setText(folder);
        auto* format = d->findChild<QComboBox*>();
        format->setCurrentIndex(format->findData("cf32"));
        auto* only = d->findChild<QCheckBox*>();
        ASSERT_NE(only, nullptr);
        box = only->text();
        only->setChecked(true);
        d->accept();
    });
    action(w, "Export bursts as c&lips…")->trigger();
    ASSERT_TRUE(waitForTask(w));
    EXPECT_EQ(box.toStdString(), "Only the accepted labels (1 of the 2)");
    EXPECT_TRUE(std::filesystem::exists(demo.dir.file("clips/unlabeled_0001.cf32")));
    EXPECT_FALSE(std::filesystem::exists(demo.dir.file("clips/unlabeled_0002.cf32")));
    EXPECT_TRUE(w.statusBar()->currentMessage().startsWith("1 clip written to"))
        << w.statusBar()->currentMessage().toStdString();
    // Remembered; and not offered when every label is accepted, or every one a proposal.
    EXPECT_TRUE(ui::ClipExportDialog("/tmp/a_clips", true, 2, 1).acceptedOnly());
    EXPECT_EQ(ui::ClipExportDialog("/tmp/a_clips", true, 2, 0).findChild<QCheckBox*>(), nullptr);
    EXPECT_EQ(ui::ClipExportDialog("/tmp/a_clips", true, 2, 2).findChild<QCheckBox*>(), nullptr);
    EXPECT_FALSE(ui::ClipExportDialog("/tmp/a_clips", true, 2, 2).acceptedOnly());
    QSettings().remove("clipExport");
}

// The dialog proposes the format and margin chosen last (per kind of recording); a margin the
// field refused ("abc") keeps the dialog open once, saying why and what it kept.
TEST(LabelExport, TheDialogRemembersFormatAndMarginAndRefusesABadMargin) {
    {
        ui::ClipExportDialog d("/tmp/a_clips", true, 2, 1);
        d.show();
        auto* format = d.findChild<QComboBox*>();
        format->setCurrentIndex(format->findData("cs16"));
        auto* margin = d.findChild<ui::SecondsSpinBox*>("margin");
        margin->setValue(0.02);
        emit margin->refused("abc");
        d.accept();
        QCoreApplication::processEvents();
        EXPECT_TRUE(d.isVisible());
        QString problem;
        for (auto* label : d.findChildren<QLabel*>())
            if (label->text().startsWith("Margin:"))
                problem = label->text();
        EXPECT_EQ(problem.toStdString(), "Margin: \"abc\" is not a time from 0 to 10 s (10 ms, 250 "
                                         "us, 0.02); it stays 20 ms");
        // A negative margin is refused too (it became 0 s without a word).
        margin->selectAll();
        QTest::keyClicks(margin, "-5 ms");
        QTest::keyClick(margin, Qt::Key_Return);
        QCoreApplication::processEvents();
        EXPECT_TRUE(d.isVisible());
        EXPECT_DOUBLE_EQ(margin->value(), 0.02);
        for (auto* label : d.findChildren<QLabel*>())
            if (label->text().startsWith("Margin:"))
                problem = label->text();
        EXPECT_TRUE(problem.startsWith("Margin: \"-5 ms\" is not a time from 0 to 10 s"))
            << problem.toStdString();
        d.accept();
        QCoreApplication::processEvents();
        EXPECT_FALSE(d.isVisible());
        EXPECT_EQ(d.result(), QDialog::Accepted);
    }
    const ui::ClipExportDialog again("/tmp/a_clips", true, 2, 1);
    EXPECT_EQ(again.options().extension, "cs16");
    EXPECT_DOUBLE_EQ(again.options().margin, 0.02);
    EXPECT_EQ(again.options().folder, "/tmp/a_clips");
    const ui::ClipExportDialog audio("/tmp/a_clips", false, 2, 1);
    EXPECT_EQ(audio.options().extension, "wav"); // an audio recording's own default
    QSettings().remove("clipExport");
}
