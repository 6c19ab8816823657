#include "util/ThreadPool.h"

#include <algorithm>

namespace specedit::core {

ThreadPool::ThreadPool(unsigned threads) {
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    m_workers.reserve(threads);
    try {
        for (unsigned i = 0; i < threads; ++i)
            m_workers.emplace_back([this] { run(); });
    } catch (...) {
        stop(); // the threads already started must not outlive a failed constructor
        throw;
    }
}

ThreadPool::~ThreadPool() {
    stop();
}

void ThreadPool::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& t : m_workers)
        if (t.joinable())
            t.join();
}

std::future<void> ThreadPool::submit(std::function<void()> task) {
    std::packaged_task<void()> packaged(std::move(task));
    auto future = packaged.get_future();
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(packaged));
    }
    m_wake.notify_one();
    return future;
}

void ThreadPool::run() {
    for (;;) {
        std::packaged_task<void()> task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            task = std::move(m_queue.front());
            m_queue.pop_front();
        }
        task();
    }
}

} // namespace specedit::core
