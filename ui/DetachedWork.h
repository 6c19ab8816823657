#pragma once
// Work for a window on a detached thread: `work()` runs there holding a ticket of the window's
// RunningThreads (whose destructor waits for it), and `done(value, error, cancelled)` runs on
// the GUI thread afterwards if the window still exists: value is work()'s result (default
// constructed when it threw), error the user's text of what it threw, cancelled true when
// it threw core::Cancelled.

#include "ErrorText.h"
#include "RunningThreads.h"
#include "util/Error.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QString>
#include <exception>
#include <memory>
#include <thread>

namespace specedit::ui {

template <typename Window, typename Work, typename Done>
void runDetached(QPointer<Window> self, std::shared_ptr<RunningThreads> running, Work work,
                 Done done) {
    auto ticket = std::make_shared<RunningThreads::Ticket>(std::move(running));
    std::thread([self, ticket, work = std::move(work), done = std::move(done)]() mutable {
        QString error;
        decltype(work()) value{};
        bool cancelled = false;
        try {
            value = work();
        } catch (const core::Cancelled&) {
            cancelled = true;
        } catch (const std::exception& e) {
            error = userText(e);
        }
        QMetaObject::invokeMethod(qApp, [self, done = std::move(done), value = std::move(value),
                                         error, cancelled]() mutable {
            if (self)
                done(std::move(value), error, cancelled);
        });
    }).detach();
}

} // namespace specedit::ui
