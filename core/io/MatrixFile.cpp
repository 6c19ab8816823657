#include "io/MatrixFile.h"

#include "io/GrayImage.h"
#include "io/Npy.h"
#include "io/NpzArchive.h"
#include "util/Error.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace specedit::core {
namespace {

std::string extension(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    for (auto& ch : e)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return e;
}

Matrix readNpy(const std::string& path);

// An .npz's array, read as its own .npy: errors name it ("s.npz:mag"), not the unpacked copy.
Matrix readNpzArray(const std::string& path) {
    const NpzExtract extract(path);
    try {
        return readNpy(extract.npyPath());
    } catch (const Error& e) {
        throw Error(e.kind(), path, e.problem(), e.expected());
    }
}

Matrix readNpy(const std::string& path) {
    NpyReader npy(path);
    if (npy.shape().size() != 2)
        throw Error(path, "holds a " + std::to_string(npy.shape().size()) + "-D array",
                    "a 2-D array (bins x frames or frames x bins)");
    Matrix m{npy.shape()[0], npy.shape()[1], {}, {}};
    if (m.rows == 0 || m.cols == 0)
        throw Error(path,
                    "holds an empty array (" + std::to_string(m.rows) + " x " +
                        std::to_string(m.cols) + ")",
                    "at least one bin and one frame");
    const std::size_t n = std::size_t(m.rows) * std::size_t(m.cols);
    m.values.resize(n);
    if (npy.isComplex())
        m.imag.resize(n);
    for (std::int64_t r = 0; r < m.rows; ++r)
        for (std::int64_t c = 0; c < m.cols; ++c) {
            const auto v = npy.at2(r, c);
            const std::size_t i = std::size_t(r * m.cols + c);
            m.values[i] = v.real();
            if (npy.isComplex())
                m.imag[i] = v.imag();
        }
    return m;
}

template <typename T> double decode(const char* p, bool bigEndian) {
    using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    U u;
    std::memcpy(&u, p, sizeof u);
    if (bigEndian != (std::endian::native == std::endian::big))
        u = sizeof(T) == 4 ? U(__builtin_bswap32(std::uint32_t(u)))
                           : U(__builtin_bswap64(std::uint64_t(u)));
    return double(std::bit_cast<T>(u));
}

// Values no spectrogram holds: NaN, +infinity, beyond 1e30 or below 1e-30 but not zero (-inf
// is a level in dB of a zero). Raw
// numbers read in the wrong byte order or width are mostly these.
double implausibleShare(const std::string& bytes, bool float32, bool bigEndian) {
    const std::size_t item = float32 ? 4 : 8, count = bytes.size() / item;
    std::size_t bad = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double v = float32 ? decode<float>(bytes.data() + i * 4, bigEndian)
                                 : decode<double>(bytes.data() + i * 8, bigEndian);
        const double a = std::abs(v);
        const bool minusInfinity = std::isinf(v) && v < 0;
        bad += !minusInfinity && (!std::isfinite(v) || a > 1e30 || (a > 0 && a < 1e-30));
    }
    return count ? double(bad) / double(count) : 0.0;
}

// Refuses a reading that makes more than 1 % of the values implausible when another byte
// order or width makes nearly none, naming the options that read the file.
void checkByteOrder(const std::string& path, const std::string& bytes, bool float32,
                    bool bigEndian) {
    const double share = implausibleShare(bytes, float32, bigEndian);
    if (share <= 0.01)
        return;
    struct Reading {
        bool float32, bigEndian;
    };
    for (const Reading r : {Reading{float32, !bigEndian}, Reading{!float32, bigEndian},
                            Reading{!float32, !bigEndian}}) {
        if (bytes.size() % (r.float32 ? 4 : 8) != 0 ||
            implausibleShare(bytes, r.float32, r.bigEndian) > 0.001)
            continue;
        const auto name = [](bool f32, bool be) {
            return std::string(f32 ? "float32" : "float64") +
                   (be ? " big-endian" : " little-endian");
        };
        char percent[32];
        std::snprintf(percent, sizeof percent, "%.0f %%", 100 * share);
        throw Error(path,
                    "read as " + name(float32, bigEndian) + ", " + percent +
                        " of its values are NaN, infinite or absurdly large or small",
                    "--dtype " + std::string(r.float32 ? "float32" : "float64") +
                        (r.bigEndian ? " --big-endian" : " without --big-endian") + ": read as " +
                        name(r.float32, r.bigEndian) + ", its values are plausible");
    }
}

Matrix readRaw(const std::string& path, const RawMatrixFormat& f, RawMatrixFormat::Type type) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path, "cannot be opened", "a readable file");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t item = type == RawMatrixFormat::Type::Float32 ? 4 : 8;
    if (bytes.size() % item != 0)
        throw Error(path,
                    std::to_string(bytes.size()) + " bytes are not whole " + std::to_string(item) +
                        "-byte values",
                    "a multiple of " + std::to_string(item) + " bytes");
    const auto count = std::int64_t(bytes.size() / item);
    const std::int64_t side = f.rows ? *f.rows : f.cols ? *f.cols : 0;
    if (side < 1 || count % side != 0)
        throw Error(ErrorKind::Usage, path, // a missing or wrong option: exit code 2
                    side < 1 ? "a raw file has no shape"
                             : std::to_string(count) + " values do not divide into " +
                                   std::to_string(side) + (f.rows ? " rows" : " columns"),
                    "--rows or --cols giving one side of the matrix");
    if (f.rows && f.cols && *f.rows * *f.cols != count)
        throw Error(ErrorKind::Usage, path,
                    "holds " + std::to_string(count) + " values, not --rows " +
                        std::to_string(*f.rows) + " x --cols " + std::to_string(*f.cols) + " = " +
                        std::to_string(*f.rows * *f.cols),
                    "--rows and --cols whose product is the values in the file (or one of them)");
    checkByteOrder(path, bytes, item == 4, f.bigEndian);
    Matrix m;
    m.rows = f.rows ? side : count / side;
    m.cols = count / m.rows;
    m.values.resize(std::size_t(count));
    for (std::int64_t i = 0; i < count; ++i)
        m.values[std::size_t(i)] = item == 4 ? decode<float>(bytes.data() + i * 4, f.bigEndian)
                                             : decode<double>(bytes.data() + i * 8, f.bigEndian);
    return m;
}

// One row of text: numbers separated by ',', tabs or spaces; quotes ignored.
void parseRow(std::string_view row, std::vector<double>& out, const std::string& path,
              std::int64_t line) {
    std::size_t i = 0;
    auto isSep = [](char ch) {
        return ch == ',' || ch == ' ' || ch == '\t' || ch == '"' || ch == '\'' || ch == '\r';
    };
    while (i < row.size()) {
        while (i < row.size() && isSep(row[i]))
            ++i;
        std::size_t j = i;
        while (j < row.size() && !isSep(row[j]))
            ++j;
        if (j == i)
            break;
        std::string_view word = row.substr(i, j - i);
        if (word.front() == '+')
            word.remove_prefix(1);
        double v = 0;
        const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
        if (ec != std::errc() || end != word.data() + word.size())
            throw Error(path,
                        "line " + std::to_string(line) + ": '" + std::string(word) +
                            "' is not a number",
                        "numbers separated by commas, tabs or spaces");
        out.push_back(v);
        i = j;
    }
}

// The 1-based place of the first empty field of a comma-separated row ("1,2,,4": 3), 0 when
// none is empty or the row has no comma.
std::size_t firstEmptyField(std::string_view row) {
    if (row.find(',') == std::string_view::npos)
        return 0;
    std::size_t field = 1;
    for (std::size_t start = 0;; ++field) {
        const auto end = std::min(row.find(',', start), row.size());
        if (row.substr(start, end - start).find_first_not_of(" \t\r\"'") == std::string::npos)
            return field;
        if (end == row.size())
            return 0;
        start = end + 1;
    }
}

std::string withoutComment(std::string line) {
    if (auto c = line.find_first_of("#%"); c != std::string::npos)
        line.resize(c);
    return line;
}

// A spreadsheet's CSV where the decimal separator is a comma: fields separated by ';', each a
// single number ("1,5;2,25;-3"), the same number of ';' on every line, no MATLAB brackets. Read
// as MATLAB text, each ';' would end a row, and the file became a single column.
bool isSemicolonCsv(const std::vector<std::string>& lines) {
    std::optional<std::size_t> count;
    for (const std::string& line : lines) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        if (line.find_first_of("[]=") != std::string::npos)
            return false;
        const auto n = std::size_t(std::count(line.begin(), line.end(), ';'));
        if (n == 0 || (count && *count != n))
            return false;
        count = n;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= n; ++i) { // every field one word, the last one too
            const std::size_t end = std::min(line.find(';', start), line.size());
            const std::string field = line.substr(start, end - start);
            const auto a = field.find_first_not_of(" \t\r\"'");
            if (a == std::string::npos)
                return false;
            const auto b = field.find_last_not_of(" \t\r\"'");
            if (field.substr(a, b - a + 1).find_first_of(" \t") != std::string::npos)
                return false;
            start = end + 1;
        }
    }
    return count.has_value();
}

// The semicolon CSV's lines as this reader's: ';' separates columns, and a decimal comma
// (a field with one ',' and no '.') is a point.
void toCommaCsv(std::vector<std::string>& lines) {
    for (std::string& line : lines) {
        std::string out, field;
        auto flush = [&] {
            if (std::count(field.begin(), field.end(), ',') == 1 &&
                field.find('.') == std::string::npos)
                std::replace(field.begin(), field.end(), ',', '.');
            out += field;
            field.clear();
        };
        for (char ch : line) {
            if (ch == ';') {
                flush();
                out += ' ';
            } else {
                field += ch;
            }
        }
        flush();
        line = out;
    }
}

// The first line of numbers, when it is a header: a field that is no number ("freq,t0,t1"), or
// an empty first field (",0,1,2": pandas' to_csv, whose rows then start with their index).
// MATLAB text ("S = [1 2; 3 4];") has none.
struct Header {
    bool present = false;
    bool indexColumn = false; // the first column is row labels, not data
    bool named = false;       // ... under a name, so only if its values are labels' (monotonic)
};

bool isNumber(std::string_view word) {
    if (!word.empty() && word.front() == '+')
        word.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
    return !word.empty() && ec == std::errc() && end == word.data() + word.size();
}

// The first line of text, when it is a header; its fields as words.
Header takeHeader(std::vector<std::string>& lines) {
    static constexpr const char* kSeparators = ",; \t\r\"'";
    for (std::string& line : lines) {
        const auto first = line.find_first_not_of(kSeparators);
        if (first == std::string::npos)
            continue;
        if (line.find_first_of("[]=") != std::string::npos)
            return {};
        const auto lead = line.find_first_not_of(" \t\r\"'");
        const bool emptyFirst = line[lead] == ',' || line[lead] == ';';
        std::vector<std::string_view> words;
        for (std::size_t i = first; i < line.size();) {
            const auto b = std::min(line.find_first_of(kSeparators, i), line.size());
            words.emplace_back(line.data() + i, b - i);
            i = line.find_first_not_of(kSeparators, b);
            if (i == std::string::npos)
                break;
        }
        const auto numbers = std::count_if(words.begin(), words.end(), isNumber);
        Header h;
        h.present = emptyFirst || numbers < std::ptrdiff_t(words.size());
        // pandas names the columns; its index column's name is empty, or a name above labels
        // that are numbers ("freq,0.0,0.016,...": frequencies down, times across).
        h.indexColumn = emptyFirst || (!isNumber(words.front()) && words.size() > 1 &&
                                       numbers == std::ptrdiff_t(words.size()) - 1);
        h.named = !emptyFirst;
        if (h.present)
            line.clear(); // the line numbers of errors stay the file's
        return h;
    }
    return {};
}

// Frequencies or times down the first column: strictly rising or falling.
bool firstColumnMonotonic(const Matrix& m) {
    int sign = 0;
    for (std::int64_t r = 1; r < m.rows; ++r) {
        const double d =
            m.values[std::size_t(r * m.cols)] - m.values[std::size_t((r - 1) * m.cols)];
        const int s = d > 0 ? 1 : d < 0 ? -1 : 0;
        if (s == 0 || (sign != 0 && s != sign))
            return false;
        sign = s;
    }
    return true;
}

// pandas' index column: the first value of every row (frame or bin labels, not data). One
// under a name ("x,1,2") is dropped only when its values are labels', strictly monotonic: a
// data column under a name and numbered columns stays.
void dropIndexColumn(Matrix& m, bool named) {
    if (m.cols < 2 || (named && !firstColumnMonotonic(m)))
        return;
    std::vector<double> kept;
    kept.reserve(std::size_t(m.rows * (m.cols - 1)));
    for (std::int64_t r = 0; r < m.rows; ++r)
        kept.insert(kept.end(), m.values.begin() + r * m.cols + 1,
                    m.values.begin() + (r + 1) * m.cols);
    m.values = std::move(kept);
    --m.cols;
}

Matrix readText(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw Error(path, "cannot be opened", "a readable file");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(withoutComment(std::move(line)));
    const Header header = takeHeader(lines);
    if (isSemicolonCsv(lines))
        toCommaCsv(lines);
    Matrix m;
    std::int64_t lineNo = 0;
    std::vector<double> row;
    for (std::string& line : lines) {
        ++lineNo;
        if (auto eq = line.find('='); eq != std::string::npos) // MATLAB: "S = [1 2; 3 4];"
            line.erase(0, eq + 1);
        for (auto& ch : line)
            if (ch == '[' || ch == ']')
                ch = ' ';
        std::string_view rest = line;
        while (true) { // ';' ends a row as a newline does (MATLAB)
            const auto semi = rest.find(';');
            row.clear();
            parseRow(rest.substr(0, semi), row, path, lineNo);
            if (!row.empty()) {
                if (m.cols == 0)
                    m.cols = std::int64_t(row.size());
                const std::size_t empty = firstEmptyField(rest.substr(0, semi));
                if (std::int64_t(row.size()) < m.cols && empty > 0)
                    throw Error(path,
                                "line " + std::to_string(lineNo) + ", value " +
                                    std::to_string(empty) + " is empty",
                                "a number in every field, " + std::to_string(m.cols) +
                                    " in a row as in the first");
                if (std::int64_t(row.size()) != m.cols)
                    throw Error(path,
                                "line " + std::to_string(lineNo) + " has " +
                                    std::to_string(row.size()) + " values, the first row " +
                                    std::to_string(m.cols),
                                "the same number of values in every row");
                m.values.insert(m.values.end(), row.begin(), row.end());
                ++m.rows;
            }
            if (semi == std::string_view::npos)
                break;
            rest.remove_prefix(semi + 1);
        }
    }
    if (m.rows == 0)
        throw Error(path, "holds no numbers", "a matrix of numbers");
    if (header.indexColumn)
        dropIndexColumn(m, header.named);
    return m;
}

} // namespace

RawMatrixFormat::Type parseRawType(const std::string& text, const std::string& option) {
    if (text == "float32" || text == "f32")
        return RawMatrixFormat::Type::Float32;
    if (text == "float64" || text == "f64")
        return RawMatrixFormat::Type::Float64;
    throw Error(option, "unknown raw type '" + text + "'", "float32 or float64");
}

Matrix readMatrix(const std::string& path, const RawMatrixFormat& raw) {
    if (isNpzPath(path))
        return readNpzArray(path);
    if (!std::filesystem::is_regular_file(path))
        throw Error(path, "does not exist or is not a file", "a matrix file");
    const std::string ext = extension(path);
    if (isImagePath(path))
        throw Error(path, "is a picture, not a matrix",
                    "a matrix file (a grayscale picture is read by rebuild with --image-db, "
                    "--image-time and --image-freq)");
    if (ext == ".npy")
        return readNpy(path);
    RawMatrixFormat::Type type = raw.type;
    if (type == RawMatrixFormat::Type::Auto) {
        if (ext == ".f32" || ext == ".float32")
            type = RawMatrixFormat::Type::Float32;
        else if (ext == ".f64" || ext == ".float64")
            type = RawMatrixFormat::Type::Float64;
        else if (ext == ".raw" || ext == ".bin" || ext == ".dat")
            throw Error(ErrorKind::Usage, path, "is raw binary of unknown type",
                        "--dtype float32 or float64");
    }
    if (type != RawMatrixFormat::Type::Auto)
        return readRaw(path, raw, type);
    return readText(path);
}

} // namespace specedit::core
