#include "apply/ClipFolder.h"

#include <algorithm>
#include <map>

namespace specedit::core {

namespace fs = std::filesystem;

std::uint64_t clipLabelId(const std::string& stem) {
    const auto underscore = stem.rfind('_');
    if (underscore == std::string::npos || underscore + 1 == stem.size() ||
        stem.size() - underscore > 19 || // more digits than an id has
        stem.find_first_not_of("0123456789", underscore + 1) != std::string::npos)
        return 0;
    return std::stoull(stem.substr(underscore + 1));
}

ClipFolderState clipFolderState(const BurstClipOptions& options, const SignalInfo& info,
                                const std::vector<Label>& labels) {
    ClipFolderState state;
    std::map<std::uint64_t, std::string> names; // id -> the clip's file name
    for (const auto& l : labels)
        names[l.id] = fs::path(clipPath(options, info, l)).filename().string();
    std::string ext = "."; // (not "." + ...: GCC 12 warns of an overlap that is not there)
    ext += options.extension.empty() ? defaultClipExtension(info) : options.extension;
    std::error_code error; // a folder not there yet holds nothing
    for (const auto& entry : fs::directory_iterator(options.folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.size() <= ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext))
            continue;
        // Named without the extension: "unlabeled_1.sigmf-meta" broke at its hyphen.
        const std::string stem = name.substr(0, name.size() - ext.size());
        const auto it = names.find(clipLabelId(stem));
        if (it == names.end())
            continue;
        if (it->second == name) {
            state.same.push_back(stem);
            continue;
        }
        state.stale.push_back(stem);
        state.staleFiles.push_back(entry.path());
        if (ext == ".sigmf-meta") // and its samples
            state.staleFiles.push_back(fs::path(entry.path()).replace_extension(".sigmf-data"));
    }
    std::sort(state.same.begin(), state.same.end());
    std::sort(state.stale.begin(), state.stale.end());
    return state;
}

std::vector<fs::path> removeStaleClips(const ClipFolderState& state) {
    std::vector<fs::path> left;
    for (const auto& file : state.staleFiles) {
        std::error_code error;
        fs::remove(file, error); // false without an error when it is not there
        if (error)
            left.push_back(file);
    }
    return left;
}

std::string someClipNames(const std::vector<std::string>& names, std::size_t most) {
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < most; ++i)
        text.append(i ? ", " : "").append(names[i]);
    if (names.size() > most)
        text += ", …";
    return text;
}

} // namespace specedit::core
