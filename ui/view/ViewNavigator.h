#pragma once
// The picture's visible time and frequency ranges: zoom, pan, fit, and the limits that keep
// them on the recording (never past its ends; at least 8 frames and 8 bins wide, or 0.02 of a
// decade on a log axis). The frequency axis is in its scale's coordinates (hertz on a linear
// or log axis, mel on a mel axis); the arguments named in hertz are converted. The caller
// replots only where noted. GUI thread only.

#include "view/FrequencyScale.h"

class QCustomPlot;
class QCPRange;

namespace specedit::ui {

class SpectrogramPlottable;
class TileScheduler;

class ViewNavigator {
public:
    // `picture` gives the recording's extent, `scheduler` its analysis (frame and bin sizes).
    ViewNavigator(QCustomPlot* plot, const SpectrogramPlottable* picture,
                  const TileScheduler* scheduler);

    FrequencyScale scale() const { return m_scale; }
    // The same frequencies stay in view (a log axis starts at bin 0's upper edge at least).
    void setScale(FrequencyScale scale);
    // Brings the ranges back within the recording's limits.
    void clamp();
    // The whole recording; replots (at once: a new recording is drawn from scratch).
    void fit();
    // Zoom by `factor` (below 1: in) around `centre` (seconds; axis coordinate), or pan by a
    // fraction of the visible time; each queues a replot.
    void zoomTime(double factor, double centre);
    void zoomFrequency(double factor, double centre);
    void panTime(double fractionOfView);
    // Centres the time range on `seconds` at the same zoom; queues a replot.
    void centreTime(double seconds);
    // A time-frequency box (seconds, hertz) plus a margin of 10 %; queues a replot.
    void zoomToBox(double t0, double t1, double f0, double f1);
    // Brings a box into view: centred at the same zoom when it fits, else zoomed to it.
    void showSpan(double t0, double t1, double f0, double f1);
    // Sets both ranges (seconds, hertz) within the limits; no replot.
    void setRanges(double t0, double t1, double f0, double f1);
    // The navigation keys: +/- zoom time, Left/Right pan, Up/Down zoom frequency, Home/F fit.
    // False for any other key.
    bool handleKey(int key);
    // How many times the visible frequency range goes into the recording's band, in the axis's
    // coordinates (1 when fitted).
    double frequencyZoom() const;

private:
    QCPRange fullFrequencyRange() const;
    double lowestLogFrequency() const;
    void queueReplot();

    QCustomPlot* m_plot;
    const SpectrogramPlottable* m_picture;
    const TileScheduler* m_scheduler;
    FrequencyScale m_scale = FrequencyScale::Linear;
};

} // namespace specedit::ui
