#include "util/JsonParse.h"

#include "util/Error.h"

namespace specedit::core {
namespace {

template <typename Input>
nlohmann::json parse(Input&& input, const std::string& file, const std::string& expected) {
    try {
        return nlohmann::json::parse(input);
    } catch (const nlohmann::json::exception& e) {
        std::string what = e.what();
        if (const std::size_t bracket = what.find("] "); bracket != std::string::npos)
            what = what.substr(bracket + 2);
        throw Error(file, "not valid JSON: " + what, expected);
    }
}

} // namespace

nlohmann::json parseJson(std::istream& in, const std::string& file, const std::string& expected) {
    return parse(in, file, expected);
}

nlohmann::json parseJson(const std::string& text, const std::string& file,
                         const std::string& expected) {
    return parse(text, file, expected);
}

} // namespace specedit::core
