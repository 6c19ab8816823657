#include "io/RiffChunks.h"

#include "util/Error.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>

namespace specedit::core {
namespace {

constexpr std::uint32_t kSize32Unknown = 0xFFFFFFFF;

std::uint32_t le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
           std::uint32_t{p[3]} << 24;
}

std::uint64_t le64(const std::uint8_t* p) {
    return le32(p) | std::uint64_t{le32(p + 4)} << 32;
}

// Opens path for binary reading; returns its size. Throws Error naming the file.
std::uint64_t openBinary(const std::string& path, std::ifstream& in) {
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (!ec)
        in.open(std::filesystem::path(path), std::ios::binary);
    if (ec || !in)
        throw Error(path,
                    std::filesystem::exists(path) ? "cannot open file" : "file does not exist",
                    "a readable WAV file");
    return size;
}

// Reads the 12-byte RIFF/RF64/BW64 "WAVE" header; false if the file is not one. riffEnd is
// where the RIFF body ends (the file size when the header does not say).
bool readWaveHeader(std::ifstream& in, std::uint64_t fileSize, bool& is64, std::uint64_t& riffEnd) {
    std::array<char, 12> head{};
    if (fileSize < head.size() || !in.read(head.data(), head.size()))
        return false;
    const std::string_view magic(head.data(), 4);
    is64 = magic == "RF64" || magic == "BW64";
    if ((!is64 && magic != "RIFF") || std::string_view(head.data() + 8, 4) != "WAVE")
        return false;
    const std::uint32_t riffSize = le32(reinterpret_cast<const std::uint8_t*>(head.data() + 4));
    riffEnd = is64 || riffSize == kSize32Unknown ? fileSize : riffSize + 8ull;
    return true;
}

// Reads a ds64 payload (EBU Tech 3306: riffSize, dataSize, sampleCount as uint64, then a
// table of {id, uint64 size}) at the stream position into sizes.
void readDs64(std::ifstream& in, std::uint64_t size, std::map<std::string, std::uint64_t>& sizes) {
    constexpr std::uint64_t kMaxTable = 64;
    std::vector<std::uint8_t> ds(static_cast<std::size_t>(std::min(size, 28 + 12 * kMaxTable)));
    if (ds.size() < 16 ||
        !in.read(reinterpret_cast<char*>(ds.data()), static_cast<std::streamsize>(ds.size())))
        return;
    sizes["data"] = le64(ds.data() + 8);
    const std::size_t entries = ds.size() >= 28 ? le32(ds.data() + 24) : 0;
    for (std::size_t i = 0; i < entries && 28 + 12 * (i + 1) <= ds.size(); ++i) {
        const std::uint8_t* e = ds.data() + 28 + 12 * i;
        sizes[std::string(reinterpret_cast<const char*>(e), 4)] = le64(e + 4);
    }
}

} // namespace

std::vector<RiffChunk> scanRiffChunks(const std::string& path) {
    std::ifstream in;
    const std::uint64_t fileSize = openBinary(path, in);
    bool is64 = false;
    std::uint64_t riffEnd = 0;
    if (!readWaveHeader(in, fileSize, is64, riffEnd))
        return {};
    std::vector<RiffChunk> chunks;
    std::map<std::string, std::uint64_t> sizes64; // from ds64: "data" and its table entries
    for (std::uint64_t pos = 12; pos < fileSize;) {
        std::array<char, 8> header{};
        if (fileSize - pos < header.size()) {
            if (pos < riffEnd)
                throw Error(path,
                            "chunk header at offset " + std::to_string(pos) + " is cut off (" +
                                std::to_string(fileSize - pos) + " bytes left)",
                            "a complete 8-byte chunk header (is the file truncated?)");
            break;
        }
        in.seekg(static_cast<std::streamoff>(pos));
        if (!in.read(header.data(), header.size()))
            throw Error(path, "read error at offset " + std::to_string(pos), "a readable file");
        RiffChunk chunk{std::string(header.data(), 4), pos + 8,
                        le32(reinterpret_cast<const std::uint8_t*>(header.data() + 4))};
        const bool printable = std::all_of(chunk.id.begin(), chunk.id.end(),
                                           [](char c) { return c >= 0x20 && c < 0x7F; });
        if (pos >= riffEnd && !printable)
            break; // trailing junk after the RIFF body
        if (is64 && chunk.size == kSize32Unknown) {
            const auto it = sizes64.find(chunk.id);
            chunk.size = it != sizes64.end() ? it->second : fileSize - chunk.offset;
        }
        if (is64 && chunk.id == "ds64")
            readDs64(in, chunk.size, sizes64);
        // A chunk reaching past the end (truncated file, or a bogus size) is the last one;
        // stopping here also rules out wrap-around in the next position.
        const bool last = chunk.size >= fileSize - chunk.offset;
        pos = last ? fileSize : chunk.offset + chunk.size + (chunk.size & 1);
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

std::vector<std::uint8_t> readRiffChunk(const std::string& path, const RiffChunk& chunk,
                                        std::uint64_t maxBytes) {
    std::ifstream in;
    const std::uint64_t fileSize = openBinary(path, in);
    const std::uint64_t available = fileSize - std::min(chunk.offset, fileSize);
    std::vector<std::uint8_t> bytes(
        static_cast<std::size_t>(std::min<std::uint64_t>({chunk.size, available, maxBytes})));
    in.seekg(static_cast<std::streamoff>(chunk.offset));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
        throw Error(path, "cannot read the " + chunk.id + " chunk", "a readable file");
    return bytes;
}

} // namespace specedit::core
