#include "io/AxisUnits.h"

#include <cctype>
#include <utility>
#include <vector>

namespace specedit::core {
namespace {

struct Word {
    const char* word;
    const char* name;
    double factor;
};

// Whole words of the title, lower case: letters, digits and the bytes of µ (UTF-8).
std::vector<std::string> wordsOf(const std::string& title) {
    std::vector<std::string> out;
    std::string word;
    for (const char ch : title + " ") {
        const auto u = static_cast<unsigned char>(ch);
        if (std::isalnum(u) || u >= 0x80) {
            word += char(std::tolower(u));
        } else if (!word.empty()) {
            out.push_back(word);
            word.clear();
        }
    }
    return out;
}

// µ as the micro sign (U+00B5) or the Greek letter (U+03BC), or a plain u.
const Word kTimeUnits[] = {{"s", "s", 1},
                           {"sec", "s", 1},
                           {"secs", "s", 1},
                           {"second", "s", 1},
                           {"seconds", "s", 1},
                           {"ms", "ms", 1e-3},
                           {"msec", "ms", 1e-3},
                           {"milliseconds", "ms", 1e-3},
                           {"us", "us", 1e-6},
                           {"\xc2\xb5s", "us", 1e-6},
                           {"\xce\xbcs", "us", 1e-6},
                           {"usec", "us", 1e-6},
                           {"microseconds", "us", 1e-6},
                           {"ns", "ns", 1e-9},
                           {"nanoseconds", "ns", 1e-9},
                           {"min", "min", 60},
                           {"mins", "min", 60},
                           {"minutes", "min", 60},
                           {"hours", "h", 3600}};

const Word kFrequencyUnits[] = {
    {"hz", "Hz", 1},     {"hertz", "Hz", 1},        {"khz", "kHz", 1e3}, {"kilohertz", "kHz", 1e3},
    {"mhz", "MHz", 1e6}, {"megahertz", "MHz", 1e6}, {"ghz", "GHz", 1e9}, {"gigahertz", "GHz", 1e9}};

// Words of a title that counts, or normalises, instead of naming a unit.
const std::pair<const char*, const char*> kCounts[] = {
    {"samples", "samples"}, {"sample", "samples"},    {"frames", "frames"},
    {"frame", "frames"},    {"bins", "bins"},         {"bin", "bins"},
    {"index", "indices"},   {"segments", "segments"}, {"segment", "segments"},
    {"windows", "windows"}, {"columns", "columns"},   {"rows", "rows"}};
const char* const kNormalised[] = {"normalized", "normalised", "rad", "radians", "cycles"};

} // namespace

AxisUnit axisUnitOf(const std::string& title, AxisQuantity quantity) {
    const bool time = quantity == AxisQuantity::Time;
    const std::string wanted = time ? "seconds" : "hertz";
    for (const std::string& w : wordsOf(title)) {
        for (const Word& u :
             time ? std::vector<Word>(std::begin(kTimeUnits), std::end(kTimeUnits))
                  : std::vector<Word>(std::begin(kFrequencyUnits), std::end(kFrequencyUnits)))
            if (w == u.word)
                return {u.name, u.factor, {}};
        for (const auto& [word, counted] : kCounts)
            if (w == word)
                return {{}, 1, "its title '" + title + "' counts " + counted + ", not " + wanted};
        for (const char* n : kNormalised)
            if (!time && w == n)
                return {
                    {}, 1, "its title '" + title + "' gives a normalised frequency, not " + wanted};
    }
    return {};
}

std::optional<UnitLabel> unitLabelOf(const std::string& text, AxisQuantity quantity) {
    std::string t; // matplotlib's minus sign (U+2212) and dashes as '-', spaces dropped
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xe2\x88\x92") == 0 || text.compare(i, 3, "\xe2\x80\x93") == 0) {
            t += '-';
            i += 2;
        } else if (text[i] != ' ' && text[i] != '\n') {
            t += text[i];
        }
    }
    std::size_t end = t.rfind('-', 0) == 0 ? 1 : 0, digits = 0, points = 0;
    for (; end < t.size(); ++end) {
        const auto c = static_cast<unsigned char>(t[end]);
        if (std::isdigit(c))
            ++digits;
        else if (c != '.' || ++points > 1)
            break;
    }
    if (digits == 0 || end == t.size())
        return std::nullopt;
    AxisUnit unit = axisUnitOf(t.substr(end), quantity);
    if (unit.name.empty() || !unit.problem.empty() || wordsOf(t.substr(end)).size() != 1)
        return std::nullopt;
    return UnitLabel{std::stod(t.substr(0, end)), unit};
}

} // namespace specedit::core
