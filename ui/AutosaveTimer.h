#pragma once
// The window's side of autosave: every 5 s, edits not yet on disk go to the document's
// autosave sidecar (with the view as it is); saving, discarding or undoing every edit removes
// it. After a file opens, offerRecovery() asks whether to bring back what a window that
// closed without saving left behind. GUI thread only.

#include <QObject>
#include <functional>

class QWidget;

namespace specedit::core {
struct ViewState;
}

namespace specedit::ui {

class Document;

class AutosaveTimer : public QObject {
    Q_OBJECT
public:
    // `viewState` is asked for the view to store at each autosave; `window` parents questions.
    AutosaveTimer(Document* document, std::function<core::ViewState()> viewState, QWidget* window);

    // Asks about the most recent autosave left for the open file, if any, and recovers or
    // discards it.
    void offerRecovery();

signals:
    void message(const QString& text, int milliseconds);

private:
    void save();

    Document* m_document;
    std::function<core::ViewState()> m_viewState;
    QWidget* m_window;
    bool m_pending = false; // edits since the last autosave
};

} // namespace specedit::ui
