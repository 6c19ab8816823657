// The trace lane under the spectrogram: the waveform for audio, magnitude and the selection's
// instantaneous frequency for IQ, following the view; hidden and shown again by View > Trace
// lane (Ctrl+T).

#include "view/TraceLane.h"

#include "Document.h"
#include "UiFixture.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace specedit::test;

namespace {

// Waits until the lane shows a trace for the plot's current time range and lane width.
bool waitForTrace(ui::MainWindow& w, int timeoutMs = 20000) {
    QElapsedTimer timer;
    timer.start();
    auto* lane = w.view()->traceLane();
    auto* plot = w.view()->plot();
    while (timer.elapsed() < timeoutMs) {
        QTest::qWait(30);
        const auto& t = lane->shown();
        if (t && !lane->isBusy() && t->request.t0 == plot->xAxis->range().lower &&
            t->request.t1 == plot->xAxis->range().upper &&
            t->request.columns == lane->rect()->width())
            return true;
    }
    return false;
}

} // namespace

TEST(TraceLane, IqShowsMagnitudeAndTheSelectedBandsFskSymbols) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(true));
    auto& w = demoWindow.window;
    auto* lane = w.view()->traceLane();
    auto* plot = w.view()->plot();
    ASSERT_TRUE(waitForTrace(w));
    EXPECT_EQ(lane->shown()->request.columns, lane->rect()->width());
    EXPECT_TRUE(lane->shown()->frequency.empty()); // no selection: no band
    // The first FSK packet (0.60 to 0.66 s, 433.46 to 433.58 MHz), selected, zoomed to.
    const double fc = 433.92e6;
    const auto id = w.document()->addShape(rectShape(0.58, 0.68, fc - 460e3, fc - 340e3));
    w.view()->setSelectedShape(id);
    plot->xAxis->setRange(0.55, 0.75);
    plot->replot();
    ASSERT_TRUE(waitForTrace(w));
    const auto& t = *lane->shown();
    ASSERT_EQ(t.frequency.size(), std::size_t(t.request.columns));
    std::vector<float> inBurst;
    for (int c = 0; c < t.request.columns; ++c) {
        const double time =
            t.request.t0 + (c + 0.5) * (t.request.t1 - t.request.t0) / t.request.columns;
        const float f = t.frequency[std::size_t(c)];
        if (time > 0.605 && time < 0.655) {
            ASSERT_FALSE(std::isnan(f)) << time;
            EXPECT_GE(f, fc - 460e3);
            EXPECT_LE(f, fc - 340e3);
            inBurst.push_back(f);
            EXPECT_GT(t.high[std::size_t(c)], t.low[std::size_t(c)] - 1e-3); // peak >= mean
        } else if (time > 0.68) {
            EXPECT_TRUE(std::isnan(f)) << time; // nothing in the band after the packet
        }
    }
    ASSERT_GT(inBurst.size(), 20u);
    std::sort(inBurst.begin(), inBurst.end());
    // Two tones: the columns spread over tens of kHz, not one carrier.
    EXPECT_GT(inBurst[inBurst.size() * 9 / 10] - inBurst[inBurst.size() / 10], 30e3);
    // Ctrl+T hides the lane, and the spectrogram's own time axis is labelled again.
    QAction* toggle = action(w, "&Trace lane");
    ASSERT_NE(toggle, nullptr);
    EXPECT_EQ(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    toggle->trigger();
    EXPECT_FALSE(lane->isVisible());
    EXPECT_FALSE(plot->plotLayout()->hasElement(1, 0));
    EXPECT_TRUE(plot->xAxis->tickLabels());
    toggle->trigger();
    EXPECT_TRUE(plot->plotLayout()->hasElement(1, 0));
    EXPECT_FALSE(plot->xAxis->tickLabels());
}

TEST(TraceLane, AudioShowsTheWaveformEnvelope) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(privateAudioDemo(dir))));
    ASSERT_TRUE(waitForTrace(w));
    const auto& t = *w.view()->traceLane()->shown();
    EXPECT_TRUE(t.frequency.empty());
    float peak = 0;
    for (std::size_t c = 0; c < t.low.size(); ++c) {
        if (std::isnan(t.low[c]))
            continue;
        EXPECT_LE(t.low[c], t.high[c]);
        EXPECT_GE(t.low[c], -1.0f);
        EXPECT_LE(t.high[c], 1.0f);
        peak = std::max(peak, t.high[c]);
    }
    EXPECT_GT(peak, 0.05f); // the demo's speech-like signal is there
}
