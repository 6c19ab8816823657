#include "AutosaveTimer.h"

#include "Document.h"
#include "ErrorText.h"
#include "project/Project.h"

#include <QApplication>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>
#include <QUndoStack>
#include <QWidget>

namespace specedit::ui {

AutosaveTimer::AutosaveTimer(Document* document, std::function<core::ViewState()> viewState,
                             QWidget* window)
    : QObject(window), m_document(document), m_viewState(std::move(viewState)), m_window(window) {
    auto* timer = new QTimer(this);
    timer->setInterval(5000);
    connect(timer, &QTimer::timeout, this, &AutosaveTimer::save);
    timer->start();
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, [this] { m_pending = true; });
}

void AutosaveTimer::save() {
    if (!m_pending)
        return;
    try {
        m_document->setViewState(m_viewState());
        m_document->updateAutosave(); // or removes it: every edit undone
        m_pending = false;
    } catch (const std::exception& e) {
        emit message(tr("Autosave failed: %1").arg(e.what()), 5000);
    }
}

namespace {

// Once the question's window is gone. activateWindow asks X for the focus with the time of the
// last event Qt saw (the click on No); the server had moved the focus later, when the question
// unmapped, and ignores an older request. Qt then took no window as active and every window
// shortcut stayed dead under Xvfb (Ctrl+B, Ctrl+T) until a menu was opened. So Qt is told too.
void reactivate(QWidget* window) {
    window->activateWindow();
    if (QApplication::activeWindow() == window)
        return;
    // Qt 6.5 deprecates it for activateWindow, which is what the server ignored.
    // clang-format off
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    QApplication::setActiveWindow(window);
    QT_WARNING_POP
    // clang-format on
}

} // namespace

void AutosaveTimer::offerRecovery() {
    const QStringList found = m_document->recoverableAutosaves(); // the most recent first
    if (found.isEmpty())
        return;
    const auto when = QFileInfo(found.first()).lastModified();
    QString text =
        tr("SpecEdit found changes to %1 that were not saved (autosaved %2). Recover them?")
            .arg(m_document->displayName(), QLocale().toString(when, QLocale::ShortFormat));
    if (found.size() == 2)
        text += "\n\n" + tr("Another window closed on it without saving too: its changes are "
                            "kept and offered the next time you open it.");
    else if (found.size() > 2)
        text += "\n\n" + tr("%1 other windows closed on it without saving too: their changes "
                            "are kept and offered, one at a time, the next times you open it.")
                             .arg(found.size() - 1);
    const auto answer = QMessageBox::question(m_window, tr("Recover unsaved work?"), text,
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    try {
        if (answer == QMessageBox::Yes)
            m_document->recoverAutosave(found.first());
        else
            m_document->discardAutosave(found.first());
    } catch (const std::exception& e) {
        QMessageBox::warning(m_window, tr("Cannot recover"), userText(e));
    }
    // Give the keyboard back to the window: without a window manager (a kiosk, a remote X
    // session) nothing reactivates it after the question, and window shortcuts stay dead.
    m_window->activateWindow();
    QTimer::singleShot(100, m_window, [window = m_window] { reactivate(window); });
}

} // namespace specedit::ui
