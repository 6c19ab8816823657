#pragma once
// Universal Radio Hacker's compressed recordings (.coco): a bzip2-compressed tar holding one
// sample file (URH writes its .complex, complex float32). Read with libarchive, unpacked once
// into a cache folder and then read like any raw file: the recording itself is never changed.

#include <string>

namespace specedit::core {

struct UnpackedCoco {
    std::string path;       // the unpacked samples in the cache folder
    std::string memberName; // the member's name inside the archive, e.g. "burst_2MSps.complex"
};

// Unpacks the archive's only regular file into cacheDir (created if missing), named by a hash
// of the archive's absolute path, size and modification time plus the member's name; a file
// already there with the member's size is reused. Written atomically. Throws Error (naming the
// archive) for a damaged or non-bzip2/tar archive, no regular member, or more than one.
// Any thread.
UnpackedCoco unpackCoco(const std::string& archive, const std::string& cacheDir);

// $XDG_CACHE_HOME/specedit, else $HOME/.cache/specedit, else the system temp folder.
std::string defaultCacheDir();

bool isCocoPath(const std::string& path);

} // namespace specedit::core
