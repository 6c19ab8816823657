#include "io/Npy.h"

#include "io/AtomicFile.h"
#include "util/Error.h"

#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace specedit::core {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicLen = 6;

std::string dictValue(const std::string& header, const std::string& key, const std::string& path) {
    const auto k = header.find("'" + key + "'");
    if (k == std::string::npos)
        throw Error(path, "npy header has no '" + key + "'", "a header written by numpy.save");
    auto v = header.find(':', k);
    if (v == std::string::npos)
        throw Error(path, "npy header is malformed near '" + key + "'", "a numpy.save header");
    ++v;
    while (v < header.size() && header[v] == ' ')
        ++v;
    std::size_t end = std::string::npos;
    if (v < header.size() && header[v] == '(')
        end = header.find(')', v);
    else if (v < header.size() && header[v] == '\'')
        end = header.find('\'', v + 1);
    else if (const auto stop = header.find_first_of(",}", v); stop != std::string::npos)
        end = stop - 1;
    if (end == std::string::npos || end + 1 <= v)
        throw Error(path, "npy header is malformed near '" + key + "'", "a numpy.save header");
    return header.substr(v, end + 1 - v);
}

NpyType parseDescr(const std::string& descr, const std::string& path) {
    if (descr == "'<f4'")
        return NpyType::Float32;
    if (descr == "'<f8'")
        return NpyType::Float64;
    if (descr == "'<c8'")
        return NpyType::Complex64;
    if (descr == "'<c16'")
        return NpyType::Complex128;
    throw Error(path, "unsupported npy dtype " + descr,
                "little-endian float32 (<f4), float64 (<f8), complex64 (<c8) or complex128 "
                "(<c16)");
}

std::vector<std::int64_t> parseShape(const std::string& text, const std::string& path) {
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        throw Error(path, "bad npy shape " + text, "a tuple such as (129, 40)");
    std::vector<std::int64_t> shape;
    std::string inner = text.substr(1, text.size() - 2);
    std::stringstream in(inner);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.find_first_not_of(' ') == std::string::npos)
            continue;
        try {
            shape.push_back(std::stoll(item));
        } catch (const std::exception&) {
            throw Error(path, "bad npy shape " + text, "a tuple of non-negative integers");
        }
        if (shape.back() < 0)
            throw Error(path, "negative dimension in npy shape " + text, "sizes >= 0");
    }
    std::int64_t count = 1;
    for (auto d : shape)
        if (__builtin_mul_overflow(count, d, &count) || count > (std::int64_t(1) << 50))
            throw Error(path, "npy shape " + text + " is impossibly large",
                        "an array that fits in a file");
    return shape;
}

std::uint32_t readLe(const std::uint8_t* p, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

} // namespace

std::size_t npyItemSize(NpyType type) {
    switch (type) {
    case NpyType::Float32:
        return 4;
    case NpyType::Float64:
        return 8;
    case NpyType::Complex64:
        return 8;
    case NpyType::Complex128:
        return 16;
    }
    return 0;
}

std::string npyDescr(NpyType type) {
    switch (type) {
    case NpyType::Float32:
        return "<f4";
    case NpyType::Float64:
        return "<f8";
    case NpyType::Complex64:
        return "<c8";
    case NpyType::Complex128:
        return "<c16";
    }
    return "";
}

NpyReader::NpyReader(const std::string& path) : m_path(path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        throw Error(path, "cannot open: " + std::string(std::strerror(errno)), "a readable .npy");
    struct stat st {};
    ::fstat(fd, &st);
    m_mapSize = std::size_t(st.st_size);
    if (m_mapSize < kMagicLen + 4) {
        ::close(fd);
        throw Error(path, "file is too short to be an .npy file", "a file written by numpy.save");
    }
    void* map = ::mmap(nullptr, m_mapSize, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        throw Error(path, "cannot map the file", "a readable .npy");
    m_map = static_cast<const std::uint8_t*>(map);
    try {
        parseHeader();
    } catch (...) {
        ::munmap(const_cast<std::uint8_t*>(m_map), m_mapSize); // the destructor will not run
        throw;
    }
}

void NpyReader::parseHeader() {
    const std::string& path = m_path;
    if (std::memcmp(m_map, kMagic, kMagicLen) != 0)
        throw Error(path, "not an .npy file (bad magic)", "a file written by numpy.save");
    const int major = m_map[6];
    const int lenBytes = major == 1 ? 2 : 4;
    if (m_mapSize < 8 + std::size_t(lenBytes))
        throw Error(path, "npy header is cut off", "a complete .npy file");
    const std::size_t headerLen = readLe(m_map + 8, lenBytes);
    m_dataOffset = 8 + std::size_t(lenBytes) + headerLen;
    if (m_dataOffset > m_mapSize)
        throw Error(path, "npy header runs past the end of the file", "a complete .npy file");
    const std::string header(reinterpret_cast<const char*>(m_map + 8 + lenBytes), headerLen);
    m_type = parseDescr(dictValue(header, "descr", path), path);
    m_fortran = dictValue(header, "fortran_order", path) == "True";
    m_shape = parseShape(dictValue(header, "shape", path), path);
    const std::size_t need = std::size_t(elementCount()) * npyItemSize(m_type);
    if (m_mapSize - m_dataOffset < need)
        throw Error(path,
                    "holds " + std::to_string(m_mapSize - m_dataOffset) +
                        " data bytes but its shape needs " + std::to_string(need),
                    "a complete .npy file (was it truncated?)");
}

NpyReader::~NpyReader() {
    if (m_map)
        ::munmap(const_cast<std::uint8_t*>(m_map), m_mapSize);
}

std::int64_t NpyReader::elementCount() const {
    std::int64_t n = 1;
    for (auto d : m_shape)
        n *= d;
    return n;
}

std::complex<double> NpyReader::at(std::int64_t i) const {
    const std::uint8_t* p = m_map + m_dataOffset + std::size_t(i) * npyItemSize(m_type);
    switch (m_type) {
    case NpyType::Float32: {
        float v;
        std::memcpy(&v, p, 4);
        return {v, 0.0};
    }
    case NpyType::Float64: {
        double v;
        std::memcpy(&v, p, 8);
        return {v, 0.0};
    }
    case NpyType::Complex64: {
        float v[2];
        std::memcpy(v, p, 8);
        return {v[0], v[1]};
    }
    case NpyType::Complex128: {
        double v[2];
        std::memcpy(v, p, 16);
        return {v[0], v[1]};
    }
    }
    return {};
}

std::complex<double> NpyReader::at2(std::int64_t row, std::int64_t col) const {
    const std::int64_t rows = m_shape.at(0);
    const std::int64_t cols = m_shape.at(1);
    return at(m_fortran ? col * rows + row : row * cols + col);
}

NpyWriter::NpyWriter(const std::string& path, NpyType type, std::vector<std::int64_t> shape,
                     bool fortranOrder)
    : m_file(std::make_unique<AtomicFile>(path)), m_type(type) {
    std::string dims;
    for (auto d : shape) {
        dims += std::to_string(d) + ", ";
        m_expected *= d;
    }
    if (shape.size() > 1)
        dims.resize(dims.size() - 2);
    else if (shape.size() == 1)
        dims.resize(dims.size() - 1);
    std::string header = "{'descr': '" + npyDescr(type) +
                         "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
                         ", 'shape': (" + dims + "), }";
    // Pad with spaces so that magic + length + header + '\n' is a multiple of 64 bytes.
    const std::size_t total = kMagicLen + 2 + 2 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    m_out = std::fopen(m_file->tempPath().c_str(), "wb");
    if (!m_out)
        throw Error(path, "cannot write: " + std::string(std::strerror(errno)), "a writable path");
    const std::uint8_t prefix[10] = {0x93,
                                     'N',
                                     'U',
                                     'M',
                                     'P',
                                     'Y',
                                     1,
                                     0,
                                     std::uint8_t(header.size() & 0xff),
                                     std::uint8_t(header.size() >> 8)};
    std::fwrite(prefix, 1, sizeof(prefix), m_out);
    std::fwrite(header.data(), 1, header.size(), m_out);
}

NpyWriter::~NpyWriter() {
    if (m_out)
        std::fclose(m_out);
}

void NpyWriter::appendBytes(const void* data, std::size_t count, NpyType type) {
    if (type != m_type)
        throw Error(m_file->target(), "npy writer got " + npyDescr(type) + " values",
                    npyDescr(m_type) + " values");
    if (std::fwrite(data, npyItemSize(type), count, m_out) != count)
        throw Error(m_file->target(), "write failed: " + std::string(std::strerror(errno)),
                    "free disk space");
    m_written += std::int64_t(count);
}

void NpyWriter::append(const float* v, std::size_t n) {
    appendBytes(v, n, NpyType::Float32);
}
void NpyWriter::append(const double* v, std::size_t n) {
    appendBytes(v, n, NpyType::Float64);
}
void NpyWriter::append(const std::complex<float>* v, std::size_t n) {
    appendBytes(v, n, NpyType::Complex64);
}
void NpyWriter::append(const std::complex<double>* v, std::size_t n) {
    appendBytes(v, n, NpyType::Complex128);
}

void NpyWriter::finish() {
    if (m_written != m_expected)
        throw Error(m_file->target(), "npy writer got " + std::to_string(m_written) + " elements",
                    std::to_string(m_expected) + " for the declared shape");
    if (std::fclose(m_out) != 0) {
        m_out = nullptr;
        throw Error(m_file->target(), "could not flush the file", "free disk space");
    }
    m_out = nullptr;
    m_file->commit();
}

} // namespace specedit::core
