#pragma once
// Least-recently-used cache of data tiles, bounded by bytes. Tiles are immutable and shared
// (shared_ptr<const Tile>), so a reader keeps its tile alive even if it is evicted meanwhile.
// All methods: any thread.

#include "render/TileComputer.h"
#include "render/TileKey.h"

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace specedit::core {

class TileCache {
public:
    explicit TileCache(std::size_t maxBytes) : m_maxBytes(maxBytes) {}

    // The tile, marked most recently used; nullptr if absent.
    std::shared_ptr<const Tile> get(const TileKey& key);
    // Inserts (or replaces) a tile and evicts the least recently used ones beyond maxBytes.
    void put(const TileKey& key, std::shared_ptr<const Tile> tile);
    void clear();

    std::size_t bytes() const;
    std::size_t size() const;
    std::size_t maxBytes() const { return m_maxBytes; }

private:
    using Order = std::list<TileKey>;
    struct Entry {
        std::shared_ptr<const Tile> tile;
        Order::iterator position;
    };
    void evict();

    std::size_t m_maxBytes;
    std::size_t m_bytes = 0;
    Order m_order; // front: most recently used
    std::unordered_map<TileKey, Entry> m_entries;
    mutable std::mutex m_mutex;
};

} // namespace specedit::core
