// Multichannel audio shows its channels one above another; a shape drawn over one channel's
// pane applies to that channel (issue 6, point 22).

#include "../core/AudioFixture.h"
#include "AnalysisPanel.h"
#include "Document.h"
#include "PaintToolBar.h"
#include "TaskRunner.h"
#include "UiFixture.h"
#include "view/TraceLane.h"

#include <QComboBox>
#include <QCursor>
#include <QSignalSpy>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::test;

namespace {

constexpr double kRate = 8000;

// 3 s at 8 kHz: a tone burst from 1 to 2 s, 1 kHz on the left and 3 kHz on the right
// (`rightGain` times as loud), over faint noise.
QString twoTones(const TempDir& dir, double rightGain = 1.0) {
    return QString::fromStdString(
        audioRecording(dir.file("tones.wav"), 2, kRate, 24000, [=](std::int64_t i, int c) {
            const double t = double(i) / kRate;
            const double noise = 1e-3 * (double((std::size_t(2 * i + c) * 7919) % 1000) / 500 - 1);
            const double f = c == 0 ? 1000 : 3000;
            const bool on = t >= 1.0 && t < 2.0;
            const double a = c == 0 ? 0.03 : 0.03 * rightGain;
            return noise + (on ? a * std::sin(2 * std::numbers::pi * f * t) : 0.0);
        }));
}

// The level the view reports with the mouse at (seconds, Hz) over pane `pane`.
double levelAt(ui::MainWindow& w, int pane, double t, double f) {
    QSignalSpy spy(w.view(), &ui::SpectrogramView::cursorMoved);
    auto* plot = w.view()->plot();
    send(plot, QEvent::MouseMove, pixelOf(plot, {t, f}, w.view()->paneRect(pane)), Qt::NoButton,
         Qt::NoButton);
    return spy.isEmpty() ? NAN : spy.last().at(2).toDouble();
}

struct StereoWindow {
    TempDir dir;
    ui::MainWindow w;
    bool open(double rightGain = 1.0) { return openAndWait(w, twoTones(dir, rightGain)); }
    QCPAxisRect* pane(int i) const { return w.view()->paneRect(i); }
};

} // namespace

TEST(StackedChannels, StereoOpensWithOnePanePerChannelEachShowingItsOwn) {
    StereoWindow s;
    ASSERT_TRUE(s.open());
    auto& w = s.w;
    EXPECT_EQ(w.document()->channel(), ui::Document::kStackedChannels);
    ASSERT_EQ(w.view()->paneCount(), 2);
    const auto combo = w.findChild<ui::AnalysisPanel*>()->findChildren<QComboBox*>();
    const bool listed = std::any_of(combo.begin(), combo.end(), [](QComboBox* c) {
        return c->currentText() == "All channels, one above another";
    });
    EXPECT_TRUE(listed);
    const QRect top = s.pane(0)->rect(), bottom = s.pane(1)->rect();
    EXPECT_GT(bottom.top(), top.bottom());         // one above the other
    EXPECT_NEAR(bottom.height(), top.height(), 3); // as tall
    EXPECT_EQ(bottom.left(), top.left());          // the time axes line up
    EXPECT_EQ(bottom.width(), top.width());
    EXPECT_GT(top.height(), 150);
    // The left tone shows in the top pane only, the right tone in the bottom one.
    const double left1k = levelAt(w, 0, 1.5, 1000), right1k = levelAt(w, 1, 1.5, 1000);
    const double left3k = levelAt(w, 0, 1.5, 3000), right3k = levelAt(w, 1, 1.5, 3000);
    EXPECT_GT(left1k - right1k, 40) << left1k << " " << right1k;
    EXPECT_GT(right3k - left3k, 40) << right3k << " " << left3k;
    // What the user sees: each tone drawn bright in its own pane, dark in the other.
    const QImage shown = w.view()->plot()->grab().toImage();
    auto brightness = [&](int pane, double f) {
        const QPointF p = pixelOf(w.view()->plot(), {1.5, f}, s.pane(pane));
        return qGray(shown.pixel(p.toPoint() * shown.devicePixelRatio()));
    };
    EXPECT_GT(brightness(0, 1000), 150);
    EXPECT_GT(brightness(1, 3000), 150);
    EXPECT_LT(brightness(1, 1000), 60);
    // Each frequency axis names its channel.
    EXPECT_EQ(s.pane(0)->axis(QCPAxis::atLeft)->label(), "Channel 1");
    EXPECT_EQ(s.pane(1)->axis(QCPAxis::atLeft)->label(), "Channel 2");
}

TEST(StackedChannels, PanesZoomAndPanTogetherAndTimeIsLabelledOnce) {
    StereoWindow s;
    ASSERT_TRUE(s.open());
    auto& w = s.w;
    w.view()->zoomFrequency(0.5, 1000);
    w.view()->zoomTime(0.25, 1.5);
    auto* x0 = s.pane(0)->axis(QCPAxis::atBottom);
    auto* x1 = s.pane(1)->axis(QCPAxis::atBottom);
    EXPECT_EQ(s.pane(1)->axis(QCPAxis::atLeft)->range(), s.pane(0)->axis(QCPAxis::atLeft)->range());
    EXPECT_EQ(x1->range(), x0->range());
    // Dragging the lower pane (Pan tool) moves both.
    const QCPRange before = x0->range();
    auto* plot = w.view()->plot();
    const QPointF from = pixelOf(plot, {1.5, 2000}, s.pane(1));
    send(plot, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    send(plot, QEvent::MouseMove, from + QPointF(-100, 0), Qt::NoButton, Qt::LeftButton);
    send(plot, QEvent::MouseButtonRelease, from + QPointF(-100, 0), Qt::LeftButton, Qt::NoButton);
    EXPECT_GT(x0->range().lower, before.lower + 0.01);
    EXPECT_EQ(x1->range(), x0->range());
    // Time labels once: under the trace lane when it shows, else under the lowest pane.
    EXPECT_FALSE(x0->tickLabels());
    EXPECT_FALSE(x1->tickLabels());
    w.view()->traceLane()->setVisible(false);
    EXPECT_FALSE(x0->tickLabels());
    EXPECT_TRUE(x1->tickLabels());
    EXPECT_EQ(x1->label(), "Time");
    // The lane comes back under the panes.
    w.view()->traceLane()->setVisible(true);
    EXPECT_GT(w.view()->traceLane()->rect()->top(), s.pane(1)->rect().bottom());
}

TEST(StackedChannels, ShapesDrawnOverAPaneApplyToItsChannelOnly) {
    StereoWindow s;
    ASSERT_TRUE(s.open());
    auto& w = s.w;
    auto* plot = w.view()->plot();
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    drag(plot, {{1.2, 2500}, {1.8, 3500}}, s.pane(1));
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    const auto shape = w.document()->shapes()[0];
    EXPECT_EQ(shape.channel, 1);
    EXPECT_NEAR(shape.f0, 2500, 20);
    EXPECT_NEAR(shape.t1, 1.8, 0.01);
    // Drawn and hit in the lower pane only.
    EXPECT_EQ(w.view()->shapeAt(pixelOf(plot, {1.5, 3000}, s.pane(1))), shape.id);
    EXPECT_EQ(w.view()->shapeAt(pixelOf(plot, {1.5, 3000}, s.pane(0))), 0u);
    // The eraser over the top pane cuts a shape of every channel there only.
    w.document()->removeShape(shape.id);
    w.document()->addShape(rectShape(1.2, 1.8, 500, 1500));
    w.paintToolBar()->selectTool(ui::ToolKind::Eraser);
    drag(plot, {{1.5, 400}, {1.5, 1600}}, s.pane(0));
    int whole = 0, pieces = 0;
    for (const auto& c : w.document()->shapes()) {
        EXPECT_GE(c.channel, 0);
        if (c.channel == 1 && c.type == core::ShapeType::Rect)
            ++whole;
        if (c.channel == 0)
            ++pieces;
    }
    EXPECT_EQ(whole, 1);
    EXPECT_EQ(pieces, 2); // the left and right of the stroke
    // The wand over the lower pane outlines the right channel's tone.
    w.paintToolBar()->selectTool(ui::ToolKind::Wand);
    const std::size_t before = w.document()->shapes().size();
    drag(plot, {{1.5, 3000}}, s.pane(1));
    ASSERT_TRUE(waitForTask(w));
    ASSERT_EQ(w.document()->shapes().size(), before + 1);
    const auto wand = w.document()->shapes().back();
    EXPECT_EQ(wand.channel, 1);
    EXPECT_EQ(wand.coverage(1.5, 3000), 1.0);
}

TEST(StackedChannels, OneChannelOrTheMixShowsOnePane) {
    StereoWindow s;
    ASSERT_TRUE(s.open());
    auto& w = s.w;
    w.document()->setChannel(1);
    ASSERT_TRUE(waitForTiles(w));
    ASSERT_EQ(w.view()->paneCount(), 1);
    EXPECT_EQ(s.pane(0)->axis(QCPAxis::atLeft)->label(), "Frequency");
    EXPECT_GT(levelAt(w, 0, 1.5, 3000) - levelAt(w, 0, 1.5, 1000), 40);
    w.document()->setChannel(-1);
    ASSERT_TRUE(waitForTiles(w));
    EXPECT_EQ(w.view()->paneCount(), 1);
    w.document()->setChannel(ui::Document::kStackedChannels);
    ASSERT_TRUE(waitForTiles(w));
    EXPECT_EQ(w.view()->paneCount(), 2);
}

// The levels fit every pane: a right channel 20 dB louder than the left raises the ceiling
// above what the left channel alone gets.
TEST(StackedChannels, AutoLevelsFitTheLoudestPane) {
    StereoWindow s;
    ASSERT_TRUE(s.open(10.0));
    auto& w = s.w;
    ASSERT_TRUE(w.view()->autoLevels());
    const float stacked = w.view()->colorParams().maxDb;
    w.document()->setChannel(0);
    ASSERT_TRUE(waitForTiles(w));
    ASSERT_TRUE(w.view()->autoLevels());
    const float left = w.view()->colorParams().maxDb;
    EXPECT_GT(stacked - left, 15) << stacked << " " << left;
}

// With the mouse resting over the lower pane, a new picture or a zoom by key updates the
// readout in that pane's coordinates. It used the pane the mouse last moved over: right after
// opening a stereo file, a pointer over the lower pane read "f -19.94 kHz".
TEST(StackedChannels, TheReadoutUnderAStillMouseFollowsItsOwnPane) {
    StereoWindow s;
    ASSERT_TRUE(s.open());
    auto& w = s.w;
    auto* plot = w.view()->plot();
    levelAt(w, 0, 1.5, 1000); // the last move was over the top pane
    const QPointF still = pixelOf(plot, {1.5, 3000}, s.pane(1));
    QCursor::setPos(plot->mapToGlobal(still.toPoint()));
    if (plot->mapFromGlobal(QCursor::pos()) != still.toPoint())
        GTEST_SKIP() << "this platform does not place the pointer";
    plot->setAttribute(Qt::WA_UnderMouse); // as the window system says when the mouse rests there
    QSignalSpy spy(w.view(), &ui::SpectrogramView::cursorMoved);
    w.view()->zoomTime(0.5, 1.5);
    ASSERT_TRUE(waitForTiles(w));
    ASSERT_FALSE(spy.isEmpty());
    for (const auto& readout : spy) { // each time, not only at last
        EXPECT_NEAR(readout.at(0).toDouble(), 1.5, 0.01);
        EXPECT_NEAR(readout.at(1).toDouble(), 3000, 40);
    }
    EXPECT_GT(spy.last().at(2).toDouble(), -40); // the right channel's tone
}
