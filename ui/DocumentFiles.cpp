// Document's files: the project it was opened from or saved to, and the autosave beside it
// (or in the user's data folder) that protects unsaved edits.
#include "Document.h"
#include "commands/AnalysisCommand.h"
#include "commands/ShapeCommands.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>
#include <utility>

namespace specedit::ui {

QByteArray Document::fileDigest(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(&file);
    return hash.result();
}

bool Document::projectChangedOnDisk() const {
    if (m_projectPath.isEmpty())
        return false;
    const QByteArray now = fileDigest(m_projectPath);
    return !now.isEmpty() && now != m_projectDigest;
}

void Document::saveProject(const QString& path) {
    const QString oldAutosave = autosavePath();
    core::Project project = m_project;
    const QDir folder = QFileInfo(path).absoluteDir();
    project.source = folder.relativeFilePath(m_sourcePath).toStdString();
    core::saveProject(project, path.toStdString());
    m_projectPath = QFileInfo(path).absoluteFilePath();
    m_projectDigest = fileDigest(m_projectPath);
    const bool moved = std::exchange(m_recordingMoved, false); // its new place is saved
    m_undo.setClean();
    if (moved)
        emit modifiedChanged(isModified());
    QFile::remove(oldAutosave); // what it protected is saved now
    if (autosaveBase() != m_autosave.base())
        m_autosave.claim(autosaveBase());
    removeAutosave();
    emit projectPathChanged();
}

// Beside a saved project when its folder is writable; else (and always for a recording not yet
// saved as a project: its folder may be read-only or shared) in the user's data folder, named
// by a hash of what it protects.
QString Document::autosaveBase() const {
    QString key = m_sourcePath;
    if (!m_projectPath.isEmpty()) {
        key = m_projectPath + ".autosave";
        if (QFileInfo(QFileInfo(key).absolutePath()).isWritable())
            return key;
    }
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave";
    QDir().mkpath(dir);
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1);
    return dir + "/" + QString::fromLatin1(hash.toHex()) + ".specedit.json";
}

void Document::writeAutosave() {
    if (!m_source)
        return;
    core::Project project = m_project;
    project.source = m_sourcePath.toStdString(); // absolute: the sidecar may live elsewhere
    core::saveProject(project, autosavePath().toStdString());
}

void Document::updateAutosave() {
    if (isModified())
        writeAutosave();
    else
        removeAutosave();
}

void Document::removeAutosave() {
    if (m_source)
        QFile::remove(autosavePath());
}

void Document::recoverAutosave(const QString& file) {
    const QStringList found = recoverableAutosaves();
    const QString from = file.isEmpty() ? (found.isEmpty() ? autosavePath() : found.first()) : file;
    const core::Project saved = core::loadProject(from.toStdString());
    m_undo.beginMacro(tr("Recover autosaved changes"));
    core::StftParams analysis = saved.analysis;
    analysis.fs = m_source->info().sampleRate;
    // With Auto length as it was: a length that followed the zoom is no length the user chose.
    if (!(analysis == this->analysis()) || m_project.autoLength != saved.autoLength)
        m_undo.push(new AnalysisCommand(this, this->analysis(), analysis, -1, m_project.autoLength,
                                        saved.autoLength));
    // The shapes with their own ids, so with their names ("rect 4" came back as "rect 8").
    std::vector<core::Shape> shapes = saved.shapes;
    for (const auto& s : shapes)
        m_nextShapeId = std::max(m_nextShapeId, s.id + 1);
    for (auto& s : shapes)
        if (s.id == 0)
            s.id = m_nextShapeId++;
    if (shapes != m_project.shapes)
        m_undo.push(new ReplaceShapesCommand(this, m_project.shapes, std::move(shapes),
                                             tr("Recover shapes")));
    setLabels(saved.classes, saved.labels, tr("Recover labels"));
    m_undo.endMacro();
    if (from != autosavePath()) { // another window's: this window's own keeps it from now on
        writeAutosave();
        QFile::remove(from);
    }
}

void Document::discardAutosave(const QString& file) {
    if (recoverableAutosaves().contains(file))
        QFile::remove(file);
}

} // namespace specedit::ui
