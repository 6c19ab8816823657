// Two windows on one project: the second to save does not silently replace what the first
// saved; it asks, and Cancel (the default) leaves the file as the first window wrote it. Each
// window autosaves to its own file, and a window that dies leaves its autosave to be offered,
// whichever window dies and in whatever order.

#include "Document.h"
#include "UiFixture.h"
#include "project/Project.h"

#include <QAbstractButton>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QTimer>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace specedit;
using namespace specedit::test;

namespace {

// Clicks the button whose text starts with `button` on the save-conflict question as soon as
// it is up; `asked` tells whether it came.
void answerConflict(const QString& button, bool& asked) {
    QTimer::singleShot(200, [button, &asked] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != "saveConflict")
            return;
        asked = true;
        for (auto* b : box->buttons())
            if (b->text().startsWith(button))
                b->click();
    });
}

std::size_t shapesOnDisk(const QString& project) {
    return core::loadProject(project.toStdString()).shapes.size();
}

// A project saved from a private copy of the demo audio recording, with no shapes.
QString savedProject(const TempDir& dir) {
    const QString project = QString::fromStdString(dir.file("rec.specedit.json"));
    ui::Document doc;
    doc.openRecording(QString::fromStdString(privateAudioDemo(dir)), {});
    doc.saveProject(project);
    return project;
}

// Sets a file's modification time `secondsAgo` seconds back.
void age(const QString& path, int secondsAgo) {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(QDateTime::currentDateTime().addSecs(-secondsAgo),
                              QFileDevice::FileModificationTime));
}

double firstGainOnDisk(const QString& file) {
    return core::loadProject(file.toStdString()).shapes.at(0).gainDb;
}

} // namespace

TEST(TwoWindows, TheSecondToSaveAsksBeforeReplacingTheFirstsWork) {
    TempDir dir;
    const QString project = QString::fromStdString(dir.file("rec.specedit.json"));
    {
        ui::Document doc;
        doc.openRecording(QString::fromStdString(privateAudioDemo(dir)), {});
        doc.saveProject(project);
    }
    ui::MainWindow a, b;
    ASSERT_TRUE(a.openPath(project));
    ASSERT_TRUE(b.openPath(project));
    a.document()->addShape(rectShape(1.0, 1.5, 2000, 3000));
    bool asked = false;
    answerConflict("Cancel", asked);
    ASSERT_TRUE(a.saveProject()); // nothing changed under it: saved without a question
    QTest::qWait(400);            // (the answer above finds nothing to answer)
    EXPECT_FALSE(asked);
    EXPECT_EQ(shapesOnDisk(project), 1u);

    b.document()->addShape(rectShape(2.0, 2.5, 2000, 3000));
    b.document()->addShape(rectShape(3.0, 3.5, 2000, 3000));
    EXPECT_TRUE(b.document()->projectChangedOnDisk());
    answerConflict("Cancel", asked);
    EXPECT_FALSE(b.saveProject());
    EXPECT_TRUE(asked);
    EXPECT_EQ(shapesOnDisk(project), 1u); // window a's work is still there
    EXPECT_TRUE(b.document()->isModified());

    asked = false;
    answerConflict("Replace", asked);
    EXPECT_TRUE(b.saveProject());
    EXPECT_TRUE(asked);
    EXPECT_EQ(shapesOnDisk(project), 2u);
    // Now window a is the one whose file changed under it.
    EXPECT_TRUE(a.document()->projectChangedOnDisk());
    EXPECT_FALSE(b.document()->projectChangedOnDisk());
}

TEST(TwoWindows, EachAutosavesToItsOwnFileAndEveryDeadWindowsChangesAreOffered) {
    TempDir dir;
    const QString project = savedProject(dir);
    QString fileA, fileB;
    {
        ui::Document a, b; // two windows on the project, both running
        a.openProject(project);
        b.openProject(project);
        EXPECT_EQ(a.autosavePath(), project + ".autosave");
        EXPECT_EQ(b.autosavePath(), project + ".autosave-2");
        a.addShape(rectShape(1.0, 1.5, 2000, 3000, -10));
        b.addShape(rectShape(2.0, 2.5, 2000, 3000, -20));
        a.writeAutosave();
        b.writeAutosave();
        fileA = a.autosavePath();
        fileB = b.autosavePath();
        EXPECT_EQ(firstGainOnDisk(fileA), -10); // neither wrote over the other
        EXPECT_EQ(firstGainOnDisk(fileB), -20);
        // A running window's autosave is its own: a third window offers neither.
        ui::Document c;
        c.openProject(project);
        EXPECT_FALSE(c.hasRecoverableAutosave());
        EXPECT_EQ(c.autosavePath(), project + ".autosave-3");
        age(fileA, 60); // a autosaved a minute before b
    }                   // all three die
    ui::Document c;
    c.openProject(project);
    const QStringList found = c.recoverableAutosaves();
    ASSERT_EQ(found, QStringList({fileB, fileA})); // the most recent first
    c.recoverAutosave(found.first());
    ASSERT_EQ(c.shapes().size(), 1u);
    EXPECT_EQ(c.shapes()[0].gainDb, -20);
    // What c recovered is c's own autosave now; a's is kept for the next window.
    EXPECT_FALSE(QFileInfo::exists(fileB));
    EXPECT_EQ(firstGainOnDisk(c.autosavePath()), -20);
    ui::Document d;
    d.openProject(project);
    ASSERT_EQ(d.recoverableAutosaves(), QStringList({fileA}));
    d.recoverAutosave();
    ASSERT_EQ(d.shapes().size(), 1u);
    EXPECT_EQ(d.shapes()[0].gainDb, -10);
    EXPECT_FALSE(QFileInfo::exists(fileA));
    // Saving removes a window's own autosave only.
    const QString cFile = c.autosavePath();
    d.saveProject(project);
    EXPECT_FALSE(QFileInfo::exists(d.autosavePath()));
    EXPECT_TRUE(QFileInfo::exists(cFile));
    // No window can discard the autosave of another that runs.
    d.discardAutosave(cFile);
    EXPECT_TRUE(QFileInfo::exists(cFile));
}

// Another process takes the first slot and writes there, then is killed (SIGKILL leaves its
// lock file behind): while it runs its autosave is not offered; once it is dead it is.
TEST(TwoWindows, AKilledProcesssAutosaveIsOfferedOnlyOnceItIsDead) {
    TempDir dir;
    const QString project = savedProject(dir);
    const QString sidecar = project + ".autosave";
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ui::AutosaveSlot slot;
        slot.claim(sidecar);
        const bool ok = slot.path() == sidecar && QFile::copy(project, slot.path());
        const char byte = ok ? 'y' : 'n';
        [[maybe_unused]] auto n = write(ready[1], &byte, 1);
        pause(); // until killed
        _exit(0);
    }
    close(ready[1]);
    char byte = 0;
    ASSERT_EQ(read(ready[0], &byte, 1), 1);
    close(ready[0]);
    EXPECT_EQ(byte, 'y');
    {
        ui::Document doc;
        doc.openProject(project);
        EXPECT_FALSE(doc.hasRecoverableAutosave()); // its window still runs
        EXPECT_EQ(doc.autosavePath(), project + ".autosave-2");
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(QFileInfo::exists(QFileInfo(sidecar).absolutePath() + "/." +
                                  QFileInfo(sidecar).fileName() + ".lock"));
    ui::Document doc;
    doc.openProject(project);
    EXPECT_EQ(doc.recoverableAutosaves(), QStringList({sidecar}));
    EXPECT_EQ(doc.autosavePath(), project + ".autosave-2"); // the orphan stays until recovered
}

TEST(TwoWindows, SlotNamesKeepTheProjectSuffix) {
    EXPECT_EQ(ui::AutosaveSlot::slotPath("/d/p.specedit.json.autosave", 1),
              "/d/p.specedit.json.autosave");
    EXPECT_EQ(ui::AutosaveSlot::slotPath("/d/p.specedit.json.autosave", 3),
              "/d/p.specedit.json.autosave-3");
    EXPECT_EQ(ui::AutosaveSlot::slotPath("/data/autosave/ab12.specedit.json", 2),
              "/data/autosave/ab12-2.specedit.json");
}
