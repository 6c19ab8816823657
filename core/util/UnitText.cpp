#include "UnitText.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

namespace specedit::core {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// A finite number at the start of `s` ('+' allowed, unlike from_chars; no "inf", "nan" or
// hex); `s` keeps what follows it.
std::optional<double> leadingNumber(std::string_view& s) {
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '.'))
        return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || !std::isfinite(v))
        return std::nullopt;
    s.remove_prefix(static_cast<std::size_t>(end - s.data()));
    return negative ? -v : v;
}

std::optional<double> hertzScale(std::string_view unit) {
    std::string u = lower(trimmed(unit));
    double scale = 1;
    if (!u.empty() && (u[0] == 'k' || u[0] == 'm' || u[0] == 'g')) {
        scale = u[0] == 'k' ? 1e3 : u[0] == 'm' ? 1e6 : 1e9;
        u = std::string(trimmed(std::string_view(u).substr(1)));
    }
    if (u.empty() || u == "hz" || u == "s/s" || u == "sps")
        return scale;
    return std::nullopt;
}

std::optional<double> secondsScale(std::string_view unit) {
    const std::string u = lower(trimmed(unit));
    constexpr std::array<std::pair<std::string_view, double>, 9> kUnits{{{"", 1},
                                                                         {"s", 1},
                                                                         {"sec", 1},
                                                                         {"ms", 1e-3},
                                                                         {"us", 1e-6},
                                                                         {"\xc2\xb5s", 1e-6},
                                                                         {"\xce\xbcs", 1e-6},
                                                                         {"min", 60},
                                                                         {"h", 3600}}};
    for (const auto& [name, scale] : kUnits)
        if (u == name)
            return scale;
    return std::nullopt;
}

// Digits only, as a whole number: the hours and minutes of a clock time.
std::optional<double> wholeNumber(std::string_view s) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    double v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// The seconds of a clock time: "02.5", below 60, digits before any point.
std::optional<double> clockField(std::string_view s) {
    if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front())))
        return std::nullopt;
    const auto v = leadingNumber(s);
    if (!v || !s.empty() || *v >= 60)
        return std::nullopt;
    return v;
}

// [-+][h:]m:s[.f]
std::optional<double> clockSeconds(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    const auto last = s.rfind(':');
    const std::string_view head = s.substr(0, last);
    const auto first = head.rfind(':');
    const bool withHours = first != std::string_view::npos;
    const auto seconds = clockField(s.substr(last + 1));
    const auto minutes = wholeNumber(withHours ? head.substr(first + 1) : head);
    const auto hours = withHours ? wholeNumber(head.substr(0, first)) : std::optional<double>(0);
    if (!seconds || !minutes || !hours)
        return std::nullopt;
    if (withHours && *minutes >= 60)
        return std::nullopt; // 1:75:00 is no time
    const double v = *hours * 3600 + *minutes * 60 + *seconds;
    return negative ? -v : v;
}

// A number followed by a unit that `scaleOf` knows (or by none, if it knows "").
template <typename ScaleOf>
std::optional<double> numberWithUnit(std::string_view text, ScaleOf scaleOf) {
    std::string_view rest = trimmed(text);
    const auto number = leadingNumber(rest);
    if (!number)
        return std::nullopt;
    const auto scale = scaleOf(rest);
    if (!scale)
        return std::nullopt;
    return *number * *scale;
}

} // namespace

std::optional<double> parseHertzText(std::string_view text) {
    return numberWithUnit(text, hertzScale);
}

std::optional<double> parseSecondsText(std::string_view text) {
    const std::string_view whole = trimmed(text);
    if (whole.find(':') != std::string_view::npos)
        return clockSeconds(whole);
    return numberWithUnit(whole, secondsScale);
}

} // namespace specedit::core
