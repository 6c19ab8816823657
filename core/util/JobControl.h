#pragma once
// Progress and cancellation for long core operations (design rule R5). A JobControl is owned
// by whoever starts the job; the job reports progress and polls for cancellation. All methods
// may be called from any thread.

#include "util/Error.h"

#include <atomic>
#include <functional>
#include <mutex>

namespace specedit::core {

class JobControl {
public:
    // Called with a fraction in [0, 1]; invoked from worker threads, serialised by JobControl.
    using ProgressFn = std::function<void(double fraction)>;

    JobControl() = default;
    explicit JobControl(ProgressFn progress) : m_progress(std::move(progress)) {}

    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    // Throws Cancelled if cancel() was called.
    void checkCancelled() const {
        if (isCancelled())
            throw Cancelled();
    }
    void setProgress(double fraction) {
        if (!m_progress)
            return;
        std::lock_guard lock(m_mutex);
        m_progress(fraction);
    }

private:
    ProgressFn m_progress;
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
};

} // namespace specedit::core
