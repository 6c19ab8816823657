#pragma once
// Raw sample layouts: the scalar type, I/Q or real, byte order and framing of headerless
// sample files (cf32, cs16, cu8, SigMF datatypes), and the conversions between their bytes
// and floats in [-1, 1).

#include "io/SignalInfo.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace specedit::core {

// How samples are laid out in a raw file.
struct RawLayout {
    SampleType type = SampleType::Float32;
    bool isComplex = true;
    bool bigEndian = false;
    std::int64_t headerBytes = 0;             // bytes before the first sample
    std::optional<std::int64_t> payloadBytes; // sample bytes after the header; unset: to the end
    // Significant bits of an integer sample (0: its full width): SDRangel keeps 24-bit samples
    // in 32-bit words, which read as full scale at +-2^23.
    int valueBits = 0;
};

// Bytes per scalar value (I and Q are two values): 1, 2, 3, 4 or 8; 0 for SampleType::Other.
std::size_t bytesPerValue(SampleType type);

// The layout for a format name, case-insensitive: the short names cf32 fc32 cf64 cs16 sc16
// cs8 cu8 cu16, and the SigMF names cf32_le cf64_le ci32_le ci16_le cu16_le ci8 cu8 rf32_le
// rf64_le ri32_le ri16_le ru16_le ri8 ru8 (multi-byte ones also with _be; without suffix they mean
// _le). nullopt for an unknown name.
std::optional<RawLayout> rawLayoutFromName(std::string_view formatName);

// The layout implied by a file's extension (.cf32 .cfile .fc32 .complex .cf64 .cs16 .sc16
// .complex32s .cs8 .complex16s .cu8 .complex16u .cu16 .complex32u .s16), case-insensitive; nullopt
// for anything else, including .raw (that needs a type from the name or the user).
std::optional<RawLayout> rawLayoutFromExtension(const std::string& path);

// The SigMF datatype name of a layout, without header information: "ci16_le", "cu8", ...
std::string sigmfDatatypeName(const RawLayout& layout);

// The format names rawLayoutFromName accepts, comma-separated, for error messages.
std::string acceptedRawFormatNames();

// Decodes `values` scalar values (I and Q counted separately) from in to floats in out.
// Integers are scaled to [-1, 1): int8 / 128, int16 / 32768, int24 / 2^23, int32 / 2^31,
// uint8 (x - 127.5) / 128 (the rtl-sdr convention), uint16 (x - 32767.5) / 32768. in needs no
// alignment. Any thread; allocates nothing. Throws Error for SampleType::Other.
void decodeSamples(const std::uint8_t* in, std::size_t values, const RawLayout& layout, float* out);

// Encodes `values` floats into out (values * bytesPerValue bytes), the inverse of
// decodeSamples: integers are rounded to nearest and saturated. Returns how many values
// saturated (always 0 for float types). Any thread. Throws Error for SampleType::Other.
std::size_t encodeSamples(const float* in, std::size_t values, const RawLayout& layout,
                          std::uint8_t* out);

} // namespace specedit::core
