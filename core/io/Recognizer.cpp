#include "io/Recognizer.h"

#include "io/FilenameMetadata.h"
#include "util/Error.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace specedit::core {
namespace {

std::string extensionOf(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

// Sound-file signatures libsndfile reads, by their first four bytes.
const char* soundContainer(const char* head, std::size_t n) {
    static constexpr std::array<std::pair<const char*, const char*>, 9> kMagic{{
        {"RIFF", "WAV"},
        {"RIFX", "WAV"},
        {"RF64", "RF64"},
        {"BW64", "RF64"},
        {"riff", "W64"},
        {"FORM", "AIFF"},
        {"fLaC", "FLAC"},
        {"OggS", "Ogg"},
        {".snd", "AU"},
    }};
    if (n < 4)
        return nullptr;
    for (const auto& [magic, name] : kMagic)
        if (std::memcmp(head, magic, 4) == 0)
            return name;
    return nullptr;
}

bool looksLikeText(const char* head, std::size_t n) {
    if (n == 0)
        return false;
    return std::all_of(head, head + n, [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\n' || u == '\r' || u == '\t' || (u >= 32 && u != 127);
    });
}

} // namespace

HeaderEvidence sniffHeader(const std::string& path) {
    HeaderEvidence e;
    std::error_code ec;
    e.size = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error(path, "cannot be read: " + ec.message(), "a readable file");
    if (e.size == 0) {
        e.kind = HeaderEvidence::Kind::Empty;
        return e;
    }
    std::ifstream in(path, std::ios::binary);
    std::array<char, 512> head{};
    in.read(head.data(), head.size());
    const auto n = static_cast<std::size_t>(in.gcount());
    if (const char* container = soundContainer(head.data(), n)) {
        e.kind = HeaderEvidence::Kind::SoundFile;
        e.container = container;
    } else if (n >= 6 && std::memcmp(head.data(), "\x93NUMPY", 6) == 0) {
        e.kind = HeaderEvidence::Kind::Npy;
    } else if (extensionOf(path) == ".sdriq") {
        e.kind = HeaderEvidence::Kind::Sdriq;
    } else if (looksLikeText(head.data(), n)) {
        e.kind = HeaderEvidence::Kind::Text;
        e.textStart.assign(head.data(), std::min<std::size_t>(n, 40));
        std::replace_if(
            e.textStart.begin(), e.textStart.end(), [](char c) { return c == '\n' || c == '\r'; },
            ' ');
    }
    return e;
}

bool isNpyFile(const std::string& path) {
    try {
        return sniffHeader(path).kind == HeaderEvidence::Kind::Npy;
    } catch (const Error&) {
        return false;
    }
}

bool hasSoundExtension(const std::string& path) {
    static const char* kSound[] = {".wav",  ".wave", ".flac", ".ogg",  ".oga", ".aif",
                                   ".aiff", ".aifc", ".w64",  ".rf64", ".au",  ".snd"};
    const std::string ext = extensionOf(path);
    return std::any_of(std::begin(kSound), std::end(kSound),
                       [&](const char* s) { return ext == s; });
}

bool hasGenericRawExtension(const std::string& path) {
    const std::string ext = extensionOf(path);
    return ext == ".raw" || ext == ".iq" || ext == ".bin" || ext == ".dat";
}

RawRecognition recognizeRaw(const std::string& path, const OpenOptions& options) {
    RawRecognition r;
    const FilenameHints hints = parseRecorderFilename(path);
    if (options.rawFormat) {
        r.layout = {rawLayoutFromName(*options.rawFormat), "user"};
        if (!r.layout.value)
            throw Error("--format", "unknown raw sample format '" + *options.rawFormat + "'",
                        acceptedRawFormatNames());
    } else if (!hints.sampleFormat.empty()) {
        r.layout = {rawLayoutFromName(hints.sampleFormat), "file name"};
    } else if (auto layout = rawLayoutFromExtension(path)) {
        r.layout = {layout, "extension"};
    }
    if (options.sampleRate)
        r.sampleRate = {options.sampleRate, "user"};
    else if (hints.sampleRate)
        r.sampleRate = {hints.sampleRate, "file name"};
    if (options.centerFrequency)
        r.centerFrequency = {options.centerFrequency, "user"};
    else if (hints.centerFrequency)
        r.centerFrequency = {hints.centerFrequency, "file name"};
    r.startTime = hints.startTime;
    return r;
}

std::string soundFileIqReason(int channels, double sampleRate, const OpenOptions& options,
                              bool hasAuxi) {
    if (options.forceAudio)
        return {};
    if (options.forceIq)
        return "user";
    if (hasAuxi)
        return "auxi";
    if (channels == 2 && sampleRate > kHighestAudioRate)
        return "rate above 384 kHz";
    return {};
}

void describeUnreadable(const std::string& path, const HeaderEvidence& header,
                        const std::string& soundFileReason) {
    using Kind = HeaderEvidence::Kind;
    switch (header.kind) {
    case Kind::Empty:
        throw Error(path, "the file is empty (0 bytes)", "a recording");
    case Kind::SoundFile: {
        std::string reason = soundFileReason; // libsndfile's ends with a full stop
        while (!reason.empty() && (reason.back() == '.' || reason.back() == ' '))
            reason.pop_back();
        throw Error(path,
                    "damaged " + header.container + " file: " + reason +
                        ", as when a recorder stops abruptly",
                    "a complete recording");
    }
    case Kind::Text:
        throw Error(path, "holds text, not a recording (it begins \"" + header.textStart + "\")",
                    "a sound file, SigMF or raw samples");
    case Kind::Sdriq:
    case Kind::Npy:
    case Kind::Binary:
        break;
    }
    if (hasSoundExtension(path))
        throw Error(path,
                    "is named " + extensionOf(path) + " but has no sound-file header (" +
                        soundFileReason + ")",
                    "a sound file, or raw samples under a raw name (.raw, .cf32, ...)");
    throw Error(ErrorKind::NeedsRawParameters, path,
                "unknown format: no sound-file header, and neither the extension nor the name "
                "gives a sample type",
                "the sample type and rate of its raw samples");
}

} // namespace specedit::core
