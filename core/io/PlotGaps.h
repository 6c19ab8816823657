#pragma once
// The pixels of a figure's plot that are not colours of its map (io/PictureLevels.h), NaN in
// its levels: a grid line or a letter takes the level between its nearest neighbours that
// are, across the shorter of the row's and the column's gaps (a horizontal line from above
// and below, a vertical one from either side). Runs of 8 pixels or more both ways are no line
// or letter but an area the plot left bare, a level of -inf (matplotlib draws the log of
// digital silence as the figure's background), read as silence when `bareIsSilence`.

#include "io/GrayImage.h"

#include <cstddef>

namespace specedit::core {

// Fills every NaN of `img`; returns how many were read as silence (level 0).
std::size_t fillGaps(GrayImage& img, bool bareIsSilence);

} // namespace specedit::core
