#include "ErrorText.h"

#include "util/Error.h"

#include <QObject>
#include <QRegularExpression>
#include <utility>

namespace specedit::ui {

QString userText(QString text) {
    // Longest names first: "--swap-iq" before "--iq", "noverlap" before "nperseg"'s neighbours.
    static const std::pair<const char*, const char*> kNames[] = {
        {"--mag-unit db", "“dB” under Magnitudes"},
        {"--mag-unit linear", "“linear |X|” under Magnitudes"},
        {"--sides shifted", "“two-sided, fftshifted” under Bins"},
        {"--sides twosided", "“two-sided” under Bins"},
        {"--sides onesided", "“one-sided” under Bins"},
        {"--mag-unit", "Magnitudes"},
        {"choose layout frames-bins", "choose “frames × bins” under Layout"},
        {"layout bins-frames", "“bins × frames” under Layout"},
        {"--image-colormap", "the picture's Colours"},
        {"--image-time", "the picture's Time"},
        {"--image-freq", "the picture's Frequency"},
        {"--image-db", "the picture's Levels"},
        {"--iterations", "Iterations"},
        {"--relaxation", "Relaxation"},
        {"--momentum", "Momentum"},
        {"--length", "Signal length"},
        {"--dtype", "Raw type"},
        {"--sides", "Bins"},
        {"--rows or --cols", "Raw rows"},
        {"--swap-iq", "Swap I/Q"},
        {"--noverlap", "Overlap"},
        {"--nperseg", "Window length"},
        {"--window", "Window"},
        {"--format", "Sample type"},
        {"--center", "Centre frequency"},
        {"--channel", "Channel"},
        {"--audio", "Read as audio"},
        {"--nfft", "FFT size"},
        {"--rate", "Sample rate"},
        {"--fs", "Sample rate"},
        {"--iq", "Read as I/Q"},
        {"--mix", "Mix of all channels"},
        {"noverlap", "overlap"},
        {"nperseg", "window length"},
        {"nfft", "FFT size"},
    };
    for (const auto& [option, field] : kNames)
        text.replace(
            QRegularExpression(
                QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(option))),
            QObject::tr(field));
    // "shapes[0]" is the project file's way to count: the Shapes list counts from 1.
    static const QRegularExpression shape(QStringLiteral("\\bshapes\\[(\\d+)\\]"));
    for (auto m = shape.match(text); m.hasMatch(); m = shape.match(text))
        text.replace(
            m.capturedStart(), m.capturedLength(),
            QObject::tr("shape %1 of the Shapes list").arg(m.captured(1).toLongLong() + 1));
    return text;
}

// A core::Error's subject is a file's path (shown as it is: a folder may be named "nfft") or
// a parameter's name (replaced by its field's).
QString userText(const std::exception& e) {
    const auto* error = dynamic_cast<const core::Error*>(&e);
    if (!error || error->subject().empty())
        return userText(QString::fromStdString(e.what()));
    QString subject = QString::fromStdString(error->subject());
    const bool isPath = subject.contains('/') || subject.contains('\\') || subject.contains('.');
    QString text = (isPath ? subject : userText(subject)) + ": " +
                   userText(QString::fromStdString(error->problem()));
    if (!error->expected().empty())
        text +=
            " (" +
            QObject::tr("expected %1").arg(userText(QString::fromStdString(error->expected()))) +
            ")";
    return text;
}

QString unbrokenPaths(QString text) {
    for (qsizetype i = 0; i + 1 < text.size(); ++i)
        if (text[i] == '/' && !text[i + 1].isSpace())
            text.insert(++i, QChar(0x2060));
    return text;
}

} // namespace specedit::ui
