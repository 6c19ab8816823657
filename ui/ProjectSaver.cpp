#include "ProjectSaver.h"

#include "Document.h"
#include "ErrorText.h"
#include "SaveConflict.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace specedit::ui {

ProjectSaver::ProjectSaver(Document* document, QWidget* window,
                           std::function<core::ViewState()> viewState,
                           std::function<bool()> settingsValid,
                           std::function<void(const QString&)> savedAs)
    : m_document(document), m_window(window), m_viewState(std::move(viewState)),
      m_settingsValid(std::move(settingsValid)), m_savedAs(std::move(savedAs)) {}

bool ProjectSaver::write(const QString& path) {
    try {
        m_document->setViewState(m_viewState());
        m_document->saveProject(path);
        if (auto* window = qobject_cast<QMainWindow*>(m_window)) // said, as editors do
            window->statusBar()->showMessage(
                QObject::tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
        return true;
    } catch (const std::exception& e) {
        QMessageBox::critical(m_window, QObject::tr("Cannot save the project"), userText(e));
        return false;
    }
}

bool ProjectSaver::save() {
    if (!m_settingsValid())
        return false;
    if (m_document->projectPath().isEmpty())
        return saveAs();
    if (m_document->projectChangedOnDisk()) {
        const SaveChoice choice = askAboutChangedProject(m_window, m_document->projectPath());
        if (choice == SaveChoice::Cancel)
            return false;
        if (choice == SaveChoice::SaveAs)
            return saveAs();
    }
    return write(m_document->projectPath());
}

bool ProjectSaver::saveAs() {
    if (!m_settingsValid())
        return false;
    QString path = QFileDialog::getSaveFileName(m_window, QObject::tr("Save project"),
                                                m_document->outputPath(".specedit.json"),
                                                QObject::tr("SpecEdit projects (*.specedit.json)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(".specedit.json"))
        path += ".specedit.json";
    if (!write(path))
        return false;
    m_savedAs(QFileInfo(path).absoluteFilePath());
    return true;
}

bool ProjectSaver::maybeSave() {
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        m_window, QObject::tr("Unsaved changes"),
        m_document->projectPath().isEmpty()
            ? QObject::tr("Your edits of %1 are not saved. Save them as a project (the "
                          "recording itself is never changed)?")
                  .arg(m_document->displayName())
            : QObject::tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save(); // which removes the autosave
    if (answer == QMessageBox::Discard)
        m_document->removeAutosave(); // this document's, before another one is opened
    return answer == QMessageBox::Discard;
}

} // namespace specedit::ui
