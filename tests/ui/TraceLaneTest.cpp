// The trace lane under the spectrogram: the waveform for audio, magnitude and the selection's
// instantaneous frequency for IQ, following the view; hidden and shown again by View > Trace
// lane (Ctrl+T).

#include "view/TraceLane.h"

#include "../core/IqFixture.h"
#include "Document.h"
#include "UiFixture.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numbers>

using namespace specedit::test;

namespace {

// Waits until the lane shows a trace for the plot's current time range and lane width.
// edited: also until the trace drawn is (or is not) of the edited result.
bool waitForTrace(ui::MainWindow& w, int timeoutMs = 20000,
                  std::optional<bool> edited = std::nullopt) {
    QElapsedTimer timer;
    timer.start();
    auto* lane = w.view()->traceLane();
    auto* plot = w.view()->plot();
    while (timer.elapsed() < timeoutMs) {
        QTest::qWait(30);
        const auto& t = lane->shown();
        if (t && !lane->isBusy() && t->request.t0 == plot->xAxis->range().lower &&
            t->request.t1 == plot->xAxis->range().upper &&
            t->request.columns == lane->rect()->width() &&
            (!edited || lane->showsEdited() == *edited))
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
    EXPECT_FALSE(lane->bandScale()->visible());
    // The first FSK packet (0.60 to 0.66 s, 433.46 to 433.58 MHz), selected, zoomed to.
    const double fc = 433.92e6;
    const auto id = w.document()->addShape(rectShape(0.58, 0.68, fc - 460e3, fc - 340e3));
    const int width = plot->axisRect()->width();
    w.view()->setSelectedShape(id);
    plot->xAxis->setRange(0.55, 0.75);
    plot->replot();
    ASSERT_TRUE(waitForTrace(w));
    // The band's frequency scale appears beside the lane, under the colour scale, not over
    // the trace: the picture and the lane keep their width.
    EXPECT_TRUE(lane->bandScale()->visible());
    EXPECT_EQ(lane->bandScale()->range(), QCPRange(fc - 472e3, fc - 328e3)); // 10 % beyond
    EXPECT_GE(lane->bandScale()->axisRect()->left(), lane->rect()->right());
    EXPECT_EQ(lane->bandScale()->axisRect()->top(), lane->rect()->top());
    EXPECT_EQ(lane->bandScale()->axisRect()->bottom(), lane->rect()->bottom());
    EXPECT_EQ(plot->axisRect()->width(), width);
    EXPECT_EQ(lane->rect()->width(), width);
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

namespace {

// The largest |low| or |high| of the columns whose centre lies in [t0, t1].
float peakBetween(const core::Trace& t, double t0, double t1) {
    float peak = -std::numeric_limits<float>::infinity();
    const double w = (t.request.t1 - t.request.t0) / t.request.columns;
    for (int c = 0; c < t.request.columns; ++c) {
        const double time = t.request.t0 + (c + 0.5) * w;
        if (time >= t0 && time <= t1)
            for (float v : {t.low[std::size_t(c)], t.high[std::size_t(c)]})
                peak = std::max(peak, std::abs(v));
    }
    return peak;
}

} // namespace

// Show edited result (M): the waveform is the edited signal, as exported; off, the recording.
TEST(TraceLane, ShowEditedDrawsTheEditedWaveform) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(privateAudioDemo(dir))));
    ASSERT_TRUE(waitForTrace(w));
    auto* lane = w.view()->traceLane();
    const core::Trace original = *lane->shown();
    ASSERT_GT(peakBetween(original, 1.2, 1.8), 0.05f); // the demo's voice is there
    const QCPRange scale = lane->rect()->axis(QCPAxis::atLeft)->range();
    w.document()->addShape(rectShape(1.0, 2.0, 0, 24000)); // everything silenced
    action(w, "Show &edited result")->trigger();
    ASSERT_TRUE(waitForTrace(w, 20000, true));
    const core::Trace& edited = *lane->shown();
    EXPECT_LT(peakBetween(edited, 1.1, 1.9), 1e-3f);
    // Away from the shape (and its window's reach) the waveform is the recording's.
    EXPECT_NEAR(peakBetween(edited, 0.1, 0.9), peakBetween(original, 0.1, 0.9), 1e-4);
    EXPECT_TRUE(lane->note().isEmpty());
    // Compared at one scale: the quieter edited waveform does not rescale the lane.
    EXPECT_EQ(lane->rect()->axis(QCPAxis::atLeft)->range(), scale);
    action(w, "Show &edited result")->trigger();
    ASSERT_TRUE(waitForTrace(w, 20000, false));
    EXPECT_NEAR(peakBetween(*lane->shown(), 1.2, 1.8), peakBetween(original, 1.2, 1.8), 1e-6);
}

// Too long a view to render for each change (2.5 s at 2 MS/s) shows the recording and says
// how far to zoom in; zoomed in, the edited result.
TEST(TraceLane, ShowEditedOnALongViewSaysToZoomIn) {
    TempDir dir;
    const double rate = 2e6, fc = 100e6;
    test::iqRecording(dir.file("long.wav"), std::int64_t(2.5 * rate), rate, fc,
                      [&](std::int64_t i) {
                          return std::polar(0.5, 2 * std::numbers::pi * 100e3 * double(i) / rate);
                      });
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, QString::fromStdString(dir.file("long.wav"))));
    ASSERT_TRUE(w.document()->info().isComplex());
    w.document()->addShape(rectShape(1.0, 1.5, fc, fc + 300e3));
    action(w, "Show &edited result")->trigger();
    auto* lane = w.view()->traceLane();
    ASSERT_TRUE(waitForTrace(w, 20000, false));
    EXPECT_EQ(lane->note(), "Original signal: zoom in to 2 s or less to see the edited result");
    // Under the lane, beside the time axis's label, not over the trace.
    EXPECT_EQ(lane->rect()->axis(QCPAxis::atBottom)->label(),
              "Time    (Original signal: zoom in to 2 s or less to see the edited result)");
    EXPECT_GT(lane->shown()->high[std::size_t(lane->shown()->request.columns / 2)], -10.0f);
    w.view()->plot()->xAxis->setRange(0.8, 1.7);
    w.view()->plot()->replot();
    ASSERT_TRUE(waitForTrace(w, 20000, true));
    EXPECT_TRUE(lane->note().isEmpty());
    EXPECT_EQ(lane->rect()->axis(QCPAxis::atBottom)->label(), "Time");
    const core::Trace& t = *lane->shown();
    const double width = (t.request.t1 - t.request.t0) / t.request.columns;
    for (int c = 0; c < t.request.columns; ++c) {
        const double time = t.request.t0 + (c + 0.5) * width;
        if (time > 1.1 && time < 1.4) {
            EXPECT_LT(t.high[std::size_t(c)], -60.0f) << time; // the tone is gone
        } else if (time < 0.95 || time > 1.55) {
            EXPECT_NEAR(t.high[std::size_t(c)], -6.0f, 0.5f) << time; // 0.5 full scale
        }
    }
}
