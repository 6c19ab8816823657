#include "io/Npy.h"

#include "io/AtomicFile.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
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

struct Element {
    char kind;
    std::size_t size;
    bool bigEndian;
};

// numpy's type strings: a byte order ('<', '>', '|' or '='), a kind and a size in bytes.
Element parseDescr(const std::string& quoted, const std::string& path) {
    const std::string d =
        quoted.size() >= 2 && quoted.front() == '\'' ? quoted.substr(1, quoted.size() - 2) : quoted;
    const auto unsupported = [&] {
        return Error(path, "unsupported npy dtype " + quoted,
                     "a numeric array: float (f2, f4, f8), complex (c8, c16) or integer (i1 to "
                     "i8, u1 to u8), either byte order");
    };
    if (d.size() < 3 || std::string("<>|=").find(d[0]) == std::string::npos)
        throw unsupported();
    const Element e{d[1], std::size_t(std::atoi(d.c_str() + 2)), d[0] == '>'};
    const bool known = (e.kind == 'f' && (e.size == 2 || e.size == 4 || e.size == 8)) ||
                       (e.kind == 'c' && (e.size == 8 || e.size == 16)) ||
                       ((e.kind == 'i' || e.kind == 'u') &&
                        (e.size == 1 || e.size == 2 || e.size == 4 || e.size == 8));
    if (!known || d.find_first_not_of("0123456789", 2) != std::string::npos)
        throw unsupported();
    return e;
}

// The bytes of one value (size bytes at p) in this machine's order.
std::uint64_t loadBits(const std::uint8_t* p, std::size_t size, bool bigEndian) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i)
        v |= std::uint64_t(p[bigEndian ? size - 1 - i : i]) << (8 * i);
    return v;
}

double halfToDouble(std::uint64_t bits) {
    const int exponent = int(bits >> 10) & 0x1f;
    const double mantissa = double(bits & 0x3ff);
    const double sign = bits & 0x8000 ? -1.0 : 1.0;
    if (exponent == 0x1f)
        return mantissa == 0 ? sign * HUGE_VAL : std::nan("");
    if (exponent == 0)
        return sign * std::ldexp(mantissa, -24);
    return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

double realValue(std::uint64_t bits, char kind, std::size_t size) {
    if (kind == 'u')
        return double(bits);
    if (kind == 'i') {
        const int shift = int(64 - 8 * size);
        return double(std::int64_t(bits << shift) >> shift);
    }
    if (size == 2)
        return halfToDouble(bits);
    if (size == 4) {
        float f;
        const auto u = std::uint32_t(bits);
        std::memcpy(&f, &u, 4);
        return f;
    }
    double f;
    std::memcpy(&f, &bits, 8);
    return f;
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
    m_descr = dictValue(header, "descr", path);
    const Element e = parseDescr(m_descr, path);
    m_descr = m_descr.substr(1, m_descr.size() - 2);
    m_kind = e.kind;
    m_size = e.size;
    m_bigEndian = e.bigEndian;
    m_fortran = dictValue(header, "fortran_order", path) == "True";
    m_shape = parseShape(dictValue(header, "shape", path), path);
    const std::size_t need = std::size_t(elementCount()) * m_size;
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
    const std::uint8_t* p = m_map + m_dataOffset + std::size_t(i) * m_size;
    if (m_kind != 'c')
        return {realValue(loadBits(p, m_size, m_bigEndian), m_kind, m_size), 0.0};
    const std::size_t half = m_size / 2;
    return {realValue(loadBits(p, half, m_bigEndian), 'f', half),
            realValue(loadBits(p + half, half, m_bigEndian), 'f', half)};
}

std::complex<double> NpyReader::at2(std::int64_t row, std::int64_t col) const {
    const std::int64_t rows = m_shape.at(0);
    const std::int64_t cols = m_shape.at(1);
    return at(m_fortran ? col * rows + row : row * cols + col);
}

namespace {

// numpy.save's header for the shape, version 1.0: the dictionary padded with spaces so that
// magic, version, length, header and '\n' fill a multiple of 64 bytes, and at least `atLeast`.
std::string npyHeader(NpyType type, const std::vector<std::int64_t>& shape, bool fortranOrder,
                      std::size_t atLeast) {
    std::string dims;
    for (auto d : shape)
        dims += std::to_string(d) + ", ";
    if (shape.size() > 1)
        dims.resize(dims.size() - 2);
    else if (shape.size() == 1)
        dims.resize(dims.size() - 1);
    std::string header = "{'descr': '" + npyDescr(type) +
                         "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
                         ", 'shape': (" + dims + "), }";
    const std::size_t used = kMagicLen + 2 + 2 + header.size() + 1;
    const std::size_t total = std::max(used + (64 - used % 64) % 64, atLeast);
    header.append(total - used, ' ');
    header += '\n';
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
    return std::string(reinterpret_cast<const char*>(prefix), sizeof prefix) + header;
}

} // namespace

NpyWriter::NpyWriter(const std::string& path, NpyType type, std::vector<std::int64_t> shape,
                     bool fortranOrder)
    : m_file(std::make_unique<AtomicFile>(path)), m_type(type), m_shape(std::move(shape)),
      m_fortran(fortranOrder) {
    m_growing = !m_shape.empty() && m_shape.front() == kNpyGrowing;
    if (m_growing && fortranOrder)
        throw Error(path, "npy writer asked for rows of a Fortran-order array", "C order");
    std::vector<std::int64_t> declared = m_shape;
    if (m_growing) // room for any length: the header is written again when it is known
        declared.front() = std::int64_t(1e18);
    for (auto d : m_shape)
        m_expected *= d;
    const std::string header = npyHeader(type, declared, fortranOrder, 0);
    m_headerSize = header.size();
    m_out = std::fopen(m_file->tempPath().c_str(), "wb");
    if (!m_out)
        throw Error(path, "cannot write: " + std::string(std::strerror(errno)), "a writable path");
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
    if (count == 0)
        return; // fwrite must not be given an empty vector's null pointer
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
    if (m_growing) { // the leading dimension is what was written
        const std::int64_t row = m_expected / kNpyGrowing;
        if (m_written % row != 0)
            throw Error(m_file->target(),
                        "npy writer got " + std::to_string(m_written) + " elements",
                        "whole rows of " + std::to_string(row));
        m_shape.front() = m_written / row;
        const std::string header = npyHeader(m_type, m_shape, m_fortran, m_headerSize);
        if (std::fseek(m_out, 0, SEEK_SET) != 0 ||
            std::fwrite(header.data(), 1, header.size(), m_out) != header.size())
            throw Error(m_file->target(), "write failed: " + std::string(std::strerror(errno)),
                        "a writable file");
        m_expected = m_written;
    }
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
