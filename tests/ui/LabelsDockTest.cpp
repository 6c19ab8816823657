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
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <gtest/gtest.h>

using namespace specedit::test;

namespace {

constexpr double kFc = 433.92e6;

QDockWidget* dock(ui::MainWindow& w, const char* name) {
    return w.findChild<QDockWidget*>(name);
}

// The demo with 12 labels drawn by hand, 0.1 s each, the Labels table beside Shapes.
bool openWithLabels(DemoWindow& demo) {
    if (!demo.open(false))
        return false;
    std::vector<core::Label> labels;
    for (int i = 0; i < 12; ++i)
        labels.push_back(labelBox(0.2 + 0.3 * i, 0.3 + 0.3 * i, kFc - 1e5, kFc + 1e5, ""));
    demo.window.document()->setLabels({}, labels, "Set labels");
    return true;
}

} // namespace

TEST(LabelsDock, BelowThePictureEveryColumnShowsAndTheChoiceIsKept) {
    QSettings().remove("labels/belowPicture");
    DemoWindow demo;
    ASSERT_TRUE(openWithLabels(demo));
    auto& w = demo.window;
    // Labels drawn by hand have no SNR: a dash that says why; the header says which SNR this is.
    auto* table = w.findChild<ui::LabelsPanel*>()->table();
    constexpr int kSnr = 6;
    EXPECT_EQ(table->item(0, kSnr)->text(), "—");
    EXPECT_TRUE(table->item(0, kSnr)->toolTip().contains("drawn by hand"));
    EXPECT_TRUE(table->horizontalHeaderItem(kSnr)->toolTip().contains("on_snr_db"));
    QAction* below = action(w, "&Labels below the picture");
    ASSERT_NE(below, nullptr);
    const int sideWidth = dock(w, "shapesDock")->width();
    auto* labelsDock = dock(w, "labelsDock");
    EXPECT_EQ(w.dockWidgetArea(labelsDock), Qt::RightDockWidgetArea);
    EXPECT_FALSE(below->isChecked());

    below->trigger();
    QTest::qWait(100); // the docks are sized once laid out
    EXPECT_EQ(w.dockWidgetArea(labelsDock), Qt::BottomDockWidgetArea);
    EXPECT_FALSE(labelsDock->visibleRegion().isEmpty()); // not behind another tab
    const int lastColumn = table->columnCount() - 1;     // Comment, stretched
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
    // No wider than before (the wide panel came back 200 pixels wider).
    EXPECT_LE(dock(w, "shapesDock")->width(), sideWidth + 12);
    EXPECT_EQ(layout->direction(), QBoxLayout::TopToBottom);
    EXPECT_FALSE(QSettings().value("labels/belowPicture").toBool());
}

// A double-click on the half-hidden last row reaches that row (which zooms to its label): the
// press scrolled the row into view, and the second click landed on the next row.
TEST(LabelsDock, ADoubleClickOnAHalfHiddenRowReachesThatRow) {
    QSettings().remove("labels/belowPicture");
    DemoWindow demo;
    ASSERT_TRUE(openWithLabels(demo));
    auto& w = demo.window;
    dock(w, "labelsDock")->raise();
    QTest::qWait(100);
    auto* table = w.findChild<ui::LabelsPanel*>()->table();
    const int height = table->viewport()->height();
    int half = -1;
    for (int r = 0; r < table->rowCount() && half < 0; ++r)
        if (table->rowViewportPosition(r) < height &&
            table->rowViewportPosition(r) + table->rowHeight(r) > height + 2)
            half = r;
    ASSERT_GE(half, 0) << "no half-hidden row in a viewport of " << height;
    const int scroll = table->verticalScrollBar()->value();
    const QPoint at(table->columnViewportPosition(2) + 5, table->rowViewportPosition(half) + 3);
    QSignalSpy doubled(table, &QTableWidget::cellDoubleClicked);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    EXPECT_EQ(table->verticalScrollBar()->value(), scroll); // the row stayed under the mouse
    ASSERT_EQ(doubled.count(), 1);
    EXPECT_EQ(doubled.at(0).at(0).toInt(), half); // its own row: zoomed to its label
}

// Below the picture, an empty table takes the room of three rows, not a third of the window
// (which left the picture 236 pixels high at 1400 x 850); labels added later make it grow.
TEST(LabelsDock, AnEmptyTableBelowLeavesThePictureItsRoom) {
    QSettings().setValue("labels/belowPicture", true);
    DemoWindow demo;
    ASSERT_TRUE(demo.open(false));
    auto& w = demo.window;
    QTest::qWait(100); // the docks are sized once laid out
    auto* labelsDock = dock(w, "labelsDock");
    auto* table = w.findChild<ui::LabelsPanel*>()->table();
    ASSERT_EQ(w.dockWidgetArea(labelsDock), Qt::BottomDockWidgetArea);
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    const int emptyHeight = labelsDock->height();
    EXPECT_LT(emptyHeight, w.height() * 25 / 100) << w.height();
    EXPECT_GE(table->viewport()->height(), 3 * rowHeight - 2);
    std::vector<core::Label> labels;
    for (int i = 0; i < 12; ++i)
        labels.push_back(labelBox(0.2 + 0.3 * i, 0.3 + 0.3 * i, kFc - 1e5, kFc + 1e5, ""));
    w.document()->setLabels({}, labels, "Set labels");
    QTest::qWait(100);
    EXPECT_GT(labelsDock->height(), emptyHeight + 2 * rowHeight);
    EXPECT_LE(labelsDock->height(), w.height() * 30 / 100 + 2);
    QSettings().remove("labels/belowPicture");
}
