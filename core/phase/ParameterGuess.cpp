#include "phase/ParameterGuess.h"

#include "dsp/Stft.h"
#include "phase/FrameInspection.h"
#include "phase/GuessCandidates.h"
#include "phase/GuessRanking.h"
#include "phase/GuessScores.h"
#include "phase/PeakShape.h"
#include "phase/Rounding.h"
#include "phase/WindowFit.h"
#include "util/Error.h"
#include "util/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <future>
#include <map>
#include <optional>
#include <set>

namespace specedit::core {
namespace {

// A reading to score: the matrix's layout, bin order and units, the FFT size, and what its
// frames show (with a phase).
struct Pending {
    SpectrumLayout layout;
    int nfft = 0;
    std::optional<FrameReading> seen;
    bool usable = true;
};

// One reading of the matrix (layout, bin order, units), interpreted once: the frames its
// candidates are scored on, with every window and hop.
struct Reading {
    SpectrumLayout layout;
    int nfft = 0;
    std::int64_t frames = 0; // in the matrix
    bool complexSignal = false;
    ImportedSpectrum block; // the frames scored: see Guesser::interpret
};

class Guesser {
public:
    Guesser(const Matrix& mag, const Matrix* phase, const GuessOptions& o, JobControl& job)
        : m_mag(mag), m_phase(phase), m_o(o), m_job(job),
          m_withPhase(phase != nullptr || !mag.imag.empty()) {}

    GuessResult run() {
        if (m_o.magnitudeUnit) // else "no STFT parameters fit" blamed the shape
            requireNonNegative(m_mag, *m_o.magnitudeUnit, m_o.magnitudeName);
        // Without a phase the layout is the user's (a transposed smooth spectrogram is smooth
        // too, and the magnitudes alone cannot tell the two apart reliably).
        auto all =
            guessShapes(m_mag, m_withPhase ? m_o.layout : m_o.layout.value_or(likelyLayout(m_mag)));
        if (m_o.order) // the user's bin order
            std::erase_if(all, [&](const GuessShape& s) { return s.layout.order != *m_o.order; });
        std::vector<Pending> readings;
        for (const GuessShape& shape : all)
            for (const SpectrumLayout& l : readingUnits(shape, m_mag, m_phase != nullptr, m_o))
                readings.push_back({l, shape.nfft, std::nullopt});
        if (m_withPhase)
            inspectAll(readings);
        m_scored = readings.size();
        // With a phase the screen takes about the first kScreenShare of the time and the
        // rescoring and detrending the rest (a bar at 100 % while the best were rescored for
        // seconds read as a hang).
        const bool screened =
            m_withPhase || std::any_of(readings.begin(), readings.end(), [this](const Pending& p) {
                return screenFrames(p) < m_o.maxFrames;
            });
        const double screenShare = screened ? kScreenShare : 1.0;
        for (std::size_t i = 0; i < readings.size(); ++i) {
            tryReading(readings[i]);
            m_job.setProgress(screenShare * double(i + 1) / double(readings.size()));
        }
        if (!m_withPhase && screened)
            rescoreBestMagnitudes(screenShare, 1.0);
        if (m_withPhase) { // the best of the screen again on all the frames asked for
            rescoreBest(screenShare, (1 + screenShare) / 2);
            tryDetrended((1 + screenShare) / 2, 1.0);
            m_job.setProgress(1.0);
        }
        if (m_found.empty())
            throw Error(
                "guess",
                "no STFT parameters fit a " + std::to_string(m_mag.rows) + " x " +
                    std::to_string(m_mag.cols) + " matrix" +
                    (m_o.length ? " of a " + std::to_string(*m_o.length) + "-sample signal" : ""),
                "bins = nfft/2+1 or nfft and a frame count that a 12.5/25/50/75/87.5 % "
                "overlap gives for the length");
        GuessResult result;
        result.readingsScored = m_scored;
        result.readingsWithoutHop = m_withoutHop;
        if (!m_withPhase)
            result.timeVariation = timeVariation(m_mag, m_o.layout.value_or(likelyLayout(m_mag)));
        result.roundingFloor = m_phase ? roundingFloor(m_mag, *m_phase) : 0.0;
        rankCandidates(m_found, result.timeVariation < kStationaryVariation, result.roundingFloor);
        result.warning = guessWarning(m_found, m_withPhase, result.timeVariation,
                                      m_o.length.has_value(), result.roundingFloor);
        noteNegatives(m_mag, m_o.magnitudeName, result);
        result.sidesNote = sidesTieNote(m_found);
        if (!m_withPhase)
            result.peakNote = peakShapeNote(m_found);
        if (!m_withPhase && result.timeVariation >= kStationaryVariation) // else by overlap
            result.hopNote = unconstrainedHopNote(m_found);
        if (!m_withPhase && !m_o.layout)
            result.layoutNote =
                layoutNote(m_mag, !m_found.empty() && m_found.front().peakFit >= kPeakFitDecisive);
        result.ranked = m_found.size();
        if (m_found.size() > m_o.keep)
            m_found.resize(m_o.keep);
        result.candidates = std::move(m_found);
        addScalingHints(result, m_o.scaling, m_o.length.has_value());
        return result;
    }

private:
    // With a phase, every candidate is screened on kScreenFrames frames (a true one scores at
    // rounding error there too), and the kRescored best (and the best of each hop) are scored
    // on maxFrames.
    static constexpr std::int64_t kScreenFrames = 32;
    static constexpr std::size_t kRescored = 24;
    static constexpr std::size_t kDetrendTried = 8;
    static constexpr std::size_t kBestPerHop = 4;
    static constexpr double kScreenShare = 0.4; // of the bar, when screened
    // Without a phase, a reading is screened on at most kScreenCoefficients magnitudes (the
    // frames of a 512-point FFT at the default 256) and at least kLeastScreenFrames frames,
    // then the kRescoredMagnitudes best are scored on maxFrames: a 60 s file read at FFT size
    // 2048 took 86 s with 256 frames for each of its 240 readings, 26 s so (64 frames), with
    // the same three first.
    static constexpr std::int64_t kScreenCoefficients = 256 * 257;
    static constexpr std::int64_t kLeastScreenFrames = 32;

    static constexpr std::size_t kRescoredMagnitudes = 8;

    std::int64_t screenFrames(const Pending& p) const {
        return m_withPhase ? kScreenFrames : screenFrames(p.layout, p.nfft);
    }
    std::int64_t screenFrames(const SpectrumLayout& l, int nfft) const {
        const std::int64_t bins = l.order == BinOrder::OneSided ? nfft / 2 + 1 : nfft;
        return std::min(m_o.maxFrames, std::max(kLeastScreenFrames, kScreenCoefficients / bins));
    }

    // Without a phase: the kRescoredMagnitudes best, where screened on fewer frames, scored
    // again on maxFrames; the others keep their screen's score.
    void rescoreBestMagnitudes(double from, double to) {
        std::stable_sort(m_found.begin(), m_found.end(),
                         [](const auto& a, const auto& b) { return a.score < b.score; });
        const std::size_t n = std::min(kRescoredMagnitudes, m_found.size());
        const std::vector<GuessCandidate> best(m_found.begin(), m_found.begin() + long(n));
        m_found.erase(m_found.begin(), m_found.begin() + long(n));
        for (std::size_t i = 0; i < n; ++i) {
            const GuessCandidate& c = best[i];
            if (screenFrames(c.layout, c.params.nfft) >= m_o.maxFrames)
                m_found.push_back(c);
            else if (const auto r = interpret(c.layout, c.params.nfft, m_o.maxFrames))
                scoreAll(*r, {c.params});
            m_job.setProgress(from + (to - from) * double(i + 1) / double(n));
        }
    }

    // The `overall` best candidates and the kBestPerHop best of every window length and hop,
    // best first: readings of little overlap are nearly consistent whatever they are, and
    // every window at 12.5 % overlap (hop 224 of 256) read a detrended IQ recording better,
    // as it stands, than its true 50 % (-38.8 against -31.6 dB).
    static std::vector<GuessCandidate> bestOfEachHop(std::vector<GuessCandidate> found,
                                                     std::size_t overall) {
        std::stable_sort(found.begin(), found.end(),
                         [](const auto& a, const auto& b) { return a.score < b.score; });
        std::map<std::pair<int, int>, std::size_t> taken;
        std::vector<GuessCandidate> out;
        for (std::size_t i = 0; i < found.size(); ++i) {
            std::size_t& n = taken[{found[i].params.nperseg, found[i].params.hop()}];
            if (i < overall || n < kBestPerHop) {
                ++n;
                out.push_back(std::move(found[i]));
            }
        }
        return out;
    }

    // The matrix read one way (the scaling is a constant factor no score sees, so any window
    // serves), only on the frames scored: with a phase the loudest budget consecutive ones (a
    // recording that starts silent scores nothing on its first), else the first. A long
    // recording read transposed has frames of tens of thousands of bins; each is read only
    // when scored. With a phase, a one-sided reading whose DC and Nyquist bins are not real is
    // no real signal's (phase/FrameInspection.h) and is dropped before any score.
    std::optional<Reading> interpret(const SpectrumLayout& l, int nfft, std::int64_t budget,
                                     std::optional<FrameReading>* seen = nullptr) const {
        Reading r{
            l, nfft, binsAndFrames(m_mag, l.layout).second, l.order != BinOrder::OneSided, {}};
        const std::vector<double>* energy = energiesOf(l);
        if (!energy) // e.g. negative values read as linear magnitudes
            return std::nullopt;
        const std::int64_t first = m_withPhase ? loudestRun(*energy, budget) : 0;
        const std::int64_t count = std::min(budget, r.frames);
        const Matrix mag = framesOf(m_mag, l.layout, first, count);
        const std::optional<Matrix> phase =
            m_phase ? std::optional(framesOf(*m_phase, l.layout, first, count)) : std::nullopt;
        const auto probe = StftParams::make({}, nfft, nfft / 2, nfft, m_o.fs);
        ImportedSpectrum x;
        try {
            x = interpretSpectrum(mag, phase ? &*phase : nullptr, l, probe, "magnitudes", "phases");
        } catch (const Error&) {
            return std::nullopt;
        }
        if (l.order == BinOrder::OneSided && !edgeBinsReal(x, nfft))
            return std::nullopt;
        if (seen)
            *seen = inspectFrames(x, nfft, r.complexSignal);
        if (r.complexSignal && isHermitian(x, 1e-6)) { // a real signal's two-sided STFT
            x = toOneSided(x, nfft);
            r.complexSignal = false;
        }
        r.block = std::move(x);
        return r;
    }

    // Each frame's energy under a layout and magnitude unit, computed once for all the
    // readings that share them; null when the values are no magnitudes in that unit.
    const std::vector<double>* energiesOf(const SpectrumLayout& l) const {
        const auto key = std::pair(int(l.layout), int(l.magnitude));
        auto it = m_energies.find(key);
        if (it == m_energies.end())
            it = m_energies.emplace(key, frameEnergies(m_mag, l)).first;
        return it->second ? &*it->second : nullptr;
    }

    // With a phase, the frames of each reading are inspected first (phase/FrameInspection.h).
    // When those of some reading show an exact hop, the readings whose frames show none (the
    // matrix transposed, misread units) are dropped unscored: a true reading's frames show
    // theirs unless the values are too coarse (text with few decimals), and then none does and
    // every reading is scored. A long recording read transposed took minutes to score.
    void inspectAll(std::vector<Pending>& readings) {
        for (Pending& p : readings) {
            p.usable = interpret(p.layout, p.nfft, kScreenFrames, &p.seen).has_value();
            m_job.checkCancelled();
        }
        // Frames that show a hop exactly outrank those that show one only nearly (a PSD's
        // doubled bins read as a spectrum's leave 1e-4).
        const bool exact = std::any_of(readings.begin(), readings.end(), [](const Pending& p) {
            return p.seen && p.seen->misfit < kHopMisfitBelow;
        });
        for (Pending& p : readings)
            if (exact && p.seen && p.seen->misfit >= kHopMisfitBelow)
                p.seen.reset();
        const bool anySeen =
            std::any_of(readings.begin(), readings.end(), [](const Pending& p) { return p.seen; });
        m_withoutHop =
            anySeen
                ? std::size_t(std::count_if(readings.begin(), readings.end(),
                                            [](const Pending& p) { return p.usable && !p.seen; }))
                : 0;
        std::erase_if(readings,
                      [&](const Pending& p) { return !p.usable || (anySeen && !p.seen); });
    }

    // Every window and hop of one reading: the usual overlaps of nperseg = nfft, and with a
    // phase the lengths and hop the frames show (phase/FrameInspection.h).
    void tryReading(const Pending& reading) {
        const SpectrumLayout& l = reading.layout;
        const int nfft = reading.nfft;
        const auto r = interpret(l, nfft, screenFrames(reading));
        if (!r)
            return;
        std::vector<StftParams> params;
        const bool evenOneSided = l.order == BinOrder::OneSided && nfft % 2 == 0;
        for (const std::string& window : guessWindows(m_withPhase))
            for (int hop : guessHops(nfft, r->frames, m_o.length, evenOneSided))
                params.push_back(
                    StftParams::make(parseWindow(window), nfft, nfft - hop, nfft, m_o.fs));
        if (!m_withPhase)
            for (const StftParams& p : speechFraming(nfft, m_o.fs, r->frames, m_o.length))
                params.push_back(p);
        if (const auto& seen = reading.seen) {
            for (int n = seen->nperseg; n <= std::min(nfft, seen->nperseg + seen->shortBy); ++n)
                addSeen(params, *seen, n, 0, nfft, r->frames);
            if (seen->first > seen->shortBy)
                tryCentred(l, *seen, nfft, r->frames);
        }
        scoreAll(*r, usableParams(std::move(params)));
    }

    // The frames' window starts well into the FFT frame: librosa and torch centre a window
    // shorter than the FFT, (nfft - N) / 2 samples in. Every length whose centred window
    // covers the samples holding energy (its ends may be near zero) is scored on the frames
    // read with that offset.
    void tryCentred(const SpectrumLayout& l, const FrameReading& seen, int nfft,
                    std::int64_t frames) {
        std::map<int, std::vector<StftParams>> byOffset;
        const int shortest = seen.nperseg - seen.first;
        for (int n = shortest; n <= std::min(nfft, shortest + 2 * seen.shortBy); ++n) {
            const int d = (nfft - n) / 2;
            if (d <= seen.first && d + n >= seen.nperseg)
                addSeen(byOffset[d], seen, n, d, nfft, frames);
        }
        for (auto& [d, params] : byOffset) {
            SpectrumLayout shifted = l;
            shifted.windowOffset = d;
            if (const auto r = interpret(shifted, nfft, kScreenFrames))
                scoreAll(*r, usableParams(std::move(params)));
        }
    }

    // The windows of one length the frames show, at their hop (frame counts checked against a
    // known length).
    void addSeen(std::vector<StftParams>& params, const FrameReading& seen, int n, int offset,
                 int nfft, std::int64_t frames) const {
        for (const WindowSpec& window : windowsSeen(seen, n, offset, m_withPhase)) {
            const auto p = StftParams::make(window, n, n - seen.hop, nfft, m_o.fs);
            if (!m_o.length || fitsLength(p, *m_o.length, frames, offset))
                params.push_back(p);
        }
    }

    void rescoreBest(double from, double to) {
        const std::vector<GuessCandidate> best = bestOfEachHop(m_found, kRescored);
        m_found.clear();
        for (std::size_t i = 0; i < best.size(); ++i) {
            const GuessCandidate& c = best[i];
            if (const auto r = interpret(c.layout, c.params.nfft, m_o.maxFrames))
                scoreAll(*r, {c.params});
            m_job.setProgress(from + (to - from) * double(i + 1) / double(best.size()));
        }
    }

    // With a phase and no reading consistent to rounding (kRoundingBelow), the frames may have
    // been detrended before the window (scipy.signal.spectrogram's default; an IQ recording
    // with a small DC offset scored -61 dB read plainly): the best kDetrendTried readings and
    // the best of each hop are scored again with each frame's mean, then its line, taken away
    // (phase/Detrend.h).
    void tryDetrended(double from, double to) {
        const auto best = bestOfEachHop(m_found, kDetrendTried);
        if (best.empty() || best.front().score <= kRoundingBelow)
            return;
        for (std::size_t i = 0; i < best.size(); ++i) {
            const GuessCandidate& c = best[i];
            m_job.setProgress(from + (to - from) * double(i) / double(best.size()));
            const auto r = interpret(c.layout, c.params.nfft, m_o.maxFrames);
            for (Detrend d : {Detrend::Constant, Detrend::Linear}) {
                if (!r)
                    break;
                m_job.checkCancelled();
                GuessCandidate detrended = c;
                detrended.detrend = d;
                detrended.score = inconsistency(r->block, c.params, r->complexSignal, d);
                if (std::isfinite(detrended.score))
                    m_found.push_back(std::move(detrended));
            }
        }
    }

    // Every candidate on every core, each worker taking the next; results keep the
    // enumeration order, so the ranking does not depend on the timing.
    void scoreAll(const Reading& r, const std::vector<StftParams>& params) {
        std::vector<std::optional<GuessCandidate>> results(params.size());
        std::atomic<std::size_t> next{0};
        ThreadPool pool;
        std::vector<std::future<void>> workers;
        for (unsigned w = 0; w < std::min<std::size_t>(pool.size(), params.size()); ++w)
            workers.push_back(pool.submit([&] {
                for (std::size_t i; (i = next++) < params.size() && !m_job.isCancelled();)
                    results[i] = score(r, params[i]);
            }));
        for (auto& w : workers)
            w.wait();
        for (auto& w : workers)
            w.get();
        m_job.checkCancelled();
        for (auto& c : results)
            if (c)
                m_found.push_back(std::move(*c));
    }

    std::optional<GuessCandidate> score(const Reading& r, const StftParams& p) const {
        GuessCandidate c;
        c.layout = r.layout;
        c.params = p;
        c.complexSignal = r.complexSignal;
        c.scoreIsDb = !m_withPhase;
        c.frames = r.frames;
        if (m_o.length) {     // the frame count tells where frames start
            if (!m_withPhase) // no score sees the offset: the one the count fits
                c.layout.windowOffset = offsetForLength(p, *m_o.length, r.frames);
            c.centred = lengthFitsFrames(p, *m_o.length, r.frames, {true, c.layout.windowOffset});
        }
        c.length = m_o.length ? *m_o.length
                              : Stft<double>(p, StftDirections::Forward).istftLength(r.frames);
        const ImportedSpectrum& sub = r.block;
        if (m_withPhase)
            c.score = inconsistency(sub, p, c.complexSignal);
        else
            c.score = consistencyGainDb(sub, p, c.complexSignal, m_job);
        if (!m_withPhase)
            c.peakFit = peakShapeFit(sub, p, c.complexSignal);
        c.centroid = centroid(sub, c.complexSignal);
        if (!std::isfinite(c.score))
            return std::nullopt;
        return c;
    }

    const Matrix& m_mag;
    const Matrix* m_phase;
    const GuessOptions& m_o;
    JobControl& m_job;
    bool m_withPhase; // a phase file, or complex values
    std::vector<GuessCandidate> m_found;
    std::size_t m_scored = 0, m_withoutHop = 0;
    mutable std::map<std::pair<int, int>, std::optional<std::vector<double>>> m_energies;
};

} // namespace

std::string GuessCandidate::describe() const {
    const std::string fft = std::to_string(params.nfft);
    const std::string offset =
        layout.windowOffset > 0 ? " at sample " + std::to_string(layout.windowOffset) + " of " + fft
                                : (params.nperseg != params.nfft ? " in " + fft : "");
    return toString(params.window) + ", window " + std::to_string(params.nperseg) + offset +
           ", hop " + std::to_string(params.hop()) + ", " + toString(layout.order) + " " +
           toString(layout.layout) + " " + toString(layout.magnitude) +
           (foldsNegativeFrequencies(layout) ? " (one-sided psd)" : "") + " " +
           toString(layout.phase) + (complexSignal ? " complex" : " real") +
           (centred == false ? ", frames from the first sample" : "") +
           (detrend == Detrend::None ? "" : ", detrended (" + toString(detrend) + ")");
}

GuessResult guessParameters(const Matrix& magnitude, const Matrix* phase,
                            const GuessOptions& options, JobControl& job) {
    if (phase)
        requireSameShape(magnitude, *phase, options.magnitudeName, options.phaseName);
    requireFinite(magnitude, options.magnitudeName);
    if (phase)
        requireFinite(*phase, options.phaseName);
    return Guesser(magnitude, phase, options, job).run();
}

} // namespace specedit::core
