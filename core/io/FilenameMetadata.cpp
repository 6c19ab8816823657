#include "io/FilenameMetadata.h"

#include "io/RawLayout.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <utility>
#include <vector>

namespace specedit::core {
namespace {

// A bare "<number>M" or "<number>G" is read as a frequency only at or above this: SDR sample
// rates stay below it, tuner frequencies of rtl_sdr/HackRF captures mostly above.
constexpr double kBareFrequencyMinimum = 70e6;

enum class Quantity { Frequency, Rate, Bare };

struct Unit {
    std::string_view name;
    int exponent; // value = number * 10^exponent
    Quantity quantity;
};

constexpr std::array kUnits{
    Unit{"hz", 0, Quantity::Frequency},  Unit{"khz", 3, Quantity::Frequency},
    Unit{"mhz", 6, Quantity::Frequency}, Unit{"ghz", 9, Quantity::Frequency},
    Unit{"sps", 0, Quantity::Rate},      Unit{"ksps", 3, Quantity::Rate},
    Unit{"msps", 6, Quantity::Rate},     Unit{"gsps", 9, Quantity::Rate},
    Unit{"m", 6, Quantity::Bare},        Unit{"g", 9, Quantity::Bare},
    Unit{"k", 3, Quantity::Rate},
};

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool allDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The name without directory and extension (an extension starts with a letter, so the
// ".5MHz" of "x_100.5MHz" is not one).
std::string_view stem(std::string_view name) {
    const std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    const std::size_t dot = name.rfind('.');
    if (dot != std::string_view::npos && dot + 1 < name.size() &&
        std::isalpha(static_cast<unsigned char>(name[dot + 1])))
        name = name.substr(0, dot);
    return name;
}

std::vector<std::string_view> tokens(std::string_view name) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() ||
            std::string_view("_ -,;()[]").find(name[i]) != std::string_view::npos) {
            if (i > start)
                out.push_back(name.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

// "<digits>[.<digits>]<unit>" with a known unit, as (quantity, value in Hz or S/s). The
// number is parsed with the unit's exponent, so "162.550MHz" is exactly 162550000.
std::optional<std::pair<Quantity, double>> quantityOf(std::string_view token) {
    std::size_t digits = 0;
    while (digits < token.size() && std::isdigit(static_cast<unsigned char>(token[digits])))
        ++digits;
    std::size_t numberEnd = digits;
    if (digits > 0 && numberEnd < token.size() && token[numberEnd] == '.') {
        ++numberEnd;
        while (numberEnd < token.size() &&
               std::isdigit(static_cast<unsigned char>(token[numberEnd])))
            ++numberEnd;
    }
    const std::string unit = lowercase(token.substr(numberEnd));
    const auto u = std::find_if(kUnits.begin(), kUnits.end(),
                                [&](const Unit& candidate) { return candidate.name == unit; });
    if (digits == 0 || u == kUnits.end())
        return std::nullopt;
    const std::string scientific =
        std::string(token.substr(0, numberEnd)) + "e" + std::to_string(u->exponent);
    double value = 0;
    std::from_chars(scientific.data(), scientific.data() + scientific.size(), value);
    if (value <= 0)
        return std::nullopt;
    return std::make_pair(u->quantity, value);
}

// "YYYYMMDD" and "HHMMSS" as an ISO 8601 UTC time, if both are valid.
std::string isoTime(std::string_view date, std::string_view time) {
    if (date.size() != 8 || time.size() != 6 || !allDigits(date) || !allDigits(time))
        return {};
    const auto num = [](std::string_view s) {
        int v = 0;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
    };
    const int y = num(date.substr(0, 4)), mo = num(date.substr(4, 2)), d = num(date.substr(6, 2));
    const int h = num(time.substr(0, 2)), mi = num(time.substr(2, 2)), s = num(time.substr(4, 2));
    const std::chrono::year_month_day ymd{std::chrono::year{y},
                                          std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (y < 1970 || y > 2200 || mo > 12 || d > 31 || !ymd.ok() || h > 23 || mi > 59 || s > 59)
        return {};
    std::string iso(date.substr(0, 4));
    iso.append("-").append(date.substr(4, 2)).append("-").append(date.substr(6, 2));
    iso.append("T").append(time.substr(0, 2)).append(":").append(time.substr(2, 2));
    return iso.append(":").append(time.substr(4, 2)).append("Z");
}

// Sets target to the value if all candidates agree, else leaves it unset.
void agree(const std::vector<double>& candidates, std::optional<double>& target) {
    if (!candidates.empty() && std::all_of(candidates.begin(), candidates.end(),
                                           [&](double v) { return v == candidates.front(); }))
        target = candidates.front();
}

// gqrx_<YYYYMMDD>_<HHMMSS>_<centre Hz>_<rate>_fc: gqrx names its recordings in UTC.
bool parseGqrx(const std::vector<std::string_view>& t, FilenameHints& hints) {
    if (t.size() < 5 || lowercase(t[0]) != "gqrx" || !allDigits(t[3]) || !allDigits(t[4]))
        return false;
    const std::string start = isoTime(t[1], t[2]);
    if (start.empty())
        return false;
    double centre = 0, rate = 0;
    std::from_chars(t[3].data(), t[3].data() + t[3].size(), centre);
    std::from_chars(t[4].data(), t[4].data() + t[4].size(), rate);
    hints.startTime = start;
    if (centre > 0)
        hints.centerFrequency = centre;
    if (rate > 0)
        hints.sampleRate = rate;
    return true;
}

// Bare "<n>M" tokens: two give centre then rate (rtl_433's order); one is a centre from
// 70 MHz on, else a rate. A quantity with an explicit unit wins over a bare one.
void readBare(const std::vector<double>& bare, std::vector<double>& frequencies,
              std::vector<double>& rates) {
    std::optional<double> frequency, rate;
    if (bare.size() == 2 && bare[1] < bare[0]) {
        frequency = bare[0];
        rate = bare[1];
    } else if (bare.size() == 1) {
        (bare[0] >= kBareFrequencyMinimum ? frequency : rate) = bare[0];
    }
    if (frequency && frequencies.empty())
        frequencies.push_back(*frequency);
    if (rate && rates.empty())
        rates.push_back(*rate);
}

// A sample-type token ("cf32", "ci16_le": the underscore splits it, so pairs are tried).
std::string formatToken(const std::vector<std::string_view>& t, std::size_t i) {
    if (i + 1 < t.size()) {
        const std::string pair = std::string(t[i]) + "_" + std::string(t[i + 1]);
        if (rawLayoutFromName(pair))
            return lowercase(pair);
    }
    const std::string one = lowercase(t[i]);
    const bool plausible =
        one.size() >= 3 && (one[0] == 'c' || one[0] == 'r' || one[0] == 'f' || one[0] == 's');
    return plausible && rawLayoutFromName(one) ? one : std::string();
}

} // namespace

FilenameHints parseRecorderFilename(std::string_view fileName) {
    FilenameHints hints;
    const std::vector<std::string_view> t = tokens(stem(fileName));
    if (parseGqrx(t, hints))
        return hints;
    std::vector<double> frequencies, rates, bare;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (const auto q = quantityOf(t[i])) {
            if (q->first == Quantity::Frequency)
                frequencies.push_back(q->second);
            else if (q->first == Quantity::Rate)
                rates.push_back(q->second);
            else
                bare.push_back(q->second);
        }
        if (hints.sampleFormat.empty())
            hints.sampleFormat = formatToken(t, i);
        // <YYYYMMDD>_<HHMMSS>Z: the Z says UTC (SDRuno, SDR#, HDSDR); local times are skipped.
        const std::string_view next = i + 1 < t.size() ? t[i + 1] : std::string_view();
        if (hints.startTime.empty() && next.size() == 7 &&
            (next.back() == 'Z' || next.back() == 'z'))
            hints.startTime = isoTime(t[i], next.substr(0, 6));
    }
    readBare(bare, frequencies, rates);
    // capture_4MHz_cf32.iq: a raw name with a type gives its rate in Hz units (the one figure
    // below 70 MHz).
    const auto low = [](double f) { return f < kBareFrequencyMinimum; };
    if (!hints.sampleFormat.empty() && rates.empty() &&
        std::count_if(frequencies.begin(), frequencies.end(), low) == 1) {
        const auto it = std::find_if(frequencies.begin(), frequencies.end(), low);
        rates.push_back(*it);
        frequencies.erase(it);
    }
    agree(frequencies, hints.centerFrequency);
    agree(rates, hints.sampleRate);
    return hints;
}

} // namespace specedit::core
