#include "apply/Rebuild.h"

#include "apply/MagnitudeReading.h"
#include "apply/PictureAxes.h"
#include "apply/PictureStft.h"
#include "apply/RebuildLevel.h"
#include "dsp/Stft.h"
#include "dsp/Window.h"
#include "io/AtomicFile.h"
#include "io/PictureLevels.h"
#include "phase/GuessScores.h"
#include "phase/StftOperator.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace specedit::core {
namespace {

// Automatic sides and no window or FFT size given: a power of two of bins (16 or more) is an
// FFT's two-sided spectrum (IQ). Read one-sided, as scipy's rule does, it is an FFT of
// 2 (bins - 1), a size nobody picks: a 256-bin IQ spectrogram came back as a real signal twice
// as long, its bursts and tones nowhere.
bool twoSidedByCount(const RebuildSpec& spec, std::int64_t bins) {
    return spec.autoSides && !spec.analysis.nfft && !spec.analysis.nperseg && bins >= 16 &&
           (bins & (bins - 1)) == 0;
}

// Parameters for `bins` rows under the spec's bin order (scipy's istft rules when automatic,
// but for twoSidedByCount).
StftParams resolveParams(const RebuildSpec& spec, std::int64_t bins, SpectrumLayout& layout) {
    IstftOptions o = spec.analysis;
    if (!spec.autoSides && !o.nfft && !o.nperseg)
        o.nfft = layout.order == BinOrder::OneSided ? int(2 * (bins - 1)) : int(bins);
    if (twoSidedByCount(spec, bins))
        o.nperseg = int(bins);
    bool twoSided = false;
    const auto p = resolveIstftParams(bins, o, spec.magnitudePath, &twoSided);
    if (spec.autoSides)
        layout.order = twoSided ? BinOrder::TwoSided : BinOrder::OneSided;
    else if (twoSided != (layout.order != BinOrder::OneSided))
        throw Error("--sides",
                    toString(layout.order) + " does not fit " + std::to_string(bins) +
                        " bins with nfft " + std::to_string(p.nfft),
                    "nfft/2+1 bins one-sided, nfft bins two-sided");
    return p;
}

std::int64_t resolveLength(const RebuildSpec& spec, const StftParams& p, std::int64_t frames,
                           const Framing& framing) {
    const std::int64_t n = spec.length.value_or(lengthForFrames(p, frames, framing));
    if (lengthFitsFrames(p, n, frames, framing))
        return n;
    // The other framing may fit: say so (MATLAB's frames from the first sample were refused
    // with no word of --uncentred, which guess had found).
    Framing other = framing;
    other.centred = !framing.centred;
    if (!spec.length) { // no length fits the frames framed so (a centred STFT has 2 or more)
        const bool otherFrames =
            lengthFitsFrames(p, lengthForFrames(p, frames, other), frames, other);
        throw Error(spec.magnitudePath,
                    std::to_string(frames) + (frames == 1 ? " frame: " : " frames: ") +
                        kNoLengthGives + " with frames " +
                        (framing.centred ? "centred on the samples (scipy's stft makes 2 or more)"
                                         : "from the first sample"),
                    otherFrames ? (framing.centred ? "frames that start at the first sample: add "
                                                     "--uncentred (in the editor, tick \"frames "
                                                     "start at the first sample\")"
                                                   : "frames centred on the samples: leave out "
                                                     "--uncentred")
                                : "more frames");
    }
    const bool otherFits = lengthFitsFrames(p, n, frames, other);
    const std::string hint =
        !otherFits        ? ""
        : framing.centred ? "; frames that start at the first sample (MATLAB's spectrogram, "
                            "center=False) fit it: add --uncentred (in the editor, tick \"frames "
                            "start at the first sample\")"
                          : "; frames centred on the samples (scipy's stft, librosa) fit it: "
                            "leave out --uncentred";
    throw Error("--length",
                std::to_string(n) + " samples give " +
                    std::to_string(frameCountFor(p, n, framing)) + " frames",
                std::to_string(frames) + " frames as the files hold (hop " +
                    std::to_string(p.hop()) + ")" + hint);
}

template <typename S> std::vector<S>& signalOf(RebuildOutcome& o) {
    if constexpr (std::is_same_v<S, double>)
        return o.real;
    else
        return o.iq;
}

// The files read and interpreted: parameters, length and input filled in, the spectrum to run.
struct Prepared {
    RebuildOutcome out;
    ImportedSpectrum spectrum;
};

// The least-squares signal of frames detrended before the window (phase/Detrend.h).
template <typename S>
void invertDetrended(const RebuildSpec& spec, const ImportedSpectrum& s, RebuildOutcome& out) {
    const FrameGeometry g{out.length, s.frames, firstFrameStart(out.params, out.framing)};
    auto r = detrendedInverse<S>(s.values, out.params, g, spec.detrend);
    signalOf<S>(out) = std::move(r.signal);
    out.trendLost = r.trendLost;
    out.detrend = spec.detrend;
    out.directInverse = true;
    const auto& x = signalOf<S>(out);
    out.finalDb = detrendedConvergenceDb(out.input, x, out.params, g, spec.detrend);
    const std::int64_t edge = (out.params.nperseg + out.params.hop() - 1) / out.params.hop();
    out.interiorDb = detrendedConvergenceDb(out.input, x, out.params, g, spec.detrend, edge);
}

template <typename S>
void run(const RebuildSpec& spec, const ImportedSpectrum& s, RebuildOutcome& out, JobControl& job,
         const IterationFn& onIteration) {
    std::vector<S>& x = signalOf<S>(out);
    out.phaseGiven = s.hasPhase;
    if (spec.detrend != Detrend::None) {
        if (!s.hasPhase || spec.refineGivenPhase)
            throw Error("--detrend", toString(spec.detrend) + " with phase retrieval",
                        "a phase file and no --iterations (a detrended spectrum is inverted "
                        "directly)");
        return invertDetrended<S>(spec, s, out);
    }
    if (s.hasPhase && !spec.refineGivenPhase) {
        out.directInverse = true;
        x.assign(std::size_t(out.length), S{});
        const Framing& framing = out.framing;
        StftOperator<S> op(out.params, out.length, s.frames, firstFrameStart(out.params, framing),
                           spec.retrieval.threads);
        op.synthesise(s.values.data(), x.data());
        out.finalDb = spectralConvergenceDb(out.input, x, out.params, framing);
        const std::int64_t edge = (out.params.nperseg + out.params.hop() - 1) / out.params.hop();
        out.interiorDb = spectralConvergenceDb(out.input, x, out.params, framing, edge);
        return;
    }
    PhaseRetrievalOptions o = spec.retrieval;
    o.framing = out.framing;
    if (s.hasPhase)
        o.init = InitialPhase::Given;
    o.given = &s.values;
    auto r = retrievePhase<S>(out.input, out.params, out.length, o, job, onIteration);
    x = std::move(r.signal);
    out.convergenceDb = std::move(r.convergenceDb);
    out.initialDb = r.initialDb;
    out.finalDb = r.finalDb;
    out.initSeconds = r.initSeconds;
    out.iterationSeconds = r.iterationSeconds;
    out.blocks = r.blocks;
}

Prepared prepareImage(const RebuildSpec& spec) {
    if (!std::filesystem::is_regular_file(spec.magnitudePath))
        throw Error(spec.magnitudePath, "does not exist or is not a file",
                    "the spectrogram picture to rebuild from");
    if (!spec.image)
        throw Error(spec.magnitudePath, "is a picture without its levels and axes",
                    "--image-db MIN,MAX --image-time START,END --image-freq LOW,HIGH");
    if (!spec.phasePath.empty())
        throw Error("--phase", "a phase file was given with a picture",
                    "a picture alone (its phase is rebuilt)");
    const auto& a = spec.analysis;
    const auto read = readPictureOnce(spec.magnitudePath, spec.imageColormap);
    const PictureLevels& picture = read->levels;
    const PictureStft stft = pictureStft(*read, *spec.image, a, spec.windowGiven);
    const StftParams& params = stft.params;
    auto img = magnitudesFromPicture(picture, *spec.image, params);
    Prepared p;
    if (read->description)
        p.out.centerFrequency = read->description->centerFrequency;
    p.out.pictureNote = picture.note() + stft.note;
    p.out.pictureWarning = picture.warning;
    for (const std::string& more : {stft.pooled, saturationNote(picture, spec.image->dbMax)})
        if (!more.empty())
            p.out.pictureWarning += (p.out.pictureWarning.empty() ? "" : "; ") + more;
    p.out.pictureDescribed = read->description.has_value();
    p.out.picturePooled = !stft.pooled.empty();
    p.out.params = params;
    p.out.length = img.length;
    p.out.framing = spec.retrieval.framing;
    p.out.complexSignal = img.twoSided;
    p.spectrum = ImportedSpectrum{img.grid.bins, img.grid.frames, {}, false};
    p.spectrum.values.assign(img.grid.values.begin(), img.grid.values.end());
    if (spec.layout.scaling != SpectrumScaling::Spectrum)
        pictureToSpectrum(p.spectrum, spec.layout.scaling, img.twoSided, params);
    return p;
}

Prepared prepareMatrix(const RebuildSpec& spec) {
    const Matrix mag = readMatrix(spec.magnitudePath, spec.raw);
    std::optional<Matrix> phase;
    if (!spec.phasePath.empty())
        phase = readMatrix(spec.phasePath, spec.raw);
    SpectrumLayout layout = spec.layout;
    Prepared p;
    const bool magnitudesAlone = !phase && mag.imag.empty();
    if (!spec.layoutGiven && magnitudesAlone)
        layout.layout = layoutOfMagnitudes(mag, p.out.layoutNote);
    const auto [bins, frames] = binsAndFrames(mag, layout.layout);
    p.out.params = resolveParams(spec, bins, layout);
    p.out.twoSidedByCount = twoSidedByCount(spec, bins);
    if (layout.windowOffset < 0 || layout.windowOffset + p.out.params.nperseg > p.out.params.nfft)
        throw Error("--window-offset",
                    std::to_string(layout.windowOffset) + " with a window of " +
                        std::to_string(p.out.params.nperseg) + " in a " +
                        std::to_string(p.out.params.nfft) + "-point FFT",
                    "0 to " + std::to_string(p.out.params.nfft - p.out.params.nperseg) +
                        "; librosa and torch centre the window at " +
                        std::to_string((p.out.params.nfft - p.out.params.nperseg) / 2));
    if (!spec.magnitudeUnitGiven && magnitudesAlone && layout.magnitude == MagnitudeUnit::Linear)
        layout.magnitude =
            unitOfMagnitudes(mag, layout, p.out.params, spec.magnitudePath, p.out.unitNote);
    else if (magnitudesAlone)
        p.out.unitWarning = unitWarning(mag, layout, p.out.params, spec.magnitudePath);
    p.out.relativeLevelNote = relativeLevelNote(mag, layout.magnitude);
    if (phase)
        p.out.rounding =
            roundingMisfit(mag, *phase, layout, double(p.out.params.hop()) / p.out.params.nfft);
    p.spectrum = interpretSpectrum(mag, phase ? &*phase : nullptr, layout, p.out.params,
                                   spec.magnitudePath, spec.phasePath);
    const double energyAt =
        spec.autoSides && layout.order == BinOrder::TwoSided && !isHermitian(p.spectrum)
            ? centroid(p.spectrum, true)
            : 0.0;
    if (energyAt > kOrderInDoubtAbove && energyAt <= kShiftedCentroid)
        p.out.orderInDoubt = energyAt;
    if (energyAt > kShiftedCentroid) {
        layout.order = BinOrder::TwoSidedShifted;
        p.spectrum = interpretSpectrum(mag, phase ? &*phase : nullptr, layout, p.out.params,
                                       spec.magnitudePath, spec.phasePath);
        p.out.readShifted = true;
    }
    p.out.framing = {spec.retrieval.framing.centred, layout.windowOffset};
    p.out.length = resolveLength(spec, p.out.params, frames, p.out.framing);
    if (layout.order != BinOrder::OneSided && isHermitian(p.spectrum)) {
        p.out.foldedHermitian = true;
        p.spectrum = toOneSided(p.spectrum, p.out.params.nfft);
    }
    p.out.complexSignal = layout.order != BinOrder::OneSided && !p.out.foldedHermitian;
    p.out.layout = layout;
    return p;
}

Prepared prepare(const RebuildSpec& spec) {
    Prepared p = isImagePath(spec.magnitudePath) ? prepareImage(spec) : prepareMatrix(spec);
    if (spec.centerFrequency)
        p.out.centerFrequency = spec.centerFrequency;
    p.out.input = magnitudesOf(p.spectrum);
    return p;
}

} // namespace

RebuildOutcome readRebuildInput(const RebuildSpec& spec) {
    return prepare(spec).out;
}

RebuildOutcome rebuildSignal(const RebuildSpec& spec, JobControl& job,
                             const IterationFn& onIteration) {
    Prepared p = prepare(spec);
    if (p.out.complexSignal)
        run<std::complex<double>>(spec, p.spectrum, p.out, job, onIteration);
    else
        run<double>(spec, p.spectrum, p.out, job, onIteration);
    p.out.scalingAssumed = !spec.scalingGiven && !spec.image;
    if (!spec.scalingGiven && spec.levelReadable && !spec.image &&
        spec.layout.scaling == SpectrumScaling::Spectrum &&
        p.out.relativeLevelNote.empty()) // relative levels say nothing of the scaling
        readLevel(p.out);
    return std::move(p.out);
}

std::int64_t writeRebuilt(const RebuildOutcome& outcome, const RebuildSpec& spec,
                          const std::string& outPath, const WriterOptions& options,
                          std::optional<double> centerFrequency) {
    refuseToOverwrite(outPath, spec.magnitudePath);
    if (!spec.phasePath.empty())
        refuseToOverwrite(outPath, spec.phasePath);
    if (!centerFrequency)
        centerFrequency = outcome.centerFrequency;
    if (outcome.complexSignal)
        return writeSignal(outcome.iq, outcome.params.fs, outPath, options, centerFrequency);
    return writeSignal(outcome.real, outcome.params.fs, outPath, options, centerFrequency);
}

void useReading(RebuildSpec& spec, const GuessCandidate& c) {
    spec.layout = c.layout;
    spec.autoSides = false;
    spec.analysis.window = c.params.window;
    spec.analysis.nperseg = c.params.nperseg;
    spec.analysis.noverlap = c.params.noverlap;
    spec.analysis.nfft = c.params.nfft;
    spec.detrend = c.detrend;
    if (c.centred)
        spec.retrieval.framing.centred = *c.centred;
}

namespace {

template <typename S>
MagnitudeGrid magnitudesOf(const std::vector<S>& x, const StftParams& p, const Framing& framing) {
    if (framing.centred) {
        const auto z = stft(x, p);
        MagnitudeGrid g{z.bins, z.frames, {}};
        g.values.reserve(z.data.size());
        for (const auto& v : z.data)
            g.values.push_back(std::abs(v));
        return g;
    }
    // Frames from the first sample, as the files' were: the preview spans what the input's does.
    const Stft<S> engine(p, StftDirections::Forward);
    auto ws = engine.makeWorkspace();
    const std::int64_t frames = frameCountFor(p, std::int64_t(x.size()), framing);
    const std::int64_t first = firstFrameStart(p, framing);
    MagnitudeGrid g{engine.bins(), frames, {}};
    std::vector<std::complex<typename Stft<S>::Real>> out(std::size_t(engine.bins()));
    for (std::int64_t j = 0; j < frames; ++j) {
        engine.forward(x.data() + first + j * p.hop(), out.data(), ws);
        for (const auto& v : out)
            g.values.push_back(std::abs(v));
    }
    return g;
}

} // namespace

MagnitudeGrid rebuiltMagnitudes(const RebuildOutcome& outcome) {
    return outcome.complexSignal ? magnitudesOf(outcome.iq, outcome.params, outcome.framing)
                                 : magnitudesOf(outcome.real, outcome.params, outcome.framing);
}

} // namespace specedit::core
