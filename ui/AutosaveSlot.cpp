#include "AutosaveSlot.h"

#include <QFileInfo>
#include <QLockFile>
#include <algorithm>

namespace specedit::ui {
namespace {

QString lockPath(const QString& file) {
    const QFileInfo info(file);
    return info.absolutePath() + "/." + info.fileName() + ".lock";
}

// A lock held for as long as the document is open: never stale by age (QLockFile's default
// calls a lock older than 30 s stale), only when the process that took it is gone.
std::unique_ptr<QLockFile> makeLock(const QString& file) {
    auto lock = std::make_unique<QLockFile>(lockPath(file));
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

AutosaveSlot::AutosaveSlot() = default;
AutosaveSlot::~AutosaveSlot() = default;

QString AutosaveSlot::slotPath(const QString& base, int n) {
    if (n <= 1)
        return base;
    const QString suffix = ".specedit.json";
    const QString tag = QString("-%1").arg(n);
    if (base.endsWith(suffix))
        return base.left(base.size() - suffix.size()) + tag + suffix;
    return base + tag;
}

void AutosaveSlot::claim(const QString& base) {
    release();
    m_base = base;
    for (int n = 1; n <= kSlots; ++n) {
        const QString file = slotPath(base, n);
        if (QFileInfo::exists(file))
            continue; // another window's, running or not: an orphan is only ever recovered
        auto lock = makeLock(file);
        if (lock->tryLock(0)) {
            m_lock = std::move(lock);
            m_path = file;
            return;
        }
        if (lock->error() != QLockFile::LockFailedError)
            break; // a folder that takes no lock files
    }
    m_path = base; // no lock to be had: behave as a single window would
}

void AutosaveSlot::release() {
    m_lock.reset(); // unlocks and removes the lock file
    m_path.clear();
    m_base.clear();
}

QStringList AutosaveSlot::orphans() const {
    if (m_base.isEmpty())
        return {};
    std::vector<QFileInfo> found;
    for (int n = 1; n <= kSlots; ++n) {
        const QString file = slotPath(m_base, n);
        if (!QFileInfo::exists(file))
            continue;
        // Held by a running window (another process, or another document of this one)?
        if (file != m_path && !makeLock(file)->tryLock(0))
            continue; // the lock is released again at once
        found.emplace_back(file);
    }
    std::stable_sort(found.begin(), found.end(), [](const QFileInfo& a, const QFileInfo& b) {
        return a.lastModified() > b.lastModified();
    });
    QStringList out;
    for (const auto& f : found)
        out << f.filePath();
    return out;
}

} // namespace specedit::ui
