#include "project/JsonFields.h"

#include "util/Error.h"

#include <cmath>

namespace specedit::core {

double jsonNumber(const nlohmann::json& obj, const char* key, const std::string& where) {
    const auto it = obj.find(key);
    if (it == obj.end())
        throw Error(where, std::string("missing \"") + key + "\"", "a number");
    if (!it->is_number())
        throw Error(where, std::string("\"") + key + "\" is " + it->type_name(), "a number");
    return it->get<double>();
}

double jsonNumberOr(const nlohmann::json& obj, const char* key, double fallback,
                    const std::string& where) {
    return obj.contains(key) ? jsonNumber(obj, key, where) : fallback;
}

std::uint64_t jsonIdOr0(const nlohmann::json& obj, const char* key, const std::string& where) {
    constexpr std::uint64_t kMax = std::uint64_t(1) << 53;
    const auto it = obj.find(key);
    if (it == obj.end())
        return 0;
    if (it->is_number_unsigned() && it->get<std::uint64_t>() <= kMax)
        return it->get<std::uint64_t>();
    const double v = jsonNumber(obj, key, where);
    if (v >= 0 && v <= double(kMax) && v == std::floor(v))
        return std::uint64_t(v);
    throw Error(where, std::string("\"") + key + "\" is " + it->dump(),
                "a whole number from 0 to 2^53 (an id)");
}

int jsonInteger(const nlohmann::json& obj, const char* key, const std::string& where) {
    const double v = jsonNumber(obj, key, where);
    if (std::abs(v) > 1e9)
        throw Error(where, std::string("\"") + key + "\" is " + std::to_string(v),
                    "a whole number of reasonable size");
    if (v != std::floor(v))
        throw Error(where, std::string("\"") + key + "\" is not an integer", "a whole number");
    return int(v);
}

std::string jsonStringOr(const nlohmann::json& obj, const char* key, const std::string& fallback,
                         const std::string& where) {
    const auto it = obj.find(key);
    if (it == obj.end())
        return fallback;
    if (!it->is_string())
        throw Error(where, std::string("\"") + key + "\" is " + it->type_name(), "a string");
    return it->get<std::string>();
}

} // namespace specedit::core
