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
