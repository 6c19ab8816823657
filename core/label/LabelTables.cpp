#include "label/LabelTables.h"

#include "util/Error.h"

#include <charconv>
#include <cmath>
#include <csv.h>
#include <fstream>
#include <iterator>
#include <map>

namespace specedit::core {
namespace {

struct TableBuilder {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
};

void onField(void* text, std::size_t length, void* data) {
    auto* t = static_cast<TableBuilder*>(data);
    t->row.emplace_back(static_cast<const char*>(text), length);
}

void onRowEnd(int, void* data) {
    auto* t = static_cast<TableBuilder*>(data);
    t->rows.push_back(std::move(t->row));
    t->row.clear();
}

const char* kCsvColumns[] = {"id",    "class", "t0_s",   "t1_s",       "f0_hz",
                             "f1_hz", "state", "snr_db", "confidence", "comment"};

// Column index by name in a header row, or -1.
int column(const std::vector<std::string>& header, const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : int(it - header.begin());
}

std::string field(const std::vector<std::string>& row, int index) {
    return index >= 0 && std::size_t(index) < row.size() ? row[std::size_t(index)] : "";
}

// The columns a table must have, found in its header; throws naming the missing one.
std::map<std::string, int> requireColumns(const std::vector<std::string>& header,
                                          const std::vector<std::string>& names,
                                          const std::string& path) {
    std::map<std::string, int> at;
    for (const auto& n : names) {
        at[n] = column(header, n);
        if (at[n] < 0)
            throw Error(path, "has no \"" + n + "\" column", "a header naming it");
    }
    return at;
}

// Raven writes plain tab-separated lines (no quoting): split them as they are.
std::vector<std::vector<std::string>> tabLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        rows.push_back(splitTabs(line));
    }
    return rows;
}

// A text field of a tab-separated line: no tabs or line breaks inside.
std::string plain(std::string text) {
    for (char& c : text)
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
    return text;
}

} // namespace

std::string csvQuoted(const std::string& text) {
    std::string out(text.size() * 2 + 2, '\0');
    out.resize(csv_write(out.data(), out.size(), text.data(), text.size()));
    return out;
}

std::string number(double v) {
    char buf[64];
    const auto r = std::to_chars(std::begin(buf), std::end(buf), v, std::chars_format::general, 12);
    return std::string(buf, r.ptr);
}

double parseNumber(const std::string& text, const std::string& where) {
    double v = 0;
    const char* end = text.data() + text.size();
    const char* start = text.data();
    while (start < end && *start == ' ')
        ++start;
    const auto r = std::from_chars(start, end, v);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(v))
        throw Error(where, "\"" + text + "\" is not a number", "a number such as 1.25");
    return v;
}

namespace {

// A label id: a whole number from 0 to 2^53 (what JSON and a double hold exactly).
std::uint64_t parseId(const std::string& text, const std::string& where) {
    const double v = parseNumber(text, where);
    if (!(v >= 0 && v <= 9007199254740992.0) || v != std::floor(v))
        throw Error(where, "id \"" + text + "\" is not a whole number from 0 to 2^53",
                    "a label id such as 12");
    return std::uint64_t(v);
}

} // namespace

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> fields(1);
    for (char c : line) {
        if (c == '\t')
            fields.emplace_back();
        else
            fields.back() += c;
    }
    return fields;
}

std::vector<std::vector<std::string>> readTable(const std::string& path, char delimiter) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        throw Error(path, "cannot start the CSV reader", "memory");
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    TableBuilder table;
    const std::size_t used =
        csv_parse(&parser, text.data(), text.size(), onField, onRowEnd, &table);
    const bool failed = used != text.size() || csv_fini(&parser, onField, onRowEnd, &table) != 0;
    const std::string why = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    if (failed)
        throw Error(path, "malformed table near byte " + std::to_string(used) + ": " + why,
                    "fields separated by one delimiter, quotes doubled inside quoted fields");
    return table.rows;
}

void writeCsv(std::ostream& out, const std::vector<Label>& labels) {
    for (std::size_t i = 0; i < std::size(kCsvColumns); ++i)
        out << (i ? "," : "") << kCsvColumns[i];
    out << '\n';
    for (const Label& l : labels) {
        out << l.id << ',' << csvQuoted(l.className) << ',' << number(l.t0) << ',' << number(l.t1)
            << ',' << number(l.f0) << ',' << number(l.f1) << ','
            << (l.confirmed ? "confirmed" : "proposed") << ',' << (l.snrDb ? number(*l.snrDb) : "")
            << ',' << (l.confidence ? number(*l.confidence) : "") << ',' << csvQuoted(l.comment)
            << '\n';
    }
}

std::vector<Label> readCsv(const std::string& path) {
    const auto rows = readTable(path, ',');
    if (rows.empty())
        throw Error(path, "is empty", "a header row and one row per label");
    const auto at = requireColumns(rows[0], {"t0_s", "t1_s", "f0_hz", "f1_hz"}, path);
    std::vector<Label> labels;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string where = path + ": row " + std::to_string(r + 1);
        Label l;
        l.t0 = parseNumber(field(row, at.at("t0_s")), where);
        l.t1 = parseNumber(field(row, at.at("t1_s")), where);
        l.f0 = parseNumber(field(row, at.at("f0_hz")), where);
        l.f1 = parseNumber(field(row, at.at("f1_hz")), where);
        if (const std::string id = field(row, column(rows[0], "id")); !id.empty())
            l.id = parseId(id, where);
        l.className = field(row, column(rows[0], "class"));
        l.comment = field(row, column(rows[0], "comment"));
        l.confirmed = field(row, column(rows[0], "state")) != "proposed";
        if (const std::string s = field(row, column(rows[0], "snr_db")); !s.empty())
            l.snrDb = parseNumber(s, where);
        if (const std::string c = field(row, column(rows[0], "confidence")); !c.empty())
            l.confidence = parseNumber(c, where);
        l.validate(where);
        labels.push_back(std::move(l));
    }
    return labels;
}

void writeRaven(std::ostream& out, const std::vector<Label>& labels) {
    out << "Selection\tView\tChannel\tBegin Time (s)\tEnd Time (s)\tLow Freq (Hz)\t"
           "High Freq (Hz)\tClass\tComment\n";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const Label& l = labels[i];
        out << i + 1 << "\tSpectrogram 1\t1\t" << number(l.t0) << '\t' << number(l.t1) << '\t'
            << number(l.f0) << '\t' << number(l.f1) << '\t' << plain(l.className) << '\t'
            << plain(l.comment) << '\n';
    }
}

std::vector<Label> readRaven(const std::string& path) {
    const auto rows = tabLines(path);
    if (rows.empty())
        throw Error(path, "is empty", "a Raven selection table with its header");
    const auto& header = rows[0];
    const auto at = requireColumns(
        header, {"Begin Time (s)", "End Time (s)", "Low Freq (Hz)", "High Freq (Hz)"}, path);
    const int cls =
        column(header, "Class") >= 0 ? column(header, "Class") : column(header, "Annotation");
    std::vector<Label> labels;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() == 1 && row[0].empty())
            continue;
        const std::string where = path + ": row " + std::to_string(r + 1);
        Label l;
        l.t0 = parseNumber(field(row, at.at("Begin Time (s)")), where);
        l.t1 = parseNumber(field(row, at.at("End Time (s)")), where);
        l.f0 = parseNumber(field(row, at.at("Low Freq (Hz)")), where);
        l.f1 = parseNumber(field(row, at.at("High Freq (Hz)")), where);
        l.className = field(row, cls);
        l.comment = field(row, column(header, "Comment"));
        for (std::size_t c = 0; c < header.size(); ++c) // any other column is kept
            if (int(c) != cls && header[c] != "Comment" && header[c] != "Begin Time (s)" &&
                header[c] != "End Time (s)" && header[c] != "Low Freq (Hz)" &&
                header[c] != "High Freq (Hz)")
                l.extra["raven:" + header[c]] = field(row, int(c));
        l.validate(where);
        labels.push_back(std::move(l));
    }
    return labels;
}

} // namespace specedit::core
