// Crash safety of the user's work: an editing and labelling session (the real editor, driven
// by simulated mouse input in a child process) is killed with SIGKILL at random moments; the
// editor started again on the same recording offers the autosave, and every shape and label
// made more than one autosave interval (5 s) before the kill comes back.

#include "Document.h"
#include "PaintToolBar.h"
#include "UiFixture.h"

#include <QAbstractButton>
#include <QDateTime>
#include <QMessageBox>
#include <QProcess>
#include <QTimer>
#include <gtest/gtest.h>
#include <random>

using namespace specedit;
using namespace specedit::test;

namespace {

constexpr char kChildVariable[] = "SPECEDIT_CRASH_SESSION";
constexpr qint64 kAutosaveMs = 5000;

qint64 now() {
    return QDateTime::currentMSecsSinceEpoch();
}

// One edit a third of a second, alternating a rectangle (a mask shape) and a label box, each
// reported on stdout as "EDIT <shapes> <labels> <ms since 1970>" once the document holds it.
void editForever(ui::MainWindow& w) {
    auto* plot = w.view()->plot();
    for (int i = 0;; ++i) {
        const double t = 0.1 + 0.01 * (i % 400);
        w.paintToolBar()->selectTool(i % 2 ? ui::ToolKind::Label : ui::ToolKind::Rect);
        drag(plot, {{t, 1000.0 + (i % 7) * 300}, {t + 0.05, 1200.0 + (i % 7) * 300}});
        std::printf("EDIT %zu %zu %lld\n", w.document()->shapes().size(),
                    w.document()->labels().size(), static_cast<long long>(now()));
        std::fflush(stdout);
        QTest::qWait(330);
    }
}

struct Edit {
    std::size_t shapes = 0, labels = 0;
    qint64 at = 0;
};

std::vector<Edit> parseEdits(const QByteArray& out) {
    std::vector<Edit> edits;
    for (const QByteArray& line : out.split('\n')) {
        const auto parts = line.split(' ');
        if (parts.size() == 4 && parts[0] == "EDIT")
            edits.push_back(
                {parts[1].toULongLong(), parts[2].toULongLong(), parts[3].toLongLong()});
    }
    return edits;
}

// Answers the recovery question with Yes as soon as it is up.
void acceptRecovery(bool& asked) {
    QTimer::singleShot(300, [&asked] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box && box->windowTitle().contains("Recover")) {
            asked = true;
            box->button(QMessageBox::Yes)->click();
        }
    });
}

} // namespace

// The child's side: runs only when the parent test starts this program with the variable set.
TEST(CrashSafety, ChildSession) {
    const QByteArray recording = qgetenv(kChildVariable);
    if (recording.isEmpty())
        GTEST_SKIP() << "run by CrashSafety.KilledAtRandomMomentsNothingOlderThanTheAutosave";
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, QString::fromUtf8(recording)));
    editForever(w);
}

TEST(CrashSafety, KilledAtRandomMomentsNothingOlderThanTheAutosaveIsLost) {
    TempDir dir;
    const QString recording = QString::fromStdString(privateAudioDemo(dir));
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> killAfterMs(10000, 15000);
    for (int round = 0; round < 3; ++round) {
        QProcess child;
        // The child shares this process's autosave folder (QStandardPaths' test mode).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(kChildVariable, recording);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    {"--gtest_filter=CrashSafety.ChildSession"});
        ASSERT_TRUE(child.waitForStarted());
        QTest::qWait(killAfterMs(rng));
        const qint64 killedAt = now();
        child.kill(); // SIGKILL: no destructor, no last save
        ASSERT_TRUE(child.waitForFinished());
        const auto edits = parseEdits(child.readAllStandardOutput());
        ASSERT_GE(edits.size(), 3u) << child.readAllStandardError().toStdString();
        Edit safe; // the last edit more than one autosave interval (and a margin) before
        for (const Edit& e : edits)
            if (e.at < killedAt - kAutosaveMs - 1000)
                safe = e;

        ui::MainWindow again;
        bool asked = false;
        acceptRecovery(asked);
        ASSERT_TRUE(again.openPath(recording));
        EXPECT_TRUE(asked) << "round " << round;
        EXPECT_GE(again.document()->shapes().size(), safe.shapes) << "round " << round;
        EXPECT_GE(again.document()->labels().size(), safe.labels) << "round " << round;
        EXPECT_LE(again.document()->shapes().size(), edits.back().shapes);
        std::printf("round %d: killed after %zu edits; %zu shapes and %zu labels back (at least "
                    "%zu and %zu were due)\n",
                    round, edits.size(), again.document()->shapes().size(),
                    again.document()->labels().size(), safe.shapes, safe.labels);
        again.document()->removeAutosave();
    }
}
