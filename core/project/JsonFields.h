#pragma once
// Reading typed fields of a JSON object with errors that name the place ("p.json: shapes[2]")
// and the key, for the project file and the label formats.

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

namespace specedit::core {

// The number at key; throws Error when it is missing or not a number.
double jsonNumber(const nlohmann::json& obj, const char* key, const std::string& where);
// The number at key, or fallback when the key is absent.
double jsonNumberOr(const nlohmann::json& obj, const char* key, double fallback,
                    const std::string& where);
// An id: absent gives 0; else a whole number from 0 to 2^53 (what a double holds exactly).
std::uint64_t jsonIdOr0(const nlohmann::json& obj, const char* key, const std::string& where);
// A whole number of reasonable size (|v| <= 1e9).
int jsonInteger(const nlohmann::json& obj, const char* key, const std::string& where);
// The string at key, or fallback when the key is absent; throws Error for another type.
std::string jsonStringOr(const nlohmann::json& obj, const char* key, const std::string& fallback,
                         const std::string& where);

// The members of obj whose keys are not in `known`, to keep on save.
template <std::size_t N>
nlohmann::json jsonUnknownKeys(const nlohmann::json& obj, const char* const (&known)[N]) {
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [key, value] : obj.items())
        if (std::find(std::begin(known), std::end(known), key) == std::end(known))
            extra[key] = value;
    return extra;
}

} // namespace specedit::core
