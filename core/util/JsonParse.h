#pragma once
// Parses JSON from outside (project files, SigMF metadata, label files): every nlohmann
// exception (bad syntax, a number out of range, bad UTF-8) becomes an Error naming the file,
// without nlohmann's "[json.exception...]" tag. Any thread.

#include <istream>
#include <nlohmann/json.hpp>
#include <string>

namespace specedit::core {

nlohmann::json parseJson(std::istream& in, const std::string& file, const std::string& expected);
nlohmann::json parseJson(const std::string& text, const std::string& file,
                         const std::string& expected);

} // namespace specedit::core
