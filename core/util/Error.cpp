#include "util/Error.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace specedit::core {
namespace {
std::string compose(const std::string& subject, const std::string& problem,
                    const std::string& expected) {
    std::string msg = subject.empty() ? problem : subject + ": " + problem;
    if (!expected.empty())
        msg += " (expected " + expected + ")";
    return msg;
}
} // namespace

Error::Error(std::string subject, std::string problem, std::string expected)
    : Error(subject.rfind("--", 0) == 0 ? ErrorKind::Usage : ErrorKind::Data, subject,
            std::move(problem), std::move(expected)) {}

Error::Error(ErrorKind kind, std::string subject, std::string problem, std::string expected)
    : std::runtime_error(compose(subject, problem, expected)), m_subject(std::move(subject)),
      m_problem(std::move(problem)), m_expected(std::move(expected)), m_kind(kind) {}

std::string shortNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

std::string exactNumber(double value) {
    // Plain digits where they stay short (2000000, not 2e+06), the exponent beyond.
    const double size = std::abs(value);
    const bool plain = size == 0 || (size >= 1e-4 && size < 1e15);
    std::array<char, 64> digits{};
    const auto end = plain ? std::to_chars(digits.data(), digits.data() + digits.size(), value,
                                           std::chars_format::fixed)
                           : std::to_chars(digits.data(), digits.data() + digits.size(), value);
    return std::string(digits.data(), end.ptr);
}

} // namespace specedit::core
