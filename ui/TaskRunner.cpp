#include "TaskRunner.h"

#include "util/Error.h"
#include "util/JobControl.h"

#include <QApplication>
#include <QProgressDialog>
#include <QThreadPool>
#include <QTimer>
#include <atomic>

namespace specedit::ui {

// Shared by the GUI and the worker; the worker may outlive the runner (it only touches this).
struct TaskRunner::State {
    std::atomic<double> progress{0.0};
    core::JobControl job{[this](double f) { progress.store(f); }};
};

TaskRunner::TaskRunner(QWidget* dialogParent)
    : QObject(dialogParent), m_parent(dialogParent), m_timer(new QTimer(this)) {
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &TaskRunner::poll);
}

TaskRunner::~TaskRunner() {
    cancel();
}

bool TaskRunner::run(const QString& title, Work work, Done done) {
    if (m_state)
        return false;
    m_state = std::make_shared<State>();
    m_done = std::move(done);
    m_title = title;
    m_dialog = new QProgressDialog(title, tr("Cancel"), 0, 1000, m_parent);
    m_dialog->setWindowTitle(title);
    m_dialog->setMinimumDuration(300);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, this, &TaskRunner::cancel);
    m_timer->start();
    QPointer<TaskRunner> self(this);
    auto state = m_state;
    QThreadPool::globalInstance()->start([state, work = std::move(work), self] {
        bool ok = false;
        QString message;
        try {
            message = work(state->job);
            ok = true;
        } catch (const core::Cancelled&) {
        } catch (const std::exception& e) {
            message = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, state, ok, message] {
                if (self && self->m_state == state)
                    self->complete(ok, message);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void TaskRunner::cancel() {
    if (m_state)
        m_state->job.cancel();
}

void TaskRunner::poll() {
    if (m_state && m_dialog)
        m_dialog->setValue(int(m_state->progress.load() * 1000));
}

void TaskRunner::complete(bool ok, const QString& message) {
    m_timer->stop();
    if (m_dialog)
        m_dialog->deleteLater();
    m_state.reset();
    m_title.clear();
    Done done = std::move(m_done);
    if (done)
        done(ok, message);
    emit finished(ok, message);
}

} // namespace specedit::ui
