#pragma once
// A picture's plot read where it is known to lie, through the map named (a picture SpecEdit
// exported says both: io/PictureDescription.h): nothing is looked for, neither plot, margin
// nor colour bar. The axes' lines drawn over the plot's outer columns and rows are left out.

#include "io/PictureLevels.h"

#include <string>

namespace specedit::core {

// Where a plot lies in a picture, in whole pixels: columns left .. left + width - 1.
struct PlotPlace {
    int left = 0, top = 0, width = 0, height = 0;
};

// The plot at a known place (a picture SpecEdit exported says where: io/PictureDescription.h)
// read through the map named, nothing looked for: no plot, margin or colour bar. Pixels off
// the map (shapes and labels drawn over it) take their neighbours' levels (io/PlotGaps.h). Throws
// Error naming `subject` when too few of its pixels are colours of the map.
PictureLevels readPlotLevels(const RgbImage& image, const PlotPlace& plot,
                             const std::string& colormap, const std::string& subject);

} // namespace specedit::core
