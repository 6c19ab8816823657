#pragma once
// Where one window autosaves. Several windows (SpecEdit processes) may have the same project
// or recording open; each claims its own file: the first of BASE, BASE-2 … BASE-9 (the number
// before ".specedit.json" when BASE ends so) that does not exist and whose lock no running
// window holds. The lock is
// a QLockFile (.NAME.lock beside the file) kept while the document is open; a window that dies
// leaves a stale lock (its process is gone), so its autosave becomes an orphan that the next
// window to open the same project finds and offers to recover. Nothing is written twice over.

#include <QString>
#include <QStringList>
#include <memory>

class QLockFile;

namespace specedit::ui {

class AutosaveSlot {
public:
    AutosaveSlot();
    ~AutosaveSlot();
    AutosaveSlot(const AutosaveSlot&) = delete;
    AutosaveSlot& operator=(const AutosaveSlot&) = delete;

    static constexpr int kSlots = 9;

    // Releases the slot held, then claims the first free slot for base. When no lock can be
    // made (every slot taken, or a folder that refuses lock files) the slot is BASE, unlocked.
    void claim(const QString& base);
    void release();
    // The claimed file; empty before claim().
    QString path() const { return m_path; }
    QString base() const { return m_base; }

    // Every autosave of base that exists and that no running window holds (this one's own
    // slot included), the most recently written first.
    QStringList orphans() const;

    // The n-th slot (1: base itself).
    static QString slotPath(const QString& base, int n);

private:
    QString m_base;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace specedit::ui
