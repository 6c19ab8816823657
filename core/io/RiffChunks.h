#pragma once
// The chunk structure of RIFF/WAVE, RF64/WAVE and BW64/WAVE files (EBU Tech 3306 for the 64-bit
// forms): where each chunk's payload is and how long it is, without reading the payloads.

#include <cstdint>
#include <string>
#include <vector>

namespace specedit::core {

struct RiffChunk {
    std::string id;       // four characters, e.g. "fmt ", "data", "auxi"
    std::uint64_t offset; // file offset of the chunk's payload (just after its 8-byte header)
    std::uint64_t size;   // payload bytes; for RF64/BW64 the 64-bit size from ds64. May reach
                          // past the end of a truncated file.
};

// Lists the chunks of a RIFF/WAVE, RF64/WAVE or BW64/WAVE file in file order, seeking over
// their payloads (nothing is read but headers and ds64). Returns an empty vector for a file
// that is not one of these. Any thread. Throws Error naming the file if it cannot be opened
// or a chunk header is cut off inside the RIFF body.
std::vector<RiffChunk> scanRiffChunks(const std::string& path);

// Reads up to maxBytes of a chunk's payload (less when the file is cut short). Throws Error
// naming the file on a read failure.
std::vector<std::uint8_t> readRiffChunk(const std::string& path, const RiffChunk& chunk,
                                        std::uint64_t maxBytes);

} // namespace specedit::core
