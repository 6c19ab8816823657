#pragma once
// Turns the view's wish list of tiles into background work (design rules R4, R5): the view
// asks for the tiles it needs, in priority order (centre first), each quick or exact; workers
// compute the ones that are neither cached at that quality nor in progress, put them in the
// TileCache and announce them with tileReady() on the GUI thread. A new wish list replaces
// the old one, so panning away drops tiles that were not started. A new analysis bumps the
// generation: running jobs are cancelled and their results are dropped.
//
// Exact tiles of coarse levels are pooled from finer exact tiles already cached (no FFT);
// an exact request waits while finer exact tiles it could be pooled from are still wanted or
// running, so the whole-recording overview is made from the visible tiles instead of a
// second pass over the recording. Requests for several bands of the same columns are computed
// together (one FFT per frame for all of them).
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
#include <set>
#include <unordered_map>
#include <vector>

namespace specedit::ui {

struct TileRequest {
    core::TileKey key;
    bool exact = false; // false: a quick tile (sampled frames) is enough for now
};

class TileScheduler : public QObject {
    Q_OBJECT
public:
    explicit TileScheduler(std::size_t cacheBytes, QObject* parent = nullptr);
    ~TileScheduler() override;

    // Starts a new generation for this analysis (nullptr: nothing to show).
    void setComputer(std::shared_ptr<const core::TileComputer> computer);
    const std::shared_ptr<const core::TileComputer>& computer() const { return m_computer; }

    // The cached tile of the current analysis at key (its analysis field is ignored).
    std::shared_ptr<const core::Tile> cached(core::TileKey key);
    // Replaces the wish list; keys must belong to the current computer.
    void request(const std::vector<TileRequest>& requestsByPriority);
    bool isIdle() const;
    core::TileCache& cache() { return m_cache; }

signals:
    void tileReady(const specedit::core::TileKey& key);
    // The current analysis cannot compute its tiles (a core::Error, e.g. an effect shape with
    // nothing around it): the message, once per analysis. Cancellation is not a failure.
    void tileFailed(const QString& message);

private:
    struct Generation {
        std::shared_ptr<const core::TileComputer> computer;
        core::JobControl job;
        std::mutex mutex;
        std::deque<TileRequest> wanted;
        std::unordered_map<core::TileKey, bool> running; // key -> exact
        std::set<std::pair<int, int>> exactLevels;       // (level, rowLevel) ever asked exact
        bool failureReported = false;                    // tileFailed sent for this one
        int activeWorkers = 0;
    };
    void startWorkers();
    void work(std::shared_ptr<Generation> gen);
    bool satisfied(const Generation& gen, const TileRequest& r);
    // Takes the next request that can start, plus the other bands of the same columns.
    std::vector<TileRequest> takeNext(Generation& gen);
    void compute(Generation& gen, const std::vector<TileRequest>& batch);
    std::shared_ptr<const core::Tile> pooled(const core::TileComputer& c, const core::TileKey& key,
                                             const std::set<std::pair<int, int>>& targets);
    std::shared_ptr<const core::Tile> descend(const core::TileComputer& c, const core::TileKey& key,
                                              std::pair<int, int> target);

    core::TileCache m_cache;
    std::shared_ptr<const core::TileComputer> m_computer;
    std::shared_ptr<Generation> m_gen;
    unsigned m_maxWorkers;
    core::ThreadPool m_pool; // last: joined first on destruction
};

} // namespace specedit::ui

Q_DECLARE_METATYPE(specedit::core::TileKey)
