// View > Labels below the picture: the Labels table moves under the picture, across the
// window, with every column whole (on the right, at 40 % of a 1400-pixel window, Comment was
// cut); the classes and filter go to its left; the choice is remembered; unticked, the table
// goes back beside Shapes.

#include "Document.h"
#include "UiFixture.h"
#include "labels/LabelsPanel.h"

#include <QBoxLayout>
#include <QDockWidget>
#include <QHeaderView>
#include <QSettings>
#include <QTableWidget>
#include <gtest/gtest.h>

using namespace specedit::test;

namespace {

constexpr double kFc = 433.92e6;

QDockWidget* dock(ui::MainWindow& w, const char* name) {
    return w.findChild<QDockWidget*>(name);
}

} // namespace

TEST(LabelsDock, BelowThePictureEveryColumnShowsAndTheChoiceIsKept) {
    QSettings().remove("labels/belowPicture");
    DemoWindow demo;
    ASSERT_TRUE(demo.open(false));
    auto& w = demo.window;
    std::vector<core::Label> labels;
    for (int i = 0; i < 12; ++i)
        labels.push_back(labelBox(0.2 + 0.3 * i, 0.3 + 0.3 * i, kFc - 1e5, kFc + 1e5, ""));
    w.document()->setLabels({}, labels, "Set labels");
    QAction* below = action(w, "&Labels below the picture");
    ASSERT_NE(below, nullptr);
    auto* labelsDock = dock(w, "labelsDock");
    EXPECT_EQ(w.dockWidgetArea(labelsDock), Qt::RightDockWidgetArea);
    EXPECT_FALSE(below->isChecked());

    below->trigger();
    QTest::qWait(100); // the docks are sized once laid out
    EXPECT_EQ(w.dockWidgetArea(labelsDock), Qt::BottomDockWidgetArea);
    EXPECT_FALSE(labelsDock->visibleRegion().isEmpty()); // not behind another tab
    auto* table = w.findChild<ui::LabelsPanel*>()->table();
    const int lastColumn = table->columnCount() - 1; // Comment, stretched
    EXPECT_GE(table->columnWidth(lastColumn),
              table->horizontalHeader()->sectionSizeHint(lastColumn)); // whole
    EXPECT_GT(table->viewport()->width(), w.width() / 2);
    // The classes and filter to the left of the table, which keeps the height: 8 rows or more.
    auto* layout = qobject_cast<QBoxLayout*>(w.findChild<ui::LabelsPanel*>()->layout());
    ASSERT_NE(layout, nullptr);
    EXPECT_EQ(layout->direction(), QBoxLayout::LeftToRight);
    EXPECT_GE(table->viewport()->height() / table->rowHeight(0), 8);
    // The picture keeps a usable height above it.
    EXPECT_GT(w.view()->paneRect(0)->rect().height(), 150);
    // The next window opens with the table below.
    {
        ui::MainWindow next;
        EXPECT_TRUE(action(next, "&Labels below the picture")->isChecked());
        EXPECT_EQ(next.dockWidgetArea(dock(next, "labelsDock")), Qt::BottomDockWidgetArea);
    }

    below->trigger();
    QTest::qWait(100);
    EXPECT_EQ(w.dockWidgetArea(labelsDock), Qt::RightDockWidgetArea);
    EXPECT_TRUE(w.tabifiedDockWidgets(labelsDock).contains(dock(w, "shapesDock")));
    EXPECT_EQ(layout->direction(), QBoxLayout::TopToBottom);
    EXPECT_FALSE(QSettings().value("labels/belowPicture").toBool());
}
