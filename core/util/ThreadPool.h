#pragma once
// A small owned thread pool (design rule R6: no global pool). Tasks are void() callables;
// exceptions thrown by a task are captured in the future returned by submit().

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace specedit::core {

class ThreadPool {
public:
    // threads == 0 means std::thread::hardware_concurrency().
    explicit ThreadPool(unsigned threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    unsigned size() const { return static_cast<unsigned>(m_workers.size()); }
    // Any thread. The future rethrows whatever the task threw.
    std::future<void> submit(std::function<void()> task);

private:
    void run();
    void stop(); // runs what is queued, then joins every worker

    std::vector<std::thread> m_workers;
    std::deque<std::packaged_task<void()>> m_queue;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace specedit::core
