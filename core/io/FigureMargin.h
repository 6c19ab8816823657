#pragma once
// A figure's margin when it is drawn in one of its map's colours: the white around a grayscale
// plot read as gray_r (its quiet levels are white too), the black around a magma plot in
// matplotlib's dark_background style (magma's quietest colour is black). The margin is the
// margin colour reached from the picture's border without crossing another colour (the plot's
// frame, which encloses it); the plot is found among the rest (io/PlotArea.h).

#include "io/ColourFit.h"
#include "io/GrayImage.h"

#include <optional>
#include <vector>

namespace specedit::core {

// Per pixel: 0 for the white margin (pixels light in every channel, 90 % at least) reached
// from the border, 1 for the rest.
std::vector<char> notWhiteMargin(const RgbImage& image);

// The margin when the picture's border is one colour (90 % of its pixels) that `map` holds
// and that is not white, as notWhiteMargin gives it; none when the border is not one such
// colour, or when the margin so found reaches into the plot found without it (a picture
// without margins whose quiet level touches its edges: silence is no margin).
std::optional<std::vector<char>> notDarkMargin(const RgbImage& image, const ColormapTable& map);

} // namespace specedit::core
