#include "io/SigmfSource.h"

#include "io/RawIqSource.h"
#include "io/SndfileSource.h"
#include "util/Error.h"
#include "util/JsonParse.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

namespace specedit::core {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kTarBlock = 512;
constexpr std::uint64_t kMaxMetaBytes = 256ull << 20;

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool endsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           lowercase(text.substr(text.size() - suffix.size())) == suffix;
}

// Reads size bytes at offset of path. Throws Error naming the file.
std::string readRange(const std::string& path, std::uint64_t offset, std::uint64_t size) {
    if (size > kMaxMetaBytes)
        throw Error(path, "metadata of " + std::to_string(size) + " bytes is implausibly large",
                    "a SigMF metadata file under 256 MiB");
    std::ifstream in(fs::path(path), std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in || !in.read(text.data(), static_cast<std::streamsize>(size)))
        throw Error(path,
                    "cannot read " + std::to_string(size) + " bytes at offset " +
                        std::to_string(offset),
                    "a readable, complete file");
    return text;
}

std::string readWholeFile(const std::string& path) {
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec)
        throw Error(path, fs::exists(path) ? "cannot read file" : "file does not exist",
                    "a SigMF metadata file");
    return readRange(path, 0, size);
}

// ---- tar ---------------------------------------------------------------------------------

// A tar numeric field: octal ASCII (space or NUL terminated), or GNU base-256 when the
// first byte has its high bit set.
std::optional<std::uint64_t> tarNumber(const char* field, std::size_t length) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(field);
    std::uint64_t value = 0;
    if (bytes[0] & 0x80) {
        if (bytes[0] != 0x80) // 0xFF: negative; larger magnitudes do not fit 64 bits either
            return std::nullopt;
        for (std::size_t i = 1; i < length; ++i)
            value = value << 8 | bytes[i];
        return value;
    }
    std::size_t i = 0;
    while (i < length && (field[i] == ' ' || field[i] == '\0'))
        ++i;
    for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i)
        value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
    if (i < length && field[i] != ' ' && field[i] != '\0')
        return std::nullopt;
    return value;
}

bool tarChecksumOk(const std::array<char, kTarBlock>& block) {
    const auto stored = tarNumber(block.data() + 148, 8);
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < kTarBlock; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
    return stored && *stored == sum;
}

std::string tarString(const char* field, std::size_t length) {
    return std::string(field, std::find(field, field + length, '\0'));
}

struct TarHeader {
    std::string name;
    char type = '0';
    std::uint64_t size = 0;
};

// Checks and decodes one 512-byte header block found at offset pos of path.
TarHeader parseTarHeader(const std::array<char, kTarBlock>& block, const std::string& path,
                         std::uint64_t pos) {
    if (pos == 0 && static_cast<unsigned char>(block[0]) == 0x1F &&
        static_cast<unsigned char>(block[1]) == 0x8B)
        throw Error(path, "archive is gzip-compressed", "an uncompressed tar (gunzip it first)");
    const auto size = tarNumber(block.data() + 124, 12);
    if (!tarChecksumOk(block) || !size)
        throw Error(path, "corrupt tar header at offset " + std::to_string(pos),
                    "an uncompressed POSIX tar archive (.sigmf)");
    TarHeader header{tarString(block.data(), 100), block[156], *size};
    const std::string prefix = tarString(block.data() + 345, 155);
    if (std::string_view(block.data() + 257, 5) == "ustar" && !prefix.empty())
        header.name = prefix + "/" + header.name;
    return header;
}

// What pax or GNU long-name headers say about the member that follows them.
struct NextMember {
    std::string name;
    std::uint64_t size = 0;
    bool hasSize = false;
};

// Applies the "path" and "size" records of a pax extended header ("<len> <key>=<value>\n").
void applyPax(const std::string& records, NextMember& next) {
    for (std::size_t pos = 0; pos < records.size();) {
        const std::size_t space = records.find(' ', pos);
        const std::size_t length = std::strtoull(records.c_str() + pos, nullptr, 10);
        if (space == std::string::npos || length == 0 || pos + length > records.size())
            return;
        const std::string record = records.substr(space + 1, pos + length - space - 2);
        const std::size_t eq = record.find('=');
        if (record.substr(0, eq) == "path") {
            next.name = record.substr(eq + 1);
        } else if (record.substr(0, eq) == "size") {
            next.size = std::strtoull(record.c_str() + eq + 1, nullptr, 10);
            next.hasSize = true;
        }
        pos += length;
    }
}

// ---- metadata ----------------------------------------------------------------------------

struct MetaInfo {
    json doc;
    RawLayout layout;
    std::string datatype;
    double sampleRate = 0;
    std::optional<double> centerFrequency;
    std::string startTime;
    std::optional<std::string> dataset;
    std::int64_t trailingBytes = 0;
    std::string metaPath; // the metadata file (or the archive holding it)
};

std::optional<std::int64_t> byteCount(const json& object, const char* key,
                                      const std::string& metaPath) {
    if (!object.is_object() || !object.contains(key))
        return std::nullopt;
    const json& v = object[key];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
        throw Error(metaPath, std::string(key) + " is " + v.dump(), "a byte count >= 0");
    return v.get<std::int64_t>();
}

void readCaptures(const json& captures, const std::string& metaPath, const OpenOptions& options,
                  MetaInfo& meta) {
    if (!captures.is_array() || captures.empty()) {
        meta.centerFrequency = options.centerFrequency;
        return;
    }
    const json& first = captures[0];
    if (first.is_object() && first.contains("core:frequency") &&
        first["core:frequency"].is_number())
        meta.centerFrequency = first["core:frequency"].get<double>();
    if (options.centerFrequency)
        meta.centerFrequency = options.centerFrequency;
    if (first.is_object() && first.contains("core:datetime") && first["core:datetime"].is_string())
        meta.startTime = first["core:datetime"].get<std::string>();
    meta.layout.headerBytes = byteCount(first, "core:header_bytes", metaPath).value_or(0);
    for (std::size_t i = 1; i < captures.size(); ++i) {
        if (byteCount(captures[i], "core:header_bytes", metaPath).value_or(0) != 0)
            throw Error(metaPath,
                        "captures[" + std::to_string(i) +
                            "] has core:header_bytes: headers between captures are not supported",
                        "core:header_bytes in the first capture only");
    }
}

MetaInfo interpretMeta(const std::string& text, const std::string& metaPath,
                       const OpenOptions& options) {
    MetaInfo meta;
    meta.metaPath = metaPath;
    meta.doc = parseJson(text, metaPath, "a SigMF JSON metadata document");
    const json global = meta.doc.is_object() ? meta.doc.value("global", json()) : json();
    if (!global.is_object())
        throw Error(metaPath, "metadata has no \"global\" object", "a SigMF metadata document");
    if (global.contains("core:num_channels") &&
        !(global["core:num_channels"].is_number_integer() && global["core:num_channels"] == 1))
        throw Error(metaPath, "core:num_channels is " + global["core:num_channels"].dump(),
                    "one channel (multi-channel SigMF recordings are not supported yet)");
    if (!global.contains("core:datatype") || !global["core:datatype"].is_string())
        throw Error(metaPath, "metadata has no core:datatype",
                    "\"core:datatype\": \"cf32_le\" etc.");
    meta.datatype = global["core:datatype"].get<std::string>();
    const auto layout = rawLayoutFromName(meta.datatype);
    if (!layout)
        throw Error(metaPath, "unknown core:datatype \"" + meta.datatype + "\"",
                    "one of " + acceptedRawFormatNames());
    meta.layout = *layout;
    const json rate = global.value("core:sample_rate", json());
    if (options.sampleRate)
        meta.sampleRate = *options.sampleRate;
    else if (rate.is_number() && rate.get<double>() > 0)
        meta.sampleRate = rate.get<double>();
    else
        throw Error(metaPath,
                    rate.is_null() ? "metadata has no core:sample_rate"
                                   : "core:sample_rate is " + rate.dump(),
                    "a positive core:sample_rate in Hz (or --rate)");
    if (global.contains("core:dataset") && global["core:dataset"].is_string())
        meta.dataset = global["core:dataset"].get<std::string>();
    meta.trailingBytes = byteCount(global, "core:trailing_bytes", metaPath).value_or(0);
    readCaptures(meta.doc.value("captures", json()), metaPath, options, meta);
    return meta;
}

void decorate(SignalInfo& info, const MetaInfo& meta, const OpenOptions& options) {
    info.container = Container::Sigmf;
    info.metadataOrigin = "sigmf";
    info.origins = {"SigMF", options.sampleRate ? "user" : "SigMF",
                    options.centerFrequency ? "user" : (meta.centerFrequency ? "SigMF" : ""),
                    "SigMF"};
    info.sigmfMeta = meta.doc;
    info.startTime = meta.startTime;
    if (std::find(info.files.begin(), info.files.end(), meta.metaPath) == info.files.end())
        info.files.push_back(meta.metaPath);
}

// Raw samples at [offset, offset + size) of dataPath (size unset: to the end of the file).
std::unique_ptr<SampleSource> openRaw(const std::string& dataPath, const MetaInfo& meta,
                                      std::uint64_t offset, std::optional<std::uint64_t> size,
                                      const OpenOptions& options) {
    RawLayout layout = meta.layout;
    layout.headerBytes = static_cast<std::int64_t>(offset) + meta.layout.headerBytes;
    if (!size && meta.trailingBytes > 0) {
        std::error_code ec;
        size = fs::file_size(dataPath, ec);
    }
    if (size) {
        const std::int64_t payload =
            static_cast<std::int64_t>(*size) - meta.layout.headerBytes - meta.trailingBytes;
        layout.payloadBytes = std::max<std::int64_t>(payload, 0);
    }
    auto source = std::make_unique<RawIqSource>(dataPath, layout, meta.sampleRate,
                                                meta.centerFrequency, options.swapIq);
    decorate(source->mutableInfo(), meta, options);
    return source;
}

bool isSoundFile(const std::string& path) {
    for (const char* ext : {".wav", ".rf64", ".bw64", ".w64", ".flac", ".aif", ".aiff"}) {
        if (endsWith(path, ext))
            return true;
    }
    return false;
}

std::unique_ptr<SampleSource> openSoundDataset(const std::string& dataPath, const MetaInfo& meta,
                                               const OpenOptions& options) {
    auto source = std::make_unique<SndfileSource>(dataPath);
    SignalInfo& info = source->mutableInfo();
    if (meta.layout.isComplex) {
        if (info.channels != 2)
            throw Error(dataPath,
                        "has " + std::to_string(info.channels) + " channels but core:datatype " +
                            meta.datatype + " is complex",
                        "2 channels (I and Q)");
        info.kind = SignalKind::Iq;
        info.centerFrequency = meta.centerFrequency;
        info.iqSwapped = options.swapIq;
        source->setSwapFirstTwoChannels(options.swapIq);
    }
    info.sampleRate = meta.sampleRate;
    decorate(info, meta, options);
    return source;
}

std::unique_ptr<SampleSource> openArchive(const std::string& path, const OpenOptions& options) {
    const std::vector<TarMember> members = listTarMembers(path);
    const auto meta = std::find_if(members.begin(), members.end(), [](const TarMember& m) {
        return endsWith(m.name, ".sigmf-meta");
    });
    if (meta == members.end())
        throw Error(path, "archive holds no .sigmf-meta member",
                    "a SigMF archive with <name>/<name>.sigmf-meta and .sigmf-data");
    // The data member beside the meta member, or else the archive's only data member.
    const std::string stem = meta->name.substr(0, meta->name.size() - 11);
    const auto isData = [](const TarMember& m) { return endsWith(m.name, ".sigmf-data"); };
    auto data = std::find_if(members.begin(), members.end(),
                             [&](const TarMember& m) { return m.name == stem + ".sigmf-data"; });
    if (data == members.end() && std::count_if(members.begin(), members.end(), isData) == 1)
        data = std::find_if(members.begin(), members.end(), isData);
    if (data == members.end())
        throw Error(path, "archive holds no .sigmf-data member for " + meta->name,
                    stem + ".sigmf-data in the archive");
    const MetaInfo info =
        interpretMeta(readRange(path, meta->offset, meta->size), path + ":" + meta->name, options);
    return openRaw(path, info, data->offset, data->size, options);
}

} // namespace

bool isSigmfPath(const std::string& path) {
    return endsWith(path, ".sigmf-meta") || endsWith(path, ".sigmf-data") ||
           endsWith(path, ".sigmf");
}

std::vector<TarMember> listTarMembers(const std::string& path) {
    std::error_code ec;
    const std::uint64_t fileSize = fs::file_size(path, ec);
    std::ifstream in(fs::path(path), std::ios::binary);
    if (ec || !in)
        throw Error(path, fs::exists(path) ? "cannot read file" : "file does not exist",
                    "a SigMF archive (.sigmf)");
    std::vector<TarMember> members;
    NextMember next;
    std::array<char, kTarBlock> block{};
    for (std::uint64_t pos = 0; pos + kTarBlock <= fileSize;) {
        in.seekg(static_cast<std::streamoff>(pos));
        if (!in.read(block.data(), kTarBlock))
            throw Error(path, "read error at offset " + std::to_string(pos), "a readable file");
        if (std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; }))
            break; // end-of-archive marker
        TarHeader header = parseTarHeader(block, path, pos);
        header.size = next.hasSize ? next.size : header.size;
        const std::uint64_t dataOffset = pos + kTarBlock;
        if (header.size > fileSize - dataOffset) // no addition: a crafted size must not wrap
            throw Error(path,
                        "member \"" + header.name + "\" (" + std::to_string(header.size) +
                            " bytes) reaches past the end of the archive",
                        "a complete archive (was it cut short?)");
        if (header.type == 'x' || header.type == 'L') {
            const std::string content = readRange(path, dataOffset, header.size);
            if (header.type == 'x')
                applyPax(content, next);
            else
                next.name = tarString(content.data(), content.size());
        } else {
            if (header.type == '0' || header.type == '\0' || header.type == '7')
                members.push_back(
                    {next.name.empty() ? header.name : next.name, dataOffset, header.size});
            next = NextMember();
        }
        pos = dataOffset + (header.size + kTarBlock - 1) / kTarBlock * kTarBlock;
    }
    return members;
}

std::unique_ptr<SampleSource> openSigmf(const std::string& path, const OpenOptions& options) {
    if (endsWith(path, ".sigmf"))
        return openArchive(path, options);
    const bool givenData = endsWith(path, ".sigmf-data");
    if (!givenData && !endsWith(path, ".sigmf-meta"))
        throw Error(path, "is not a SigMF file", ".sigmf-meta, .sigmf-data or .sigmf");
    const std::string base = path.substr(0, path.size() - 11);
    const std::string metaPath = base + ".sigmf-meta";
    if (givenData && !fs::exists(metaPath))
        throw Error(path, "no SigMF metadata beside the data file", metaPath);
    const MetaInfo meta = interpretMeta(readWholeFile(metaPath), metaPath, options);
    std::string dataPath = base + ".sigmf-data";
    if (meta.dataset) {
        const fs::path dataset(*meta.dataset);
        dataPath = dataset.is_absolute() ? dataset.string()
                                         : (fs::path(metaPath).parent_path() / dataset).string();
    }
    if (!fs::exists(dataPath))
        throw Error(dataPath, "SigMF data file does not exist",
                    "the dataset of " + metaPath + " beside it");
    if (isSoundFile(dataPath))
        return openSoundDataset(dataPath, meta, options);
    return openRaw(dataPath, meta, 0, std::nullopt, options);
}

} // namespace specedit::core
