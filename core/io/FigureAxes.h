#pragma once
// A figure's axes read from its printed tick labels, so a user need not type them: the time
// axis from the labels under the plot, the frequency axis from those at its left, the levels
// from those beside the colour bar (io/PictureLevels.h finds the plot and the bar). Each label
// (io/InkWords.h) is read by Tesseract (io/TextReader.h) and placed at its tick mark (the
// short line from the axis to it) or, without one, at its middle; the labels that lie on one
// straight line of value against position (a misread one is left out) give the values at the
// axes' edges: the time at the plot's left and right edges, the frequency at its bottom and
// top, the level at the bar's ends. A unit in the axis title scales them (ms, kHz, MHz, GHz:
// io/AxisUnits.h; none printed leaves seconds and hertz, said in the note; a count such as
// frames leaves the axis unread), as does matplotlib's multiplier ("1e6" at a vertical axis'
// top, "1e-5" under a horizontal one's right end). With no time labels under the plot, those
// under a plot below that shares its time axis are read (io/SharedAxis.h). Only linear axes are
// read: labels that do not lie on a straight line (a logarithmic axis) leave the axis unread, with
// the reason.

#include "io/GrayImage.h"
#include "io/PictureDescription.h"
#include "io/PictureLevels.h"

#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct AxisReading {
    bool read = false;
    double low = 0, high = 0;        // at the axes' edges (the bar's ends): s, Hz or dB
    std::vector<std::string> labels; // the labels used, as printed, along the axis
    std::string unit;                // as the title or labels give it ("ms", "kHz"), "" for none
    bool unitInLabels = false;       // printed with each label ("400 kHz")
    double unitScale = 1;            // the unit's factor to s or Hz
    double scale = 1;                // and a multiplier's (matplotlib's 1e6) with it
    std::string problem;             // why it was not read
    bool sharedBelow = false;        // its labels lie under a plot below sharing it (sharex)
};

struct FigureAxes {
    AxisReading time, frequency, level;
    // A picture SpecEdit exported: the axes as its description gives them, no label read.
    std::optional<PictureDescription> description;
    // "time 0 to 4.606 s (its labels 0, 1, 2, 3, 4); frequency ...; levels -100 to -20 dB
    // (the colour bar's labels ...)"; an axis not read says why.
    std::string note() const;
    std::string timeNote() const;
    std::string frequencyNote() const;
    std::string levelNote() const;
};

// Throws Error when Tesseract cannot start (io/TextReader.h); an axis that cannot be read is
// left unread with its reason.
FigureAxes readFigureAxes(const RgbImage& image, const PictureLevels& picture);
// The axes a picture's SpecEdit description gives (its frequencies the plot's own: from 0, or
// from an IQ recording's centre).
FigureAxes describedAxes(const PictureDescription& description);

} // namespace specedit::core
