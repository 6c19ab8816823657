#pragma once
// Two-dimensional numeric arrays made by other tools (a spectrogram's magnitudes or phases):
//
// - .npy (numpy.save): float32/float64 (complex arrays give real and imaginary parts), C or
//   Fortran order, through io/Npy.h.
// - raw binary (.f32, .f64, .raw, .bin, .dat, or any file with RawMatrixFormat::type set):
//   float32 or float64 in either byte order, the shape from rows or cols.
// - text: CSV/TSV, whitespace-separated columns, and MATLAB-style matrices ("[1 2; 3 4]",
//   rows ended by ';' or a newline); spreadsheet CSV with ';' between single numbers and
//   decimal commas ("1,5;2,25"); '#' and '%' start comments; "NaN"/"Inf" are read as such
//   (and refused later by whoever needs finite values). The values are plain numbers, so a
//   tokenizer on ',', ';', tabs and spaces (quotes ignored) reads every such file.
//
// Values are returned row-major as stored: (row, col) at [row * cols + col]. Throws Error
// naming the file and what is wrong (ragged rows, a word that is not a number, a size that
// does not divide, a 1-D or 3-D array).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct RawMatrixFormat {
    enum class Type { Auto, Float32, Float64 };
    Type type = Type::Auto; // Auto: from the extension (.f32 / .f64), else not raw
    bool bigEndian = false;
    std::optional<std::int64_t> rows, cols; // one of them for raw files
};

struct Matrix {
    std::int64_t rows = 0, cols = 0;
    std::vector<double> values; // row-major
    std::vector<double> imag;   // empty unless the file held complex numbers
};

Matrix readMatrix(const std::string& path, const RawMatrixFormat& raw = {});

// "float32" / "f32" / "float64" / "f64"; throws Error naming `option`.
RawMatrixFormat::Type parseRawType(const std::string& text, const std::string& option);

} // namespace specedit::core
