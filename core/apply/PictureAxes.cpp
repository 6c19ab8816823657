#include "apply/PictureAxes.h"

#include "io/FigureAxes.h"
#include "io/GrayImage.h"
#include "io/PictureLevels.h"
#include "io/PlotLevels.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <tuple>

namespace specedit::core {
namespace {

struct Part {
    const char* option;
    const char* axis; // as the error names it
    const char* expected;
    const AxisRange& given;
    const AxisReading& read;
};

// A read range that runs the wrong way (a frequency axis printed top down) is not used.
std::pair<double, double> take(const Part& p) {
    if (p.given)
        return *p.given;
    if (p.read.read && p.read.low < p.read.high)
        return {p.read.low, p.read.high};
    const std::string why = !p.read.read
                                ? p.read.problem
                                : "its labels run the other way (" + shortNumber(p.read.low) +
                                      " at the start, " + shortNumber(p.read.high) + " at the end)";
    throw Error(p.option,
                std::string("not given, and the picture's ") + p.axis +
                    " could not be read from its tick labels: " + why,
                std::string(p.option) + " " + p.expected);
}

// A range given that its labels print otherwise (by 2 % of the span or more at either end: a
// few pixels), a typo such as 593 s for 5.93: said, and the range given used.
std::vector<std::string> disagreements(const GivenAxes& given, const FigureAxes& read) {
    std::vector<std::string> out;
    const std::tuple<const char*, const AxisRange&, const AxisReading&, std::string> parts[] = {
        {"--image-time", given.time, read.time, read.timeNote()},
        {"--image-freq", given.frequency, read.frequency, read.frequencyNote()},
        {"--image-db", given.db, read.level, read.levelNote()}};
    for (const auto& [option, range, axis, note] : parts) {
        if (!range || !axis.read || axis.low >= axis.high)
            continue;
        const double off = 0.02 * (axis.high - axis.low);
        if (std::abs(range->first - axis.low) > off || std::abs(range->second - axis.high) > off)
            out.push_back(
                std::string(option) + " " + shortNumber(range->first) + "," +
                shortNumber(range->second) + " is not what the picture's " +
                (read.description ? "SpecEdit description says (" : "tick labels print (") + note +
                "): the range given is used");
    }
    return out;
}

// A picture as read: its file (unchanged on disk) and map.
struct PictureKey {
    std::string path, colormap;
    std::uintmax_t size = 0;
    std::filesystem::file_time_type written;
};

bool same(const PictureKey& a, const PictureKey& b) {
    return a.path == b.path && a.colormap == b.colormap && a.size == b.size &&
           a.written == b.written;
}

// Where the description says, through the map it names unless one is given; a plot beyond the
// picture or on a log or mel axis is refused.
PictureLevels describedLevels(const ReadPicture& read, const std::string& colormap,
                              const std::string& path) {
    const PictureDescription& d = *read.description;
    if (d.left + d.width > read.image.width || d.top + d.height > read.image.height)
        throw Error(path,
                    "its SpecEdit description puts the plot at columns " +
                        std::to_string(d.left + 1) + " to " + std::to_string(d.left + d.width) +
                        " and rows " + std::to_string(d.top + 1) + " to " +
                        std::to_string(d.top + d.height) + ", beyond the " +
                        std::to_string(read.image.width) + " x " +
                        std::to_string(read.image.height) + " picture",
                    "the picture as SpecEdit exported it (not cropped or scaled)");
    if (d.frequencyScale != "linear")
        throw Error(path, "shows a " + d.frequencyScale + " frequency axis",
                    "a picture with a linear frequency axis (View > Frequency scale > Linear "
                    "before exporting it): only linear axes are rebuilt");
    const bool automatic = colormap.empty() || colormap == "auto";
    return readPlotLevels(read.image, {d.left, d.top, d.width, d.height},
                          automatic ? d.colormap : colormap, path);
}

} // namespace

double rateReadOff(double fs) {
    for (const double usual :
         {8000.0,  11025.0, 12000.0, 16000.0,  22050.0, 24000.0, 32000.0, 44100.0,
          48000.0, 88200.0, 96000.0, 192000.0, 250e3,   1e6,     1.024e6, 2e6,
          2.048e6, 2.4e6,   2.56e6,  3.2e6,    8e6,     10e6,    20e6})
        if (std::abs(fs - usual) <= 0.01 * usual)
            return usual;
    return std::round(fs);
}

std::shared_ptr<const ReadPicture> readPictureOnce(const std::string& path,
                                                   const std::string& colormap) {
    static std::mutex lock;
    static std::optional<PictureKey> lastKey;
    static std::shared_ptr<const ReadPicture> last;
    std::error_code ec;
    PictureKey key{path, colormap, std::filesystem::file_size(path, ec), {}};
    key.written = std::filesystem::last_write_time(path, ec);
    const bool known = !ec;
    {
        const std::lock_guard<std::mutex> hold(lock);
        if (known && lastKey && same(*lastKey, key))
            return last;
    }
    auto read = std::make_shared<ReadPicture>();
    read->image = readImage(path); // throws, naming the file, for a missing one
    read->description = readPictureDescription(path);
    if (read->description)
        read->levels = describedLevels(*read, colormap, path);
    else
        read->levels = readPictureLevels(read->image, colormap, path);
    const std::lock_guard<std::mutex> hold(lock);
    if (known) {
        lastKey = key;
        last = read;
    }
    return read;
}

FigureAxes figureAxesOf(const std::string& path, const std::string& colormap) {
    const auto picture = readPictureOnce(path, colormap);
    if (picture->description)
        return describedAxes(*picture->description);
    return readFigureAxes(picture->image, picture->levels);
}

std::string saturationNote(const PictureLevels& picture, double dbMax) {
    const auto& v = picture.levels.values;
    const auto top = std::count_if(v.begin(), v.end(), [](double x) { return x >= 1 - 0.5 / 255; });
    const double share = double(top) / double(std::max<std::size_t>(v.size(), 1));
    if (share < 0.001)
        return {};
    return shortNumber(std::round(share * 1000) / 10) +
           " % of its plot is at the map's loudest colour (" + shortNumber(dbMax) +
           " dB): what was louder was drawn at it and comes back at it; a picture drawn with a "
           "higher top level (the editor's Ceiling, matplotlib's vmax) keeps it";
}

PictureAxes pictureAxes(const std::string& path, const std::string& colormap,
                        const GivenAxes& given) {
    PictureAxes out;
    FigureAxes read;
    if (given.db && given.time && given.frequency) {
        out.axes = {given.db->first,    given.db->second,       given.time->first,
                    given.time->second, given.frequency->first, given.frequency->second};
        try { // only to check what was given: the rebuild says what is wrong with the picture
            read = figureAxesOf(path, colormap);
        } catch (const Error&) {
            return out;
        }
        out.description = read.description;
        out.warnings = disagreements(given, read);
        return out;
    }
    read = figureAxesOf(path, colormap);
    out.description = read.description;
    out.warnings = disagreements(given, read);
    const auto db = take({"--image-db", "colour bar", "MIN,MAX (the dB at the colour map's ends)",
                          given.db, read.level});
    const auto time =
        take({"--image-time", "time axis", "START,END (seconds at the plot's left and right edges)",
              given.time, read.time});
    const auto freq = take({"--image-freq", "frequency axis",
                            "LOW,HIGH (hertz at the plot's bottom and top edges)", given.frequency,
                            read.frequency});
    out.axes = {db.first, db.second, time.first, time.second, freq.first, freq.second};
    out.dbRead = !given.db;
    out.timeRead = !given.time;
    out.frequencyRead = !given.frequency;
    std::string note;
    auto add = [&](bool used, const std::string& part) {
        if (used)
            note += (note.empty() ? "" : "; ") + part;
    };
    add(out.timeRead, read.timeNote());
    add(out.frequencyRead, read.frequencyNote());
    add(out.dbRead, read.levelNote());
    out.note = note;
    return out;
}

} // namespace specedit::core
