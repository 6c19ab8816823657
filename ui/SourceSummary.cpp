#include "SourceSummary.h"

#include "view/AxisTickers.h"

#include <QObject>
#include <QStringList>

namespace specedit::ui {
namespace {

// " (from the file name)" for values the file's own header or metadata did not give.
QString originNote(const std::string& origin) {
    if (origin.empty() || origin == "header" || origin == "SigMF" || origin == "auxi")
        return {};
    if (origin == "user")
        return {}; // said once, at the end (userSetNote)
    return QObject::tr(" (from the %1)").arg(QString::fromStdString(origin));
}

// "; rate and centre as you set them": once, not after each value.
QString userSetNote(const core::SignalInfo& info) {
    QStringList set;
    if (info.origins.kind == "user")
        set << QObject::tr("kind");
    if (info.origins.sampleRate == "user")
        set << QObject::tr("rate");
    if (info.centerFrequency && info.origins.centerFrequency == "user")
        set << QObject::tr("centre");
    if (set.isEmpty())
        return {};
    if (set.size() == 1)
        return QObject::tr("; %1 as you set it").arg(set.front());
    const QString last = set.takeLast();
    return QObject::tr("; %1 and %2 as you set them").arg(set.join(", "), last);
}

} // namespace

QString sourceSummary(const QString& fileName, const core::SignalInfo& info) {
    QString kind = info.isComplex() ? QObject::tr("IQ") : QObject::tr("audio");
    if (info.origins.kind == "rate above 384 kHz")
        kind = QObject::tr("IQ (a stereo file above 384 kHz is read as I/Q; Settings > Channel "
                           "reads it as audio)");
    else
        kind += originNote(info.origins.kind);
    // An IQ recording is one complex signal: its two stored channels are I and Q, not two
    // signals, so no channel count is shown for it.
    const QString channels =
        info.isComplex() ? QString() : QObject::tr(", %1 ch").arg(info.channels);
    // Short captures in ms ("155.9 ms", not "0.16 s").
    const double seconds = info.duration();
    const QString duration = seconds < 1 ? QObject::tr("%1 ms").arg(seconds * 1e3, 0, 'f', 1)
                                         : QObject::tr("%1 s").arg(seconds, 0, 'f', 2);
    // A radio's rate in samples per second ("2 MS/s"), an audio file's as sound tools write it
    // ("22.05 kHz").
    QString rate = formatFrequency(info.sampleRate, exactStep(info.sampleRate));
    if (info.isComplex())
        rate.replace("Hz", "S/s");
    QString text =
        QObject::tr("%1 — %2, %3%4%5, %6")
            .arg(fileName, kind, rate, originNote(info.origins.sampleRate), channels, duration);
    if (info.centerFrequency)
        text += QObject::tr(", centre %1%2")
                    .arg(formatFrequency(*info.centerFrequency, exactStep(*info.centerFrequency)),
                         originNote(info.origins.centerFrequency));
    text += userSetNote(info);
    // Short, beside the rest (the whole of info.damage is the label's tooltip).
    if (info.declaredSeconds > 0)
        text += QObject::tr(" — truncated: %1 s of the %2 s its header declares")
                    .arg(info.duration(), 0, 'f', 2)
                    .arg(info.declaredSeconds, 0, 'f', 2);
    return text;
}

} // namespace specedit::ui
