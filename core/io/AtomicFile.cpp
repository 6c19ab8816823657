#include "io/AtomicFile.h"

#include "util/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace specedit::core {

AtomicFile::AtomicFile(std::string target) : m_target(std::move(target)) {
    namespace fs = std::filesystem;
    const fs::path t(m_target);
    if (std::error_code ec; fs::is_directory(t, ec))
        throw Error(m_target, "is a directory", "a file path to write");
    fs::path dir = t.parent_path();
    if (dir.empty())
        dir = ".";
    if (std::error_code ec; !fs::is_directory(dir, ec))
        throw Error(m_target, "its folder " + dir.string() + " does not exist",
                    "a path in an existing folder");
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "." + std::string.
    std::string name(1, '.');
    name.append(t.filename().string()).append(".tmp-XXXXXX");
    const std::string pattern = (dir / name).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = ::mkstemp(buf.data());
    if (fd < 0)
        throw Error(m_target,
                    std::string("cannot create a file in its folder: ") + std::strerror(errno),
                    "a writable folder");
    // mkstemp creates 0600; give the file the mode a plain open() would: the existing
    // target's, or 0666 less the umask.
    struct stat st {};
    mode_t mode = 0;
    if (::stat(m_target.c_str(), &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    ::fchmod(fd, mode);
    ::close(fd);
    m_temp = buf.data();
}

AtomicFile::~AtomicFile() {
    if (!m_committed)
        ::unlink(m_temp.c_str());
}

namespace {

// fsync of a file or folder; false with errno set when the data may not be on disk.
bool syncPath(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
}

} // namespace

// The data reaches the disk before the rename, and the rename before commit returns (the
// folder is synced): after a crash the target is either the old file or the whole new one.
void AtomicFile::commit() {
    if (!syncPath(m_temp, O_RDONLY))
        throw Error(m_target, std::string("could not be written: ") + std::strerror(errno),
                    "free disk space and a working disk");
    if (std::rename(m_temp.c_str(), m_target.c_str()) != 0)
        throw Error(m_target, std::string("cannot replace the file: ") + std::strerror(errno),
                    "a writable target");
    m_committed = true;
    std::filesystem::path dir = std::filesystem::path(m_target).parent_path();
    syncPath(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);
}

void writeFileAtomically(const std::string& target, const std::string& contents) {
    AtomicFile file(target);
    {
        std::ofstream out(file.tempPath(), std::ios::trunc | std::ios::binary);
        out << contents;
        if (!out.flush())
            throw Error(target, "could not be written", "free disk space and write permission");
    }
    file.commit();
}

void requireWritable(const std::string& target) {
    const AtomicFile probe(target); // its destructor removes the empty temporary file
}

void refuseToOverwrite(const std::string& target, const std::string& source) {
    std::error_code ec;
    if (std::filesystem::equivalent(target, source, ec) && !ec)
        throw Error(target, "is the source recording; SpecEdit never modifies its source",
                    "a different output path");
}

} // namespace specedit::core
