// Window-wide keys: Ctrl+Q while a task's progress dialog is up asks to cancel the task and
// then quits; shortcuts keep working after a panel field was edited; T and M move the
// "Hear" and "Picture" switches.

#include "AbSwitch.h"
#include "Document.h"
#include "SecondsSpinBox.h"
#include "TaskRunner.h"
#include "UiFixture.h"
#include "audio/Listener.h"
#include "util/JobControl.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <atomic>
#include <gtest/gtest.h>
#include <thread>

using namespace specedit::test;

namespace {

// Answers the next question box with `button` as soon as it shows.
void answerNextQuestion(QMessageBox::StandardButton button, bool* asked) {
    auto* timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, [timer, button, asked] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            *asked = true;
            box->button(button)->click();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

// A task that runs until it is cancelled.
bool startEndlessTask(ui::MainWindow& w, std::atomic<bool>& cancelled) {
    return w.tasks()->run(
        "Exporting",
        [&cancelled](core::JobControl& job) -> QString {
            for (;;) {
                if (job.isCancelled()) {
                    cancelled = true;
                    throw core::Cancelled();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        },
        [](bool, const QString&) {});
}

} // namespace

TEST(Shortcuts, CtrlQDuringATaskAsksThenCancelsAndQuits) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    std::atomic<bool> cancelled{false};
    ASSERT_TRUE(startEndlessTask(w, cancelled));
    QTest::qWait(500); // the progress dialog shows after 300 ms and becomes the active window
    auto* progress = w.findChild<QProgressDialog*>();
    ASSERT_NE(progress, nullptr);
    QApplication::setActiveWindow(progress); // as a click on the dialog would
    ASSERT_TRUE(QTest::qWaitForWindowActive(progress));
    // "No" keeps both the task and the window.
    bool asked = false;
    answerNextQuestion(QMessageBox::No, &asked);
    QTest::keyClick(progress->windowHandle(), Qt::Key_Q, Qt::ControlModifier); // as typed
    QTest::qWait(200);

    EXPECT_TRUE(asked);
    EXPECT_TRUE(w.isVisible());
    EXPECT_TRUE(w.tasks()->isBusy());
    // "Yes" cancels the task, and the window closes once it has stopped.
    asked = false;
    answerNextQuestion(QMessageBox::Yes, &asked);
    QApplication::setActiveWindow(progress);
    ASSERT_TRUE(QTest::qWaitForWindowActive(progress));
    QTest::keyClick(progress->windowHandle(), Qt::Key_Q, Qt::ControlModifier); // as typed
    for (int i = 0; i < 100 && w.isVisible(); ++i)
        QTest::qWait(50);
    EXPECT_TRUE(asked);
    EXPECT_TRUE(cancelled);
    EXPECT_FALSE(w.tasks()->isBusy());
    EXPECT_FALSE(w.isVisible());
}

// After typing a value into a panel field, M, R and Ctrl+E still work without clicking the
// picture; digits still go into the field.
TEST(Shortcuts, WindowKeysWorkWhileANumberFieldHasTheFocus) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ASSERT_TRUE(demoWindow.activate());
    QSpinBox* length = nullptr;
    for (auto* spin : w.findChildren<QSpinBox*>())
        if (spin->suffix() == " samples")
            length = spin;
    ASSERT_NE(length, nullptr);
    length->setFocus();
    length->selectAll();
    for (const auto key : {Qt::Key_1, Qt::Key_0, Qt::Key_2, Qt::Key_4})
        QTest::keyClick(w.windowHandle(), key);
    QTest::keyClick(w.windowHandle(), Qt::Key_Return);
    EXPECT_EQ(length->value(), 1024);
    ASSERT_TRUE(length->hasFocus());
    QAction* edited = action(w, "Show &edited result");
    ASSERT_NE(edited, nullptr);
    QTest::keyClick(w.windowHandle(), Qt::Key_M);
    EXPECT_TRUE(edited->isChecked());
    QTest::keyClick(w.windowHandle(), Qt::Key_R);
    EXPECT_EQ(w.view()->tool(), ui::ToolKind::Rect);
    bool dialogShown = false;
    QTimer::singleShot(300, [&dialogShown] {
        if (auto* dialog = QApplication::activeModalWidget()) {
            dialogShown = true;
            dialog->close();
        }
    });
    QTest::keyClick(w.windowHandle(), Qt::Key_E, Qt::ControlModifier);
    EXPECT_TRUE(dialogShown);
}

// A letter typed into a field the user is typing in is the field's: it is not taken, a tip
// under the field says so, and no shortcut runs (a tester's "abc" in a shape's Start chose
// the Brush). In a field not being typed in, the letter is a shortcut, as above.
TEST(Shortcuts, ALetterTypedIntoAFieldBeingEditedRunsNoShortcut) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ASSERT_TRUE(demoWindow.activate());
    w.document()->addShape(rectShape(1.0, 1.2, 433.8e6, 434.0e6));
    auto* start = w.findChild<ui::SecondsSpinBox*>("shapeStart");
    ASSERT_NE(start, nullptr);
    ASSERT_TRUE(start->isEnabled());
    start->setFocus();
    start->selectAll();
    const ui::ToolKind before = w.view()->tool();
    ASSERT_NE(before, ui::ToolKind::Brush);
    for (const auto key : {Qt::Key_1, Qt::Key_Period, Qt::Key_1, Qt::Key_B})
        QTest::keyClick(w.windowHandle(), key);
    EXPECT_EQ(w.view()->tool(), before);
    EXPECT_EQ(start->findChild<QLineEdit*>()->text(), "1.1");
    EXPECT_TRUE(QToolTip::isVisible());
    EXPECT_TRUE(QToolTip::text().startsWith("\"b\" cannot be part of this value (for example"))
        << QToolTip::text().toStdString();
    QTest::keyClick(w.windowHandle(), Qt::Key_Return);
    EXPECT_DOUBLE_EQ(start->value(), 1.1);
    QTest::keyClick(w.windowHandle(), Qt::Key_B); // the typing ended: B is the Brush again
    EXPECT_EQ(w.view()->tool(), ui::ToolKind::Brush);
}

// The two A/B choices are named on both sides: T moves "Hear" (what playback plays), M moves
// "Picture" (View > Show edited result), and a click on either side of "Picture" moves the
// menu's tick. A single "Edited" toggle for hearing, pressed while the picture showed the
// original, read to a tester as "the picture is edited".
TEST(Shortcuts, TAndMMoveTheHearAndPictureSwitches) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    ASSERT_TRUE(demoWindow.activate());
    auto* hear = w.findChild<ui::AbSwitch*>("hearSwitch");
    auto* picture = w.findChild<ui::AbSwitch*>("pictureSwitch");
    QAction* shown = action(w, "Show &edited result");
    ASSERT_TRUE(hear && picture && shown);
    EXPECT_TRUE(hear->edited());
    EXPECT_TRUE(w.listener()->isEdited());
    EXPECT_FALSE(picture->edited());
    QTest::keyClick(w.windowHandle(), Qt::Key_T);
    EXPECT_FALSE(hear->edited());
    EXPECT_TRUE(hear->originalButton()->isChecked());
    EXPECT_FALSE(w.listener()->isEdited());
    EXPECT_FALSE(picture->edited()); // hearing does not move the picture
    QTest::keyClick(w.windowHandle(), Qt::Key_M);
    EXPECT_TRUE(shown->isChecked());
    EXPECT_TRUE(picture->editedButton()->isChecked());
    EXPECT_FALSE(hear->edited());
    picture->originalButton()->click();
    EXPECT_FALSE(shown->isChecked());
    picture->originalButton()->click(); // the side that is down stays down
    EXPECT_FALSE(picture->edited());
    EXPECT_FALSE(shown->isChecked());
    QTest::keyClick(w.windowHandle(), Qt::Key_T);
    EXPECT_TRUE(w.listener()->isEdited());
    // The Play menu's entry says the key and follows the switch both ways.
    QAction* hearing = action(w, "&Hear the edited result");
    ASSERT_TRUE(hearing);
    EXPECT_EQ(hearing->shortcut(), QKeySequence(Qt::Key_T));
    EXPECT_TRUE(hearing->isChecked());
    hear->originalButton()->click();
    EXPECT_FALSE(hearing->isChecked());
    EXPECT_FALSE(w.listener()->isEdited());
    hearing->trigger();
    EXPECT_TRUE(hear->edited());
    EXPECT_TRUE(w.listener()->isEdited());
}
