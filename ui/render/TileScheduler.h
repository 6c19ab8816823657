#pragma once
// Turns the view's wish list of tiles into background work (design rules R4, R5): the view
// asks for the tiles it needs, in priority order (centre first); workers compute the ones
// that are neither cached nor in progress, put them in the TileCache and announce them with
// tileReady() on the GUI thread. A new wish list replaces the old one, so panning away drops
// tiles that were not started. A new analysis bumps the generation: running jobs are
// cancelled and their results are dropped.
//
// Threading: public methods on the GUI thread; workers hold the TileComputer by shared_ptr.
// The destructor cancels and joins the workers before anything they use goes away.

#include "render/TileCache.h"
#include "render/TileComputer.h"
#include "util/JobControl.h"
#include "util/ThreadPool.h"

#include <QObject>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

namespace specedit::ui {

class TileScheduler : public QObject {
    Q_OBJECT
public:
    explicit TileScheduler(std::size_t cacheBytes, QObject* parent = nullptr);
    ~TileScheduler() override;

    // Starts a new generation for this analysis (nullptr: nothing to show).
    void setComputer(std::shared_ptr<const core::TileComputer> computer);
    const std::shared_ptr<const core::TileComputer>& computer() const { return m_computer; }

    std::shared_ptr<const core::Tile> cached(int level, std::int64_t index);
    // Replaces the wish list; keys must belong to the current computer.
    void request(const std::vector<core::TileKey>& keysByPriority);
    bool isIdle() const;
    core::TileCache& cache() { return m_cache; }

signals:
    void tileReady(int level, qint64 index);

private:
    struct Generation {
        std::shared_ptr<const core::TileComputer> computer;
        core::JobControl job;
        std::mutex mutex;
        std::deque<core::TileKey> wanted;
        std::unordered_set<core::TileKey> running;
        int activeWorkers = 0;
    };
    void startWorkers();
    void work(std::shared_ptr<Generation> gen);

    core::TileCache m_cache;
    std::shared_ptr<const core::TileComputer> m_computer;
    std::shared_ptr<Generation> m_gen;
    unsigned m_maxWorkers;
    core::ThreadPool m_pool; // last: joined first on destruction
};

} // namespace specedit::ui
