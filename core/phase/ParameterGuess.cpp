#include "phase/ParameterGuess.h"

#include "dsp/Stft.h"
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
double inconsistency(const ImportedSpectrum& x, const StftParams& p, std::int64_t length,
                     std::int64_t frames) {
    const std::int64_t covered = (frames - 1) * p.hop() + p.nperseg - p.nperseg / 2;
    StftOperator<S> op(p, std::min(length, covered), frames, -p.nperseg / 2, 1);
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

class Guesser {
public:
    Guesser(const Matrix& mag, const Matrix* phase, const GuessOptions& o, JobControl& job)
        : m_mag(mag), m_phase(phase), m_o(o), m_job(job) {}

    GuessResult run() {
        // Without a phase the layout is the user's (a transposed smooth spectrogram is smooth
        // too, and the magnitudes alone cannot tell the two apart reliably).
        const auto all =
            shapes(m_mag, m_phase ? m_o.layout : m_o.layout.value_or(MatrixLayout::BinsByFrames));
        for (const Shape& shape : all)
            tryShape(shape);
        scoreAll();
        if (m_found.empty())
            throw Error(
                "guess",
                "no STFT parameters fit a " + std::to_string(m_mag.rows) + " x " +
                    std::to_string(m_mag.cols) + " matrix" +
                    (m_o.length ? " of a " + std::to_string(*m_o.length) + "-sample signal" : ""),
                "bins = nfft/2+1 or nfft and a frame count that a 25/50/75/87.5 % "
                "overlap gives for the length");
        // Scores within 1 % are ties (e.g. a real signal's two-sided spectrum read
        // plain or fftshifted: both consistent, the second the signal times (-1)^n); the
        // interpretation with its energy at lower frequencies wins them.
        GuessResult result;
        if (!m_phase)
            result.timeVariation =
                timeVariation(m_mag, m_o.layout.value_or(MatrixLayout::BinsByFrames));
        const bool steady = result.timeVariation < kStationaryVariation;
        std::stable_sort(m_found.begin(), m_found.end(), [steady](const auto& a, const auto& b) {
            if (steady && overlapRank(a.params) != overlapRank(b.params))
                return overlapRank(a.params) < overlapRank(b.params);
            if (a.scoreIsDb)
                return rankedDb(a) < rankedDb(b);
            const bool tie = std::abs(a.score - b.score) <= 0.01 * std::max(a.score, b.score);
            return tie ? a.centroid < b.centroid : a.score < b.score;
        });
        if (steady && !m_o.length)
            result.warning = steadyWarning(result.timeVariation);
        if (m_found.size() > m_o.keep)
            m_found.resize(m_o.keep);
        result.candidates = std::move(m_found);
        return result;
    }

private:
    // A magnitude-only score as ranked: an odd FFT (2 bins - 1; scipy's nperseg is almost always
    // even) must win by more than kOddFftPriorDb. On speech the odd neighbour of the true
    // reading (Hann 257/65 beside 256/64) scores within 0.1-2 dB of it, and a tester's scipy
    // spectrogram had it 0.7 dB ahead.
    static double rankedDb(const GuessCandidate& c) {
        return c.score + (c.params.nfft % 2 != 0 ? kOddFftPriorDb : 0.0);
    }

    static std::string steadyWarning(double variation) {
        char percent[48];
        if (variation < 0.0005)
            std::snprintf(percent, sizeof percent, "less than 0.1 %%");
        else
            std::snprintf(percent, sizeof percent, "%.1f %%", 100 * variation);
        return std::string("the magnitudes hardly change over time (by ") + percent +
               "), so they cannot tell the hop: the readings are ranked by how common their "
               "overlap is (50, 75, 87.5, 25 %). Give the signal's length in samples to settle it";
    }

    void tryShape(Shape shape) {
        const auto [bins, frames] = binsAndFrames(m_mag, shape.layout.layout);
        std::vector<MagnitudeUnit> magUnits = {MagnitudeUnit::Linear, MagnitudeUnit::Power,
                                               MagnitudeUnit::Db, MagnitudeUnit::Db10};
        if (!m_phase) { // each costs two phase retrievals: only the units the values allow
            const bool negative = *std::min_element(m_mag.values.begin(), m_mag.values.end()) < 0;
            magUnits = negative ? std::vector{MagnitudeUnit::Db, MagnitudeUnit::Db10}
                                : std::vector{MagnitudeUnit::Linear, MagnitudeUnit::Power};
        }
        std::vector<PhaseUnit> phaseUnits = {PhaseUnit::Radians};
        if (m_phase)
            phaseUnits = {PhaseUnit::Radians, PhaseUnit::Degrees, PhaseUnit::Cycles};
        for (const char* window : {"hann", "hamming", "blackman", "boxcar", "sqrthann"})
            for (int hop : hopsFor(shape.nfft, frames, m_o.length))
                for (MagnitudeUnit mu : magUnits)
                    for (PhaseUnit pu : phaseUnits) {
                        SpectrumLayout l = shape.layout;
                        l.magnitude = mu;
                        l.phase = pu;
                        l.scaling = m_o.scaling;
                        const auto p = StftParams::make(parseWindow(window), shape.nfft,
                                                        shape.nfft - hop, shape.nfft, m_o.fs);
                        if (!satisfiesNola(makeWindow(p.window, p.nperseg), p.hop()))
                            continue;
                        m_tasks.push_back({l, p, frames});
                    }
    }

    // Every candidate on every core, each worker taking the next; results keep the
    // enumeration order, so the ranking does not depend on the timing.
    void scoreAll() {
        std::vector<std::optional<GuessCandidate>> results(m_tasks.size());
        std::atomic<std::size_t> next{0}, done{0};
        ThreadPool pool;
        std::vector<std::future<void>> workers;
        for (unsigned w = 0; w < pool.size(); ++w)
            workers.push_back(pool.submit([&] {
                for (std::size_t i; (i = next++) < m_tasks.size() && !m_job.isCancelled();) {
                    results[i] = score(m_tasks[i]);
                    m_job.setProgress(double(++done) / double(m_tasks.size()));
                }
            }));
        for (auto& w : workers)
            w.wait();
        for (auto& w : workers)
            w.get();
        m_job.checkCancelled();
        for (auto& r : results)
            if (r)
                m_found.push_back(std::move(*r));
    }

    struct Task {
        SpectrumLayout layout;
        StftParams params;
        std::int64_t frames;
    };

    std::optional<GuessCandidate> score(const Task& t) const {
        const SpectrumLayout& l = t.layout;
        const StftParams& p = t.params;
        const std::int64_t frames = t.frames;
        ImportedSpectrum x;
        try {
            x = interpretSpectrum(m_mag, m_phase, l, p, "magnitudes", "phases");
        } catch (const Error&) {
            return std::nullopt; // e.g. negative values read as linear magnitudes
        }
        GuessCandidate c{l, p, l.order != BinOrder::OneSided, 0, 0, m_phase == nullptr};
        if (c.complexSignal && isHermitian(x, 1e-6)) { // a real signal's two-sided STFT
            x = toOneSided(x, p.nfft);
            c.complexSignal = false;
        }
        const Stft<double> shape(p, StftDirections::Forward);
        c.length = m_o.length ? *m_o.length : shape.istftLength(frames);
        const auto sub = head(std::move(x), m_o.maxFrames);
        if (m_phase)
            c.score = c.complexSignal ? inconsistency<Complex>(sub, p, c.length, sub.frames)
                                      : inconsistency<double>(sub, p, c.length, sub.frames);
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
    std::vector<Task> m_tasks;
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
    if (phase && (phase->rows != magnitude.rows || phase->cols != magnitude.cols))
        throw Error("phases",
                    "are " + std::to_string(phase->rows) + " x " + std::to_string(phase->cols),
                    std::to_string(magnitude.rows) + " x " + std::to_string(magnitude.cols) +
                        " like the magnitudes");
    return Guesser(magnitude, phase, options, job).run();
}

} // namespace specedit::core
