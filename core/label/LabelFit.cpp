#include "label/LabelFit.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

// "433.92 MHz", "-300 kHz", "12 Hz", "1.5 s".
std::string value(double v, const std::string& unit) {
    if (unit != "Hz")
        return shortNumber(v) + " " + unit;
    const double a = std::abs(v);
    return a >= 1e9   ? shortNumber(v / 1e9) + " GHz"
           : a >= 1e6 ? shortNumber(v / 1e6) + " MHz"
           : a >= 1e3 ? shortNumber(v / 1e3) + " kHz"
                      : shortNumber(v) + " Hz";
}

std::string span(double a, double b, const char* unit) {
    return value(a, unit) + " to " + value(b, unit);
}

// Cuts [a, b] to [lo, hi]; says so in `cuts` under `what`.
void cut(double& a, double& b, double lo, double hi, const char* unit, const char* what,
         std::string& cuts) {
    if (a >= lo && b <= hi)
        return;
    const std::string before = span(a, b, unit);
    a = std::max(a, lo);
    b = std::min(b, hi);
    cuts += (cuts.empty() ? "" : "; ") + before + " reaches past the recording's " + what + " (" +
            span(lo, hi, unit) + "): cut to " + span(a, b, unit);
}

} // namespace

std::pair<double, double> bandOf(const SignalInfo& info) {
    const double centre = info.isComplex() ? info.centerFrequency.value_or(0.0) : 0.0;
    return {info.isComplex() ? centre - info.sampleRate / 2 : 0.0, centre + info.sampleRate / 2};
}

std::string fitToRecording(Label& label, const SignalInfo& info) {
    const std::string name = "label " + std::to_string(label.id);
    if (!(label.t1 > label.t0) || !(label.f1 > label.f0))
        throw Error(name,
                    "the box " + span(label.t0, label.t1, "s") + ", " +
                        span(label.f0, label.f1, "Hz") + " has no duration or no band",
                    "an end after the start and a high edge above the low one");
    const auto [lo, hi] = bandOf(info);
    if (label.t1 <= 0 || label.t0 >= info.duration())
        throw Error(name,
                    "the box " + span(label.t0, label.t1, "s") + " lies outside the recording",
                    "a time within " + span(0, info.duration(), "s"));
    if (label.f1 <= lo || label.f0 >= hi)
        throw Error(name,
                    "the band " + span(label.f0, label.f1, "Hz") + " lies outside the recording's",
                    "frequencies within " + span(lo, hi, "Hz"));
    std::string cuts;
    cut(label.t0, label.t1, 0.0, info.duration(), "s", "span", cuts);
    cut(label.f0, label.f1, lo, hi, "Hz", "band", cuts);
    return cuts.empty() ? cuts : name + ": " + cuts;
}

void checkLabelsMeetRecording(const std::vector<Label>& labels, const SignalInfo& info,
                              const std::string& labelsName) {
    if (labels.empty())
        return;
    const auto [lo, hi] = bandOf(info);
    double t0 = labels[0].t0, t1 = labels[0].t1, f0 = labels[0].f0, f1 = labels[0].f1;
    bool inTime = false, inBand = false;
    for (const Label& l : labels) {
        t0 = std::min(t0, l.t0), t1 = std::max(t1, l.t1);
        f0 = std::min(f0, l.f0), f1 = std::max(f1, l.f1);
        inTime = inTime || (l.t1 > 0 && l.t0 < info.duration());
        inBand = inBand || (l.f1 > lo && l.f0 < hi);
    }
    const std::string none = "none of the " + std::to_string(labels.size()) + " labels (";
    if (!inTime)
        throw Error(labelsName,
                    none + span(t0, t1, "s") + ") lies within the recording (" +
                        span(0, info.duration(), "s") + ")",
                    "the labels of this recording");
    if (inBand)
        return;
    const bool absolute = info.isComplex() && !info.centerFrequency && f0 >= info.sampleRate;
    const bool offsets = info.isComplex() && info.centerFrequency &&
                         std::max(std::abs(f0), std::abs(f1)) <= info.sampleRate / 2;
    const std::string why =
        absolute ? ": they read as radio frequencies, and the recording has no centre frequency"
        : offsets
            ? ": they read as offsets from the centre, " + value(hi - info.sampleRate / 2, "Hz")
            : "";
    throw Error(labelsName,
                none + span(f0, f1, "Hz") + ") lies in the recording's band (" +
                    span(lo, hi, "Hz") + ")" + why,
                absolute ? "--center HZ, the frequency the recording was tuned to, e.g. --center "
                           "433.92M"
                         : "frequencies within " + span(lo, hi, "Hz"));
}

} // namespace specedit::core
