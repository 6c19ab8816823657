#pragma once
// Labels and classes in the project file:
//   "classes": [{"name": "open", "color": "#e57373", "hotkey": 1}, ...]
//   "labels": [{"id": 7, "t0": 1.20, "t1": 1.35, "f0": 433.8e6, "f1": 434.0e6,
//               "class": "open", "comment": "", "state": "confirmed" | "proposed",
//               "snr_db": 18.5, "confidence": 0.9}, ...]
// Absent keys take their defaults (no class, no comment, confirmed); unknown keys are kept.

#include "label/Label.h"

#include <nlohmann/json.hpp>

namespace specedit::core {

// Throw Error naming `where` ("p.json: labels[3]") for wrong types or invalid values.
LabelClass labelClassFromJson(const nlohmann::json& obj, const std::string& where);
nlohmann::json labelClassToJson(const LabelClass& c);
Label labelFromJson(const nlohmann::json& obj, const std::string& where);
nlohmann::json labelToJson(const Label& label);

} // namespace specedit::core
