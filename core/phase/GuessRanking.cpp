#include "phase/GuessRanking.h"

#include "dsp/Window.h"
#include "phase/PeakShape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <tuple>

namespace specedit::core {
namespace {

// How common an overlap is (0: the most): 50 % (scipy's and MATLAB's default), 75 % (librosa's),
// 87.5 %, 25 %.
int overlapRank(const StftParams& p) {
    const int eighths = int(std::lround(8.0 * p.noverlap / p.nperseg));
    switch (eighths) {
    case 4:
        return 0;
    case 6:
        return 1;
    case 7:
        return 2;
    default:
        return 3;
    }
}

// A magnitude-only score as ranked: an odd FFT (2 bins - 1; scipy's nperseg is almost always
// even) must win by more than kOddFftPriorDb. On speech the odd neighbour of the true
// reading (Hann 257/65 beside 256/64) scores within 0.1-2 dB of it, and a tester's scipy
// spectrogram had it 0.7 dB ahead.

std::string steadyWarning(double variation) {
    char percent[48];
    if (variation < 0.0005)
        std::snprintf(percent, sizeof percent, "less than 0.1 %%");
    else
        std::snprintf(percent, sizeof percent, "%.1f %%", 100 * variation);
    return std::string("the magnitudes hardly change over time (by ") + percent +
           "), so they cannot tell the hop: the readings are ranked by how common their "
           "overlap is (50, 75, 87.5, 25 %). Give the signal's length in samples to settle it";
}

// With a phase, the best reading is far from consistent: the file was made some way
// not tried.
std::string roundedWarning(double best, double roundingFloor) {
    char text[400];
    std::snprintf(text, sizeof text,
                  "the files' values are rounded coarsely (their rounding alone is %.1f dB of "
                  "their values): the best reading scores %.1f dB, consistent to that rounding; "
                  "rebuilt with it, the result is as near the signal as the files allow",
                  20 * std::log10(roundingFloor), 20 * std::log10(best));
    return text;
}

std::string inconsistentWarning(double best) {
    char db[32];
    std::snprintf(db, sizeof db, "%.1f", 20 * std::log10(best));
    return std::string("no reading tried makes the magnitudes and phases consistent: the best "
                       "is ") +
           db +
           " dB, where the reading that made them scores below about -100 dB. Tried: the "
           "windows hann, hamming, blackman (periodic and symmetric), boxcar, sqrthann, "
           "blackmanharris and flattop, and Kaiser and Gaussian windows fitted to the frames, "
           "at every window length and hop the frames show, and the best of them with each "
           "frame's mean or line taken away (scipy's detrend). The files may not be one STFT's "
           "magnitudes and phases (edited, rounded to a few digits, another transform, another "
           "window). If you know how they were made, rebuild with those settings";
}

// Magnitudes alone: the two best readings differ in window or hop but score within
// kCloseCallDb: the hint is weak, and the length settles it.
std::string closeCallWarning(const std::vector<GuessCandidate>& ranked) {
    if (ranked.size() < 2)
        return {};
    const auto& a = ranked[0].params;
    const auto& b = ranked[1].params;
    const bool differ = a.nperseg != b.nperseg || a.hop() != b.hop();
    if (!differ || rankedScoreDb(ranked[1]) - rankedScoreDb(ranked[0]) > kCloseCallDb)
        return {};
    char text[300];
    std::snprintf(text, sizeof text,
                  "the two best readings (window %d, hop %d and window %d, hop %d) score "
                  "within %.1f dB of each other: from magnitudes alone this is a weak "
                  "hint. Give the signal's length in samples to settle it",
                  a.nperseg, a.hop(), b.nperseg, b.hop(), kCloseCallDb);
    return text;
}

// Magnitudes alone, when the peaks do not tell the window (the best reading's fit is below
// kPeakFitDecisive) and readings of other windows at the best's length and hop score within
// kWeakWindowDb of it: which, so the user tries them (scipy's default Hann 256 at 50 % on
// espeak speech ranked sqrt-Hann, boxcar, Tukey and Hamming ahead of Hann, 3.8 dB apart).
std::string weakWindowWarning(const std::vector<GuessCandidate>& ranked) {
    const GuessCandidate& best = ranked.front();
    if (best.peakFit >= kPeakFitDecisive)
        return {};
    std::vector<std::string> others;
    for (const auto& c : ranked) {
        const std::string name = toString(c.params.window);
        if (c.params.nperseg == best.params.nperseg && c.params.hop() == best.params.hop() &&
            !(c.params.window == best.params.window) &&
            rankedScoreDb(c) - rankedScoreDb(best) <= kWeakWindowDb &&
            std::find(others.begin(), others.end(), name) == others.end())
            others.push_back(name);
    }
    if (others.empty())
        return {};
    std::string list;
    for (std::size_t i = 0; i < others.size(); ++i)
        list += (i == 0 ? "" : i + 1 == others.size() ? " and " : ", ") + others[i];
    char text[600];
    std::snprintf(text, sizeof text,
                  "the spectral peaks do not tell the window (%.0f %% of their energy fits the "
                  "best reading's, where a signal's own window fits 20-50 %% of speech and all "
                  "of a tone), and at window %d, hop %d the %s window%s score%s within %.0f dB "
                  "of %s: from magnitudes alone the window is a weak hint. Try those readings "
                  "by ear, or give the phase file",
                  100 * best.peakFit, best.params.nperseg, best.params.hop(), list.c_str(),
                  others.size() > 1 ? "s" : "", others.size() > 1 ? "" : "s", kWeakWindowDb,
                  toString(best.params.window).c_str());
    return text;
}

} // namespace

// GuessResult::timeVariation over the middle 80 % of the frames (the first and last are
// shortened by the padding of whatever made them). Values with a negative are read as dB.
double timeVariation(const Matrix& m, MatrixLayout layout) {
    const auto [bins, frames] = binsAndFrames(m, layout);
    const bool db = std::any_of(m.values.begin(), m.values.end(), [](double v) { return v < 0; });
    auto at = [&, bins = bins, frames = frames](std::int64_t k, std::int64_t j) {
        const std::size_t i =
            std::size_t(layout == MatrixLayout::BinsByFrames ? k * frames + j : j * bins + k);
        const double v = m.imag.empty() ? m.values[i] : std::hypot(m.values[i], m.imag[i]);
        return db ? std::pow(10.0, v / 20) : v;
    };
    const std::int64_t first = frames / 10, last = frames - frames / 10;
    double change = 0, total = 0;
    for (std::int64_t k = 0; k < bins; ++k) {
        double mean = 0;
        for (std::int64_t j = first; j < last; ++j)
            mean += at(k, j);
        mean /= double(std::max<std::int64_t>(last - first, 1));
        for (std::int64_t j = first; j < last; ++j) {
            change += (at(k, j) - mean) * (at(k, j) - mean);
            total += at(k, j) * at(k, j);
        }
    }
    return total > 0 ? std::sqrt(change / total) : 0.0;
}

namespace {

// Window length over hop: how many frames cover each sample.
double redundancy(const StftParams& p) {
    return double(p.nperseg) / double(p.hop());
}

} // namespace

double rankedScoreDb(const GuessCandidate& c) {
    const bool shortWindow = c.params.nperseg < c.params.nfft && !c.centred.has_value();
    return c.score + (c.params.nfft % 2 != 0 ? kOddFftPriorDb : 0.0) +
           (c.layout.magnitude == MagnitudeUnit::Db10 ? kDb10PriorDb : 0.0) +
           (shortWindow ? kShortWindowPriorDb : 0.0);
}

std::string sidesTieNote(const std::vector<GuessCandidate>& ranked) {
    if (ranked.empty() || ranked.front().layout.order == BinOrder::OneSided)
        return {};
    const GuessCandidate& best = ranked.front();
    for (std::size_t i = 1; i < ranked.size(); ++i) {
        const GuessCandidate& c = ranked[i];
        SpectrumLayout same = c.layout;
        same.order = best.layout.order;
        const bool other =
            c.layout.order != best.layout.order && c.layout.order != BinOrder::OneSided;
        const bool tie = std::abs(c.score - best.score) <=
                         0.01 * std::max(std::abs(c.score), std::abs(best.score));
        if (other && tie && c.params == best.params && same == best.layout)
            return kSidesTieNote;
    }
    return {};
}

namespace {

// Magnitudes alone: the best peak fit (phase/PeakShape.h) of each window length, FFT size and
// bin order, and of each magnitude unit and window family at it. Windows are compared only
// with others of the same length: a wider main lobe (a shorter window) also fits peaks widened
// by a changing pitch. Units are compared more loosely (kPeakFitUnitRatio): a squared lobe can
// fit a glide's peaks better than the plain one (boxcar), but power read as magnitudes fits no
// window. A window is judged by the best fit of its family (peakFamily).
class PeakFitBars {
public:
    explicit PeakFitBars(const std::vector<GuessCandidate>& found) {
        for (const GuessCandidate& c : found)
            if (c.scoreIsDb) {
                raise(m_unitBest[key(c)], c.peakFit);
                raise(m_lengthBest[lengthKey(c)], c.peakFit);
                raise(m_familyBest[familyKey(c)], c.peakFit);
            }
    }
    // Whether c's window fits the peaks about as well as the best of its length and unit.
    bool fits(const GuessCandidate& c) const {
        if (!c.scoreIsDb)
            return true;
        const double length = m_lengthBest.at(lengthKey(c));
        const double fit = m_familyBest.at(familyKey(c));
        return length < kPeakFitDecisive ||
               (fit >= m_unitBest.at(key(c)) / kPeakFitRatio && fit >= length / kPeakFitUnitRatio);
    }

    using LengthKey = std::tuple<int, int, int, int>;
    static LengthKey lengthKey(const GuessCandidate& c) {
        return {c.params.nperseg, c.params.nfft, c.layout.windowOffset, int(c.layout.order)};
    }

private:
    using Key = std::pair<LengthKey, int>;
    using FamilyKey = std::pair<Key, std::string>;
    static void raise(double& best, double fit) { best = std::max(best, fit); }
    static Key key(const GuessCandidate& c) { return {lengthKey(c), int(c.layout.magnitude)}; }
    static FamilyKey familyKey(const GuessCandidate& c) {
        return {key(c), peakFamily(c.params.window)};
    }
    std::map<Key, double> m_unitBest;
    std::map<LengthKey, double> m_lengthBest;
    std::map<FamilyKey, double> m_familyBest;
};

} // namespace

namespace {

// A candidate's place before its score: the overlap's rank when the magnitudes are steady,
// whether its window fits the peaks, (magnitudes alone) whether its hop leaves the magnitudes
// undetermined, and (with a phase) whether it is consistent to rounding and how redundant.
// Compared as a tuple, lower first.
struct RankGroup {
    int overlap = 0;
    bool misfit = false;
    bool unconstrained = false; // magnitudes alone: !magnitudesConstrain
    bool rounding = false;      // with a phase: inconsistent beyond rounding
    double lessRedundant = 0;   // consistent to rounding: minus the redundancy
    auto tie() const { return std::tie(overlap, misfit, unconstrained, rounding, lessRedundant); }
    bool operator==(const RankGroup& o) const { return tie() == o.tie(); }
    bool operator<(const RankGroup& o) const { return tie() < o.tie(); }
};

struct RankKey {
    RankGroup group;
    double score = 0; // as ranked (rankedScoreDb for dB scores)
    double tieScore = 0;
    double centroid = 0;
    std::size_t index = 0;
};

bool scoresTie(const GuessCandidate& c, double a, double b) {
    if (c.scoreIsDb)
        return std::abs(a - b) <= kDbTie;
    return std::abs(a - b) <= 0.01 * std::max(a, b);
}

// A reading the peaks' shape ranked after the rest stays with them when its score beats every
// fitting reading of its length by more than kPeaksYieldDb: librosa's Hann 1024 (hop 256)
// scored 11.6 dB better than Blackman on espeak speech, but Blackman's lobe fit 16 % of the
// peaks against Hann's 10 % and Hann ranked after it.
void keepFarMoreConsistent(std::vector<RankKey>& keys, const std::vector<GuessCandidate>& found) {
    std::map<PeakFitBars::LengthKey, double> bestFitting;
    for (const RankKey& k : keys)
        if (found[k.index].scoreIsDb && !k.group.misfit) {
            const auto key = PeakFitBars::lengthKey(found[k.index]);
            const auto it = bestFitting.find(key);
            bestFitting[key] = it == bestFitting.end() ? k.score : std::min(it->second, k.score);
        }
    for (RankKey& k : keys)
        if (k.group.misfit) {
            const auto it = bestFitting.find(PeakFitBars::lengthKey(found[k.index]));
            k.group.misfit = it == bestFitting.end() || k.score >= it->second - kPeaksYieldDb;
        }
}

// With a phase, the share of noise in the data (rounded digits, a dB floor) that a reading
// sees as inconsistency: ||(I - P) e|| / ||e|| for the projection P onto the STFTs of signals,
// whose range is hop of every nfft real dimensions a frame holds: sqrt(1 - hop / nfft). A
// reading whose frames barely overlap sees little of it.
double noiseSeen(const StftParams& p) {
    return std::sqrt(std::max(1e-3, 1.0 - double(p.hop()) / double(p.nfft)));
}

// Data with noise in it (text rounded to four digits: -73 dB at the true reading) is
// inconsistent beyond kRoundingBelow in every reading: a reading is consistent to the data's
// rounding when its score, over the noise it sees, is within kNoiseTie of the least so scaled.
// A boxcar 1024 at hop 896 scored -80.8 dB on torch's Hann 800 in 1024 at hop 200 written with
// four digits (-73.3): scaled, -71.8 and -72.3, and the more redundant reading ranks first.
// Only data consistent to below kNoisyConsistentBelow (-40 dB; three digits: -52) are so
// read: where no reading is, the scores rank as they are.
constexpr double kNoiseTie = 2, kNoisyConsistentBelow = 1e-2;

// Files rounded coarsely (np.savetxt "%.3f": 0.014 at the true reading, its rounding 0.04)
// are consistent to their rounding up to kNoiseTie times what it adds.
double leastNoise(const std::vector<GuessCandidate>& found, double roundingFloor) {
    double least = std::numeric_limits<double>::infinity();
    for (const GuessCandidate& c : found)
        if (!c.scoreIsDb)
            least = std::min(least, c.score / noiseSeen(c.params));
    return least < std::max(kNoisyConsistentBelow, kNoiseTie * roundingFloor) ? least : 0.0;
}

std::vector<RankKey> rankKeys(const std::vector<GuessCandidate>& found, bool steady,
                              double roundingFloor) {
    const PeakFitBars bars(found);
    const double noise = leastNoise(found, roundingFloor);
    std::vector<RankKey> keys(found.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        const GuessCandidate& c = found[i];
        RankKey& k = keys[i];
        k.group.overlap = steady ? overlapRank(c.params) : 0;
        k.group.misfit = !bars.fits(c);
        k.group.unconstrained = c.scoreIsDb && !magnitudesConstrain(c);
        if (!c.scoreIsDb) {
            k.group.rounding =
                c.score >= kRoundingBelow && c.score / noiseSeen(c.params) > kNoiseTie * noise;
            k.group.lessRedundant = k.group.rounding ? 0.0 : -redundancy(c.params);
        }
        k.score = c.scoreIsDb ? rankedScoreDb(c) : c.score;
        k.centroid = c.centroid;
        k.index = i;
    }
    keepFarMoreConsistent(keys, found);
    return keys;
}

// Scores that tie with the first of their run (in score order, within one group) take its
// score, so that the order below is a strict weak ordering and ties go by centroid.
void groupTies(std::vector<RankKey>& keys, const std::vector<GuessCandidate>& found) {
    std::stable_sort(keys.begin(), keys.end(), [](const RankKey& a, const RankKey& b) {
        return a.group == b.group ? a.score < b.score : a.group < b.group;
    });
    for (std::size_t i = 0, anchor = 0; i < keys.size(); ++i) {
        if (!(keys[i].group == keys[anchor].group) ||
            !scoresTie(found[keys[i].index], keys[anchor].score, keys[i].score))
            anchor = i;
        keys[i].tieScore = keys[anchor].score;
    }
}

} // namespace

void rankCandidates(std::vector<GuessCandidate>& found, bool steady, double roundingFloor) {
    std::vector<RankKey> keys = rankKeys(found, steady, roundingFloor);
    groupTies(keys, found);
    std::stable_sort(keys.begin(), keys.end(), [](const RankKey& a, const RankKey& b) {
        if (!(a.group == b.group))
            return a.group < b.group;
        if (a.tieScore != b.tieScore)
            return a.tieScore < b.tieScore;
        return a.centroid < b.centroid;
    });
    std::vector<GuessCandidate> ranked;
    ranked.reserve(found.size());
    for (const RankKey& k : keys)
        ranked.push_back(std::move(found[k.index]));
    found = std::move(ranked);
}

bool magnitudesConstrain(const GuessCandidate& c) {
    const int bins = c.params.bins(c.complexSignal);
    const int unknowns = (c.complexSignal ? 2 : 1) * c.params.hop();
    return bins > unknowns;
}

std::string unconstrainedHopNote(const std::vector<GuessCandidate>& found) {
    const auto scored = std::count_if(found.begin(), found.end(),
                                      [](const GuessCandidate& c) { return c.scoreIsDb; });
    const auto n = std::count_if(found.begin(), found.end(), [](const GuessCandidate& c) {
        return c.scoreIsDb && !magnitudesConstrain(c);
    });
    if (found.empty() || n == 0)
        return {};
    const GuessCandidate& top = found.front();
    const int bins = top.params.bins(top.complexSignal);
    const int from = top.complexSignal ? (bins + 1) / 2 : bins;
    const std::string why = "a hop of " + std::to_string(from) + " samples or more (at FFT size " +
                            std::to_string(top.params.nfft) +
                            ") brings as many unknowns as a frame has magnitudes (" +
                            std::to_string(bins) + "), so any magnitudes fit it";
    if (n == scored) // e.g. a known length leaves only such hops: nothing to rank them after
        return "every reading's hop is too long to tell: " + why +
               "; the scores cannot tell the hop, so check it against what made the file";
    return std::to_string(n) + " readings rank after the rest: " + why +
           " and its score cannot tell";
}

std::string peakShapeNote(const std::vector<GuessCandidate>& found) {
    const PeakFitBars bars(found);
    const auto misfits =
        std::count_if(found.begin(), found.end(), [&](const auto& c) { return !bars.fits(c); });
    if (found.empty() || misfits == 0)
        return {};
    const GuessCandidate& top = found.front();
    std::map<std::string, double> fit; // each window's best at top's length, bins and unit
    for (const GuessCandidate& c : found)
        if (c.params.nperseg == top.params.nperseg && c.params.nfft == top.params.nfft &&
            c.layout.windowOffset == top.layout.windowOffset &&
            c.layout.order == top.layout.order && c.layout.magnitude == top.layout.magnitude) {
            double& f = fit[toString(c.params.window)];
            f = std::max(f, c.peakFit);
        }
    std::vector<std::pair<std::string, double>> byFit(fit.begin(), fit.end());
    std::stable_sort(byFit.begin(), byFit.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string list;
    for (const auto& [name, f] : byFit)
        list += (list.empty() ? "" : ", ") + name + " " +
                std::to_string(int(std::lround(100 * f))) + " %";
    return std::to_string(misfits) +
           " readings rank after the rest: their window fits the spectral peaks less well than "
           "another of the same length (share of the peaks' energy each fits at window " +
           std::to_string(top.params.nperseg) + ", " + toString(top.layout.magnitude) + ": " +
           list + ")";
}

bool consistentToRounding(const GuessCandidate& c, double roundingFloor) {
    return !c.scoreIsDb && c.score / noiseSeen(c.params) <= kNoiseTie * roundingFloor;
}

std::string guessWarning(const std::vector<GuessCandidate>& ranked, bool withPhase,
                         double variation, bool lengthKnown, double roundingFloor) {
    if (ranked.empty())
        return {};
    if (!withPhase && variation < kStationaryVariation)
        return lengthKnown ? std::string() : steadyWarning(variation);
    if (withPhase)
        return ranked.front().score <= kConsistentBelow ? std::string()
               : consistentToRounding(ranked.front(), roundingFloor)
                   ? roundedWarning(ranked.front().score, roundingFloor)
                   : inconsistentWarning(ranked.front().score);
    const std::string close = lengthKnown ? std::string() : closeCallWarning(ranked);
    const std::string window = weakWindowWarning(ranked);
    return close.empty() || window.empty() ? close + window : close + "; and " + window;
}

std::string firstSampleTool(const GuessCandidate& c) {
    if (c.centred)
        return {};
    if (c.params.window == parseWindow("tukey,0.25"))
        return "scipy.signal.spectrogram's (its Tukey window of alpha 0.25)";
    if (c.params.window == parseWindow("hamming,sym"))
        return "MATLAB's spectrogram's (its symmetric Hamming window)";
    return {};
}

void addScalingHints(GuessResult& result, SpectrumScaling given, bool lengthKnown) {
    const GuessCandidate* best = result.candidates.empty() ? nullptr : &result.candidates.front();
    if (best && best->layout.windowOffset > 0 && given == SpectrumScaling::Spectrum) {
        result.scalingHint = kUnscaledToolHint;
        result.hintedScaling = SpectrumScaling::None;
    }
    const bool matlabWindow = best && best->params.window == parseWindow("hamming,sym");
    if (matlabWindow && given == SpectrumScaling::Spectrum) {
        result.scalingHint = kMatlabToolHint;
        result.hintedScaling = SpectrumScaling::None;
    }
    const bool spectrogramWindow = best && best->params.window == parseWindow("tukey,0.25");
    if (spectrogramWindow && given != SpectrumScaling::Psd) {
        result.scalingHint = kSpectrogramToolHint;
        result.hintedScaling = SpectrumScaling::Psd;
    }
    if (best && best->layout.scaling != given) {
        result.scalingHint = kFoldedPsdHint;
        result.hintedScaling = best->layout.scaling;
    }
    result.framesNote = lengthKnown         ? kFrameCountNote
                        : spectrogramWindow ? kSpectrogramFramesNote
                        : matlabWindow      ? kMatlabFramesNote
                                            : kFrameStartNote;
}

} // namespace specedit::core
