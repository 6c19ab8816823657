#include "io/NpzArchive.h"

#include "util/Error.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <unistd.h>

namespace specedit::core {
namespace {

namespace fs = std::filesystem;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

std::string lower(std::string s) {
    for (auto& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const char* kExpected = "a NumPy .npz archive (numpy.savez: a zip of .npy files)";

ArchivePtr openNpz(const std::string& path) {
    if (!fs::is_regular_file(path))
        throw Error(path, "does not exist or is not a file", "a matrix file");
    ArchivePtr a(archive_read_new(), &archive_read_free);
    archive_read_support_filter_none(a.get());
    archive_read_support_format_zip(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error(path, std::string("cannot be read: ") + archive_error_string(a.get()),
                    kExpected);
    return a;
}

// Walks the archive's .npy members; `visit` returns true to stop (its data then unread).
void forEachArray(const std::string& path, archive* a,
                  const std::function<bool(const std::string&)>& visit) {
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
        const std::string name = archive_entry_pathname(entry);
        if (archive_entry_filetype(entry) == AE_IFREG && lower(name).ends_with(".npy") &&
            visit(name.substr(0, name.size() - 4)))
            return;
    }
    if (status != ARCHIVE_EOF)
        throw Error(path, std::string("is damaged: ") + archive_error_string(a), kExpected);
}

std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// An axis or a parameter saved beside the spectrogram (np.savez(f=f, t=t, Zxx=Zxx), as
// scipy.signal.stft returns them; fs, hop, ...): not the data.
bool axisName(const std::string& name) {
    static const char* const kAxes[] = {
        "f",  "t",  "freq", "freqs", "frequency", "time",  "frequencies", "times",
        "fs", "sr", "rate", "hop",   "nfft",      "n_fft", "nperseg",     "window"};
    const std::string n = lower(name);
    return std::any_of(std::begin(kAxes), std::end(kAxes), [&](const char* a) { return n == a; });
}

std::vector<std::string> dataArrays(const std::vector<std::string>& names) {
    std::vector<std::string> data;
    std::copy_if(names.begin(), names.end(), std::back_inserter(data),
                 [](const std::string& n) { return !axisName(n); });
    return data;
}

// The array's name when none was given: the archive's only one besides its axes.
std::string onlyArray(const std::string& archive, const std::vector<std::string>& names) {
    const auto data = dataArrays(names);
    if (data.size() == 1)
        return data.front();
    if (names.empty())
        throw Error(archive, "holds no array (no .npy member)", kExpected);
    throw Error(archive,
                "holds " + std::to_string(names.size()) + " arrays (" + listed(names) + ")",
                "one of them named as FILE.npz:NAME, e.g. " + archive + ":" + names.front());
}

void copyData(const std::string& path, archive* a, int fd, const std::string& target) {
    char buffer[1 << 16];
    la_ssize_t n = 0;
    while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
        for (la_ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(fd, buffer + done, std::size_t(n - done));
            if (w <= 0)
                throw Error(target, "cannot be written", "free space in the temporary folder");
            done += w;
        }
    if (n < 0)
        throw Error(path, std::string("is damaged: ") + archive_error_string(a), kExpected);
}

bool magnitudeName(const std::string& name) {
    const std::string n = lower(name);
    return n.find("mag") != std::string::npos || n.find("abs") != std::string::npos ||
           n.find("amp") != std::string::npos || n == "s" || n == "m" || n == "a" ||
           n.starts_with("spec") || n == "stft";
}

bool phaseName(const std::string& name) {
    const std::string n = lower(name);
    return n.find("phase") != std::string::npos || n.find("angle") != std::string::npos ||
           n.find("arg") != std::string::npos || n == "p" || n == "ph" || n == "phi";
}

} // namespace

bool isNpzPath(const std::string& path) {
    const std::string p = lower(path);
    return p.ends_with(".npz") || p.find(".npz:") != std::string::npos;
}

NpzMember splitNpzPath(const std::string& path) {
    const std::size_t at = lower(path).rfind(".npz:");
    if (at == std::string::npos || fs::is_regular_file(path))
        return {path, ""};
    return {path.substr(0, at + 4), path.substr(at + 5)};
}

std::vector<std::string> npzArrays(const std::string& archive) {
    ArchivePtr a = openNpz(archive);
    std::vector<std::string> names;
    forEachArray(archive, a.get(), [&](const std::string& name) {
        names.push_back(name);
        return false;
    });
    return names;
}

NpzExtract::NpzExtract(const std::string& path) {
    const NpzMember member = splitNpzPath(path);
    const auto names = npzArrays(member.archive);
    const std::string name = member.name.empty() ? onlyArray(member.archive, names) : member.name;
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw Error(path, "names no array in " + member.archive,
                    "one of its arrays: " + listed(names));
    std::string target = (fs::temp_directory_path() / "specedit-npz-XXXXXX.npy").string();
    const int fd = ::mkstemps(target.data(), 4);
    if (fd < 0)
        throw Error(target, "cannot be created", "a writable temporary folder");
    m_path = target;
    ArchivePtr a = openNpz(member.archive);
    try {
        forEachArray(member.archive, a.get(), [&](const std::string& n) {
            if (n != name)
                return false;
            copyData(member.archive, a.get(), fd, target);
            return true;
        });
    } catch (...) {
        ::close(fd);
        fs::remove(m_path);
        throw;
    }
    ::close(fd);
}

NpzExtract::~NpzExtract() {
    std::error_code ec;
    fs::remove(m_path, ec);
}

std::optional<NpzPair> npzMagnitudeAndPhase(const std::string& archive) {
    if (!lower(archive).ends_with(".npz"))
        return std::nullopt;
    const auto names = dataArrays(npzArrays(archive));
    if (names.size() != 2)
        return std::nullopt;
    if (names[0] == "arr_0" && names[1] == "arr_1") // np.savez(file, magnitudes, phases)
        return NpzPair{archive + ":arr_0", archive + ":arr_1"};
    for (int m = 0; m < 2; ++m) {
        const std::string& mag = names[std::size_t(m)];
        const std::string& phase = names[std::size_t(1 - m)];
        if (magnitudeName(mag) && !phaseName(mag) && phaseName(phase) && !magnitudeName(phase))
            return NpzPair{archive + ":" + mag, archive + ":" + phase};
    }
    return std::nullopt;
}

} // namespace specedit::core
