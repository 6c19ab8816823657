#include "RecordingOpen.h"

#include "Document.h"
#include "RawIqDialog.h"
#include "io/Npy.h"
#include "io/NpySignalSource.h"
#include "io/Recognizer.h"
#include "project/Project.h"
#include "util/Error.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QVariantMap>
#include <algorithm>
#include <optional>

namespace specedit::ui {

QString askRecordingPath(QWidget* parent, const QString& folder) {
    return QFileDialog::getOpenFileName(
        parent, QObject::tr("Open recording or project"), folder,
        QObject::tr(
            "Recordings and projects (*.wav *.flac *.ogg *.aiff *.aif *.w64 *.rf64 *.cf32 *.cfile "
            "*.fc32 *.cf64 *.cs16 *.sc16 *.cs8 *.cu8 *.s16 *.complex *.complex16s *.complex16u "
            "*.complex32s *.complex32u *.cu16 *.coco *.sdriq *.raw *.iq *.bin *.dat *.sigmf-meta "
            "*.sigmf-data *.sigmf "
            "*.npy *.specedit.json);;All files (*)"),
        nullptr, QFileDialog::HideNameFilterDetails); // the names; the 40 patterns ran off it
}

bool isProjectPath(const QString& path) {
    return path.endsWith(".specedit.json");
}

namespace {

// The raw files opened last, by absolute path: how they were read, and their size (a file
// recorded again under the same name is another recording).
constexpr auto kRawKey = "rawOpenings";
constexpr int kRawKept = 50;

// Orders the entries of kRawKey by when their file was opened.
bool openedEarlier(const QVariant& a, const QVariant& b) {
    return a.toMap().value("when").toLongLong() < b.toMap().value("when").toLongLong();
}

std::optional<core::OpenOptions> lastRawOptions(const QString& path) {
    const QFileInfo file(path);
    const QVariantMap entry =
        QSettings().value(kRawKey).toMap().value(file.absoluteFilePath()).toMap();
    if (entry.isEmpty() || entry.value("size").toLongLong() != file.size())
        return std::nullopt;
    core::OpenOptions o;
    if (const QString format = entry.value("format").toString(); !format.isEmpty())
        o.rawFormat = format.toStdString(); // none for a numpy array
    o.sampleRate = entry.value("rate").toDouble();
    o.forceIq = entry.value("iq").toBool();
    o.forceAudio = entry.value("audio").toBool();
    if (entry.contains("centre"))
        o.centerFrequency = entry.value("centre").toDouble();
    return o;
}

// What a file asked about is: raw samples, or a numpy array of complex values or of so many
// real channels (a 48 kHz sound clip's rate is no rate for the next capture's I/Q).
QString openingKind(const QString& path) {
    if (!core::isNpyFile(path.toStdString()))
        return "raw";
    try {
        const core::NpyReader npy(path.toStdString());
        return npy.isComplex() ? QString("npy complex")
                               : QString("npy %1 channels").arg(core::npyFraming(npy).channels);
    } catch (const core::Error&) {
        return "npy";
    }
}

// Entries written before kinds were kept: a numpy array's has no sample type.
QString entryKind(const QVariantMap& entry) {
    if (entry.contains("kind"))
        return entry.value("kind").toString();
    return entry.value("format").toString().isEmpty() ? "npy" : "raw";
}

// For a file never opened: the sample type and rate of the file of its kind opened last, where
// the file's own name or extension says nothing (a session of captures at 1 MS/s proposed 2 MS/s
// for each new one). Never its centre: that belongs to the other recording.
std::optional<core::OpenOptions> latestRawOptions(const QString& path) {
    QVariantMap all = QSettings().value(kRawKey).toMap();
    const QString kind = openingKind(path);
    for (auto it = all.begin(); it != all.end();)
        it = entryKind(it->toMap()) == kind ? std::next(it) : all.erase(it);
    auto latest = std::max_element(all.begin(), all.end(), openedEarlier);
    if (latest == all.end())
        return std::nullopt;
    const QVariantMap entry = latest->toMap();
    const auto known = core::recognizeRaw(path.toStdString(), {});
    core::OpenOptions o;
    const QString format = entry.value("format").toString();
    if (!known.layout.value && !format.isEmpty())
        o.rawFormat = format.toStdString();
    if (!known.sampleRate.value && entry.value("rate").toDouble() > 0)
        o.sampleRate = entry.value("rate").toDouble();
    if (!o.rawFormat && !o.sampleRate)
        return std::nullopt;
    return o;
}

void rememberRawOptions(const QString& path, const core::OpenOptions& o) {
    const QFileInfo file(path);
    QSettings settings;
    QVariantMap all = settings.value(kRawKey).toMap();
    QVariantMap entry{{"format", QString::fromStdString(o.rawFormat.value_or(""))},
                      {"rate", o.sampleRate.value_or(0)},
                      {"size", file.size()},
                      {"kind", openingKind(path)},
                      {"when", QDateTime::currentMSecsSinceEpoch()}};
    if (o.centerFrequency)
        entry.insert("centre", *o.centerFrequency);
    if (o.forceIq || o.forceAudio) // two channels of a numpy array
        entry.insert(o.forceIq ? "iq" : "audio", true);
    all.insert(file.absoluteFilePath(), entry);
    while (all.size() > kRawKept) { // the oldest goes
        auto oldest = std::min_element(all.begin(), all.end(), openedEarlier);
        all.erase(oldest);
    }
    settings.setValue(kRawKey, all);
}

// The recording's new place, or empty: says where the project looked and lets the user find it.
QString locateRecording(QWidget* parent, const QString& project, const QString& expected) {
    const QFileInfo wanted(expected);
    QMessageBox box(QMessageBox::Warning, QObject::tr("Recording not found"),
                    QObject::tr("The recording of %1 is not where the project says:\n%2")
                        .arg(QFileInfo(project).fileName(), QDir::toNativeSeparators(expected)),
                    QMessageBox::Cancel, parent);
    box.setInformativeText(QObject::tr("If it was moved or renamed, locate it; saving the "
                                       "project then keeps its new place."));
    QAbstractButton* locate = box.addButton(QObject::tr("Locate…"), QMessageBox::AcceptRole);
    box.setDefaultButton(qobject_cast<QPushButton*>(locate));
    box.exec();
    if (box.clickedButton() != locate)
        return {};
    // The name as a filter shows it first; one with spaces or brackets cannot be a pattern.
    const QString name = wanted.fileName();
    const bool asPattern = !name.contains(QRegularExpression("[\\s()\\[\\]*?;]"));
    const QString filter =
        (asPattern ? name + " (" + name + ");;" : QString()) + QObject::tr("All files (*)");
    return QFileDialog::getOpenFileName(parent, QObject::tr("Locate %1").arg(name),
                                        QFileInfo(project).absolutePath(), filter);
}

} // namespace

bool openProjectAsking(Document& document, const QString& path, QWidget* parent) {
    const core::Project project = core::loadProject(path.toStdString());
    const QString expected =
        QString::fromStdString(core::resolveSourcePath(project, path.toStdString()));
    if (QFileInfo::exists(expected)) {
        document.openProject(path);
        return true;
    }
    const QString found = locateRecording(parent, path, QFileInfo(expected).absoluteFilePath());
    if (found.isEmpty())
        return false;
    document.openProject(path, found);
    return true;
}

bool openRecordingAsking(Document& document, const QString& path, const core::OpenOptions& options,
                         int pixels, QWidget* parent) {
    try {
        document.openRecording(path, options, pixels);
        return true;
    } catch (const core::Error& e) {
        if (e.kind() != core::ErrorKind::NeedsRawParameters)
            throw;
    }
    // Options given with the file (File > Rebuild's Save and open) come first; else how the
    // file was read the last time it was opened (Open Recent asked for the centre again).
    const bool given = options.rawFormat || options.sampleRate;
    auto last = given ? std::nullopt : lastRawOptions(path);
    std::string from = last ? "last opening" : "saved result";
    if (!given && !last) {
        last = latestRawOptions(path);
        from = core::isNpyFile(path.toStdString()) ? "numpy array opened last"
                                                   : "raw file opened last";
    }
    RawIqDialog dialog(path, parent, last.value_or(options), from);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    document.openRecording(path, dialog.options(), pixels);
    rememberRawOptions(path, dialog.options());
    return true;
}

} // namespace specedit::ui
