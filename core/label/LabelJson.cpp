#include "label/LabelJson.h"

#include "project/JsonFields.h"
#include "util/Error.h"

#include <algorithm>

namespace specedit::core {
namespace {

using json = nlohmann::json;

const char* kClassKeys[] = {"name", "color", "hotkey"};
const char* kLabelKeys[] = {"id",    "t0",      "t1",    "f0",     "f1",
                            "class", "comment", "state", "snr_db", "confidence"};

} // namespace

LabelClass labelClassFromJson(const json& obj, const std::string& where) {
    if (!obj.is_object())
        throw Error(where, "class is not an object", "{\"name\": ..., \"color\": \"#rrggbb\"}");
    LabelClass c;
    c.name = jsonStringOr(obj, "name", "", where);
    c.color = jsonStringOr(obj, "color", c.color, where);
    c.hotkey = obj.contains("hotkey") ? jsonInteger(obj, "hotkey", where) : 0;
    c.extra = jsonUnknownKeys(obj, kClassKeys);
    c.validate(where);
    return c;
}

json labelClassToJson(const LabelClass& c) {
    json obj = c.extra;
    obj["name"] = c.name;
    obj["color"] = c.color;
    if (c.hotkey != 0)
        obj["hotkey"] = c.hotkey;
    return obj;
}

Label labelFromJson(const json& obj, const std::string& where) {
    if (!obj.is_object())
        throw Error(where, "label is not an object", "{\"t0\": ..., \"t1\": ..., ...}");
    Label l;
    l.id = jsonIdOr0(obj, "id", where);
    l.t0 = jsonNumber(obj, "t0", where);
    l.t1 = jsonNumber(obj, "t1", where);
    l.f0 = jsonNumber(obj, "f0", where);
    l.f1 = jsonNumber(obj, "f1", where);
    l.className = jsonStringOr(obj, "class", "", where);
    l.comment = jsonStringOr(obj, "comment", "", where);
    const std::string state = jsonStringOr(obj, "state", "confirmed", where);
    if (state != "confirmed" && state != "proposed")
        throw Error(where, "unknown state \"" + state + "\"", "\"confirmed\" or \"proposed\"");
    l.confirmed = state == "confirmed";
    if (obj.contains("snr_db"))
        l.snrDb = jsonNumber(obj, "snr_db", where);
    if (obj.contains("confidence"))
        l.confidence = jsonNumber(obj, "confidence", where);
    l.extra = jsonUnknownKeys(obj, kLabelKeys);
    l.validate(where);
    return l;
}

json labelToJson(const Label& l) {
    json obj = l.extra;
    if (l.id != 0)
        obj["id"] = l.id;
    obj["t0"] = l.t0;
    obj["t1"] = l.t1;
    obj["f0"] = l.f0;
    obj["f1"] = l.f1;
    if (!l.className.empty())
        obj["class"] = l.className;
    if (!l.comment.empty())
        obj["comment"] = l.comment;
    obj["state"] = l.confirmed ? "confirmed" : "proposed";
    if (l.snrDb)
        obj["snr_db"] = *l.snrDb;
    if (l.confidence)
        obj["confidence"] = *l.confidence;
    return obj;
}

} // namespace specedit::core
