#include "render/TileCache.h"

namespace specedit::core {

std::shared_ptr<const Tile> TileCache::get(const TileKey& key) {
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return nullptr;
    m_order.splice(m_order.begin(), m_order, it->second.position);
    return it->second.tile;
}

void TileCache::put(const TileKey& key, std::shared_ptr<const Tile> tile) {
    std::lock_guard lock(m_mutex);
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        m_bytes -= it->second.tile->bytes();
        m_order.erase(it->second.position);
        m_entries.erase(it);
    }
    m_bytes += tile->bytes();
    m_order.push_front(key);
    m_entries.emplace(key, Entry{std::move(tile), m_order.begin()});
    evict();
}

void TileCache::evict() {
    // Keep at least the newest tile, even if it alone exceeds the budget.
    while (m_bytes > m_maxBytes && m_order.size() > 1) {
        const auto it = m_entries.find(m_order.back());
        m_bytes -= it->second.tile->bytes();
        m_entries.erase(it);
        m_order.pop_back();
    }
}

void TileCache::clear() {
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_order.clear();
    m_bytes = 0;
}

std::size_t TileCache::bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

std::size_t TileCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

} // namespace specedit::core
