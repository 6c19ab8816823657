#pragma once
// Frequencies and times as people type them, for the CLI's options and the editor's fields
// alike: "868.3M", "2 MS/s", "44.1 kHz", "2.4e6"; "500us", "5 ms", "1.5", "2 min", "1:02.5".
// The decimal point is '.' whatever the locale. Any thread.

#include <optional>
#include <string_view>

namespace specedit::core {

// Hertz: a number with an optional prefix k, M or G (case-insensitive; "m" is mega, no one
// means millihertz here) and an optional unit Hz, S/s or sps. Anything else: nullopt.
std::optional<double> parseHertzText(std::string_view text);

// Seconds: a number with an optional unit s, sec, ms, us, µs, min or h, or a clock time
// [h:]m:s[.f] with minutes and seconds below 60. Anything else: nullopt.
std::optional<double> parseSecondsText(std::string_view text);

} // namespace specedit::core
