#pragma once
// What an earlier export left in a clip folder, for the labels about to be exported: clips
// the new export writes over, and clips of the same labels under another class (the label's
// class changed since), which would leave a label with two clips. The editor asks before
// either; the CLI warns, and removes the stale ones when told to (--replace).

#include "apply/BurstClips.h"

#include <filesystem>
#include <string>
#include <vector>

namespace specedit::core {

struct ClipFolderState {
    std::vector<std::string> same;  // clip names (no extension) this export writes over
    std::vector<std::string> stale; // earlier clips of these labels under another class
    std::vector<std::filesystem::path> staleFiles; // their files (a SigMF clip's data too)
};

// The label id a clip's file name (without extension) ends with ("FSK_3" -> 3), or 0.
std::uint64_t clipLabelId(const std::string& stem);

// Scans options.folder (nothing when it does not exist yet); names sorted.
ClipFolderState clipFolderState(const BurstClipOptions& options, const SignalInfo& info,
                                const std::vector<Label>& labels);

// Removes the stale clips' files; returns those that could not be removed.
std::vector<std::filesystem::path> removeStaleClips(const ClipFolderState& state);

// "a, b, c, …": the first `most` names, for a message.
std::string someClipNames(const std::vector<std::string>& names, std::size_t most = 3);

} // namespace specedit::core
