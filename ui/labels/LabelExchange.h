#pragma once
// Labels in and out of the editor: import a label file (SigMF annotations, Audacity label
// track, Raven selection table, CSV) as labels of the open recording (classes it names are
// added, each with a colour of its own), export the labels in one of those formats, and export
// a dataset of every label's features (CSV) with its spectrogram patches (<name>.npy and
// <name>.json beside it), measured on the task runner, and each label's burst as a clip of
// its own. Each import is one undo step. GUI
// thread only.

#include "apply/BurstClips.h"

#include <QObject>
#include <QString>
#include <functional>

class QMenu;
class QWidget;

namespace specedit::ui {

class Document;
class TaskRunner;

class LabelExchange : public QObject {
    Q_OBJECT
public:
    LabelExchange(Document* document, TaskRunner* tasks, QWidget* window);

    // Import…, Export…, Export dataset… (file dialogs, then the functions below).
    void addActions(QMenu* menu);

    // Throw core::Error (file, what is wrong) for unreadable files or failed writes.
    void importLabels(const QString& path);
    // Returns a note for the user, or empty: SigMF metadata away from its dataset.
    QString exportLabels(const QString& path) const;
    // Returns whether the job started (false while another task runs).
    bool exportDataset(const QString& csvPath);
    // Each of `labels`' bursts as its own clip (core::writeBurstClips) on the task runner; the
    // status bar says how many and where, a message box which labels were left out and why.
    // Returns whether the job started (not while another task runs, nor without a folder).
    bool exportClips(const core::BurstClipOptions& options, const std::vector<core::Label>& labels);

signals:
    void message(const QString& text, int timeoutMs);

private:
    bool hasLabels();
    void guarded(const QString& what, const std::function<void()>& body);

    Document* m_document;
    TaskRunner* m_tasks;
    QWidget* m_window;
};

} // namespace specedit::ui
