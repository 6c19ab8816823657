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
