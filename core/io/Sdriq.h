#pragma once
// SDRangel's .sdriq recordings: a 32-byte little-endian header (sample rate u32, centre
// frequency u64 in Hz, start time u64 in milliseconds since 1970, sample size u32: 16 or 24
// bits, filler u32, CRC-32 u32 of the first 28 bytes) followed by interleaved I/Q: int16 for
// 16-bit files, int32 holding 24-bit values for 24-bit files (read at int32 scale: levels
// read 48 dB below full scale).

#include "io/OpenOptions.h"
#include "io/SampleSource.h"

#include <memory>
#include <string>

namespace specedit::core {

// Throws Error for a short file, a zero rate or an unknown sample size. Options win over the
// header (rate, centre).
std::unique_ptr<SampleSource> openSdriq(const std::string& path, const OpenOptions& options);

} // namespace specedit::core
