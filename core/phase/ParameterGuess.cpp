#include "phase/ParameterGuess.h"

#include "dsp/Stft.h"
#include "phase/FrameInspection.h"
#include "phase/GuessRanking.h"
#include "phase/GuessScores.h"
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

struct Shape {
    SpectrumLayout layout;
    int nfft = 0;
    bool complexSignal = false;
};

// Layouts, bin orders and FFT sizes the matrix's shape allows.
std::vector<Shape> shapes(const Matrix& m, std::optional<MatrixLayout> only) {
    std::vector<Shape> out;
    for (MatrixLayout layout : {MatrixLayout::BinsByFrames, MatrixLayout::FramesByBins}) {
        if (only && layout != *only)
            continue;
        const auto [bins, frames] = binsAndFrames(m, layout);
        if (bins < 2 || bins > kMaxTransformSize || frames < 1)
            continue;
        Shape s;
        s.layout.layout = layout;
        for (int nfft : {int(2 * (bins - 1)), int(2 * bins - 1)}) {
            s.nfft = nfft;
            s.layout.order = BinOrder::OneSided;
            out.push_back(s);
        }
        s.nfft = int(bins);
        for (BinOrder order : {BinOrder::TwoSided, BinOrder::TwoSidedShifted}) {
            s.layout.order = order;
            out.push_back(s);
        }
    }
    return out;
}

// The frame count a length gives with frames centred (scipy's stft, librosa, torch) or starting
// at the first sample without padding (MATLAB, scipy.signal.spectrogram, center=False).
bool fitsLength(const StftParams& p, std::int64_t length, std::int64_t frames) {
    return lengthFitsFrames(p, length, frames, true) || lengthFitsFrames(p, length, frames, false);
}

// Hops for 12.5, 25, 50, 75 and 87.5 % overlap (noverlap = floor(fraction * nperseg), as scipy's
// default nperseg // 2); with a known length only those whose frame count fits (scipy's, or
// librosa's and torch's), and with anyHop (a real signal's even FFT, the usual kind) any other
// hop that fits it.
std::vector<int> hopsFor(int nperseg, std::int64_t frames, const std::optional<std::int64_t>& n,
                         bool anyHop) {
    std::set<int> hops;
    for (int eighths : {1, 2, 4, 6, 7}) // 12.5 %: scipy.signal.spectrogram's nperseg // 8
        hops.insert(nperseg - nperseg * eighths / 8);
    if (anyHop && n && frames > 1) // any hop the length and frames allow (torch's 160/400)
        for (std::int64_t h = *n / (frames - 1) - 2; h <= *n / (frames - 1) + 2; ++h)
            hops.insert(int(std::clamp<std::int64_t>(h, 1, nperseg)));
    std::vector<int> out;
    for (int hop : hops) {
        if (hop < 1 || hop > nperseg)
            continue;
        if (n && !fitsLength(StftParams::make({}, nperseg, nperseg - hop, nperseg), *n, frames))
            continue;
        out.push_back(hop);
    }
    return out;
}

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
        // Without a phase the layout is the user's (a transposed smooth spectrogram is smooth
        // too, and the magnitudes alone cannot tell the two apart reliably).
        const auto all = shapes(
            m_mag, m_withPhase ? m_o.layout : m_o.layout.value_or(MatrixLayout::BinsByFrames));
        std::vector<Pending> readings;
        for (const Shape& shape : all)
            for (const SpectrumLayout& l : unitsOf(shape))
                readings.push_back({l, shape.nfft, std::nullopt});
        if (m_withPhase)
            inspectAll(readings);
        m_scored = readings.size();
        for (std::size_t i = 0; i < readings.size(); ++i) {
            tryReading(readings[i]);
            m_job.setProgress(double(i + 1) / double(readings.size()));
        }
        if (m_withPhase) { // the best of the screen again on all the frames asked for
            rescoreBest();
            tryDetrended();
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
            result.timeVariation =
                timeVariation(m_mag, m_o.layout.value_or(MatrixLayout::BinsByFrames));
        rankCandidates(m_found, result.timeVariation < kStationaryVariation);
        result.warning =
            guessWarning(m_found, m_withPhase, result.timeVariation, m_o.length.has_value());
        addNegativeNote(result.warning);
        if (m_found.size() > m_o.keep)
            m_found.resize(m_o.keep);
        if (!m_found.empty() && m_found.front().layout.windowOffset > 0 &&
            m_o.scaling == SpectrumScaling::Spectrum)
            result.scalingHint = kUnscaledToolHint;
        if (!m_found.empty() && m_found.front().params.window == parseWindow("tukey,0.25") &&
            m_o.scaling != SpectrumScaling::Psd)
            result.scalingHint = kSpectrogramToolHint;
        result.candidates = std::move(m_found);
        return result;
    }

private:
    // Negative values are no linear or power magnitudes: only dB readings were tried, and the
    // user sees why (a corrupt file would otherwise only score badly).
    void addNegativeNote(std::string& warning) const {
        const std::string negative = firstNegative(m_mag, m_o.magnitudeName);
        if (negative.empty())
            return;
        warning += (warning.empty() ? "" : ". ") + negative +
                   ": below zero, so the magnitudes were read only as levels in dB (20 or 10 "
                   "log10), not as linear or power magnitudes";
    }

    // With a phase, every candidate is screened on kScreenFrames frames (a true one scores at
    // rounding error there too), and the kRescored best are scored on maxFrames.
    static constexpr std::int64_t kScreenFrames = 32;
    static constexpr std::size_t kRescored = 24;
    static constexpr std::size_t kDetrendTried = 8;

    // The units a shape is read in: magnitudes alone only those the values allow (each
    // candidate costs two phase retrievals); a complex file has none.
    std::vector<SpectrumLayout> unitsOf(const Shape& shape) const {
        std::vector<MagnitudeUnit> magUnits = {MagnitudeUnit::Linear, MagnitudeUnit::Power,
                                               MagnitudeUnit::Db, MagnitudeUnit::Db10};
        if (!m_mag.imag.empty()) {
            magUnits = {MagnitudeUnit::Linear};
        } else if (!m_phase) {
            const bool negative = *std::min_element(m_mag.values.begin(), m_mag.values.end()) < 0;
            magUnits = negative ? std::vector{MagnitudeUnit::Db, MagnitudeUnit::Db10}
                                : std::vector{MagnitudeUnit::Linear, MagnitudeUnit::Power};
        }
        std::vector<PhaseUnit> phaseUnits = {PhaseUnit::Radians};
        if (m_phase)
            phaseUnits = {PhaseUnit::Radians, PhaseUnit::Degrees, PhaseUnit::Cycles};
        std::vector<SpectrumLayout> out;
        for (MagnitudeUnit mu : magUnits)
            for (PhaseUnit pu : phaseUnits) {
                SpectrumLayout l = shape.layout;
                l.magnitude = mu;
                l.phase = pu;
                l.scaling = m_o.scaling;
                out.push_back(l);
            }
        return out;
    }

    // Symmetric windows (MATLAB's hamming(N)) only where a candidate is cheap to score.
    std::vector<std::string> windows() const {
        std::vector<std::string> out = {"hann",   "hamming",  "blackman",
                                        "boxcar", "sqrthann", "tukey,0.25"};
        if (m_withPhase)
            out.insert(out.end(),
                       {"hann,sym", "hamming,sym", "blackman,sym", "blackmanharris", "flattop",
                        "tukey"}); // scipy.signal.spectrogram's, scipy's alpha
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
        const auto r = interpret(l, nfft, m_withPhase ? kScreenFrames : m_o.maxFrames);
        if (!r)
            return;
        std::vector<StftParams> params;
        const bool evenOneSided = l.order == BinOrder::OneSided && nfft % 2 == 0;
        for (const std::string& window : windows())
            for (int hop : hopsFor(nfft, r->frames, m_o.length, evenOneSided))
                params.push_back(
                    StftParams::make(parseWindow(window), nfft, nfft - hop, nfft, m_o.fs));
        if (!m_withPhase)
            addSpeechFraming(params, nfft, r->frames);
        if (const auto& seen = reading.seen) {
            for (int n = seen->nperseg; n <= std::min(nfft, seen->nperseg + kShortBy); ++n)
                addSeen(params, *seen, n, 0, nfft, r->frames);
            if (seen->first > kShortBy)
                tryCentred(l, *seen, nfft, r->frames);
        }
        scoreAll(*r, usable(std::move(params)));
    }

    // Magnitudes alone show no window length, and speech front ends frame 25 ms windows every
    // 10 ms in the next power-of-two FFT (torchaudio and Kaldi: 400 / 160 in 512 at 16 kHz):
    // with the rate given, those are tried too.
    void addSpeechFraming(std::vector<StftParams>& params, int nfft, std::int64_t frames) const {
        const int n = int(std::lround(0.025 * m_o.fs)), hop = int(std::lround(0.010 * m_o.fs));
        if (m_o.fs <= 1 || n >= nfft || 2 * n < nfft || hop < 1)
            return;
        for (const std::string& window : windows()) {
            const auto p = StftParams::make(parseWindow(window), n, n - hop, nfft, m_o.fs);
            if (!m_o.length || fitsLength(p, *m_o.length, frames))
                params.push_back(p);
        }
    }

    // The frames' window starts well into the FFT frame: librosa and torch centre a window
    // shorter than the FFT, (nfft - N) / 2 samples in. Every length whose centred window
    // covers the samples holding energy (its ends may be near zero) is scored on the frames
    // read with that offset.
    void tryCentred(const SpectrumLayout& l, const FrameReading& seen, int nfft,
                    std::int64_t frames) {
        std::map<int, std::vector<StftParams>> byOffset;
        const int shortest = seen.nperseg - seen.first;
        for (int n = shortest; n <= std::min(nfft, shortest + 2 * kShortBy); ++n) {
            const int d = (nfft - n) / 2;
            if (d <= seen.first && d + n >= seen.nperseg)
                addSeen(byOffset[d], seen, n, d, nfft, frames);
        }
        for (auto& [d, params] : byOffset) {
            SpectrumLayout shifted = l;
            shifted.windowOffset = d;
            if (const auto r = interpret(shifted, nfft, kScreenFrames))
                scoreAll(*r, usable(std::move(params)));
        }
    }

    // The windows of one length the frames show, at their hop (frame counts checked against a
    // known length).
    void addSeen(std::vector<StftParams>& params, const FrameReading& seen, int n, int offset,
                 int nfft, std::int64_t frames) const {
        for (const WindowSpec& window : windowsSeen(seen, n, offset)) {
            const auto p = StftParams::make(window, n, n - seen.hop, nfft, m_o.fs);
            if (!m_o.length || fitsLength(p, *m_o.length, frames))
                params.push_back(p);
        }
    }

    // Each set of parameters once, and only those whose window overlap-adds (NOLA).
    static std::vector<StftParams> usable(std::vector<StftParams> params) {
        std::erase_if(params, [](const StftParams& p) {
            return !satisfiesNola(makeWindow(p.window, p.nperseg), p.hop());
        });
        return dedupe(std::move(params));
    }

    // The windows tried at a length the frames show: every listed one, and Kaiser and Gaussian
    // windows (periodic and symmetric) with the parameter fitted to the frames' shape, unless
    // the fit is a listed window (Kaiser's beta 0 is the boxcar).
    std::vector<WindowSpec> windowsSeen(const FrameReading& seen, int nperseg, int offset) const {
        std::vector<WindowSpec> out;
        std::vector<std::vector<double>> listed;
        for (const std::string& window : windows()) {
            out.push_back(parseWindow(window));
            listed.push_back(makeWindow(out.back(), nperseg));
        }
        auto isListed = [&](const WindowSpec& w) {
            const auto g = makeWindow(w, nperseg);
            return std::any_of(listed.begin(), listed.end(), [&](const auto& l) {
                for (std::size_t n = 0; n < g.size(); ++n)
                    if (std::abs(g[n] - l[n]) > 1e-6)
                        return false;
                return true;
            });
        };
        for (WindowType family : {WindowType::Kaiser, WindowType::Gaussian})
            for (bool periodic : {true, false})
                if (const auto fitted = fitWindow(seen, family, nperseg, periodic, offset))
                    if (!isListed(*fitted))
                        out.push_back(*fitted);
        return out;
    }

    // An inspected reading may be an enumerated one: each once, in the order first given.
    static std::vector<StftParams> dedupe(std::vector<StftParams> params) {
        std::set<std::string> seen;
        std::erase_if(params, [&](const StftParams& p) {
            return !seen.insert(toString(p.window) + " " + std::to_string(p.nperseg) + " " +
                                std::to_string(p.hop()))
                        .second;
        });
        return params;
    }

    void rescoreBest() {
        std::stable_sort(m_found.begin(), m_found.end(),
                         [](const auto& a, const auto& b) { return a.score < b.score; });
        m_found.resize(std::min(kRescored, m_found.size()));
        std::vector<GuessCandidate> best;
        best.swap(m_found);
        for (const GuessCandidate& c : best)
            if (const auto r = interpret(c.layout, c.params.nfft, m_o.maxFrames))
                scoreAll(*r, {c.params});
    }

    // With a phase and no reading consistent, the frames may have been detrended before the
    // window (scipy.signal.spectrogram's default): the best kDetrendTried readings are scored
    // again with each frame's mean, then its line, taken away (phase/Detrend.h).
    void tryDetrended() {
        auto best = m_found;
        std::stable_sort(best.begin(), best.end(),
                         [](const auto& a, const auto& b) { return a.score < b.score; });
        if (best.empty() || best.front().score <= kConsistentBelow)
            return;
        best.resize(std::min(kDetrendTried, best.size()));
        for (const GuessCandidate& c : best) {
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
        if (m_o.length) // the frame count tells where frames start
            c.centred = lengthFitsFrames(p, *m_o.length, r.frames, true);
        c.length = m_o.length ? *m_o.length
                              : Stft<double>(p, StftDirections::Forward).istftLength(r.frames);
        const ImportedSpectrum& sub = r.block;
        if (m_withPhase)
            c.score = inconsistency(sub, p, c.complexSignal);
        else
            c.score = consistencyGainDb(sub, p, c.complexSignal, m_job);
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
           toString(layout.layout) + " " + toString(layout.magnitude) + " " +
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
