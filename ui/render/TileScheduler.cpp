#include "render/TileScheduler.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace specedit::ui {

TileScheduler::TileScheduler(std::size_t cacheBytes, QObject* parent)
    : QObject(parent), m_cache(cacheBytes),
      m_maxWorkers(std::max(1u, std::thread::hardware_concurrency())), m_pool(m_maxWorkers) {}

TileScheduler::~TileScheduler() {
    if (m_gen)
        m_gen->job.cancel(); // the pool's destructor then drains quickly and joins
}

void TileScheduler::setComputer(std::shared_ptr<const core::TileComputer> computer) {
    if (m_gen)
        m_gen->job.cancel();
    // The old computer's FFTW plans are destroyed under FFTW's lock, which a concurrent
    // measured plan may hold for seconds: let a worker drop the last references.
    QThreadPool::globalInstance()->start(
        [oldComputer = std::move(m_computer), oldGen = std::move(m_gen)]() mutable {
            oldGen.reset();
            oldComputer.reset();
        });
    m_computer = std::move(computer);
    m_gen = std::make_shared<Generation>();
    m_gen->computer = m_computer;
}

std::shared_ptr<const core::Tile> TileScheduler::cached(int level, std::int64_t index) {
    if (!m_computer)
        return nullptr;
    return m_cache.get({m_computer->analysisHash(), level, index});
}

void TileScheduler::request(const std::vector<core::TileKey>& keys) {
    if (!m_gen)
        return;
    {
        std::lock_guard lock(m_gen->mutex);
        m_gen->wanted.clear();
        for (const auto& key : keys)
            if (!m_gen->running.count(key) && !m_cache.get(key))
                m_gen->wanted.push_back(key);
    }
    startWorkers();
}

bool TileScheduler::isIdle() const {
    if (!m_gen)
        return true;
    std::lock_guard lock(m_gen->mutex);
    return m_gen->wanted.empty() && m_gen->activeWorkers == 0;
}

void TileScheduler::startWorkers() {
    std::lock_guard lock(m_gen->mutex);
    while (m_gen->activeWorkers < int(m_maxWorkers) &&
           m_gen->activeWorkers < int(m_gen->wanted.size())) {
        ++m_gen->activeWorkers;
        m_pool.submit([this, gen = m_gen] { work(gen); });
    }
}

// Worker loop: takes wanted keys until none are left or the generation is cancelled. `this`
// stays valid: the destructor joins the pool before any member is destroyed.
void TileScheduler::work(std::shared_ptr<Generation> gen) {
    for (;;) {
        core::TileKey key;
        {
            std::lock_guard lock(gen->mutex);
            if (gen->wanted.empty() || gen->job.isCancelled()) {
                --gen->activeWorkers;
                return;
            }
            key = gen->wanted.front();
            gen->wanted.pop_front();
            gen->running.insert(key);
        }
        try {
            auto tile = std::make_shared<const core::Tile>(
                gen->computer->compute(key.level, key.index, gen->job));
            m_cache.put(key, std::move(tile));
            QMetaObject::invokeMethod(
                this, [this, key] { emit tileReady(key.level, key.index); }, Qt::QueuedConnection);
        } catch (const std::exception&) {
            // Cancelled, or the recording became unreadable: the view keeps its fallback.
        }
        std::lock_guard lock(gen->mutex);
        gen->running.erase(key);
    }
}

} // namespace specedit::ui
