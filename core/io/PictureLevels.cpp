#include "io/PictureLevels.h"

#include "io/Colormaps.h"
#include "io/ColourBar.h"
#include "io/ColourFit.h"
#include "io/FigureMargin.h"
#include "io/MapReading.h"
#include "io/PlotArea.h"
#include "io/PlotGaps.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace specedit::core {
namespace {

// A figure's white background, and the light gray where its axes' lines are smoothed into
// it, are no colours of a map that lacks white, however close its last colour comes (magma's
// is 0.25 from white, 0.21 from matplotlib's (241, 241, 241) beside a spine): a margin read as
// the loudest level is a click across every frequency.
bool isWhitish(const Rgb& c) {
    const double lo = std::min({c[0], c[1], c[2]}), hi = std::max({c[0], c[1], c[2]});
    return lo >= 0.85 && hi - lo <= 0.08;
}
// More distinct colours (to 8 bits) than a picture of a map holds (PictureLevels.h).
constexpr std::size_t kMostColours = std::size_t(1) << 20;

// Share of the pixels with a hue (channels more than 2 % apart).
double hueShare(const RgbImage& image) {
    if (image.gray)
        return 0;
    std::size_t hued = 0;
    for (const auto& p : image.pixels)
        hued += std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]}) > 0.02 * 65535;
    return double(hued) / double(std::max<std::size_t>(image.pixels.size(), 1));
}

struct Edges {
    int left = 0, right = 0, top = 0, bottom = 0;
    int total() const { return left + right + top + bottom; }
};

// Outer columns and rows of pure white, from each side (none for a picture all white).
Edges whiteEdges(const RgbImage& img) {
    auto white = [&](int r0, int r1, int c0, int c1) {
        for (int r = r0; r < r1; ++r)
            for (int c = c0; c < c1; ++c) {
                const auto& p =
                    img.pixels[std::size_t(r) * std::size_t(img.width) + std::size_t(c)];
                if (std::min({p[0], p[1], p[2]}) < 65535 - 128)
                    return false;
            }
        return true;
    };
    Edges e;
    while (e.left < img.width && white(0, img.height, e.left, e.left + 1))
        ++e.left;
    if (e.left == img.width)
        return {};
    while (white(0, img.height, img.width - 1 - e.right, img.width - e.right))
        ++e.right;
    while (white(e.top, e.top + 1, 0, img.width))
        ++e.top;
    while (white(img.height - 1 - e.bottom, img.height - e.bottom, 0, img.width))
        ++e.bottom;
    return e;
}

std::string edgesWarning(const Edges& e) {
    return "its outer pixels are pure white (" + std::to_string(e.left) + " columns at the left, " +
           std::to_string(e.right) + " at the right, " + std::to_string(e.top) +
           " rows at the top, " + std::to_string(e.bottom) +
           " at the bottom): if they are a margin, crop the picture to the plot";
}

PictureLevels grayLevels(const RgbImage& image, bool reversed) {
    PictureLevels out;
    out.colormap = reversed ? "gray_r" : "gray";
    out.pictureWidth = image.width;
    out.pictureHeight = image.height;
    out.boxRight = image.width;
    out.boxBottom = image.height;
    out.levels = {image.width, image.height, std::vector<double>(image.pixels.size())};
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        const auto& p = image.pixels[i];
        const double v = (double(p[0]) + p[1] + p[2]) / (3 * 65535.0);
        out.levels.values[i] = reversed ? 1 - v : v;
    }
    return out;
}

// Which light colours are no colours of a map: those of a map without white (a figure's
// margins), and every light colour while the map is chosen (white decides nothing: a
// figure's background and a bare plot would make gray the map of any figure).
enum class White { Margin, Choosing };

struct Reading {
    PictureLevels levels;
    ColourBar bar;
};

// The picture read through one map: its plot and the levels of the pixels that are colours
// of the map (NaN for the others), and which way its colour bar runs.
Reading readThrough(const RgbImage& image, const Histogram& h, const ColormapTable& map,
                    bool reversed, double tolerance, White white,
                    const std::vector<char>* plotMask = nullptr) {
    std::unordered_map<std::uint32_t, Fit> fits;
    const bool holdsWhite = fitColour(map, {1, 1, 1}).dist <= kChoosing;
    for (const auto& [key, count] : h) {
        Fit f = fitColour(map, colourOf(key));
        const Rgb c = colourOf(key);
        if (isWhitish(c) && (white == White::Choosing || !holdsWhite))
            f.dist = std::numeric_limits<double>::infinity();
        fits.emplace(key, f);
    }
    const int w = image.width, ht = image.height;
    std::vector<char> on(image.pixels.size());
    for (std::size_t i = 0; i < on.size(); ++i)
        on[i] = fits.at(keyOf(image.pixels[i])).dist <= tolerance;
    const PlotArea plot = findPlotArea(image, plotMask ? *plotMask : on);
    Reading reading;
    if (white != White::Choosing) { // the map chosen: where its colour bar is
        std::vector<float> place(on.size(), std::numeric_limits<float>::quiet_NaN());
        for (std::size_t i = 0; i < on.size(); ++i)
            if (on[i] && (!plotMask || (*plotMask)[i])) // a figure's margin is no bar
                place[i] = float(fits.at(keyOf(image.pixels[i])).t);
        reading.bar = findColourBar(w, ht, place, plot);
    }
    PictureLevels& out = reading.levels;
    out.colormap = map.name + (reversed ? "_r" : "");
    out.pictureWidth = w;
    out.pictureHeight = ht;
    out.left = plot.cols.first;
    out.top = plot.rows.first;
    out.boxLeft = plot.left;
    out.boxRight = plot.right;
    out.boxTop = plot.top;
    out.boxBottom = plot.bottom;
    GrayImage& img = out.levels;
    img = {plot.cols.count, plot.rows.count,
           std::vector<double>(std::size_t(plot.cols.count) * std::size_t(plot.rows.count))};
    std::size_t count = 0;
    double error = 0;
    for (int r = 0; r < img.height; ++r)
        for (int c = 0; c < img.width; ++c) {
            const std::size_t at =
                std::size_t(out.top + r) * std::size_t(w) + std::size_t(out.left + c);
            const Fit f = fits.at(keyOf(image.pixels[at]));
            double& v = img.values[std::size_t(r) * std::size_t(img.width) + std::size_t(c)];
            const bool line =
                std::count(plot.lineCols.begin(), plot.lineCols.end(), out.left + c) ||
                std::count(plot.lineRows.begin(), plot.lineRows.end(), out.top + r);
            v = on[at] && !line ? (reversed ? 1 - f.t : f.t)
                                : std::numeric_limits<double>::quiet_NaN();
            count += std::size_t(on[at]);
            error += on[at] ? f.dist : 0.0;
        }
    out.onMap = double(count) / double(std::max<std::size_t>(img.values.size(), 1));
    out.meanError = 255 * error / double(std::max<std::size_t>(count, 1));
    return reading;
}

double pixelsOnMap(const Reading& r) {
    return r.levels.onMap * double(r.levels.levels.values.size());
}

// The map most of the plot's pixels are colours of; of maps about as many pixels are colours
// of (a dark plot is magma's and inferno's alike), the one they lie closest to.
const ColormapTable& closestMap(const RgbImage& image, const Histogram& h) {
    std::vector<std::pair<double, double>> seen; // pixels on the map, their mean distance
    for (const ColormapTable& candidate : colormapTables()) {
        const Reading r = readThrough(image, h, candidate, false, kChoosing, White::Choosing);
        seen.emplace_back(pixelsOnMap(r), r.levels.meanError);
    }
    double most = 0;
    for (const auto& s : seen)
        most = std::max(most, s.first);
    std::size_t best = 0;
    for (std::size_t k = 0; k < seen.size(); ++k)
        if (seen[k].first >= 0.99 * most &&
            (seen[best].first < 0.99 * most || seen[k].second < seen[best].second))
            best = k;
    return colormapTables()[best];
}

// The reading turned the way its colour bar runs when the direction was left to it; a bar
// the other way from a direction given is warned of.
void followBar(PictureLevels& out, BarDirection bar, const MapName& given) {
    if (bar == BarDirection::None || (bar == BarDirection::Reversed) == given.reversed)
        return;
    if (given.directionGiven) {
        out.warning =
            "its colour bar runs the other way from " + out.colormap +
            " (its bright end is the quiet one, or the other way round): if the bar "
            "is right, read it " +
            (given.reversed ? "forward (" + out.colormap.substr(0, out.colormap.size() - 2) + ")"
                            : "reversed (" + out.colormap + "_r)");
        return;
    }
    for (double& v : out.levels.values)
        v = std::isnan(v) ? v : 1 - v;
    out.colormap += "_r";
    out.reversedByBar = true;
}

// Through the map given, or else through the map whose plot holds the most of its colours.
// Throws when too little of the plot is.
PictureLevels colourLevels(const RgbImage& image, const MapName& given, const std::string& subject,
                           bool whiteIsMargin = false) {
    const Histogram h = histogramOf(image);
    // Each distinct colour is fitted to every map: a photograph's millions would take minutes.
    // A matplotlib figure holds under a thousand, as JPEG about 90000 at 640 x 480.
    if (h.size() > kMostColours)
        throw Error(subject,
                    "holds " + std::to_string(h.size()) +
                        " different colours, far more than a plot drawn with a colour map",
                    "a spectrogram drawn with one of " + colormapNames());
    const ColormapTable* map = given.map;
    if (!map)
        map = &closestMap(image, h);
    // A grayscale figure's plot may be white inside (its quiet levels under gray_r, Praat's
    // and print's black on white), a dark_background figure's black (magma's): the margin is
    // what is reached from the border in its colour without crossing the plot's frame.
    const std::optional<std::vector<char>> notMargin =
        whiteIsMargin ? notWhiteMargin(image) : notDarkMargin(image, *map);
    Reading reading =
        readThrough(image, h, *map, given.reversed, image.lossy ? kReadingLossy : kChoosing,
                    White::Margin, notMargin ? &*notMargin : nullptr);
    PictureLevels& out = reading.levels;
    out.chosen = !given.map;
    out.reversedGiven = given.directionGiven && given.reversed;
    out.whiteIsMargin = whiteIsMargin;
    out.darkMargin = notMargin && !whiteIsMargin;
    followBar(out, reading.bar.direction, given);
    out.barVertical = reading.bar.vertical;
    out.barLine = reading.bar.line;
    out.barFirst = reading.bar.first;
    out.barLast = reading.bar.last;
    const GrayImage& img = out.levels;
    const double total = double(std::max<std::size_t>(img.values.size(), 1));
    out.bare = double(fillGaps(out.levels, !whiteIsMargin)) / total;
    out.onMap = std::min(1.0, out.onMap / std::max(1 - out.bare, 1e-9)); // of what is not bare
    if (img.width < 8 || img.height < 8 ||
        out.onMap < (image.lossy ? kLeastOnMapLossy : kLeastOnMap))
        throw Error(subject,
                    "its colours are not those of any colour map known: at best " +
                        percentText(out.onMap) + " of the pixels of its plot (" +
                        std::to_string(img.width) + " x " + std::to_string(img.height) +
                        ") are colours of " + out.colormap,
                    "a spectrogram drawn with one of " + colormapNames() +
                        " (name it with --image-colormap; NAME_r for one reversed)");
    return std::move(reading.levels);
}

} // namespace

std::string PictureLevels::note() const {
    std::string s = "read as " + colormap;
    if (described)
        s += " (as its SpecEdit description says";
    else if (whiteIsMargin)
        s += " (a grayscale figure: its white margins are left out";
    else if (!chosen)
        s += " (as given";
    else if (colormap == "gray" && !cropped())
        s += " (a grayscale picture: black the lowest level, white the highest";
    else
        s += " (chosen from its colours";
    if (reversedByBar)
        s += ", reversed as its colour bar runs";
    else if (chosen && reversedGiven)
        s += ", reversed as given";
    if (colormap.rfind("gray", 0) != 0 || cropped())
        s += "; " + percentText(onMap) + " of the plot's pixels are its colours";
    if (meanError > 3)
        s += ", " + shortNumber(std::round(meanError * 10) / 10) +
             "/255 off it on average, as a JPEG's are: the levels are that much less sure";
    if (darkMargin)
        s += "; its margins, in the map's quietest colour, left out";
    s += ")";
    if (bare >= 0.001)
        s += "; " + percentText(bare) +
             " of the plot is bare, read as silence (matplotlib draws a level of -inf, the log "
             "of digital silence, as its background)";
    if (cropped())
        s += "; the plot is columns " + std::to_string(left + 1) + " to " +
             std::to_string(left + levels.width) + " and rows " + std::to_string(top + 1) + " to " +
             std::to_string(top + levels.height) + " of the " + std::to_string(pictureWidth) +
             " x " + std::to_string(pictureHeight) + " picture: the axes' ranges are its edges";
    return s;
}

PictureLevels readPictureLevels(const RgbImage& image, const std::string& colormap,
                                const std::string& subject) {
    const MapName given = parseMapName(colormap);
    const bool grayPicture = hueShare(image) <= 0.01;
    const ColormapTable* gray = findColormap("gray");
    if (!grayPicture || (given.map && given.map != gray))
        return colourLevels(image, given, subject);
    PictureLevels whole = grayLevels(image, given.reversed);
    whole.chosen = !given.map;
    whole.reversedGiven = given.directionGiven && given.reversed;
    const Edges edges = whiteEdges(image);
    if (edges.total() == 0) {
        // Black margins (matplotlib's dark_background): black is gray's quietest level, and
        // what the frame encloses is the plot.
        if (!given.reversed && notDarkMargin(image, *gray)) {
            PictureLevels figure =
                colourLevels(image, {gray, false, given.directionGiven}, subject);
            figure.chosen = whole.chosen;
            return figure;
        }
        return whole;
    }
    // White margins, where white is the loudest level: a figure. Its plot is found as a
    // colour figure's is, white left out; failing that, the picture is read whole and the
    // margins are named.
    try {
        PictureLevels figure =
            colourLevels(image, {gray, given.reversed, given.directionGiven}, subject, true);
        figure.chosen = whole.chosen;
        return figure;
    } catch (const Error&) {
        whole.warning = edgesWarning(edges);
        return whole;
    }
}

} // namespace specedit::core
