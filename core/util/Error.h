#pragma once
// Typed errors thrown by core (design rule R7). Every error names the file or parameter at
// fault, what is wrong with it and what was expected, so the CLI and the editor can show a
// message a user can act on without a stack trace.

#include <stdexcept>
#include <string>

namespace specedit::core {

// Usage errors come from what the user asked for (a parameter, an option that does not fit the
// file); data errors from what a file holds or from the system. NeedsRawParameters: raw samples
// whose sample type or rate nobody knows; the user must say (the editor asks in a dialog, the
// CLI names its options). The CLI maps them to exit codes 2, 1 and 2.
enum class ErrorKind { Data, Usage, NeedsRawParameters };

class Error : public std::runtime_error {
public:
    // subject: a file path or a parameter name ("--nperseg"); problem: what is wrong;
    // expected: what would have been accepted (may be empty). The kind defaults to Usage for
    // subjects naming an option ("--..."), Data otherwise.
    Error(std::string subject, std::string problem, std::string expected = {});
    Error(ErrorKind kind, std::string subject, std::string problem, std::string expected = {});

    ErrorKind kind() const { return m_kind; }

    const std::string& subject() const { return m_subject; }
    const std::string& problem() const { return m_problem; }
    const std::string& expected() const { return m_expected; }

private:
    std::string m_subject;
    std::string m_problem;
    std::string m_expected;
    ErrorKind m_kind;
};

// A number as a message shows it: up to 6 significant digits, no trailing zeros ("-180",
// "0.25", "1e-12", "nan"), not std::to_string's "-180.000000".
std::string shortNumber(double value);
// Every digit needed to read the value back, no more: "2000000.3", "433920000", "-5" (a sample
// rate that is not whole must show its fraction; std::to_string wrote "-5.000000").
std::string exactNumber(double value);

// Thrown by JobControl::checkCancelled() when the user cancelled a long operation.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("operation cancelled") {}
};

} // namespace specedit::core
