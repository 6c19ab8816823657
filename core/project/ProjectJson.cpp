#include "io/AtomicFile.h"
#include "label/LabelJson.h"
#include "project/JsonFields.h"
#include "project/Project.h"
#include "util/Error.h"
#include "util/JsonParse.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace specedit::core {
namespace {

using json = nlohmann::json;

std::vector<TfPoint> pointList(const json& list, const std::string& where) {
    std::vector<TfPoint> pts;
    for (const auto& p : list) {
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
            throw Error(where, "a point is not [t, f]: " + p.dump(), "[seconds, hertz]");
        pts.push_back({p[0].get<double>(), p[1].get<double>()});
    }
    return pts;
}

std::vector<TfPoint> points(const json& obj, const std::string& where) {
    const auto it = obj.find("points");
    if (it == obj.end() || !it->is_array())
        throw Error(where, "missing \"points\"", "an array of [t, f] pairs");
    return pointList(*it, where);
}

std::vector<std::vector<TfPoint>> holes(const json& obj, const std::string& where) {
    std::vector<std::vector<TfPoint>> rings;
    const auto it = obj.find("holes");
    if (it == obj.end())
        return rings;
    if (!it->is_array())
        throw Error(where, "\"holes\" is " + std::string(it->type_name()),
                    "an array of rings of [t, f] pairs");
    for (const auto& ring : *it) {
        if (!ring.is_array())
            throw Error(where, "a hole is not an array: " + ring.dump(), "[[t, f], ...]");
        rings.push_back(pointList(ring, where));
    }
    return rings;
}

json pointsToJson(const std::vector<TfPoint>& points) {
    json pts = json::array();
    for (const auto& p : points)
        pts.push_back({p.t, p.f});
    return pts;
}

const char* kShapeKeys[] = {"id",        "type",   "t0",        "t1",           "f0",
                            "f1",        "points", "holes",     "radius_s",     "radius_hz",
                            "gain_db",   "mode",   "feather_s", "feather_hz",   "channel",
                            "harmonics", "effect", "amount",    "reduction_db", "noise_profile",
                            "fill_from"};

void readEffect(const json& obj, Shape& s, const std::string& where) {
    s.effect = parseShapeEffect(jsonStringOr(obj, "effect", "gain", where), where + ": effect");
    s.amount = jsonNumberOr(obj, "amount", 1.0, where);
    s.reductionDb = jsonNumberOr(obj, "reduction_db", 20.0, where);
    const auto profile = obj.find("noise_profile");
    if (profile != obj.end() && !profile->is_boolean())
        throw Error(where + ": noise_profile", "not a boolean", "true or false");
    s.noiseProfile = profile != obj.end() && profile->get<bool>();
    s.fillFrom =
        parseFillFrom(jsonStringOr(obj, "fill_from", "time", where), where + ": fill_from");
}

void writeEffect(const Shape& s, json& obj) {
    if (s.effect != ShapeEffect::Gain)
        obj["effect"] = toString(s.effect);
    if (s.effect == ShapeEffect::Attenuate)
        obj["amount"] = s.amount;
    if (s.effect == ShapeEffect::Denoise)
        obj["reduction_db"] = s.reductionDb;
    if (s.noiseProfile)
        obj["noise_profile"] = true;
    if (s.effect == ShapeEffect::Replace && s.fillFrom != FillFrom::Time)
        obj["fill_from"] = toString(s.fillFrom);
}

Shape shapeFromJson(const json& obj, const std::string& where) {
    if (!obj.is_object())
        throw Error(where, "shape is not an object", "{\"type\": ...}");
    Shape s;
    const std::string type = obj.value("type", "");
    if (type == "rect") {
        s.type = ShapeType::Rect;
        s.t0 = jsonNumber(obj, "t0", where);
        s.t1 = jsonNumber(obj, "t1", where);
        s.f0 = jsonNumber(obj, "f0", where);
        s.f1 = jsonNumber(obj, "f1", where);
    } else if (type == "polygon" || type == "stroke") {
        s.type = type == "polygon" ? ShapeType::Polygon : ShapeType::Stroke;
        s.points = points(obj, where);
        s.holes = holes(obj, where);
        if (s.type == ShapeType::Stroke) {
            s.radiusS = jsonNumber(obj, "radius_s", where);
            s.radiusHz = jsonNumber(obj, "radius_hz", where);
        }
    } else {
        throw Error(where, "unknown shape type \"" + type + "\"", "rect, polygon or stroke");
    }
    const auto gain = obj.find("gain_db");
    if (gain == obj.end() || gain->is_null())
        s.gainDb = kMinusInfinityDb;
    else
        s.gainDb = jsonNumber(obj, "gain_db", where);
    s.featherS = jsonNumberOr(obj, "feather_s", 0.0, where);
    s.featherHz = jsonNumberOr(obj, "feather_hz", 0.0, where);
    const std::string mode = obj.value("mode", "apply");
    if (mode != "apply" && mode != "isolate")
        throw Error(where, "unknown mode \"" + mode + "\"", "apply or isolate");
    s.mode = mode == "isolate" ? MaskMode::Isolate : MaskMode::Apply;
    s.id = jsonIdOr0(obj, "id", where);
    if (obj.contains("channel"))
        s.channel = jsonInteger(obj, "channel", where);
    if (obj.contains("harmonics"))
        s.harmonics = jsonInteger(obj, "harmonics", where);
    readEffect(obj, s, where);
    s.extra = jsonUnknownKeys(obj, kShapeKeys);
    s.validate(where);
    return s;
}

json shapeToJson(const Shape& s) {
    json obj = s.extra;
    if (s.id != 0)
        obj["id"] = s.id;
    obj["type"] = toString(s.type);
    if (s.type == ShapeType::Rect) {
        obj["t0"] = s.t0;
        obj["t1"] = s.t1;
        obj["f0"] = s.f0;
        obj["f1"] = s.f1;
    } else {
        obj["points"] = pointsToJson(s.points);
    }
    if (!s.holes.empty()) {
        json rings = json::array();
        for (const auto& hole : s.holes)
            rings.push_back(pointsToJson(hole));
        obj["holes"] = rings;
    }
    if (s.type == ShapeType::Stroke) {
        obj["radius_s"] = s.radiusS;
        obj["radius_hz"] = s.radiusHz;
    }
    obj["gain_db"] = std::isinf(s.gainDb) ? json(nullptr) : json(s.gainDb);
    if (s.featherS > 0)
        obj["feather_s"] = s.featherS;
    if (s.featherHz > 0)
        obj["feather_hz"] = s.featherHz;
    if (s.mode == MaskMode::Isolate)
        obj["mode"] = "isolate";
    if (s.channel >= 0)
        obj["channel"] = s.channel;
    if (s.harmonics > 1)
        obj["harmonics"] = s.harmonics;
    writeEffect(s, obj);
    return obj;
}

void readAnalysis(const json& a, Project& p, const std::string& where) {
    if (!a.is_object())
        throw Error(where, "\"analysis\" is not an object", "{\"window\": ..., \"nperseg\": ...}");
    const WindowSpec window = parseWindow(a.value("window", "hann"), where + ": analysis.window");
    const int nperseg = jsonInteger(a, "nperseg", where);
    std::optional<int> noverlap, nfft;
    if (a.contains("noverlap"))
        noverlap = jsonInteger(a, "noverlap", where);
    if (a.contains("nfft") && !a["nfft"].is_null())
        nfft = jsonInteger(a, "nfft", where);
    p.analysis = StftParams::make(window, nperseg, noverlap, nfft);
    try {
        p.analysis.validate();
    } catch (const Error& e) {
        throw Error(where, "analysis: " + e.problem() + " (" + e.subject() + ")", e.expected());
    }
    if (a.contains("auto_length")) {
        if (!a["auto_length"].is_boolean())
            throw Error(where,
                        "analysis.auto_length is " + std::string(a["auto_length"].type_name()),
                        "true or false");
        p.autoLength = a["auto_length"].get<bool>();
    }
    for (const auto& [key, value] : a.items())
        if (key != "window" && key != "nperseg" && key != "noverlap" && key != "nfft" &&
            key != "auto_length")
            p.unknownAnalysis[key] = value;
}

void readSourceOptions(const json& o, Project& p, const std::string& where) {
    OpenOptions& opt = p.sourceOptions;
    if (!o.is_object())
        throw Error(where, "\"source_options\" is not an object", "an object");
    opt.forceIq = o.value("iq", false);
    opt.swapIq = o.value("swap_iq", false);
    opt.forceAudio = o.value("audio", false);
    if (o.contains("format"))
        opt.rawFormat = o["format"].get<std::string>();
    if (o.contains("rate"))
        opt.sampleRate = jsonNumber(o, "rate", where);
    if (o.contains("center"))
        opt.centerFrequency = jsonNumber(o, "center", where);
    for (const auto& [key, value] : o.items())
        if (key != "iq" && key != "swap_iq" && key != "format" && key != "rate" &&
            key != "center" && key != "audio")
            p.unknownSourceOptions[key] = value;
}

json sourceOptionsToJson(const OpenOptions& opt, const json& unknown) {
    json o = unknown;
    if (opt.forceIq)
        o["iq"] = true;
    if (opt.swapIq)
        o["swap_iq"] = true;
    if (opt.forceAudio)
        o["audio"] = true;
    if (opt.rawFormat)
        o["format"] = *opt.rawFormat;
    if (opt.sampleRate)
        o["rate"] = *opt.sampleRate;
    if (opt.centerFrequency)
        o["center"] = *opt.centerFrequency;
    return o;
}

// "view": {"time": [t0, t1], "frequency": [f0, f1], "levels_db": [min, max], "colormap": name}
ViewState readView(const json& v, const std::string& where) {
    if (!v.is_object())
        throw Error(where, "\"view\" is not an object", "{\"time\": [t0, t1], ...}");
    auto pair = [&](const char* key, double& a, double& b) {
        const json& x = v.at(key);
        if (!x.is_array() || x.size() != 2 || !x[0].is_number() || !x[1].is_number() ||
            !(x[0].get<double>() < x[1].get<double>()))
            throw Error(where, std::string("view.") + key + " is not an increasing pair",
                        "[low, high] in " + std::string(key == std::string("time")        ? "s"
                                                        : key == std::string("frequency") ? "Hz"
                                                                                          : "dB"));
        a = x[0].get<double>();
        b = x[1].get<double>();
    };
    ViewState s;
    pair("time", s.t0, s.t1);
    pair("frequency", s.f0, s.f1);
    pair("levels_db", s.minDb, s.maxDb);
    s.colormap = v.value("colormap", s.colormap);
    s.frequencyScale = v.value("frequency_scale", s.frequencyScale);
    if (s.frequencyScale != "linear" && s.frequencyScale != "log" && s.frequencyScale != "mel")
        throw Error(where, "view.frequency_scale is \"" + s.frequencyScale + "\"",
                    "\"linear\", \"log\" or \"mel\"");
    return s;
}

json viewToJson(const ViewState& s) {
    json v = {{"time", {s.t0, s.t1}},
              {"frequency", {s.f0, s.f1}},
              {"levels_db", {s.minDb, s.maxDb}},
              {"colormap", s.colormap}};
    if (s.frequencyScale != "linear")
        v["frequency_scale"] = s.frequencyScale;
    return v;
}

// "classes" and "labels" (label/LabelJson.h); a label's class must be listed.
void readLabels(const json& doc, Project& p, const std::string& file) {
    for (const char* key : {"classes", "labels"})
        if (doc.contains(key) && !doc[key].is_array())
            throw Error(file, std::string("\"") + key + "\" is not an array", "a list");
    if (doc.contains("classes"))
        for (std::size_t i = 0; i < doc["classes"].size(); ++i)
            p.classes.push_back(labelClassFromJson(doc["classes"][i],
                                                   file + ": classes[" + std::to_string(i) + "]"));
    if (doc.contains("labels"))
        for (std::size_t i = 0; i < doc["labels"].size(); ++i)
            p.labels.push_back(
                labelFromJson(doc["labels"][i], file + ": labels[" + std::to_string(i) + "]"));
    validateLabelSet(p.classes, p.labels, file);
}

} // namespace

static Project projectFromJsonUnchecked(const json& doc, const std::string& file) {
    if (!doc.is_object())
        throw Error(file, "project is not a JSON object", "{\"version\": 1, \"source\": ...}");
    Project p;
    const int version = doc.contains("version") ? jsonInteger(doc, "version", file) : 1;
    if (version > Project::kVersion)
        throw Error(
            file, "project version " + std::to_string(version) + " was written by a newer SpecEdit",
            "version " + std::to_string(Project::kVersion) + " or lower");
    if (!doc.contains("source") || !doc["source"].is_string())
        throw Error(file, "missing \"source\"", "the path of the recording, as a string");
    p.source = doc["source"].get<std::string>();
    if (doc.contains("analysis"))
        readAnalysis(doc["analysis"], p, file);
    if (doc.contains("source_options"))
        readSourceOptions(doc["source_options"], p, file);
    if (doc.contains("view"))
        p.view = readView(doc["view"], file);
    if (doc.contains("shapes")) {
        if (!doc["shapes"].is_array())
            throw Error(file, "\"shapes\" is not an array", "a list of shapes");
        for (std::size_t i = 0; i < doc["shapes"].size(); ++i)
            p.shapes.push_back(
                shapeFromJson(doc["shapes"][i], file + ": shapes[" + std::to_string(i) + "]"));
    }
    readLabels(doc, p, file);
    for (const auto& [key, value] : doc.items())
        if (key != "version" && key != "source" && key != "analysis" && key != "shapes" &&
            key != "source_options" && key != "view" && key != "classes" && key != "labels")
            p.unknown[key] = value;
    return p;
}

Project projectFromJson(const json& doc, const std::string& file) {
    try {
        return projectFromJsonUnchecked(doc, file);
    } catch (const json::exception& e) {
        throw Error(file, std::string("wrong value type: ") + e.what(), "the documented schema");
    }
}

json projectToJson(const Project& p) {
    json doc = p.unknown;
    doc["version"] = Project::kVersion;
    doc["source"] = p.source;
    json options = sourceOptionsToJson(p.sourceOptions, p.unknownSourceOptions);
    if (!options.empty())
        doc["source_options"] = options;
    json a = p.unknownAnalysis;
    a["window"] = toString(p.analysis.window);
    a["nperseg"] = p.analysis.nperseg;
    a["noverlap"] = p.analysis.noverlap;
    a["nfft"] = p.analysis.nfft;
    if (p.autoLength)
        a["auto_length"] = true;
    doc["analysis"] = a;
    json shapes = json::array();
    for (const auto& s : p.shapes)
        shapes.push_back(shapeToJson(s));
    doc["shapes"] = shapes;
    if (p.view)
        doc["view"] = viewToJson(*p.view);
    if (!p.classes.empty() || !p.labels.empty()) {
        json classes = json::array(), labels = json::array();
        for (const auto& c : p.classes)
            classes.push_back(labelClassToJson(c));
        for (const auto& l : p.labels)
            labels.push_back(labelToJson(l));
        doc["classes"] = classes;
        doc["labels"] = labels;
    }
    return doc;
}

Project loadProject(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw Error(path, "cannot open the project file", "an existing *.specedit.json");
    return projectFromJson(parseJson(in, path, "a JSON project file"), path);
}

void saveProject(const Project& project, const std::string& path) {
    AtomicFile file(path);
    {
        std::ofstream out(file.tempPath(), std::ios::trunc);
        out << projectToJson(project).dump(2) << '\n';
        if (!out.flush())
            throw Error(path, "could not write the project", "free disk space");
    }
    file.commit();
}

std::string resolveSourcePath(const Project& project, const std::string& projectPath) {
    const std::filesystem::path src(project.source);
    if (src.is_absolute())
        return src.string();
    return (std::filesystem::path(projectPath).parent_path() / src).lexically_normal().string();
}

std::string existingSourcePath(const Project& project, const std::string& projectPath) {
    const std::string path = resolveSourcePath(project, projectPath);
    if (std::error_code ec; !std::filesystem::exists(path, ec))
        throw Error(projectPath,
                    "its recording (\"source\": \"" + project.source + "\") is not at " +
                        std::filesystem::absolute(path).lexically_normal().string(),
                    "the recording back in that place, or \"source\" naming where it is now");
    return path;
}

} // namespace specedit::core
