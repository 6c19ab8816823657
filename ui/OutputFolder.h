#pragma once
// Where a file the user makes goes by default: the folder asked for when it can be written,
// else the user's documents folder (else home). A recording on a read-only share, a mounted
// card or a system folder must not send the save dialog to a place where saving fails.

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QString>

namespace specedit::ui {

inline QString writableFolder(const QString& preferred) {
    if (!preferred.isEmpty() && QFileInfo(preferred).isDir() && QFileInfo(preferred).isWritable())
        return preferred;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return !documents.isEmpty() && QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

} // namespace specedit::ui
