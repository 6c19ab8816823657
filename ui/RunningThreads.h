#pragma once
// Threads a window starts and must not outlive it: each runs holding a Ticket, and the window's
// destructor, after cancelling their jobs, waits until every ticket is gone. A detached thread
// still running at exit formatted its error with Qt's statics as they were destroyed (a
// segfault after the rebuild dialog's tests, 3 runs in 40). Any thread.

#include <condition_variable>
#include <memory>
#include <mutex>

namespace specedit::ui {

class RunningThreads {
public:
    // Held by a running thread: taken when it is started, dropped when it ends.
    class Ticket {
    public:
        explicit Ticket(std::shared_ptr<RunningThreads> owner) : m_owner(std::move(owner)) {
            const std::lock_guard lock(m_owner->m_mutex);
            ++m_owner->m_count;
        }
        ~Ticket() {
            const std::lock_guard lock(m_owner->m_mutex);
            --m_owner->m_count;
            m_owner->m_finished.notify_all();
        }
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;

    private:
        std::shared_ptr<RunningThreads> m_owner;
    };

    // Blocks until no ticket is held.
    void waitForAll() {
        std::unique_lock lock(m_mutex);
        m_finished.wait(lock, [this] { return m_count == 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_finished;
    int m_count = 0;
};

} // namespace specedit::ui
