#pragma once
// The colour maps a spectrogram is drawn with, by name: the published 256-entry tables of
// inferno, magma, viridis, plasma, cividis (matplotlib, CC0) and turbo (Google, Apache 2.0),
// built from resources/colormaps at configure time; gray (black to white); and matplotlib's
// jet, from its piecewise-linear definition. The editor colours with them
// (ui/render/Colormap.h) and a colour picture is read back into levels through them
// (io/PictureLevels.h).

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace specedit::core {

struct ColormapTable {
    static constexpr int kSize = 256;
    std::string name;
    std::array<std::array<double, 3>, kSize> rgb{}; // [index][r, g, b], each in [0, 1]
};

// Every map known, gray first, then the published tables in name order, then jet.
const std::vector<ColormapTable>& colormapTables();
// The map of that name (lower case), or null.
const ColormapTable* findColormap(std::string_view name);
// "gray, cividis, inferno, ..." for messages.
std::string colormapNames();

} // namespace specedit::core
