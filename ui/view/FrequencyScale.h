#pragma once
// How the frequency axis is spread: linear; logarithmic (QCustomPlot maps a log axis itself,
// so its coordinates stay in Hz); or mel, where the axis's coordinate is the mel value
// m = 2595 log10(1 + f / 700) (O'Shaughnessy 1987, the HTK formula) and every frequency is
// converted on its way to and from the axis. Shapes, readouts and the project stay in Hz.

#include <QString>
#include <cmath>
#include <optional>

namespace specedit::ui {

enum class FrequencyScale { Linear, Log, Mel };

inline double melOf(double hz) {
    return 2595.0 * std::log10(1.0 + hz / 700.0);
}
inline double hzOfMel(double mel) {
    return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
}
// The axis coordinate of a frequency, and the frequency of an axis coordinate.
inline double toAxis(FrequencyScale s, double hz) {
    return s == FrequencyScale::Mel ? melOf(hz) : hz;
}
inline double fromAxis(FrequencyScale s, double v) {
    return s == FrequencyScale::Mel ? hzOfMel(v) : v;
}

// "linear", "log", "mel" (as in the project's view), and back (nullopt for anything else).
QString toString(FrequencyScale s);
std::optional<FrequencyScale> frequencyScaleFromString(const QString& name);

} // namespace specedit::ui
