#include "ShapeNotes.h"

#include "HertzSpinBox.h"
#include "mask/WandLeakage.h"
#include "view/AxisTickers.h"

#include <QObject>
#include <QStringList>
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
                       "around its line alone (47 to 53 Hz, say, at 8192 samples)")
        .arg(m)
        .arg(m + 1)
        .arg(hz(b.f0), hz(b.f1), hz(std::min(from, to)), hz(std::max(from, to)));
}

namespace {

// How many bins either side of its centre a tone fills: where the window's spectrum first lies
// 12 dB under its peak (Hann: 2, its main lobe).
int toneSpreadBins(const core::StftParams& p) {
    constexpr float kBelowDb = -12.0f;
    // 16 offsets: past every window's main lobe here (flat-top's is +-5), and each costs 21
    // transforms of the window on the GUI thread.
    const auto leak = core::leakageProfile(p.window, p.nperseg, p.nfft, 16);
    for (std::size_t d = 1; d < leak.size(); ++d)
        if (leak[d] < kBelowDb)
            return int(d);
    return int(leak.size());
}

// The shortest power-of-two window whose tone spread fits `width` Hz, or 0 past 2^20 samples.
int lengthFor(double width, int spreadBins, double fs, double binsPerSample) {
    const double needed = 2.0 * spreadBins * fs / width / binsPerSample;
    for (int n = 64; n <= (1 << 20); n *= 2)
        if (n >= needed)
            return n;
    return 0;
}

} // namespace

QString narrowBandNote(const core::Shape& s, const core::StftParams& p,
                       const core::SignalInfo& info) {
    if (s.noiseProfile) // changes nothing itself
        return {};
    const core::TfBox b = s.bounds();
    const double width = b.f1 - b.f0, df = info.sampleRate / p.nfft;
    if (width >= 2 * df || df <= 0) // three bins or more: a tone's peak and both sides of it
        return {};
    const int spread = toneSpreadBins(p);
    const double base = harmonicsReference(info);
    const bool holdsBin = std::floor((b.f1 - base) / df) >= std::ceil((b.f0 - base) / df);
    const QString band = QObject::tr("The band %1 to %2").arg(formatHertz(b.f0), formatHertz(b.f1));
    QString text =
        holdsBin ? QObject::tr("%1 is narrower than a tone spreads at this analysis (±%2 with %3, "
                               "%4 samples): a tone in it keeps much of its energy.")
                       .arg(band, formatHertz(spread * df),
                            QString::fromStdString(core::toString(p.window)))
                       .arg(p.nperseg)
                 : QObject::tr("%1 holds no frequency bin of this analysis (one every %2): it "
                               "changes nothing.")
                       .arg(band, formatHertz(df));
    text += QObject::tr(" Draw it at least %1 wide").arg(formatHertz(2 * spread * df));
    if (const int n = lengthFor(width, spread, info.sampleRate, double(p.nfft) / p.nperseg))
        text += QObject::tr(", or set Length to %1 samples or more").arg(n);
    return text + ".";
}

QString denoiseNote(const core::Shape& s, const std::vector<core::Shape>& shapes) {
    if (s.effect != core::ShapeEffect::Denoise || s.noiseProfile)
        return {};
    for (const auto& other : shapes)
        if (other.noiseProfile &&
            (other.channel < 0 || s.channel < 0 || other.channel == s.channel))
            return {};
    return QObject::tr("Denoise without a noise profile keeps steady tones (a hum, a whistle) "
                       "as sound: mark noise alone with a \"noise profile\" shape, or cut a "
                       "tone with a gain shape.");
}

QString emptyBoxRefusal(BoxEdge edge, const QString& typed, const QString& other) {
    switch (edge) {
    case BoxEdge::Start:
        return QObject::tr("Start %1 is not before End %2: not applied (move End first)")
            .arg(typed, other);
    case BoxEdge::End:
        return QObject::tr("End %1 is not after Start %2: not applied (move Start first)")
            .arg(typed, other);
    case BoxEdge::Low:
        return QObject::tr("Low %1 is not below High %2: not applied (move High first)")
            .arg(typed, other);
    default:
        return QObject::tr("High %1 is not above Low %2: not applied (move Low first)")
            .arg(typed, other);
    }
}

QString outsideNote(BoxEdge edge, const core::TfBox& box, const core::SignalInfo& info,
                    const QString& typed) {
    const double end = info.duration();
    const double centre = info.isComplex() ? info.centerFrequency.value_or(0.0) : 0.0;
    const double lo = info.isComplex() ? centre - info.sampleRate / 2 : 0.0;
    const double hi = info.isComplex() ? centre + info.sampleRate / 2 : info.sampleRate / 2;
    const auto past = [&typed](const QString& what, const QString& where) {
        return QObject::tr("%1 %2 lies %3: applied, the shape reaches past the recording")
            .arg(what, typed, where);
    };
    const QString span = QObject::tr("outside 0 s to %1 s").arg(end);
    const QString band = QObject::tr("outside %1 to %2").arg(formatHertz(lo), formatHertz(hi));
    switch (edge) {
    case BoxEdge::Start:
        return box.t0 < 0 || box.t0 > end ? past(QObject::tr("Start"), span) : QString();
    case BoxEdge::End:
        return box.t1 < 0 || box.t1 > end ? past(QObject::tr("End"), span) : QString();
    case BoxEdge::Low:
        return box.f0 < lo || box.f0 > hi ? past(QObject::tr("Low"), band) : QString();
    default:
        return box.f1 < lo || box.f1 > hi ? past(QObject::tr("High"), band) : QString();
    }
}

QString editNote(const core::Shape& s, const std::vector<core::Shape>& shapes,
                 const core::StftParams& p, const core::SignalInfo& info, bool bandChanged,
                 bool effectChanged) {
    QStringList notes;
    if (bandChanged)
        notes << narrowBandNote(s, p, info) << harmonicsOverlapNote(s, info);
    if (effectChanged)
        notes << denoiseNote(s, shapes);
    notes.removeAll(QString());
    return notes.join(' ');
}

} // namespace specedit::ui
