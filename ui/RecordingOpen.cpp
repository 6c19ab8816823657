#include "RecordingOpen.h"

#include "Document.h"
#include "RawIqDialog.h"
#include "util/Error.h"

#include <QFileDialog>

namespace specedit::ui {

QString askRecordingPath(QWidget* parent, const QString& folder) {
    return QFileDialog::getOpenFileName(
        parent, QObject::tr("Open recording or project"), folder,
        QObject::tr(
            "Recordings and projects (*.wav *.flac *.ogg *.aiff *.aif *.w64 *.rf64 *.cf32 *.cfile "
            "*.fc32 *.cf64 *.cs16 *.sc16 *.cs8 *.cu8 *.s16 *.complex *.complex16s *.complex16u "
            "*.complex32s *.complex32u *.cu16 *.coco *.sdriq *.raw *.iq *.bin *.dat *.sigmf-meta "
            "*.sigmf-data *.sigmf "
            "*.specedit.json);;All files (*)"),
        nullptr, QFileDialog::HideNameFilterDetails); // the names; the 40 patterns ran off it
}

bool isProjectPath(const QString& path) {
    return path.endsWith(".specedit.json");
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
    RawIqDialog dialog(path, parent, options);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    document.openRecording(path, dialog.options(), pixels);
    return true;
}

} // namespace specedit::ui
