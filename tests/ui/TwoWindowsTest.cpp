// Two windows on one project: the second to save does not silently replace what the first
// saved; it asks, and Cancel (the default) leaves the file as the first window wrote it.

#include "Document.h"
#include "UiFixture.h"
#include "project/Project.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QTimer>
#include <gtest/gtest.h>

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
