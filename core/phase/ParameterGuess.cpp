#include "phase/ParameterGuess.h"

#include "dsp/Stft.h"
#include "phase/FrameInspection.h"
#include "phase/GuessRanking.h"
#include "phase/StftOperator.h"
#include "util/Error.h"
#include "util/ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <future>
#include <numeric>
#include <optional>
#include <random>
#include <set>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;

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

// Hops for 25, 50, 75 and 87.5 % overlap (noverlap = floor(fraction * nperseg), as scipy's
// default nperseg // 2); with a known length only those whose frame count fits.
std::vector<int> hopsFor(int nperseg, std::int64_t frames, const std::optional<std::int64_t>& n) {
    std::set<int> hops;
    for (int eighths : {2, 4, 6, 7})
        hops.insert(nperseg - nperseg * eighths / 8);
    std::vector<int> out;
    for (int hop : hops) {
        if (hop < 1 || hop > nperseg)
            continue;
        if (n) {
            const Stft<double> shape(StftParams::make({}, nperseg, nperseg - hop, nperseg),
                                     StftDirections::Forward);
            if (shape.frameCount(*n) != frames)
                continue;
        }
        out.push_back(hop);
    }
    return out;
}

template <typename S>
double inconsistency(const ImportedSpectrum& x, const StftParams& p, std::int64_t frames) {
    // The frames whole, from the first one's first sample: a block from the middle has signal
    // where the recording's first frames had boundary zeros.
    StftOperator<S> op(p, (frames - 1) * p.hop() + p.nperseg, frames, 0, 1);
    std::vector<S> signal(std::size_t(op.length()));
    op.synthesise(x.values.data(), signal.data());
    double diff = 0, norm = 0;
    op.analyse(signal.data(), [&](std::int64_t j, Complex* y, unsigned) {
        for (int k = 0; k < x.bins; ++k) {
            const Complex v = x.values[std::size_t(j * x.bins + k)];
            diff += std::norm(y[k] - v);
            norm += std::norm(v);
        }
    });
    return std::sqrt(diff / std::max(norm, 1e-300));
}

// How much closer the magnitudes can be matched than the same frames in shuffled order:
// shuffling destroys the overlap between neighbouring frames that a true reading explains, but
// keeps what any reading of low redundancy matches anyway. dB; more negative is better.
template <typename S>
double consistencyGainDb(const ImportedSpectrum& x, const StftParams& p, std::int64_t frames,
                         const JobControl& outer) {
    const std::int64_t length = std::max<std::int64_t>(1, (frames - 1) * p.hop());
    const Stft<double> shape(p, StftDirections::Forward);
    if (shape.frameCount(length) != frames)
        return std::nan("");
    PhaseRetrievalOptions o;
    o.iterations = 20;
    o.threads = 1;
    JobControl job; // its own progress; the guess's cancel is polled between candidates
    outer.checkCancelled();
    MagnitudeGrid g = magnitudesOf(x);
    const double actual = retrievePhase<S>(g, p, length, o, job).finalDb;
    MagnitudeGrid shuffled = g;
    std::mt19937 rng(7);
    std::vector<std::int64_t> order(static_cast<std::size_t>(frames));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    for (std::int64_t j = 0; j < frames; ++j)
        std::copy_n(g.frame(order[std::size_t(j)]), g.bins, shuffled.values.begin() + j * g.bins);
    return actual - retrievePhase<S>(shuffled, p, length, o, job).finalDb;
}

// Mean |frequency| (cycles per sample) weighted by energy.
double centroid(const ImportedSpectrum& s, bool twoSided) {
    double sum = 0, weight = 0;
    const int nfft = twoSided ? s.bins : 2 * (s.bins - 1);
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        const int k = int(i % std::size_t(s.bins));
        const double f = std::abs(twoSided && k >= (s.bins + 1) / 2 ? k - s.bins : k);
        const double e = std::norm(s.values[i]);
        sum += e * f / std::max(nfft, 1);
        weight += e;
    }
    return sum / std::max(weight, 1e-300);
}

// The first `frames` frames of a spectrum.
ImportedSpectrum head(ImportedSpectrum s, std::int64_t frames) {
    s.frames = std::min(s.frames, frames);
    s.values.resize(std::size_t(s.frames) * std::size_t(s.bins));
    return s;
}

// The `frames` consecutive frames holding the most energy: a recording that starts silent
// scores nothing on its first frames. The least-squares ISTFT of any consecutive frames of a
// true reading gives the signal back on their support, so a block is as consistent as the
// whole.
ImportedSpectrum loudestBlock(const ImportedSpectrum& s, std::int64_t frames) {
    frames = std::min(s.frames, frames);
    std::vector<double> sum(std::size_t(s.frames) + 1, 0.0);
    for (std::int64_t j = 0; j < s.frames; ++j) {
        double e = 0;
        for (int k = 0; k < s.bins; ++k)
            e += std::norm(s.values[std::size_t(j * s.bins + k)]);
        sum[std::size_t(j + 1)] = sum[std::size_t(j)] + e;
    }
    std::int64_t best = 0;
    for (std::int64_t j = 0; j + frames <= s.frames; ++j)
        if (sum[std::size_t(j + frames)] - sum[std::size_t(j)] >
            sum[std::size_t(best + frames)] - sum[std::size_t(best)])
            best = j;
    ImportedSpectrum out{s.bins, frames, {}, s.hasPhase};
    const auto first = s.values.begin() + best * s.bins;
    out.values.assign(first, first + frames * s.bins);
    return out;
}

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
        std::vector<std::pair<SpectrumLayout, int>> readings; // and the FFT size
        for (const Shape& shape : all)
            for (const SpectrumLayout& l : unitsOf(shape))
                readings.emplace_back(l, shape.nfft);
        for (std::size_t i = 0; i < readings.size(); ++i) {
            tryReading(readings[i].first, readings[i].second);
            m_job.setProgress(double(i + 1) / double(readings.size()));
        }
        if (m_withPhase) // the best of the screen again on all the frames asked for
            rescoreBest();
        if (m_found.empty())
            throw Error(
                "guess",
                "no STFT parameters fit a " + std::to_string(m_mag.rows) + " x " +
                    std::to_string(m_mag.cols) + " matrix" +
                    (m_o.length ? " of a " + std::to_string(*m_o.length) + "-sample signal" : ""),
                "bins = nfft/2+1 or nfft and a frame count that a 25/50/75/87.5 % "
                "overlap gives for the length");
        GuessResult result;
        if (!m_withPhase)
            result.timeVariation =
                timeVariation(m_mag, m_o.layout.value_or(MatrixLayout::BinsByFrames));
        rankCandidates(m_found, result.timeVariation < kStationaryVariation);
        result.warning =
            guessWarning(m_found, m_withPhase, result.timeVariation, m_o.length.has_value());
        if (m_found.size() > m_o.keep)
            m_found.resize(m_o.keep);
        result.candidates = std::move(m_found);
        return result;
    }

private:
    // With a phase, every candidate is screened on kScreenFrames frames (a true one scores at
    // rounding error there too), and the kRescored best are scored on maxFrames.
    static constexpr std::int64_t kScreenFrames = 32;
    static constexpr std::size_t kRescored = 24;

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
        std::vector<std::string> out = {"hann", "hamming", "blackman", "boxcar", "sqrthann"};
        if (m_withPhase)
            out.insert(out.end(), {"hann,sym", "hamming,sym", "blackman,sym"});
        return out;
    }

    // The matrix read one way (the scaling is a constant factor no score sees, so any window
    // serves). The frames scored: with a phase the loudest budget consecutive ones (a
    // recording that starts silent scores nothing on its first), else the first.
    std::optional<Reading> interpret(const SpectrumLayout& l, int nfft, std::int64_t budget,
                                     std::optional<FrameReading>* seen = nullptr) const {
        Reading r{
            l, nfft, binsAndFrames(m_mag, l.layout).second, l.order != BinOrder::OneSided, {}};
        const auto probe = StftParams::make({}, nfft, nfft / 2, nfft, m_o.fs);
        ImportedSpectrum x;
        try {
            x = interpretSpectrum(m_mag, m_phase, l, probe, "magnitudes", "phases");
        } catch (const Error&) {
            return std::nullopt; // e.g. negative values read as linear magnitudes
        }
        if (seen)
            *seen = inspectFrames(x, nfft, r.complexSignal);
        if (r.complexSignal && isHermitian(x, 1e-6)) { // a real signal's two-sided STFT
            x = toOneSided(x, nfft);
            r.complexSignal = false;
        }
        r.block = m_withPhase ? loudestBlock(x, budget) : head(std::move(x), budget);
        return r;
    }

    // Every window and hop of one reading: the usual overlaps of nperseg = nfft, and with a
    // phase the lengths and hop the frames show (phase/FrameInspection.h).
    void tryReading(const SpectrumLayout& l, int nfft) {
        std::optional<FrameReading> seen;
        const auto r = interpret(l, nfft, m_withPhase ? kScreenFrames : m_o.maxFrames,
                                 m_withPhase ? &seen : nullptr);
        if (!r)
            return;
        std::vector<StftParams> params;
        for (const std::string& window : windows())
            for (int hop : hopsFor(nfft, r->frames, m_o.length))
                params.push_back(
                    StftParams::make(parseWindow(window), nfft, nfft - hop, nfft, m_o.fs));
        for (int n = seen ? seen->nperseg : 1;
             seen && n <= std::min(nfft, seen->nperseg + kShortBy); ++n)
            for (const std::string& window : windows()) {
                const auto p =
                    StftParams::make(parseWindow(window), n, n - seen->hop, nfft, m_o.fs);
                if (!m_o.length ||
                    Stft<double>(p, StftDirections::Forward).frameCount(*m_o.length) == r->frames)
                    params.push_back(p);
            }
        std::erase_if(params, [](const StftParams& p) {
            return !satisfiesNola(makeWindow(p.window, p.nperseg), p.hop());
        });
        scoreAll(*r, dedupe(std::move(params)));
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
        GuessCandidate c{r.layout, p, r.complexSignal, 0, 0, !m_withPhase};
        c.frames = r.frames;
        c.length = m_o.length ? *m_o.length
                              : Stft<double>(p, StftDirections::Forward).istftLength(r.frames);
        const ImportedSpectrum& sub = r.block;
        if (m_withPhase)
            c.score = c.complexSignal ? inconsistency<Complex>(sub, p, sub.frames)
                                      : inconsistency<double>(sub, p, sub.frames);
        else
            c.score = c.complexSignal ? consistencyGainDb<Complex>(sub, p, sub.frames, m_job)
                                      : consistencyGainDb<double>(sub, p, sub.frames, m_job);
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
};

} // namespace

std::string GuessCandidate::describe() const {
    return toString(params.window) + ", window " + std::to_string(params.nperseg) + ", hop " +
           std::to_string(params.hop()) + ", " + toString(layout.order) + " " +
           toString(layout.layout) + " " + toString(layout.magnitude) + " " +
           toString(layout.phase) + (complexSignal ? " complex" : " real");
}

GuessResult guessParameters(const Matrix& magnitude, const Matrix* phase,
                            const GuessOptions& options, JobControl& job) {
    if (phase)
        requireSameShape(magnitude, *phase, "the magnitudes", "phases");
    return Guesser(magnitude, phase, options, job).run();
}

} // namespace specedit::core
