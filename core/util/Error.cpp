#include "util/Error.h"

#include <array>
#include <charconv>
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
    std::array<char, 32> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    return std::string(digits.data(), end.ptr);
}

} // namespace specedit::core
