#include "view/FrequencyScale.h"

namespace specedit::ui {

QString toString(FrequencyScale s) {
    switch (s) {
    case FrequencyScale::Log:
        return "log";
    case FrequencyScale::Mel:
        return "mel";
    case FrequencyScale::Linear:
        break;
    }
    return "linear";
}

std::optional<FrequencyScale> frequencyScaleFromString(const QString& name) {
    for (auto s : {FrequencyScale::Linear, FrequencyScale::Log, FrequencyScale::Mel})
        if (toString(s) == name)
            return s;
    return std::nullopt;
}

} // namespace specedit::ui
