#include "io/RawIqSource.h"

#include "util/Error.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

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
void decodeInts(const std::uint8_t* in, std::size_t values, bool big, float* out) {
    const double scale = 1.0 / static_cast<double>(1u << (8 * N - 1));
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

std::string formatNumber(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

std::string describeSize(std::int64_t bytes) {
    return std::to_string(bytes) + " bytes";
}

// An open read-only file descriptor, closed on scope exit.
class FileDescriptor {
public:
    explicit FileDescriptor(const std::string& path)
        : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (m_fd < 0) {
            const int err = errno;
            if (err == ENOENT)
                throw Error(path, "file does not exist", "an existing recording");
            throw Error(path, std::string("cannot open file: ") + std::strerror(err),
                        "a readable file");
        }
        struct stat st {};
        if (fstat(m_fd, &st) != 0 || S_ISDIR(st.st_mode)) {
            ::close(m_fd);
            throw Error(path, "is a directory or cannot be examined", "a recording file");
        }
        m_size = st.st_size;
    }
    ~FileDescriptor() { ::close(m_fd); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int fd() const { return m_fd; }
    std::int64_t size() const { return m_size; }

private:
    int m_fd;
    std::int64_t m_size = 0;
};

// The number of sample bytes of a file of fileSize bytes in the given layout; throws Error
// naming the file when the header or payload does not fit or holds no whole samples.
std::int64_t checkedPayload(const std::string& path, const RawLayout& layout,
                            std::size_t frameBytes, std::int64_t fileSize) {
    const std::int64_t header = layout.headerBytes;
    const std::string expected = "a complete recording in the stated format (right --format?)";
    if (fileSize == 0)
        throw Error(path, "file is empty", "a recording with samples");
    if (header >= fileSize)
        throw Error(path,
                    "header of " + describeSize(header) + " reaches past the end of the file (" +
                        describeSize(fileSize) + ")",
                    "samples after the header");
    const std::int64_t payload = layout.payloadBytes.value_or(fileSize - header);
    if (header + payload > fileSize)
        throw Error(path,
                    "payload of " + describeSize(payload) + " at offset " + std::to_string(header) +
                        " reaches past the end of the file (" + describeSize(fileSize) + ")",
                    expected);
    if (payload == 0)
        throw Error(path, "holds no samples (payload of 0 bytes)", expected);
    const auto sampleBytes = static_cast<std::int64_t>(frameBytes);
    if (payload % sampleBytes != 0)
        throw Error(path,
                    "payload of " + describeSize(payload) + " is not a whole number of samples (" +
                        sigmfDatatypeName(layout) + " sample size " + describeSize(sampleBytes) +
                        ", remainder " + describeSize(payload % sampleBytes) + ")",
                    expected);
    return payload;
}

} // namespace

std::size_t bytesPerValue(SampleType type) {
    switch (type) {
    case SampleType::Int8:
    case SampleType::UInt8:
        return 1;
    case SampleType::Int16:
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
    const std::string ext = lowercase(std::filesystem::path(path).extension().string());
    if (ext == ".cf32" || ext == ".cfile" || ext == ".fc32")
        return rawLayoutFromName("cf32_le");
    if (ext == ".cf64")
        return rawLayoutFromName("cf64_le");
    if (ext == ".cs16" || ext == ".sc16")
        return rawLayoutFromName("ci16_le");
    if (ext == ".cs8")
        return rawLayoutFromName("ci8");
    if (ext == ".cu8")
        return rawLayoutFromName("cu8");
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
    return "cf32_le, cf64_le, ci32_le, ci16_le, ci8, cu8, rf32_le, rf64_le, ri32_le, ri16_le, "
           "ri8, ru8 (multi-byte types also _be; without suffix _le), fc32, cs16, sc16, cs8";
}

void decodeSamples(const std::uint8_t* in, std::size_t values, const RawLayout& layout,
                   float* out) {
    const bool big = layout.bigEndian;
    switch (layout.type) {
    case SampleType::Int8:
        return decodeInts<1>(in, values, big, out);
    case SampleType::Int16:
        return decodeInts<2>(in, values, big, out);
    case SampleType::Int24:
        return decodeInts<3>(in, values, big, out);
    case SampleType::Int32:
        return decodeInts<4>(in, values, big, out);
    case SampleType::UInt8:
        for (std::size_t i = 0; i < values; ++i)
            out[i] = (static_cast<float>(in[i]) - 127.5f) * (1.0f / 128.0f);
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
                "int8, uint8, int16, int24, int32, float32 or float64");
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
                "int8, uint8, int16, int24, int32, float32 or float64");
}

RawIqSource::RawIqSource(std::string path, RawLayout layout, double sampleRate,
                         std::optional<double> centerHz, bool swapIq)
    : m_path(std::move(path)), m_layout(layout), m_swapIq(swapIq && layout.isComplex) {
    if (!std::isfinite(sampleRate) || sampleRate <= 0)
        throw Error(ErrorKind::Usage, m_path,
                    "sample rate " + formatNumber(sampleRate) + " Hz is not valid",
                    "a positive, finite sample rate in Hz (--rate)");
    const std::size_t valueBytes = bytesPerValue(layout.type);
    if (valueBytes == 0)
        throw Error(m_path, "unsupported sample type " + toString(layout.type),
                    "one of " + acceptedRawFormatNames());
    if (layout.headerBytes < 0 || (layout.payloadBytes && *layout.payloadBytes < 0))
        throw Error(m_path, "negative header or payload size", "sizes >= 0 bytes");
    m_frameBytes = valueBytes * (layout.isComplex ? 2 : 1);
    openFile();

    m_info.files = {m_path};
    m_info.kind = layout.isComplex ? SignalKind::Iq : SignalKind::Audio;
    m_info.channels = layout.isComplex ? 2 : 1;
    m_info.sampleRate = sampleRate;
    m_info.centerFrequency = layout.isComplex ? centerHz : std::nullopt;
    m_info.sampleType = layout.type;
    m_info.datatype = sigmfDatatypeName(layout);
    m_info.container = Container::RawIq;
    m_info.iqSwapped = m_swapIq;
}

RawIqSource::~RawIqSource() {
    if (m_fd >= 0)
        ::close(m_fd);
}

void RawIqSource::openFile() {
    const FileDescriptor file(m_path);
    const std::int64_t payload = checkedPayload(m_path, m_layout, m_frameBytes, file.size());
    m_info.frames = payload / static_cast<std::int64_t>(m_frameBytes);
    m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        throw Error(m_path, std::string("cannot open file: ") + std::strerror(errno),
                    "a readable file");
}

void RawIqSource::readBytes(std::int64_t offset, std::size_t size, std::uint8_t* out) const {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::pread(m_fd, out + done, size - done,
                                    static_cast<off_t>(offset) + static_cast<off_t>(done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            throw Error(m_path,
                        got < 0
                            ? std::string("read failed: ") + std::strerror(errno)
                            : "file ended at byte " + std::to_string(offset + std::int64_t(done)) +
                                  " while open (was it cut short?)",
                        "the file to stay complete while SpecEdit reads it");
        done += static_cast<std::size_t>(got);
    }
}

void RawIqSource::read(std::int64_t start, std::int64_t count, float* out) const {
    if (count <= 0)
        return;
    const std::int64_t ch = m_info.channels;
    const std::int64_t first = std::clamp<std::int64_t>(start, 0, m_info.frames);
    const std::int64_t last = std::clamp<std::int64_t>(start + count, first, m_info.frames);
    const std::int64_t lead = std::min(count, std::max<std::int64_t>(first - start, 0));
    std::fill(out, out + lead * ch, 0.0f);
    if (last > first) {
        float* dst = out + lead * ch;
        const auto values = static_cast<std::size_t>((last - first) * ch);
        thread_local std::vector<std::uint8_t> bytes;
        bytes.resize(static_cast<std::size_t>(last - first) * m_frameBytes);
        readBytes(m_layout.headerBytes + first * static_cast<std::int64_t>(m_frameBytes),
                  bytes.size(), bytes.data());
        decodeSamples(bytes.data(), values, m_layout, dst);
        if (m_swapIq) {
            for (std::size_t i = 0; i + 1 < values; i += 2)
                std::swap(dst[i], dst[i + 1]);
        }
    }
    const std::int64_t done = lead + (last - first);
    std::fill(out + done * ch, out + count * ch, 0.0f);
}

} // namespace specedit::core
