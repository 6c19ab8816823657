#include "render/TileScheduler.h"

#include "util/Error.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace specedit::ui {
namespace {

// Levels (time plus row) searched below an exact request for cached tiles to pool: at most
// 2^kPoolSteps tiles are looked up.
constexpr int kPoolSteps = 10;

// Whether coarse could be pooled from fine and others like it (finer in time or rows, same
// frames and frequencies).
bool isBelow(const core::TileKey& fine, const core::TileKey& coarse) {
    if (fine.level > coarse.level || fine.rowLevel > coarse.rowLevel || fine == coarse)
        return false;
    return (fine.index >> (coarse.level - fine.level)) == coarse.index &&
           (fine.band >> (coarse.rowLevel - fine.rowLevel)) == coarse.band;
}

} // namespace

TileScheduler::TileScheduler(std::size_t cacheBytes, QObject* parent)
    : QObject(parent), m_cache(cacheBytes),
      m_maxWorkers(std::max(1u, std::thread::hardware_concurrency())), m_pool(m_maxWorkers) {
    qRegisterMetaType<core::TileKey>();
}

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

std::shared_ptr<const core::Tile> TileScheduler::cached(core::TileKey key) {
    if (!m_computer)
        return nullptr;
    key.analysis = m_computer->analysisHash();
    return m_cache.get(key);
}

bool TileScheduler::satisfied(const Generation& gen, const TileRequest& r) {
    if (const auto it = gen.running.find(r.key);
        it != gen.running.end() && (it->second || !r.exact))
        return true;
    const auto tile = m_cache.get(r.key);
    return tile && (tile->exact || !r.exact);
}

void TileScheduler::request(const std::vector<TileRequest>& requests) {
    if (!m_gen)
        return;
    {
        std::lock_guard lock(m_gen->mutex);
        m_gen->wanted.clear();
        for (const auto& r : requests) {
            if (r.exact)
                m_gen->exactLevels.insert({r.key.level, r.key.rowLevel});
            if (!satisfied(*m_gen, r))
                m_gen->wanted.push_back(r);
        }
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

std::vector<TileRequest> TileScheduler::takeNext(Generation& gen) {
    auto waits = [&gen](const TileRequest& r) {
        if (!r.exact || r.key.level <= 2)
            return false;
        for (const auto& [key, exact] : gen.running)
            if (exact && isBelow(key, r.key))
                return true;
        for (const auto& w : gen.wanted)
            if (w.exact && isBelow(w.key, r.key))
                return true;
        return false;
    };
    for (auto it = gen.wanted.begin(); it != gen.wanted.end(); ++it) {
        if (gen.running.count(it->key) || waits(*it))
            continue;
        std::vector<TileRequest> batch{*it};
        gen.wanted.erase(it);
        for (auto other = gen.wanted.begin(); other != gen.wanted.end();) {
            const auto& k = other->key;
            const auto& k0 = batch.front().key;
            if (k.level == k0.level && k.rowLevel == k0.rowLevel && k.index == k0.index &&
                other->exact == batch.front().exact && !gen.running.count(k)) {
                batch.push_back(*other);
                other = gen.wanted.erase(other);
            } else {
                ++other;
            }
        }
        for (const auto& r : batch)
            gen.running[r.key] = r.exact;
        return batch;
    }
    return {};
}

// The exact tile at key from the cache, or pooled from the exact tiles of (level, rowLevel)
// target below it: rows first, then time; null when some part is missing.
std::shared_ptr<const core::Tile> TileScheduler::descend(const core::TileComputer& c,
                                                         const core::TileKey& key,
                                                         std::pair<int, int> target) {
    if (auto tile = m_cache.get(key); tile && tile->exact)
        return tile;
    // The two finer halves (b may lie past the end) pooled into key's tile, or null.
    auto both = [&](const core::TileKey& a, const core::TileKey& b, bool bExists, auto pool) {
        std::shared_ptr<const core::Tile> low = descend(c, a, target), high;
        if (!low || (bExists && !(high = descend(c, b, target))))
            return std::shared_ptr<const core::Tile>();
        auto tile = std::make_shared<const core::Tile>(pool(*low, high.get()));
        m_cache.put(key, tile);
        return std::shared_ptr<const core::Tile>(tile);
    };
    core::TileKey a = key, b = key;
    if (key.rowLevel > target.second) {
        a.rowLevel = b.rowLevel = key.rowLevel - 1;
        a.band = 2 * key.band;
        b.band = a.band + 1;
        return both(a, b, b.band < c.bandCount(b.rowLevel), &core::TileComputer::poolRows);
    }
    if (key.level <= target.first)
        return nullptr;
    a.level = b.level = key.level - 1;
    a.index = 2 * key.index;
    b.index = a.index + 1;
    return both(a, b, b.index < c.tileCount(b.level), &core::TileComputer::pool);
}

std::shared_ptr<const core::Tile>
TileScheduler::pooled(const core::TileComputer& c, const core::TileKey& key,
                      const std::set<std::pair<int, int>>& targets) {
    for (const auto& [level, rowLevel] : targets) {
        const int steps = (key.level - level) + (key.rowLevel - rowLevel);
        if (level > key.level || rowLevel > key.rowLevel || steps == 0 || steps > kPoolSteps)
            continue;
        if (auto tile = descend(c, key, {level, rowLevel}))
            return tile;
    }
    return nullptr;
}

void TileScheduler::compute(Generation& gen, const std::vector<TileRequest>& batch) {
    std::vector<int> bands;
    std::vector<core::TileKey> keys;
    std::set<std::pair<int, int>> targets;
    {
        std::lock_guard lock(gen.mutex);
        targets = gen.exactLevels;
    }
    for (const auto& r : batch) {
        // Done meanwhile (pooled by another request, or a quick tile that is exact anyway).
        if (const auto tile = m_cache.get(r.key); tile && (tile->exact || !r.exact))
            continue;
        if (r.exact && pooled(*gen.computer, r.key, targets)) {
            const auto key = r.key;
            QMetaObject::invokeMethod(
                this, [this, key] { emit tileReady(key); }, Qt::QueuedConnection);
            continue;
        }
        bands.push_back(r.key.band);
        keys.push_back(r.key);
    }
    if (keys.empty())
        return;
    const auto& k0 = keys.front();
    auto tiles =
        gen.computer->compute(k0.level, k0.rowLevel, k0.index, bands, batch.front().exact, gen.job);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (const auto old = m_cache.get(keys[i]); old && old->exact && !tiles[i].exact)
            continue; // an exact tile was pooled meanwhile: keep it
        m_cache.put(keys[i], std::make_shared<const core::Tile>(std::move(tiles[i])));
        const auto key = keys[i];
        QMetaObject::invokeMethod(
            this, [this, key] { emit tileReady(key); }, Qt::QueuedConnection);
    }
}

// Worker loop: takes wanted requests until none can start or the generation is cancelled.
// `this` stays valid: the destructor joins the pool before any member is destroyed.
void TileScheduler::work(std::shared_ptr<Generation> gen) {
    for (;;) {
        std::vector<TileRequest> batch;
        {
            std::lock_guard lock(gen->mutex);
            if (!gen->job.isCancelled())
                batch = takeNext(*gen);
            if (batch.empty()) {
                --gen->activeWorkers;
                return;
            }
        }
        try {
            compute(*gen, batch);
        } catch (const core::Error& e) {
            // The view keeps its fallback; the window says why, once per analysis.
            std::lock_guard lock(gen->mutex);
            if (!gen->failureReported && !gen->job.isCancelled()) {
                gen->failureReported = true;
                const QString message = QString::fromStdString(e.what());
                QMetaObject::invokeMethod(
                    this, [this, message] { emit tileFailed(message); }, Qt::QueuedConnection);
            }
        } catch (const std::exception&) {
            // Cancelled: a newer generation took over.
        }
        std::lock_guard lock(gen->mutex);
        for (const auto& r : batch)
            gen->running.erase(r.key);
    }
}

} // namespace specedit::ui
