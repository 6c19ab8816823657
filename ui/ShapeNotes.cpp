#include "ShapeNotes.h"

#include "view/AxisTickers.h"

#include <QObject>
#include <algorithm>
#include <cmath>

namespace specedit::ui {

double harmonicsReference(const core::SignalInfo& info) {
    return info.isComplex() ? info.centerFrequency.value_or(0.0) : 0.0;
}

QString harmonicsOverlapNote(const core::Shape& s, const core::SignalInfo& info) {
    if (s.harmonics < 2)
        return {};
    const double ref = harmonicsReference(info);
    const int m = s.firstOverlappingHarmonic(ref);
    if (m == 0)
        return {};
    const core::TfBox b = s.bounds();
    const bool lowNearer = std::abs(b.f0 - ref) < std::abs(b.f1 - ref);
    const double nearer = (lowNearer ? b.f0 : b.f1) - ref,
                 farther = (lowNearer ? b.f1 : b.f0) - ref;
    const double from = ref + m * nearer, to = ref + s.harmonics * farther;
    auto hz = [](double f) { return formatFrequency(f, exactStep(std::round(f * 10) / 10)); };
    return QObject::tr("Harmonics %1 and %2 of the band %3 to %4 overlap, as do all above: %5 "
                       "to %6 is covered without a gap. For a hum's notches, draw the band "
                       "around its line alone (49 to 51 Hz, say)")
        .arg(m)
        .arg(m + 1)
        .arg(hz(b.f0), hz(b.f1), hz(std::min(from, to)), hz(std::max(from, to)));
}

} // namespace specedit::ui
