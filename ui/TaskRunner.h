#pragma once
// Runs long core work off the GUI thread (design rule R5) with a progress dialog and Cancel.
// The work gets a JobControl; its result or error comes back on the GUI thread. One task at a
// time; the window stays responsive meanwhile. GUI thread only.

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

class QProgressDialog;
class QTimer;
class QWidget;

namespace specedit::core {
class JobControl;
}

namespace specedit::ui {

class TaskRunner : public QObject {
    Q_OBJECT
public:
    // Work returns a one-line summary for the status bar; it throws core::Error on failure
    // and core::Cancelled when cancelled.
    using Work = std::function<QString(core::JobControl& job)>;
    // ok, and the summary (ok) or the error message (not ok; empty when cancelled).
    using Done = std::function<void(bool ok, const QString& message)>;

    explicit TaskRunner(QWidget* dialogParent);
    ~TaskRunner() override;

    bool isBusy() const { return bool(m_state); }
    // The running task's title ("Exporting"), or empty.
    const QString& title() const { return m_title; }
    // Starts work unless a task is running (returns false then).
    bool run(const QString& title, Work work, Done done);
    // Cancels the running task, if any.
    void cancel();

signals:
    void finished(bool ok, const QString& message);

private:
    struct State;
    void poll();
    void complete(bool ok, const QString& message);

    QWidget* m_parent;
    QPointer<QProgressDialog> m_dialog;
    QTimer* m_timer;
    std::shared_ptr<State> m_state;
    Done m_done;
    QString m_title;
};

} // namespace specedit::ui
