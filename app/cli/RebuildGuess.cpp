// `specedit-cli rebuild MAG --phase PHASE` with no STFT given: scipy's defaults first, and the
// reading `guess` finds when they do not make the files (cli/RebuildArgs.h, rebuildAsMade).

#include "apply/RebuildNotes.h"
#include "cli/RebuildArgs.h"
#include "phase/GuessRanking.h"
#include "phase/ParameterGuess.h"

#include <cmath>
#include <exception>
#include <iostream>

namespace specedit::cli {
namespace {

struct GuessedReading {
    core::GuessCandidate reading;
    std::optional<core::SpectrumScaling> scaling; // the scaling its tool writes, when not given
    std::string why;                              // the guess's scaling hint
    std::string frames;           // where the frames start, as far as the guess can tell
    bool fromFirstSample = false; // the tool the window points to starts them there
};

// No STFT given (window, lengths, overlap, offset, detrend; a layout, magnitude or phase unit,
// bin order or --uncentred given is kept) for files, not a picture.
bool noReadingGiven(const RebuildArgs& a, const core::RebuildSpec& spec) {
    if (spec.image)
        return false;
    for (const CLI::Option* o : a.readingOptions)
        if (o->count() > 0)
            return false;
    return true;
}

// The reading of files with a phase may then be guessed, unless iterations refine the phase.
bool mayGuess(const RebuildArgs& a, const core::RebuildSpec& spec) {
    return !spec.refineGivenPhase && noReadingGiven(a, spec);
}

core::GuessOptions guessOptions(const RebuildArgs& a, const core::RebuildSpec& spec) {
    core::GuessOptions o;
    o.length = a.length;
    o.fs = spec.analysis.fs;
    o.scaling = spec.layout.scaling;
    o.keep = 1;
    if (a.layoutOption->count() > 0)
        o.layout = spec.layout.layout;
    if (a.magUnitOption->count() > 0) {
        o.magnitudeUnit = spec.layout.magnitude;
        o.dbFloor = spec.layout.dbFloor;
    }
    if (a.phaseUnitOption->count() > 0)
        o.phaseUnit = spec.layout.phase;
    if (a.sidesOption->count() > 0 && !spec.autoSides)
        o.order = spec.layout.order;
    o.magnitudeName = spec.magnitudePath;
    o.phaseName = spec.phasePath;
    return o;
}

// Where the guessed reading's frames start, when neither a length's frame count nor
// --uncentred says: centred (kFrameStartNote) unless the window is a tool's whose frames start
// at the first sample: scipy.signal.spectrogram's Tukey 0.25, MATLAB's symmetric Hamming (and
// numpy's np.hamming over frames cut by hand). Rebuilt centred, those came back shifted by
// half a window.
void placeFrames(const RebuildArgs& a, const core::GuessResult& found, GuessedReading& g) {
    if (g.reading.centred || a.uncentred)
        return;
    const std::string tool = core::firstSampleTool(g.reading);
    g.fromFirstSample = !tool.empty();
    g.frames = tool.empty() ? found.framesNote
                            : "frames read from the first sample, as " + tool +
                                  " start: the data cannot tell where frames start, a --length can";
}

// The guessed reading when one is consistent (kConsistentBelow: files rounded to four digits
// score -73 dB), or, for files rounded further (three digits: -52 dB), below kFarBetterBelowDb
// or consistent to their rounding ("%.3f": -37 dB), and kFarBetterByDb better than the default
// reading's `defaultDb` (0 when it did not fit);
// nullopt leaves the default reading and its warning or error.
constexpr double kFarBetterBelowDb = -40, kFarBetterByDb = 20;

std::optional<GuessedReading> guessReading(const RebuildArgs& a, const core::RebuildSpec& spec,
                                           double defaultDb, core::JobControl& job) {
    const core::Matrix mag = core::readMatrix(spec.magnitudePath, spec.raw);
    std::optional<core::Matrix> phase;
    if (!spec.phasePath.empty())
        phase = core::readMatrix(spec.phasePath, spec.raw);
    else if (mag.imag.empty()) // magnitudes alone: no reading is guessed for them
        return std::nullopt;
    const auto found =
        core::guessParameters(mag, phase ? &*phase : nullptr, guessOptions(a, spec), job);
    if (found.candidates.empty())
        return std::nullopt;
    const double bestDb = 20 * std::log10(std::max(found.candidates.front().score, 1e-300));
    const bool farBetter =
        (bestDb <= kFarBetterBelowDb ||
         core::consistentToRounding(found.candidates.front(), found.roundingFloor)) &&
        bestDb <= defaultDb - kFarBetterByDb;
    if (found.candidates.front().score > core::kConsistentBelow && !farBetter)
        return std::nullopt;
    GuessedReading g{found.candidates.front(), std::nullopt, found.scalingHint, {}, false};
    placeFrames(a, found, g);
    if (a.scalingOption->count() == 0) // librosa's file read with scipy's scaling: 45 dB loud
        g.scaling = found.hintedScaling;
    return g;
}

void sayGuessed(const GuessedReading& c, const std::string& missed) {
    std::cout << "the default reading " << missed << ": read as guessed, " << c.reading.describe()
              << " (inconsistency " << 20 * std::log10(std::max(c.reading.score, 1e-300))
              << " dB; give --nperseg and --noverlap to choose)\n";
    if (c.scaling)
        std::cout << "scaling " << core::toString(*c.scaling) << ": " << c.why
                  << " (give --scaling to choose)\n";
    if (!c.frames.empty())
        std::cout << "note: " << c.frames << "\n";
}

// Magnitudes alone with no STFT given are read with scipy's defaults, which nothing confirms:
// a Hamming 512 at hop 128 read so came back as garbage twice as long, and said nothing.
void sayAssumedReading(const RebuildArgs& a, const core::RebuildOutcome& r) {
    const std::string rule =
        r.twoSidedByCount ? "a two-sided spectrum's defaults" : "scipy's defaults";
    std::cout << "note: no phase and no STFT given: read as " << rule << " for " << r.input.bins
              << " bins (" << core::toString(r.params.window) << ", window " << r.params.nperseg
              << ", hop " << r.params.hop()
              << "); magnitudes alone do not confirm a reading, and another gives another signal: "
                 "`specedit-cli guess "
              << a.input.magnitude
              << "` ranks readings (a hint), --window, --nperseg and --noverlap choose\n";
}

} // namespace

core::RebuildOutcome rebuildAsMade(const RebuildArgs& a, core::RebuildSpec& spec,
                                   core::JobControl& job) {
    std::optional<core::RebuildOutcome> r;
    std::exception_ptr unfit; // the default reading does not fit the files' shape (a length)
    std::string missed;
    try {
        r = core::rebuildSignal(spec, job);
        missed = "(window " + std::to_string(r->params.nperseg) + ", overlap " +
                 std::to_string(r->params.noverlap) + ") misses the input by " +
                 core::shortNumber(r->interiorDb) + " dB";
    } catch (const core::Error& e) {
        if (!mayGuess(a, spec) || e.problem().find(core::kNoLengthGives) != std::string::npos)
            throw;
        unfit = std::current_exception();
        missed = "does not fit the files (" + std::string(e.what()) + ")";
    }
    if (r && !r->phaseGiven && noReadingGiven(a, spec))
        sayAssumedReading(a, *r);
    if (r && !(r->directInverse && core::readingMisfits(*r) && mayGuess(a, spec)))
        return *r;
    std::optional<GuessedReading> c;
    try {
        c = guessReading(a, spec, r ? r->interiorDb : 0.0, job);
    } catch (const core::Error&) { // no reading fits either: the default's error says more
        if (!unfit)
            throw;
    }
    if (!c && unfit)
        std::rethrow_exception(unfit);
    if (!c)
        return *r;
    sayGuessed(*c, missed);
    core::useReading(spec, c->reading);
    if (c->scaling) { // the tool's
        spec.layout.scaling = *c->scaling;
        spec.scalingGiven = true;
    }
    if (c->fromFirstSample)
        spec.retrieval.framing.centred = false;
    return core::rebuildSignal(spec, job);
}

} // namespace specedit::cli
