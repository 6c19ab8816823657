#pragma once
// Atomic file replacement: write to a temporary file in the target's directory, then rename
// over the target. A writer that fails or is cancelled destroys the AtomicFile without
// commit() and no partial file is left behind.

#include <string>

namespace specedit::core {

class AtomicFile {
public:
    // Creates a unique empty temporary file beside target. Throws Error if the directory is
    // not writable.
    explicit AtomicFile(std::string target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& target() const { return m_target; }
    // Where the writer writes; it may reopen this path for writing.
    const std::string& tempPath() const { return m_temp; }
    // Flushes the temporary file to disk and renames it over the target. Throws Error.
    void commit();

private:
    std::string m_target;
    std::string m_temp;
    bool m_committed = false;
};

// Writes `contents` to `target` through an AtomicFile. Throws Error naming the file.
void writeFileAtomically(const std::string& target, const std::string& contents);

// Throws the Error an AtomicFile for `target` would (no folder, not writable, a directory),
// before a long run rather than after it; leaves nothing behind.
void requireWritable(const std::string& target);

// Throws Error if writing `target` would overwrite `source` (same file, also through links).
void refuseToOverwrite(const std::string& target, const std::string& source);

} // namespace specedit::core
