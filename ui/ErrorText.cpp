#include "ErrorText.h"

#include <QObject>
#include <QRegularExpression>
#include <utility>

namespace specedit::ui {

QString userText(QString text) {
    // Longest names first: "--swap-iq" before "--iq", "noverlap" before "nperseg"'s neighbours.
    static const std::pair<const char*, const char*> kNames[] = {
        {"--swap-iq", "Swap I/Q"},
        {"--noverlap", "Overlap"},
        {"--nperseg", "Length"},
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
        {"nperseg", "length"},
        {"nfft", "FFT size"},
    };
    for (const auto& [option, field] : kNames)
        text.replace(
            QRegularExpression(
                QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(option))),
            QObject::tr(field));
    return text;
}

QString userText(const std::exception& e) {
    return userText(QString::fromStdString(e.what()));
}

} // namespace specedit::ui
