#pragma once
// SigMF recordings (https://github.com/sigmf/SigMF, core namespace):
//  - a `.sigmf-meta` JSON file with its `.sigmf-data` beside it (either may be given);
//  - a `.sigmf` archive: an uncompressed POSIX (ustar, pax or GNU) tar holding
//    `<name>/<name>.sigmf-meta` and `<name>/<name>.sigmf-data`; the data is read in place;
//  - non-conforming datasets: `core:dataset` in global names the data file (relative to the
//    meta file), the first capture's `core:header_bytes` and global `core:trailing_bytes`
//    frame the samples; a WAV/RF64/FLAC dataset is opened as a sound file.
// Rate from global core:sample_rate, centre frequency and start time from the first capture's
// core:frequency and core:datetime. The whole metadata document (with its annotations) is kept
// in info().sigmfMeta; info().container is Container::Sigmf, info().metadataOrigin "sigmf".

#include "io/OpenOptions.h"
#include "io/SampleSource.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace specedit::core {

// True for names ending in .sigmf-meta, .sigmf-data or .sigmf (case-insensitive).
bool isSigmfPath(const std::string& path);

// Opens a SigMF recording given as meta, data or archive path. options.sampleRate,
// centerFrequency and swapIq override the metadata (the rate also stands in for a missing
// core:sample_rate). Any thread. Throws Error naming the file at fault: meta not valid JSON
// (with the parse position), missing core:datatype or core:sample_rate, unknown datatype
// (listing the accepted ones), data file missing, archive without a meta or data member, or
// any error of RawIqSource / SndfileSource.
std::unique_ptr<SampleSource> openSigmf(const std::string& path, const OpenOptions& options);

struct TarMember {
    std::string name;     // full path inside the archive (ustar prefix, pax path, GNU long name)
    std::uint64_t offset; // file offset of the member's data
    std::uint64_t size;   // bytes
};

// Lists the regular files of an uncompressed tar archive by reading only its headers. Sizes
// may be octal or GNU base-256; pax `path`/`size` records and GNU long names are applied.
// Throws Error naming the archive if it is missing, compressed, has a corrupt header
// (checksum) or a member reaching past its end.
std::vector<TarMember> listTarMembers(const std::string& path);

} // namespace specedit::core
