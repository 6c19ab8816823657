#include "io/WavAuxi.h"

#include "util/Error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>

namespace specedit::core {
namespace {

namespace chr = std::chrono;
using UnixMs = chr::sys_time<chr::milliseconds>;

constexpr std::size_t kBinaryMinimum = 36; // up to and including CenterFreq
constexpr std::size_t kBinaryFull = 164;
constexpr std::size_t kMaxAuxiBytes = 1 << 20;

std::uint16_t le16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] | p[1] << 8);
}

std::uint32_t le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
           std::uint32_t{p[3]} << 24;
}

void putLe16(std::uint8_t* p, unsigned v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}

void putLe32(std::uint8_t* p, std::uint32_t v) {
    putLe16(p, v & 0xFFFF);
    putLe16(p + 2, v >> 16);
}

// ---- time --------------------------------------------------------------------------------

struct CivilTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0;
};

std::optional<UnixMs> toUnixMs(const CivilTime& t) {
    if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31)
        return std::nullopt;
    const chr::year_month_day ymd{chr::year{t.year}, chr::month(static_cast<unsigned>(t.month)),
                                  chr::day(static_cast<unsigned>(t.day))};
    if (!ymd.ok() || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 ||
        t.second > 59 || t.millisecond < 0 || t.millisecond > 999)
        return std::nullopt;
    return UnixMs{chr::sys_days{ymd}} + chr::hours{t.hour} + chr::minutes{t.minute} +
           chr::seconds{t.second} + chr::milliseconds{t.millisecond};
}

CivilTime toCivil(UnixMs ms) {
    const auto days = chr::floor<chr::days>(ms);
    const chr::year_month_day ymd{days};
    const chr::hh_mm_ss hms{ms - days};
    return {static_cast<int>(ymd.year()),
            static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())),
            static_cast<int>(hms.hours().count()),
            static_cast<int>(hms.minutes().count()),
            static_cast<int>(hms.seconds().count()),
            static_cast<int>(hms.subseconds().count())};
}

std::string formatIso(UnixMs ms) {
    const CivilTime t = toCivil(ms);
    char text[40];
    std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day,
                  t.hour, t.minute, t.second);
    std::string out = text;
    if (t.millisecond != 0) {
        std::snprintf(text, sizeof(text), ".%03d", t.millisecond);
        out += text;
    }
    return out + "Z";
}

// Parses digits-and-separators text against a pattern where 'D' is one digit and any other
// character must match itself; returns the numbers between separators.
std::optional<std::vector<int>> scanNumbers(std::string_view text, std::string_view pattern) {
    if (text.size() != pattern.size())
        return std::nullopt;
    std::vector<int> numbers;
    bool inNumber = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool digit = text[i] >= '0' && text[i] <= '9';
        if (pattern[i] == 'D' ? !digit : text[i] != pattern[i])
            return std::nullopt;
        if (pattern[i] == 'D' && !inNumber)
            numbers.push_back(0);
        if (pattern[i] == 'D')
            numbers.back() = numbers.back() * 10 + (text[i] - '0');
        inNumber = pattern[i] == 'D';
    }
    return numbers;
}

// "YYYY-MM-DDTHH:MM:SS[.mmm][Z]" (also with a space for T) or SDR Console's
// "DD-MM-YYYY HH:MM:SS"; always UTC.
std::optional<UnixMs> parseTime(std::string_view text) {
    if (!text.empty() && text.back() == 'Z')
        text.remove_suffix(1);
    int ms = 0;
    if (text.size() > 20 && text.size() <= 29 && text[19] == '.') {
        // Any number of fraction digits (SigMF writes microseconds); milliseconds are kept.
        const std::string digits = (std::string(text.substr(20)) + "00").substr(0, 3);
        const std::string_view rest = text.substr(20);
        if (!std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        ms = std::stoi(digits);
        text = text.substr(0, 19);
    }
    if (auto n = scanNumbers(text, "DDDD-DD-DDTDD:DD:DD");
        n || (n = scanNumbers(text, "DDDD-DD-DD DD:DD:DD")))
        return toUnixMs({(*n)[0], (*n)[1], (*n)[2], (*n)[3], (*n)[4], (*n)[5], ms});
    if (auto n = scanNumbers(text, "DD-DD-DDDD DD:DD:DD"))
        return toUnixMs({(*n)[2], (*n)[1], (*n)[0], (*n)[3], (*n)[4], (*n)[5], ms});
    return std::nullopt;
}

// A Windows SYSTEMTIME at p as ISO 8601; empty when zero ("not recorded") or invalid.
std::string systemTimeIso(const std::uint8_t* p) {
    const CivilTime t{le16(p),      le16(p + 2),  le16(p + 6), le16(p + 8),
                      le16(p + 10), le16(p + 12), le16(p + 14)};
    const auto ms = toUnixMs(t);
    return ms ? formatIso(*ms) : std::string();
}

void putSystemTime(std::uint8_t* p, UnixMs ms) {
    const CivilTime t = toCivil(ms);
    const chr::weekday weekday{chr::floor<chr::days>(ms)};
    const std::array<int, 8> fields{t.year,   t.month,      static_cast<int>(weekday.c_encoding()),
                                    t.day,    t.hour,       t.minute,
                                    t.second, t.millisecond};
    for (std::size_t i = 0; i < fields.size(); ++i)
        putLe16(p + 2 * i, static_cast<unsigned>(fields[i]));
}

// ---- SDR Console XML ---------------------------------------------------------------------

void appendUtf8(std::string& out, char32_t c) {
    constexpr std::array<unsigned, 4> kLead{0x00, 0xC0, 0xE0, 0xF0};
    const int extra = c < 0x80 ? 0 : c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
    out += static_cast<char>(kLead[static_cast<std::size_t>(extra)] | (c >> (6 * extra)));
    for (int i = extra - 1; i >= 0; --i)
        out += static_cast<char>(0x80 | ((c >> (6 * i)) & 0x3F));
}

// UTF-16LE to UTF-8, up to the first NUL; unpaired surrogates become U+FFFD.
std::string utf16leToUtf8(const std::uint8_t* p, std::size_t units) {
    std::string out;
    for (std::size_t i = 0; i < units; ++i) {
        char32_t c = le16(p + 2 * i);
        if (c == 0)
            break;
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units) {
            const char32_t low = le16(p + 2 * (i + 1));
            if (low >= 0xDC00 && low <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                ++i;
            }
        }
        appendUtf8(out, c >= 0xD800 && c <= 0xDFFF ? char32_t{0xFFFD} : c);
    }
    return out;
}

// The auxi payload as XML text if it is XML (UTF-16LE, or 8-bit), else nullopt.
std::optional<std::string> auxiXmlText(const std::vector<std::uint8_t>& b) {
    std::string text;
    if (b.size() >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        text = utf16leToUtf8(b.data() + 2, (b.size() - 2) / 2);
    else if (b.size() >= 4 && b[0] != 0 && b[1] == 0 && b[3] == 0)
        text = utf16leToUtf8(b.data(), b.size() / 2);
    else if (b.size() >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        text.assign(b.begin() + 3, std::find(b.begin() + 3, b.end(), 0));
    else
        text.assign(b.begin(), std::find(b.begin(), b.end(), 0));
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || text[first] != '<' || first + 1 >= text.size())
        return std::nullopt;
    const char next = text[first + 1];
    if (next != '?' && next != '!' && !std::isalpha(static_cast<unsigned char>(next)))
        return std::nullopt;
    return text;
}

// The value of attribute `name` anywhere in xml (name must start a word), or nullopt.
std::optional<std::string> xmlAttribute(std::string_view xml, std::string_view name) {
    for (std::size_t pos = xml.find(name); pos != std::string_view::npos;
         pos = xml.find(name, pos + 1)) {
        const bool boundary = pos > 0 && (std::isspace(static_cast<unsigned char>(xml[pos - 1])) ||
                                          xml[pos - 1] == '<');
        std::size_t p = xml.find_first_not_of(" \t\r\n", pos + name.size());
        if (!boundary || p == std::string_view::npos || xml[p] != '=')
            continue;
        p = xml.find_first_not_of(" \t\r\n", p + 1);
        if (p == std::string_view::npos || (xml[p] != '"' && xml[p] != '\''))
            continue;
        const std::size_t end = xml.find(xml[p], p + 1);
        if (end != std::string_view::npos)
            return std::string(xml.substr(p + 1, end - p - 1));
    }
    return std::nullopt;
}

// A positive number filling the whole attribute value, or nullopt.
std::optional<double> xmlNumber(std::string_view xml, std::string_view name) {
    const auto value = xmlAttribute(xml, name);
    if (!value || value->empty())
        return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(value->c_str(), &end);
    if (*end != '\0' || !std::isfinite(v) || v <= 0)
        return std::nullopt;
    return v;
}

void parseSdrConsoleXml(std::string_view xml, AuxiInfo& info) {
    for (const char* name : {"RadioCenterFreq", "CurrentFrequency", "CenterFrequency"}) {
        if (!info.centerFrequency)
            info.centerFrequency = xmlNumber(xml, name);
    }
    info.sampleRate = xmlNumber(xml, "SampleRate");
    if (const auto seconds = xmlNumber(xml, "UTCSeconds")) {
        info.startTime = formatIso(UnixMs{chr::seconds{static_cast<std::int64_t>(*seconds)}});
        return;
    }
    for (const char* name : {"UTC", "DateTimeUTC", "CurrentTimeUTC"}) {
        const auto value = xmlAttribute(xml, name);
        auto ms = value ? parseTime(*value) : std::nullopt;
        if (const auto seconds = xmlNumber(xml, name); !ms && seconds)
            ms = UnixMs{chr::seconds{static_cast<std::int64_t>(*seconds)}};
        if (ms && info.startTime.empty())
            info.startTime = formatIso(*ms);
    }
}

void parseBinaryAuxi(const std::vector<std::uint8_t>& b, AuxiInfo& info) {
    const auto field = [&b](std::size_t offset) -> std::optional<double> {
        if (b.size() < offset + 4 || le32(b.data() + offset) == 0)
            return std::nullopt;
        return static_cast<double>(le32(b.data() + offset));
    };
    info.startTime = systemTimeIso(b.data());
    info.stopTime = systemTimeIso(b.data() + 16);
    info.centerFrequency = field(32);
    info.sampleRate = field(36);
    info.bandwidth = field(44);
}

// value rounded to a uint32, or 0 ("unknown" in an auxi chunk) when it does not fit.
std::uint32_t uint32OrZero(double value) {
    if (!std::isfinite(value) || value < 0 || std::round(value) > 4294967295.0)
        return 0;
    return static_cast<std::uint32_t>(std::round(value));
}

} // namespace

AuxiInfo parseAuxi(const std::vector<std::uint8_t>& bytes) {
    AuxiInfo info;
    info.raw = bytes;
    if (const auto xml = auxiXmlText(bytes)) {
        info.flavour = "sdrconsole-xml";
        parseSdrConsoleXml(*xml, info);
        return info;
    }
    if (bytes.size() < kBinaryMinimum)
        throw Error("auxi chunk",
                    std::to_string(bytes.size()) + " bytes are too short for any known auxi layout",
                    "at least 36 bytes (SpectraVue/SDRuno layout) or SDR Console XML");
    info.flavour = "sdruno";
    parseBinaryAuxi(bytes, info);
    return info;
}

std::optional<AuxiInfo> readAuxi(const std::string& path) {
    const auto chunks = scanRiffChunks(path);
    const auto it = std::find_if(chunks.begin(), chunks.end(),
                                 [](const RiffChunk& c) { return c.id == "auxi"; });
    if (it == chunks.end())
        return std::nullopt;
    const std::vector<std::uint8_t> bytes = readRiffChunk(path, *it, kMaxAuxiBytes);
    try {
        return parseAuxi(bytes);
    } catch (const Error& e) {
        throw Error(path, "auxi chunk: " + e.problem(), e.expected());
    }
}

std::vector<std::uint8_t> makeSdrunoAuxi(double centerHz, double sampleRate,
                                         const std::string& startIsoUtc, double durationSeconds) {
    std::vector<std::uint8_t> bytes(kBinaryFull, 0);
    if (const auto start = parseTime(startIsoUtc)) {
        const double duration =
            std::isfinite(durationSeconds) ? std::max(durationSeconds, 0.0) : 0.0;
        putSystemTime(bytes.data(), *start);
        putSystemTime(bytes.data() + 16,
                      *start + chr::milliseconds{std::llround(duration * 1000.0)});
    }
    putLe32(bytes.data() + 32, uint32OrZero(centerHz));
    putLe32(bytes.data() + 36, uint32OrZero(sampleRate));
    return bytes;
}

} // namespace specedit::core
