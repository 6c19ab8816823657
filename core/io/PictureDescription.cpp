#include "io/PictureDescription.h"

#include "io/PngText.h"
#include "util/Error.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace specedit::core {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "specedit-spectrogram";
constexpr int kVersion = 1;

struct Fields {
    const json& j;
    const std::string& subject;

    [[noreturn]] void fail(const std::string& field, const std::string& expected) const {
        throw Error(subject,
                    "its SpecEdit description (PNG text \"" + std::string(kPictureDescriptionKey) +
                        "\") has no valid \"" + field + "\"",
                    expected + " (the picture as SpecEdit exported it; or give every axis, "
                               "which wins over the description)");
    }
    const json& at(const json& in, const std::string& field, const std::string& expected) const {
        if (!in.is_object() || !in.contains(field))
            fail(field, expected);
        return in.at(field);
    }
    double number(const json& in, const std::string& field) const {
        const json& v = at(in, field, "a number");
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            fail(field, "a number");
        return v.get<double>();
    }
    int count(const json& in, const std::string& field, int least) const {
        const json& v = at(in, field, "a whole number from " + std::to_string(least));
        if (!v.is_number_integer() || v.get<long long>() < least || v.get<long long>() > 1 << 30)
            fail(field, "a whole number from " + std::to_string(least));
        return v.get<int>();
    }
    std::string text(const json& in, const std::string& field) const {
        const json& v = at(in, field, "a text");
        if (!v.is_string() || v.get<std::string>().empty())
            fail(field, "a text");
        return v.get<std::string>();
    }
    std::pair<double, double> range(const std::string& field) const {
        const json& v = at(j, field, "two increasing numbers");
        if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number() ||
            !(v[0].get<double>() < v[1].get<double>()) || !std::isfinite(v[1].get<double>()) ||
            !std::isfinite(v[0].get<double>()))
            fail(field, "two increasing numbers");
        return {v[0].get<double>(), v[1].get<double>()};
    }
};

void readStft(const Fields& f, PictureDescription& d) {
    const json& stft = f.at(f.j, "stft", "an object with window, nperseg, noverlap, nfft");
    d.window = f.text(stft, "window");
    d.nperseg = f.count(stft, "nperseg", 1);
    d.noverlap = f.count(stft, "noverlap", 0);
    d.nfft = f.count(stft, "nfft", 1);
    if (d.noverlap >= d.nperseg)
        f.fail("noverlap", "fewer than nperseg (" + std::to_string(d.nperseg) + ")");
    if (d.nfft < d.nperseg)
        f.fail("nfft", "at least nperseg (" + std::to_string(d.nperseg) + ")");
}

} // namespace

std::string PictureDescription::origin() const {
    return "exported by SpecEdit from " + source + " (" + shows + ")";
}

std::string toJson(const PictureDescription& d) {
    json j = {
        {"format", kFormat},
        {"version", kVersion},
        {"plot", {{"left", d.left}, {"top", d.top}, {"width", d.width}, {"height", d.height}}},
        {"time_s", {d.t0, d.t1}},
        {"frequency_hz", {d.f0, d.f1}},
        {"frequency_scale", d.frequencyScale},
        {"levels_db", {d.dbMin, d.dbMax}},
        {"colormap", d.colormap},
        {"sample_rate_hz", d.sampleRate},
        {"complex", d.complex},
        {"stft",
         {{"window", d.window},
          {"nperseg", d.nperseg},
          {"noverlap", d.noverlap},
          {"nfft", d.nfft}}},
        {"source", d.source},
        {"shows", d.shows},
        {"panes", d.panes}};
    if (d.centerFrequency)
        j["center_frequency_hz"] = *d.centerFrequency;
    return j.dump();
}

PictureDescription parsePictureDescription(const std::string& text, const std::string& subject) {
    const json j = json::parse(text, nullptr, false);
    const Fields f{j, subject};
    if (j.is_discarded() || !j.is_object())
        throw Error(subject,
                    "its SpecEdit description (PNG text \"" + std::string(kPictureDescriptionKey) +
                        "\") is not a JSON object",
                    "the picture as SpecEdit exported it");
    if (!j.contains("format") || j["format"] != kFormat)
        f.fail("format", std::string("\"") + kFormat + "\"");
    if (f.count(j, "version", 1) > kVersion)
        f.fail("version", "1 (a newer SpecEdit wrote this picture: read it with that one)");
    PictureDescription d;
    const json& plot = f.at(j, "plot", "an object with left, top, width, height");
    d.left = f.count(plot, "left", 0);
    d.top = f.count(plot, "top", 0);
    d.width = f.count(plot, "width", 2);
    d.height = f.count(plot, "height", 2);
    std::tie(d.t0, d.t1) = f.range("time_s");
    std::tie(d.f0, d.f1) = f.range("frequency_hz");
    std::tie(d.dbMin, d.dbMax) = f.range("levels_db");
    d.frequencyScale = f.text(j, "frequency_scale");
    if (d.frequencyScale != "linear" && d.frequencyScale != "log" && d.frequencyScale != "mel")
        f.fail("frequency_scale", "linear, log or mel");
    d.colormap = f.text(j, "colormap");
    d.sampleRate = f.number(j, "sample_rate_hz");
    if (d.sampleRate <= 0)
        f.fail("sample_rate_hz", "a rate above 0");
    if (j.contains("center_frequency_hz"))
        d.centerFrequency = f.number(j, "center_frequency_hz");
    if (!j.contains("complex") || !j["complex"].is_boolean())
        f.fail("complex", "true or false");
    d.complex = j["complex"].get<bool>();
    readStft(f, d);
    d.source = j.contains("source") && j["source"].is_string() ? j["source"].get<std::string>()
                                                               : "a recording";
    d.shows =
        j.contains("shows") && j["shows"].is_string() ? j["shows"].get<std::string>() : "original";
    d.panes = j.contains("panes") ? f.count(j, "panes", 1) : 1;
    return d;
}

std::optional<PictureDescription> readPictureDescription(const std::string& path) {
    for (const auto& [key, text] : readPngText(path))
        if (key == kPictureDescriptionKey)
            return parsePictureDescription(text, path);
    return std::nullopt;
}

} // namespace specedit::core
