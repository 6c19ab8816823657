#pragma once
// Core's errors in the editor's words: core names parameters as the command line does
// ("--noverlap", "nperseg"); the window names its fields ("Overlap", "length"), so a message
// in the window never mentions a command-line option.

#include <QString>
#include <exception>

namespace specedit::ui {

// The message of any exception, with option and parameter names replaced by field names.
QString userText(const std::exception& e);
// The same replacement on a message already in text form.
QString userText(QString text);
// The text with a word joiner (U+2060) after each '/' inside a word, so that a message box
// wraps a path only at its spaces, never after a slash ("in /" then "work/shared/...").
QString unbrokenPaths(QString text);

} // namespace specedit::ui
