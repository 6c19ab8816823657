#include "io/FigureAxes.h"

#include "io/AxisLabels.h"
#include "io/AxisUnits.h"
#include "io/SharedAxis.h"
#include "io/TextReader.h"
#include "util/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

namespace specedit::core {
namespace {

struct Point {
    double at = 0, value = 0;
    std::string text;
};

// "-12.5" as printed: a sign, digits, at most one point.
std::optional<double> numberOf(const std::string& text) {
    if (text.empty() || text == "-" || text == ".")
        return std::nullopt;
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch == '-' && i == 0)
            continue;
        if (ch == '.' && ++points == 1)
            continue;
        if (!std::isdigit(static_cast<unsigned char>(ch)))
            return std::nullopt;
    }
    return std::stod(text);
}

struct Line {
    double a = 0, b = 0; // value = a + b position
    std::size_t used = 0;
    std::vector<bool> inlier;
};

// The straight line through the most labels (a position within 1.5 pixels, or 1 % of the
// labels' spread, of where the line puts its value), fitted to them by least squares.
std::optional<Line> fitLabels(const std::vector<Point>& pts) {
    if (pts.size() < 2)
        return std::nullopt;
    const double spread = pts.back().at - pts.front().at;
    const double within = std::max(1.5, 0.01 * spread);
    Line best;
    for (std::size_t i = 0; i < pts.size(); ++i)
        for (std::size_t j = i + 1; j < pts.size(); ++j) {
            if (pts[i].value == pts[j].value || pts[j].at - pts[i].at < 2)
                continue;
            const double b = (pts[j].value - pts[i].value) / (pts[j].at - pts[i].at);
            const double a = pts[i].value - b * pts[i].at;
            Line l{a, b, 0, std::vector<bool>(pts.size())};
            for (std::size_t k = 0; k < pts.size(); ++k)
                if (std::abs((pts[k].value - a) / b - pts[k].at) <= within) {
                    l.inlier[k] = true;
                    ++l.used;
                }
            if (l.used > best.used)
                best = l;
        }
    if (best.used < 2 || double(best.used) < 0.6 * double(pts.size()))
        return std::nullopt;
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t k = 0; k < pts.size(); ++k)
        if (best.inlier[k]) {
            n += 1;
            sx += pts[k].at;
            sy += pts[k].value;
            sxx += pts[k].at * pts[k].at;
            sxy += pts[k].at * pts[k].value;
        }
    if (n * sxx - sx * sx > 0) {
        best.b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        best.a = (sy - best.b * sx) / n;
    }
    return best;
}

std::string lower(std::string s) {
    for (char& ch : s)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

enum class Quantity { Time, Frequency, Level };

// matplotlib's multiplier: "1e6", "1e−5" (its minus sign, or a dash, as read; the one as "l"
// or "I" at times). Anything else (166 for 1e6 at worst) is refused.
std::optional<double> multiplierOf(const std::string& text) {
    std::string t;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xe2\x88\x92") == 0 || text.compare(i, 3, "\xe2\x80\x94") == 0 ||
            text.compare(i, 3, "\xe2\x80\x93") == 0) {
            t += '-';
            i += 2;
        } else if (text[i] != ' ') {
            t += text[i] == 'I' || text[i] == 'l' || text[i] == 'i' ? '1' : text[i];
        }
    }
    t = lower(t);
    const auto e = t.find('e');
    if (e == std::string::npos || t.substr(0, e) != "1")
        return std::nullopt;
    try {
        return std::pow(10.0, std::stoi(t.substr(e + 1)));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

struct AxisJob {
    AxisEdge edge;
    double lowAt = 0, highAt = 0; // where the low and high values lie (pixel coordinates)
    Quantity quantity = Quantity::Time;
};

// A label read as a number and, when it may print a unit too, as text ("" otherwise). A label
// with a space is read in two: the number before it (its unit's letters, read among digits,
// would be taken for digits: "0.5 s" read "0.55") and the unit after it.
std::pair<std::string, std::string> readLabel(TextReader& reader, const InkMap& map,
                                              const PlacedLabel& l, int textHeight,
                                              Quantity quantity) {
    if (quantity != Quantity::Level && l.spaceLeft >= 0) {
        const InkRect number{l.word.left, l.word.top, l.spaceLeft, l.word.bottom};
        const InkRect unit{l.spaceRight, l.word.top, l.word.right, l.word.bottom};
        const std::string s = reader.readNumber(patchOf(map, number, 2, textHeight));
        return {s, s + " " + reader.readText(patchOf(map, unit, 2, textHeight))};
    }
    const InkPatch patch = patchOf(map, l.word, 2, textHeight);
    const std::string s = reader.readNumber(patch);
    if (quantity != Quantity::Level && l.glyphs > std::ssize(s))
        return {s, reader.readText(patch)};
    return {s, {}};
}

// The labels' values into `pts`. A label of more glyphs than the characters read as a number,
// or with a space inside, prints a unit too ("400 kHz", "20 ms": matplotlib's EngFormatter;
// "0.5 s", whose "s" reads as a 5 among digits, as SpecEdit prints them): read as text, each such
// label's value is taken in the unit most of them print ("0 Hz" among kHz is 0 kHz), which is
// returned; none when no label prints a unit.
std::optional<AxisUnit> readLabels(TextReader& reader, const InkMap& map, const AxisText& text,
                                   Quantity quantity, std::vector<Point>& pts) {
    std::vector<std::pair<Point, AxisUnit>> withUnit;
    for (const PlacedLabel& l : text.labels) {
        const auto [s, said] = readLabel(reader, map, l, text.textHeight, quantity);
        if (!said.empty()) {
            if (const auto v =
                    unitLabelOf(said, quantity == Quantity::Time ? AxisQuantity::Time
                                                                 : AxisQuantity::Frequency)) {
                withUnit.push_back({{l.at, v->value * v->unit.factor, said}, v->unit});
                continue;
            }
        }
        if (const auto v = numberOf(s))
            pts.push_back({l.at, *v, s});
    }
    if (withUnit.empty())
        return std::nullopt;
    std::map<double, int> count;
    for (const auto& [p, unit] : withUnit)
        ++count[unit.factor];
    const auto common = std::max_element(count.begin(), count.end(), [](auto& a, auto& b) {
                            return a.second < b.second;
                        })->first;
    AxisUnit unit;
    for (auto& [p, u] : withUnit) {
        if (u.factor == common)
            unit = u;
        pts.push_back({p.at, p.value / common, p.text});
    }
    std::sort(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.at < b.at; });
    return unit;
}

AxisReading readAxis(TextReader& reader, const InkMap& map, const FigureWords& words,
                     const AxisJob& job) {
    AxisReading out;
    const AxisText text = words.axisText(job.edge);
    std::vector<Point> pts;
    const auto raised = std::count_if(text.labels.begin(), text.labels.end(),
                                      [](const PlacedLabel& l) { return l.raised; });
    if (2 * raised > std::ssize(text.labels)) {
        out.problem = "its labels are powers (a number with a raised exponent): a "
                      "logarithmic axis, and only a linear one can be read";
        return out;
    }
    const std::optional<AxisUnit> labelUnit = readLabels(reader, map, text, job.quantity, pts);
    const auto line = fitLabels(pts);
    if (!line) {
        out.problem = text.labels.size() < 2
                          ? "fewer than two tick labels found"
                          : std::to_string(text.labels.size()) + " tick labels found, " +
                                std::to_string(pts.size()) +
                                " read as numbers, and no straight line of value against "
                                "position runs through most of them";
        return out;
    }
    for (std::size_t k = 0; k < pts.size(); ++k)
        if (line->inlier[k])
            out.labels.push_back(pts[k].text);
    if (labelUnit) { // "400 kHz": the labels' unit, whatever the title says
        out.unit = labelUnit->name;
        out.unitScale = out.scale = labelUnit->factor;
        out.unitInLabels = true;
    } else if (text.title && job.quantity != Quantity::Level) {
        const bool upright = job.edge.side != LabelSide::Below;
        const AxisUnit unit = axisUnitOf(reader.readText(patchOf(map, *text.title, 2, 0), upright),
                                         job.quantity == Quantity::Time ? AxisQuantity::Time
                                                                        : AxisQuantity::Frequency);
        if (!unit.problem.empty()) {
            out.problem = unit.problem;
            return out;
        }
        out.unit = unit.name;
        out.unitScale = out.scale = unit.factor;
    }
    if (text.offset) {
        const std::string said = reader.readText(patchOf(map, *text.offset, 2, 0));
        const auto m = multiplierOf(said);
        if (!m) {
            out.problem = "a multiplier or offset is printed at its end ('" + said +
                          "'), which could not be read";
            return out;
        }
        out.scale *= *m;
    }
    out.low = (line->a + line->b * job.lowAt) * out.scale;
    out.high = (line->a + line->b * job.highAt) * out.scale;
    out.read = true;
    return out;
}

// The colour bar's first and last pixels across it: from its line, those along the bar's
// middle close to the line's colour (up to its outline, or the background).
std::pair<int, int> barAcross(const InkMap& map, const PictureLevels& p) {
    const bool vertical = p.barVertical;
    const int mid = (p.barFirst + p.barLast) / 2;
    auto at = [&](int k) { return vertical ? map.at(mid, k) : map.at(k, mid); };
    const float base = at(p.barLine);
    const int end = vertical ? map.width : map.height;
    int lo = p.barLine, hi = p.barLine;
    while (lo > 0 && std::abs(at(lo - 1) - base) < 0.15f)
        --lo;
    while (hi + 1 < end && std::abs(at(hi + 1) - base) < 0.15f)
        ++hi;
    return {lo, hi};
}

// In the title's unit, to four digits of the range: "-0.07 to 49.93 ms".
std::string rangeText(const AxisReading& a, const char* unit) {
    const double low = a.low / a.unitScale, high = a.high / a.unitScale;
    const int decimals =
        std::clamp(3 - int(std::floor(std::log10(std::max(high - low, 1e-12)))), 0, 12);
    auto fixed = [&](double v) {
        std::ostringstream s;
        s << std::fixed << std::setprecision(decimals) << v;
        return s.str();
    };
    return fixed(low) + " to " + fixed(high) + " " + (a.unit.empty() ? unit : a.unit);
}

std::string axisNote(const char* name, const AxisReading& a, const char* unit) {
    if (a.read && a.labels.empty()) // described
        return std::string(name) + " " + rangeText(a, unit);
    if (!a.read)
        return std::string(name) + " not read (" + a.problem + ")";
    std::string labels;
    for (const std::string& l : a.labels)
        labels += (labels.empty() ? "" : ", ") + l;
    if (const double times = a.scale / a.unitScale; times != 1) // matplotlib's 1e6
        labels += " times 1e" + std::to_string(int(std::lround(std::log10(times))));
    const bool dB = std::string(unit) == "dB"; // a colour bar's title is not read
    return std::string(name) + " " + rangeText(a, unit) + " (labels " + labels +
           (a.unit.empty() || a.unitInLabels ? "" : " " + a.unit) +
           (a.sharedBelow ? " under the plot below, which shares its time axis" : "") +
           (a.unit.empty() && !dB ? std::string("; no unit printed: read as ") + unit : "") + ")";
}

} // namespace

std::string FigureAxes::timeNote() const {
    return axisNote("time", time, "s");
}
namespace {

// A frequency axis read to within half a pixel of 0 Hz at its bottom starts there, shifted as
// read: matplotlib's specgram (0 to 4000 Hz) read 2.9 to 4002.9 Hz, a band that shows no sample
// rate. Half a bin below 0 (pixels centred on bins: pcolormesh's "nearest") is kept: 0.6 px in
// tests/data/figures/chirp_viridis.png, which a pixel's margin took to 0.
void startAtZero(AxisReading& a, double pixels) {
    if (!a.read || a.low == 0 || pixels <= 0)
        return;
    if (std::abs(a.low) <= 0.5 * (a.high - a.low) / pixels) {
        a.high -= a.low;
        a.low = 0;
    }
}

} // namespace

std::string FigureAxes::frequencyNote() const {
    return axisNote("frequency", frequency, "Hz");
}
std::string FigureAxes::levelNote() const {
    return axisNote("levels", level, "dB");
}
std::string FigureAxes::note() const {
    return timeNote() + "; " + frequencyNote() + "; " + levelNote();
}

FigureAxes describedAxes(const PictureDescription& d) {
    FigureAxes out;
    out.time = {true, d.t0, d.t1, {}, "s", false, 1, 1, {}};
    out.frequency = {true, d.f0, d.f1, {}, "Hz", false, 1, 1, {}};
    out.level = {true, d.dbMin, d.dbMax, {}, "dB", false, 1, 1, {}};
    out.description = d;
    return out;
}

FigureAxes readFigureAxes(const RgbImage& image, const PictureLevels& p) {
    FigureAxes out;
    const InkMap map = inkOf(image);
    // The plot's inside: its frame stays, joined to its ticks, and with them is too big for
    // a glyph.
    const InkRect plot{int(std::floor(p.boxLeft)) + 1, int(std::floor(p.boxTop)) + 1,
                       int(std::floor(p.boxRight)), int(std::floor(p.boxBottom))};
    std::vector<InkRect> excluded{plot};
    if (p.barLine >= 0) {
        const auto [lo, hi] = barAcross(map, p);
        excluded.push_back(p.barVertical ? InkRect{lo, p.barFirst, hi + 1, p.barLast + 1}
                                         : InkRect{p.barFirst, lo, p.barLast + 1, hi + 1});
    }
    const FigureWords words(map, excluded);
    TextReader reader;
    out.time = readAxis(reader, map, words,
                        {{LabelSide::Below, p.boxBottom, p.boxLeft, p.boxRight},
                         p.boxLeft,
                         p.boxRight,
                         Quantity::Time});
    for (const BoxBelow& box : boxesBelow(map, p.boxLeft, p.boxRight, p.boxBottom)) {
        if (out.time.read)
            break;
        AxisReading shared = readAxis(reader, map, words,
                                      {{LabelSide::Below, box.bottom, box.left, box.right},
                                       box.left,
                                       box.right,
                                       Quantity::Time});
        shared.sharedBelow = shared.read;
        if (shared.read)
            out.time = shared;
    }
    out.frequency = readAxis(reader, map, words,
                             {{LabelSide::Left, p.boxLeft, p.boxTop, p.boxBottom},
                              p.boxBottom,
                              p.boxTop,
                              Quantity::Frequency});
    startAtZero(out.frequency, p.boxBottom - p.boxTop);
    if (p.barLine < 0) {
        out.level.problem = "no colour bar found";
        return out;
    }
    const double first = p.barFirst, end = p.barLast + 1.0;
    // The labels lie beyond the middle of a one-pixel outline past the bar's last pixel.
    const double edge = barAcross(map, p).second + 1.5;
    out.level = p.barVertical
                    ? readAxis(reader, map, words,
                               {{LabelSide::Right, edge, first, end}, end, first, Quantity::Level})
                    : readAxis(reader, map, words,
                               {{LabelSide::Below, edge, first, end}, first, end, Quantity::Level});
    return out;
}

} // namespace specedit::core
