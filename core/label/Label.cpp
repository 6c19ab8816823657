#include "label/Label.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

namespace specedit::core {

void LabelClass::validate(const std::string& where) const {
    if (name.empty())
        throw Error(where, "a class has no name", "a non-empty \"name\"");
    static const std::regex kColor("#[0-9a-fA-F]{6}");
    if (!std::regex_match(color, kColor))
        throw Error(where, "class \"" + name + "\" has colour \"" + color + "\"",
                    "a colour as #rrggbb");
    if (hotkey < 0 || hotkey > 9)
        throw Error(where, "class \"" + name + "\" has hotkey " + std::to_string(hotkey),
                    "a hotkey from 1 to 9, or 0 for none");
}

void Label::validate(const std::string& where) const {
    for (double v : {t0, t1, f0, f1})
        if (!std::isfinite(v))
            throw Error(where, "a label edge is not a finite number", "finite t0, t1, f0, f1");
    if (t1 < t0 || f1 < f0)
        throw Error(where, "label has t1 < t0 or f1 < f0", "t0 <= t1 and f0 <= f1");
    if (confidence && !(*confidence >= 0 && *confidence <= 1))
        throw Error(where, "confidence " + std::to_string(*confidence) + " is out of range",
                    "a confidence from 0 to 1");
    if (snrDb && !std::isfinite(*snrDb))
        throw Error(where, "snr_db is not a finite number", "a level in dB");
}

Shape toShape(const Label& label, MaskMode mode, double gainDb) {
    Shape s;
    s.type = ShapeType::Rect;
    s.t0 = label.t0;
    s.t1 = label.t1;
    s.f0 = label.f0;
    s.f1 = label.f1;
    s.mode = mode;
    s.gainDb = gainDb;
    return s;
}

void validateLabelSet(const std::vector<LabelClass>& classes, const std::vector<Label>& labels,
                      const std::string& where) {
    std::set<std::string> names;
    std::set<int> hotkeys;
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const auto& c = classes[i];
        const std::string at = where + ": classes[" + std::to_string(i) + "]";
        c.validate(at);
        if (!names.insert(c.name).second)
            throw Error(at, "two classes are named \"" + c.name + "\"", "distinct class names");
        if (c.hotkey != 0 && !hotkeys.insert(c.hotkey).second)
            throw Error(at, "hotkey " + std::to_string(c.hotkey) + " is taken twice",
                        "one class per hotkey");
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string at = where + ": labels[" + std::to_string(i) + "]";
        labels[i].validate(at);
        if (!labels[i].className.empty() && !names.count(labels[i].className))
            throw Error(at, "class \"" + labels[i].className + "\" is not in \"classes\"",
                        "one of the project's classes, or no class");
    }
}

void numberLabels(std::vector<Label>& labels, const std::vector<Label>& taken) {
    std::uint64_t next = 1;
    for (const auto& l : taken)
        next = std::max(next, l.id + 1);
    for (const auto& l : labels)
        next = std::max(next, l.id + 1);
    for (auto& l : labels)
        if (l.id == 0)
            l.id = next++;
}

} // namespace specedit::core
