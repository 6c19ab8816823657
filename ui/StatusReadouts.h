#pragma once
// The status bar's readouts of the spectrogram view. They are as precise as a pixel of the
// current zoom: µs when the view is a millisecond wide, "2.332 s" rather than "2.332000 s".

#include <QString>

class QCustomPlot;
class QLabel;
class QStatusBar;

namespace specedit::ui {

struct PlotScale;

// "t 1.234 s   f 433.92 MHz   level -42.1 dB" at the cursor; empty when t is NaN (off the
// picture, or another recording's). A level at the tiles' floor reads "≤ -200 dB (silent)".
QString cursorReadout(const QCustomPlot& plot, double t, double f, double db);
// "Δt 2.332 s   Δf 1.2 kHz   1/Δt 428.8 Hz" for a measurement (no 1/Δt when Δt is 0).
QString measureReadout(double dt, double df, const PlotScale& scale);

class PaintToolBar;
class SpectrogramView;

// Adds the cursor's readout to the status bar (returned, named "cursorReadout") and shows the
// view's measurements as messages (cleared when another tool is chosen); a message the
// readouts cut is whole in the status bar's tooltip.
QLabel* addReadouts(QStatusBar* bar, SpectrogramView* view, PaintToolBar* paint);

} // namespace specedit::ui
