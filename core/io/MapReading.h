#pragma once
// What reading a picture through a colour map shares (io/PictureLevels.h finds the plot and
// the map, io/PlotLevels.h reads a plot whose place and map are known): the map named, how
// far a colour may lie from it, and how much of a plot must lie on it.

#include "io/Colormaps.h"

#include <string>

namespace specedit::core {

// A colour farther than this from every colour of the map (Euclidean, channels in [0, 1]) is
// not one of its colours. The map is chosen with kChoosing, and a lossless picture read with
// it too (Blues read as gray lies 0.15 off it); a JPEG is read with kReadingLossy, which
// holds most of its colours (its chroma is shared between neighbouring pixels; an eighth of
// the plot of a matplotlib figure of jet saved as JPEG lies farther, and is better filled from
// its neighbours than read: 4.5 dB at 0.35 against 3.4) and keeps white, black text and
// mid-gray grid lines off every map (0.38 from viridis at least).
inline constexpr double kChoosing = 0.1;
inline constexpr double kReadingLossy = 0.25;
// A plot whose pixels are fewer than this share colours of its map is no picture of it (a
// JPEG's, kLeastOnMapLossy).
inline constexpr double kLeastOnMap = 0.9;
inline constexpr double kLeastOnMapLossy = 0.85;

struct MapName {
    const ColormapTable* map = nullptr; // null: auto
    bool reversed = false;
    bool directionGiven = false; // "auto" leaves it to the colour bar
};

// "viridis", "magma_r", "grayscale", "auto", "auto_r"; throws Error naming --image-colormap
// for a name no map has.
MapName parseMapName(const std::string& name);

// "99.4 %".
std::string percentText(double share);

} // namespace specedit::core
