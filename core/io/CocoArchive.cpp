#include "io/CocoArchive.h"

#include "io/AtomicFile.h"
#include "util/Error.h"

#include <archive.h>
#include <archive_entry.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <vector>

namespace specedit::core {
namespace {

namespace fs = std::filesystem;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

ArchivePtr openArchive(const std::string& path) {
    ArchivePtr a(archive_read_new(), &archive_read_free);
    archive_read_support_filter_bzip2(a.get());
    archive_read_support_filter_none(a.get());
    archive_read_support_format_tar(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error(path,
                    std::string("cannot open as a .coco archive: ") + archive_error_string(a.get()),
                    "a bzip2-compressed tar written by Universal Radio Hacker");
    return a;
}

struct Member {
    std::string name;
    std::int64_t size = 0;
};

// The only regular file in the archive (reads the headers, skipping the data).
Member onlyMember(const std::string& path) {
    ArchivePtr a = openArchive(path);
    std::vector<Member> members;
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK)
        if (archive_entry_filetype(entry) == AE_IFREG)
            members.push_back({fs::path(archive_entry_pathname(entry)).filename().string(),
                               archive_entry_size(entry)});
    if (status != ARCHIVE_EOF)
        throw Error(path, std::string("damaged .coco archive: ") + archive_error_string(a.get()),
                    "a complete bzip2-compressed tar");
    if (members.size() != 1)
        throw Error(path, "the archive holds " + std::to_string(members.size()) + " files",
                    "exactly one sample file, as Universal Radio Hacker writes");
    return members.front();
}

void extractTo(const std::string& path, const std::string& target) {
    ArchivePtr a = openArchive(path);
    archive_entry* entry = nullptr;
    while (archive_read_next_header(a.get(), &entry) == ARCHIVE_OK) {
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        AtomicFile file(target);
        {
            std::ofstream out(file.tempPath(), std::ios::binary | std::ios::trunc);
            std::vector<char> buffer(1 << 20);
            la_ssize_t n = 0;
            while ((n = archive_read_data(a.get(), buffer.data(), buffer.size())) > 0)
                out.write(buffer.data(), n);
            if (n < 0)
                throw Error(path,
                            std::string("damaged .coco archive: ") + archive_error_string(a.get()),
                            "a complete bzip2-compressed tar");
            if (!out.flush())
                throw Error(target, "cannot write the unpacked samples", "free space in the cache");
        }
        file.commit();
        return;
    }
}

std::string cacheName(const std::string& archive, const Member& member) {
    const fs::path abs = fs::absolute(archive);
    const auto stamp = fs::last_write_time(abs).time_since_epoch().count();
    const std::string key =
        abs.string() + '|' + std::to_string(fs::file_size(abs)) + '|' + std::to_string(stamp);
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(key));
    return std::string(hash) + "_" + member.name;
}

} // namespace

bool isCocoPath(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    for (auto& c : ext)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".coco";
}

std::string defaultCacheDir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "specedit").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".cache" / "specedit").string();
    return (fs::temp_directory_path() / "specedit-cache").string();
}

UnpackedCoco unpackCoco(const std::string& archive, const std::string& cacheDir) {
    if (!fs::exists(archive))
        throw Error(archive, "file does not exist", "an existing recording");
    const Member member = onlyMember(archive);
    std::error_code ec;
    fs::create_directories(cacheDir, ec);
    if (ec)
        throw Error(cacheDir, "cannot create the cache folder: " + ec.message(),
                    "a writable cache folder for unpacked .coco recordings");
    const std::string target = (fs::path(cacheDir) / cacheName(archive, member)).string();
    if (!fs::exists(target) || std::int64_t(fs::file_size(target)) != member.size)
        extractTo(archive, target);
    return {target, member.name};
}

} // namespace specedit::core
