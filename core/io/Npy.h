#pragma once
// NumPy .npy files (format versions 1.0, 2.0 and 3.0), as numpy.save writes them and
// numpy.load reads them. Reading takes floats of 2, 4 and 8 bytes, complex of 8 and 16, and
// integers of 1 to 8 bytes, in either byte order, any rank, C or Fortran order (numpy.load's
// values: integers are not scaled); it memory-maps the file. Writing (little-endian float32,
// float64, complex64, complex128) streams through an AtomicFile.

#include <complex>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace specedit::core {

enum class NpyType { Float32, Float64, Complex64, Complex128 };

class AtomicFile;

std::size_t npyItemSize(NpyType type);
std::string npyDescr(NpyType type); // "<f4", "<c8", ...

class NpyReader {
public:
    // Maps the file. Throws Error naming the file for a bad magic, an unsupported dtype
    // (bool, object, string, structured, 16-byte float) or a data size that does not match the
    // shape.
    explicit NpyReader(const std::string& path);
    ~NpyReader();
    NpyReader(const NpyReader&) = delete;
    NpyReader& operator=(const NpyReader&) = delete;

    const std::string& descr() const { return m_descr; } // as the header gives it: "<f4", ">i2"
    bool isComplex() const { return m_kind == 'c'; }
    bool isInteger() const { return m_kind == 'i' || m_kind == 'u'; }
    std::size_t itemSize() const { return m_size; } // bytes per element
    const std::vector<std::int64_t>& shape() const { return m_shape; }
    bool fortranOrder() const { return m_fortran; }
    std::int64_t elementCount() const;
    const std::string& path() const { return m_path; }
    // Whether elements are little-endian float32 or complex64: data() is then floats as a
    // SampleSource gives them (a complex element is I then Q).
    bool holdsFloat32() const {
        return !m_bigEndian && ((m_kind == 'f' && m_size == 4) || (m_kind == 'c' && m_size == 8));
    }
    const std::uint8_t* data() const { return m_map + m_dataOffset; }

    // Element at flat index i (in storage order) converted to complex<double>.
    std::complex<double> at(std::int64_t flatIndex) const;
    // Element (row, col) of a 2-D array, honouring the storage order.
    std::complex<double> at2(std::int64_t row, std::int64_t col) const;

private:
    void parseHeader(); // after mapping; throws Error

    std::string m_path;
    std::string m_descr;
    char m_kind = 'f';      // numpy's kind: 'f' float, 'c' complex, 'i' signed, 'u' unsigned
    std::size_t m_size = 4; // bytes per element
    bool m_bigEndian = false;
    std::vector<std::int64_t> m_shape;
    bool m_fortran = false;
    const std::uint8_t* m_map = nullptr;
    std::size_t m_mapSize = 0;
    std::size_t m_dataOffset = 0;
};

// A leading dimension of NpyWriter's shape that is not known until finish().
constexpr std::int64_t kNpyGrowing = -1;

// Streams an array into an .npy file: the header is written first from the known shape, then
// elements in storage order through append(); finish() checks the count and commits atomically.
// A C-order shape whose first dimension is kNpyGrowing takes as many rows as are appended (the
// header is written again at finish()).
class NpyWriter {
public:
    NpyWriter(const std::string& path, NpyType type, std::vector<std::int64_t> shape,
              bool fortranOrder);
    ~NpyWriter();
    void append(const float* values, std::size_t count);                // Float32
    void append(const double* values, std::size_t count);               // Float64
    void append(const std::complex<float>* values, std::size_t count);  // Complex64
    void append(const std::complex<double>* values, std::size_t count); // Complex128
    void finish();

private:
    void appendBytes(const void* data, std::size_t bytes, NpyType type);
    std::unique_ptr<AtomicFile> m_file;
    std::FILE* m_out = nullptr;
    NpyType m_type;
    std::vector<std::int64_t> m_shape;
    bool m_fortran = false;
    bool m_growing = false;
    std::size_t m_headerSize = 0;
    std::int64_t m_expected = 1; // growing: minus the elements of one row
    std::int64_t m_written = 0;
};

} // namespace specedit::core
