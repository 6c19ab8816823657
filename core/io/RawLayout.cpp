#include "io/RawLayout.h"

#include "util/Error.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace specedit::core {
namespace {

// Names used by GNU Radio, inspectrum, rtl_sdr, HackRF and URH, as their SigMF equivalent.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAliases{
    {{"fc32", "cf32_le"}, {"cs16", "ci16_le"}, {"sc16", "ci16_le"}, {"cs8", "ci8"}}};

// Parses a SigMF datatype name: (c|r)(f32|f64|i8|i16|i32|u8)[_le|_be]; without suffix a
// multi-byte type is little-endian, and 8-bit types take no suffix.
std::optional<RawLayout> parseSigmfName(std::string_view name) {
    if (name.size() < 3 || (name[0] != 'c' && name[0] != 'r'))
        return std::nullopt;
    RawLayout layout;
    layout.isComplex = name[0] == 'c';
    const std::size_t underscore = name.find('_');
    const std::string_view type = name.substr(1, underscore - 1);
    if (type == "f32")
        layout.type = SampleType::Float32;
    else if (type == "f64")
        layout.type = SampleType::Float64;
    else if (type == "i32")
        layout.type = SampleType::Int32;
    else if (type == "i16")
        layout.type = SampleType::Int16;
    else if (type == "i8")
        layout.type = SampleType::Int8;
    else if (type == "u8")
        layout.type = SampleType::UInt8;
    else if (type == "u16")
        layout.type = SampleType::UInt16;
    else
        return std::nullopt;
    if (underscore == std::string_view::npos)
        return layout;
    const std::string_view suffix = name.substr(underscore);
    if (bytesPerValue(layout.type) == 1 || (suffix != "_le" && suffix != "_be"))
        return std::nullopt;
    layout.bigEndian = suffix == "_be";
    return layout;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Reads an N-byte two's-complement integer; independent of the host's byte order.
template <std::size_t N, bool BigEndian> std::int32_t loadInt(const std::uint8_t* p) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < N; ++i)
        v |= std::uint32_t{p[i]} << (8 * (BigEndian ? N - 1 - i : i));
    constexpr unsigned kShift = 32 - 8 * N;
    return static_cast<std::int32_t>(v << kShift) >> kShift; // sign extension (C++20)
}

template <std::size_t N, bool BigEndian> void storeInt(std::int32_t value, std::uint8_t* p) {
    const auto v = static_cast<std::uint32_t>(value);
    for (std::size_t i = 0; i < N; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * (BigEndian ? N - 1 - i : i)));
}

// Floats are stored in IEEE 754 form; only their byte order may differ from the host's.
constexpr bool kHostBigEndian = std::endian::native == std::endian::big;

template <typename Float> Float loadFloat(const std::uint8_t* p, bool bigEndian) {
    std::array<std::uint8_t, sizeof(Float)> bytes;
    std::memcpy(bytes.data(), p, sizeof(Float));
    if (bigEndian != kHostBigEndian)
        std::reverse(bytes.begin(), bytes.end());
    return std::bit_cast<Float>(bytes);
}

template <typename Float> void storeFloat(Float value, std::uint8_t* p, bool bigEndian) {
    auto bytes = std::bit_cast<std::array<std::uint8_t, sizeof(Float)>>(value);
    if (bigEndian != kHostBigEndian)
        std::reverse(bytes.begin(), bytes.end());
    std::memcpy(p, bytes.data(), sizeof(Float));
}

template <std::size_t N>
void decodeInts(const std::uint8_t* in, std::size_t values, bool big, int bits, float* out) {
    const int width = bits > 0 && bits <= int(8 * N) ? bits : int(8 * N);
    const double scale = 1.0 / static_cast<double>(1u << (width - 1));
    for (std::size_t i = 0; i < values; ++i) {
        const std::int32_t v = big ? loadInt<N, true>(in + i * N) : loadInt<N, false>(in + i * N);
        out[i] = static_cast<float>(v * scale);
    }
}

// Rounds x * scale + offset to the nearest integer in [lo, hi]; counts saturation (and NaN,
// which is written as the zero level) in clipped.
std::int32_t quantise(float x, double scale, double offset, double lo, double hi,
                      std::size_t& clipped) {
    double r = std::nearbyint(static_cast<double>(x) * scale + offset);
    if (std::isnan(r)) {
        ++clipped;
        r = std::nearbyint(offset);
    } else if (r < lo || r > hi) {
        ++clipped;
        r = std::clamp(r, lo, hi);
    }
    return static_cast<std::int32_t>(r);
}

template <std::size_t N>
std::size_t encodeInts(const float* in, std::size_t values, bool big, std::uint8_t* out) {
    const double scale = static_cast<double>(1u << (8 * N - 1));
    std::size_t clipped = 0;
    for (std::size_t i = 0; i < values; ++i) {
        const std::int32_t v = quantise(in[i], scale, 0.0, -scale, scale - 1.0, clipped);
        if (big)
            storeInt<N, true>(v, out + i * N);
        else
            storeInt<N, false>(v, out + i * N);
    }
    return clipped;
}

} // namespace

std::size_t bytesPerValue(SampleType type) {
    switch (type) {
    case SampleType::Int8:
    case SampleType::UInt8:
        return 1;
    case SampleType::Int16:
    case SampleType::UInt16:
        return 2;
    case SampleType::Int24:
        return 3;
    case SampleType::Int32:
    case SampleType::Float32:
        return 4;
    case SampleType::Float64:
        return 8;
    case SampleType::Other:
        return 0;
    }
    return 0;
}

std::optional<RawLayout> rawLayoutFromName(std::string_view formatName) {
    std::string name = lowercase(formatName);
    for (const auto& [alias, sigmf] : kAliases) {
        if (name == alias)
            name = sigmf;
    }
    return parseSigmfName(name);
}

std::optional<RawLayout> rawLayoutFromExtension(const std::string& path) {
    // Extensions of rtl_sdr, GNU Radio, HackRF, rtl_433 (.s16: real) and Universal Radio
    // Hacker (.complex: cf32, .complex16s/u: 8-bit, .complex32s/u: 16-bit).
    static const std::pair<const char*, const char*> kTable[] = {
        {".cf32", "cf32_le"}, {".cfile", "cf32_le"},
        {".fc32", "cf32_le"}, {".complex", "cf32_le"},
        {".cf64", "cf64_le"}, {".cs16", "ci16_le"},
        {".sc16", "ci16_le"}, {".complex32s", "ci16_le"},
        {".cs8", "ci8"},      {".complex16s", "ci8"},
        {".cu8", "cu8"},      {".complex16u", "cu8"},
        {".cu16", "cu16_le"}, {".complex32u", "cu16_le"},
        {".s16", "ri16_le"},
    };
    const std::string ext = lowercase(std::filesystem::path(path).extension().string());
    for (const auto& [extension, format] : kTable)
        if (ext == extension)
            return rawLayoutFromName(format);
    return std::nullopt;
}

std::string sigmfDatatypeName(const RawLayout& layout) {
    std::string name = layout.isComplex ? "c" : "r";
    switch (layout.type) {
    case SampleType::Float32:
    case SampleType::Float64:
        name += 'f';
        break;
    case SampleType::UInt8:
    case SampleType::UInt16:
        name += 'u';
        break;
    default:
        name += 'i';
        break;
    }
    const std::size_t bytes = bytesPerValue(layout.type);
    name += std::to_string(bytes * 8);
    if (bytes > 1)
        name += layout.bigEndian ? "_be" : "_le";
    return name;
}

std::string acceptedRawFormatNames() {
    return "cf32, cf64, cs16, cs8, cu8 (also fc32, sc16, cu16), or a SigMF datatype such as "
           "ci16_le or rf32_be: c or r for complex or real, f, i or u for float, signed or "
           "unsigned, then 8, 16, 32 or 64 bits, _le (the default) or _be";
}

void decodeSamples(const std::uint8_t* in, std::size_t values, const RawLayout& layout,
                   float* out) {
    const bool big = layout.bigEndian;
    switch (layout.type) {
    case SampleType::Int8:
        return decodeInts<1>(in, values, big, layout.valueBits, out);
    case SampleType::Int16:
        return decodeInts<2>(in, values, big, layout.valueBits, out);
    case SampleType::Int24:
        return decodeInts<3>(in, values, big, layout.valueBits, out);
    case SampleType::Int32:
        return decodeInts<4>(in, values, big, layout.valueBits, out);
    case SampleType::UInt8:
        for (std::size_t i = 0; i < values; ++i)
            out[i] = (static_cast<float>(in[i]) - 127.5f) * (1.0f / 128.0f);
        return;
    case SampleType::UInt16:
        for (std::size_t i = 0; i < values; ++i) {
            const std::uint8_t* p = in + 2 * i;
            const unsigned u = big ? (unsigned{p[0]} << 8 | p[1]) : (unsigned{p[1]} << 8 | p[0]);
            out[i] = static_cast<float>((double(u) - 32767.5) * (1.0 / 32768.0));
        }
        return;
    case SampleType::Float32:
        for (std::size_t i = 0; i < values; ++i)
            out[i] = loadFloat<float>(in + 4 * i, big);
        return;
    case SampleType::Float64:
        for (std::size_t i = 0; i < values; ++i)
            out[i] = static_cast<float>(loadFloat<double>(in + 8 * i, big));
        return;
    case SampleType::Other:
        break;
    }
    throw Error("sample type", "cannot decode samples of type " + toString(layout.type),
                "int8, uint8, int16, uint16, int24, int32, float32 or float64");
}

std::size_t encodeSamples(const float* in, std::size_t values, const RawLayout& layout,
                          std::uint8_t* out) {
    const bool big = layout.bigEndian;
    switch (layout.type) {
    case SampleType::Int8:
        return encodeInts<1>(in, values, big, out);
    case SampleType::Int16:
        return encodeInts<2>(in, values, big, out);
    case SampleType::Int24:
        return encodeInts<3>(in, values, big, out);
    case SampleType::Int32:
        return encodeInts<4>(in, values, big, out);
    case SampleType::UInt8: {
        std::size_t clipped = 0;
        for (std::size_t i = 0; i < values; ++i)
            out[i] = static_cast<std::uint8_t>(quantise(in[i], 128.0, 127.5, 0.0, 255.0, clipped));
        return clipped;
    }
    case SampleType::UInt16: {
        std::size_t clipped = 0;
        for (std::size_t i = 0; i < values; ++i) {
            const std::int32_t v = quantise(in[i], 32768.0, 32767.5, 0.0, 65535.0, clipped);
            if (big)
                storeInt<2, true>(v, out + 2 * i);
            else
                storeInt<2, false>(v, out + 2 * i);
        }
        return clipped;
    }
    case SampleType::Float32:
        for (std::size_t i = 0; i < values; ++i)
            storeFloat<float>(in[i], out + 4 * i, big);
        return 0;
    case SampleType::Float64:
        for (std::size_t i = 0; i < values; ++i)
            storeFloat<double>(in[i], out + 8 * i, big);
        return 0;
    case SampleType::Other:
        break;
    }
    throw Error("sample type", "cannot encode samples of type " + toString(layout.type),
                "int8, uint8, int16, uint16, int24, int32, float32 or float64");
}

} // namespace specedit::core
