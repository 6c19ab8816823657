#pragma once
// Saving the project from the window: Save (asking first when the file changed on disk since
// it was read), Save As (proposed beside the recording), and the question when unsaved changes
// would be lost. The view's state is saved with the project; nothing is saved while a Settings
// field shows a value the document does not use. GUI thread only.

#include "project/Project.h"

#include <QString>
#include <functional>

class QWidget;

namespace specedit::ui {

class Document;

class ProjectSaver {
public:
    // viewState: the view as it is now; settingsValid: false (having said why) while a field
    // holds an unusable value; savedAs: told each path Save As wrote.
    ProjectSaver(Document* document, QWidget* window, std::function<core::ViewState()> viewState,
                 std::function<bool()> settingsValid, std::function<void(const QString&)> savedAs);

    // Each returns whether the project is now on disk.
    bool save();
    bool saveAs();
    // With unsaved changes, asks: save, discard (removing the autosave) or cancel. True when
    // the caller may go on (saved, discarded or nothing to save).
    bool maybeSave();

private:
    bool write(const QString& path);

    Document* m_document;
    QWidget* m_window;
    std::function<core::ViewState()> m_viewState;
    std::function<bool()> m_settingsValid;
    std::function<void(const QString&)> m_savedAs;
};

} // namespace specedit::ui
