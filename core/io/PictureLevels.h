#pragma once
// A spectrogram picture read back into levels: each pixel's place along the colour map it
// was drawn with (io/Colormaps.h), 0 at the map's first colour (the picture's lowest level)
// to 1 at its last. A map given by name is taken as it is ("viridis", or "viridis_r" for one
// reversed, matplotlib's convention; "auto_r" too). "auto" takes gray for a grayscale picture
// and otherwise the map whose colours the most pixels of its plot are (within 0.1 in RGB),
// read the way the figure's colour bar runs (io/ColourBar.h); a bar against a direction given
// is warned of. A colour picture is cropped to its plot (io/PlotArea.h: a figure's margins,
// labels, colour bar and frame are left out) and read within 0.1 of the map, a JPEG within
// 0.25 (its colours stray). Pixels inside the plot that are not colours of the map (grid
// lines, text, the frame's lines over the plot) take the level between their nearest
// neighbours that are, and bare areas are silence (io/PlotGaps.h). A grayscale picture is
// read whole, unless its outer rows or columns are pure white (as a figure's margins are; no
// spectrogram is loudest at every frequency of its first frame): then its margin is the white
// flooded from its border around the frame, and its plot is found as a colour figure's is,
// forward or reversed (gray_r, black on white as Praat draws). If no plot is found that way,
// it is read whole and a warning names the white edges. A picture of more distinct colours
// than a plot of a map holds (a photograph) is refused before it is read.

#include "io/GrayImage.h"

#include <string>

namespace specedit::core {

struct PictureLevels {
    GrayImage levels;           // the plot: 0 the map's first colour .. 1 its last
    std::string colormap;       // as read: "viridis", "gray_r", ...
    bool chosen = false;        // "auto": chosen from the picture's colours
    bool reversedByBar = false; // "auto": reversed as the figure's colour bar runs
    bool reversedGiven = false; // NAME_r or auto_r
    int left = 0, top = 0;      // the plot's first column and row in the picture
    int pictureWidth = 0, pictureHeight = 0;
    // The axes box in the picture's pixels (pixel c covers [c, c + 1)): where the axes' ranges
    // end, within half a pixel of the pixels read.
    double boxLeft = 0, boxRight = 0, boxTop = 0, boxBottom = 0;
    // The colour bar (io/ColourBar.h): its column (vertical) or row, -1 for none, and the first
    // and last of its pixels along it in the map's colours.
    bool barVertical = true;
    int barLine = -1, barFirst = 0, barLast = -1;
    double onMap = 1;           // share of the plot's pixels that are colours of the map
    double meanError = 0;       // their mean distance to the map, in steps of 1/255
    bool whiteIsMargin = false; // a grayscale figure: white read as its margins
    bool darkMargin = false;    // margins in the map's quietest colour (dark_background)
    bool described = false;     // read where and as its SpecEdit description says
    double bare = 0;            // share of the plot bare of colours, read as silence
    std::string warning;        // e.g. white edges of a grayscale picture read whole

    bool cropped() const { return levels.width != pictureWidth || levels.height != pictureHeight; }
    // How the picture was read, for the CLI's output and the dialog: "read as viridis (chosen
    // from its colours; 99.7 % of the plot's pixels lie on it), the plot is columns 81 to
    // 1440 and rows 59 to 427 of the 1600 x 480 picture".
    std::string note() const;
};

// Throws Error naming `subject` (the file) when no map fits (fewer than half the pixels are
// colours of the closest one) or too little of the plot does, and Error naming
// --image-colormap for a name no map has.
PictureLevels readPictureLevels(const RgbImage& image, const std::string& colormap,
                                const std::string& subject);

} // namespace specedit::core
