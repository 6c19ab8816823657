#include "io/MapReading.h"

#include "util/Error.h"

#include <cmath>

namespace specedit::core {

MapName parseMapName(const std::string& name) {
    if (name.empty() || name == "auto")
        return {};
    const bool reversed = name.size() > 2 && name.ends_with("_r");
    const std::string base = reversed ? name.substr(0, name.size() - 2) : name;
    if (base == "auto")
        return {nullptr, reversed, true};
    const ColormapTable* map = findColormap(base == "grey" || base == "grayscale" ? "gray" : base);
    if (!map)
        throw Error("--image-colormap", "'" + name + "' is no colour map known",
                    "auto or one of " + colormapNames() + " (NAME_r for one reversed)");
    return {map, reversed, true};
}

std::string percentText(double share) {
    return shortNumber(std::round(share * 1000) / 10) + " %";
}

} // namespace specedit::core
