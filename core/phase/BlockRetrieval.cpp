#include "phase/BlockRetrieval.h"

#include "phase/Pghi.h"
#include "phase/Solvers.h"

#include <chrono>
#include <cmath>
#include <numbers>
#include <random>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Plan {
    std::int64_t blockFrames = 0, overlap = 0, count = 1;
};

Plan planBlocks(const MagnitudeGrid& t, const StftParams& p, const PhaseRetrievalOptions& o) {
    Plan plan;
    const std::int64_t automatic =
        std::max<std::int64_t>(1, std::int64_t(kWholeSignalCoefficients) / t.bins);
    plan.blockFrames = o.blockFrames > 0 ? o.blockFrames : automatic;
    if (plan.blockFrames >= t.frames) {
        plan.blockFrames = t.frames;
        return plan;
    }
    const std::int64_t windows = 4 * ((p.nperseg + p.hop() - 1) / p.hop());
    plan.overlap = std::max(windows, plan.blockFrames / 8);
    plan.blockFrames = std::max(plan.blockFrames, 2 * plan.overlap + 1);
    const std::int64_t step = plan.blockFrames - plan.overlap;
    plan.count = 1 + (std::max<std::int64_t>(0, t.frames - plan.blockFrames) + step - 1) / step;
    return plan;
}

// The phase of one block's starting spectrum; known[i] marks phases carried over.
std::vector<double> initialPhase(const MagnitudeGrid& t, const StftParams& p, std::int64_t j0,
                                 std::int64_t frames, const PhaseRetrievalOptions& o,
                                 std::vector<double> carried, const std::vector<char>& known,
                                 bool twoSided) {
    const std::size_t n = std::size_t(frames) * std::size_t(t.bins);
    std::vector<double> phase = std::move(carried);
    phase.resize(n, 0.0);
    const std::size_t offset = std::size_t(j0) * std::size_t(t.bins);
    if (o.init == InitialPhase::Pghi) {
        PghiInput in{t.frame(j0), t.bins, frames, twoSided, &known, 1e-5, 1e-10, o.seed};
        pghiPhase(in, p, phase);
        return phase;
    }
    std::mt19937 rng(o.seed + std::uint32_t(j0));
    std::uniform_real_distribution<double> uniform(-std::numbers::pi, std::numbers::pi);
    for (std::size_t i = 0; i < n; ++i) {
        if (known[i])
            continue;
        if (o.init == InitialPhase::Random)
            phase[i] = uniform(rng);
        else if (o.init == InitialPhase::Given)
            phase[i] = std::arg((*o.given)[offset + i]);
    }
    return phase;
}

template <typename S> class BlockRunner {
public:
    BlockRunner(const MagnitudeGrid& t, const StftParams& p, std::int64_t length,
                const PhaseRetrievalOptions& o, JobControl& job, const IterationFn& onIteration)
        : m_t(t), m_p(p), m_length(length), m_o(o), m_job(job), m_onIteration(onIteration),
          m_plan(planBlocks(t, p, o)) {
        m_result.signal.assign(std::size_t(length), S{});
        m_result.blocks = int(m_plan.count);
    }

    PhaseRetrievalResult<S> run() {
        std::int64_t j0 = 0;
        for (int b = 0; b < m_plan.count; ++b) {
            const std::int64_t j1 = std::min(m_t.frames, j0 + m_plan.blockFrames);
            block(b, j0, j1);
            if (j1 == m_t.frames)
                break;
            j0 = j1 - m_plan.overlap;
        }
        m_result.initialDb = toDb(m_initialDiff, m_norm);
        for (std::size_t i = 0; i < m_diff.size(); ++i)
            m_result.convergenceDb.push_back(toDb(m_diff[i], m_norm));
        m_result.finalDb = spectralConvergenceDb(m_t, m_result.signal, m_p, m_o.framing);
        return std::move(m_result);
    }

private:
    static double toDb(double diff, double norm) {
        return 10 * std::log10(std::max(diff, 1e-300) / std::max(norm, 1e-300));
    }
    std::int64_t frameStart(std::int64_t j) const {
        return j * m_p.hop() + firstFrameStart(m_p, m_o.framing);
    }

    void block(int b, std::int64_t j0, std::int64_t j1) {
        const std::int64_t a = std::max<std::int64_t>(0, frameStart(j0));
        const std::int64_t e = std::min(m_length, frameStart(j1 - 1) + m_p.nperseg);
        StftOperator<S> op(m_p, e - a, j1 - j0, frameStart(j0) - a, m_o.threads);
        op.limitGain(kRetrievalGainShare);
        const auto started = Clock::now();
        const std::size_t n = op.coefficients();
        m_known.resize(n, 0);
        const auto phase = initialPhase(m_t, m_p, j0, j1 - j0, m_o, std::move(m_carried), m_known,
                                        StftOperator<S>::kComplexSignal);
        std::vector<Complex> c(n);
        const double* mag = m_t.frame(j0);
        for (std::size_t i = 0; i < n; ++i)
            c[i] = std::polar(mag[i], phase[i]);
        m_result.initSeconds += secondsSince(started);
        const auto iterating = Clock::now();
        std::vector<S> x;
        const auto trace = solvePhase<S>(
            op, mag, c, m_o, m_job,
            [&](int it, double db) {
                if (m_onIteration)
                    m_onIteration(it, db);
                m_job.setProgress((b + double(it + 1) / m_o.iterations) / double(m_plan.count));
            },
            x);
        m_result.iterationSeconds += secondsSince(iterating);
        accumulate(trace);
        if (j1 < m_t.frames)
            carryOver(op, x, j1 - j0);
        stitch(x, a, j0, b == 0);
    }

    void accumulate(const SolveTrace& trace) {
        m_norm += trace.norm;
        m_initialDiff += trace.initialDiff;
        if (!m_haveDiff) {
            m_diff = trace.diff;
            m_haveDiff = true;
            return;
        }
        m_diff.resize(std::min(m_diff.size(), trace.diff.size()));
        for (std::size_t i = 0; i < m_diff.size(); ++i)
            m_diff[i] += trace.diff[i];
    }

    // The phase of the block's consistent STFT on its last `overlap` frames starts the next.
    void carryOver(StftOperator<S>& op, const std::vector<S>& x, std::int64_t frames) {
        const std::int64_t first = frames - m_plan.overlap;
        const std::size_t bins = std::size_t(op.bins());
        m_carried.assign(std::size_t(m_plan.overlap) * bins, 0.0);
        m_known.assign(m_carried.size(), 1);
        op.analyse(x.data(), [&](std::int64_t j, Complex* t, unsigned) {
            if (j < first)
                return;
            for (std::size_t k = 0; k < bins; ++k)
                m_carried[std::size_t(j - first) * bins + k] = std::arg(t[k]);
        });
    }

    void stitch(const std::vector<S>& x, std::int64_t a, std::int64_t j0, bool first) {
        const std::int64_t np = m_p.nperseg;
        const std::int64_t centre = frameStart(j0 + m_plan.overlap / 2) + np / 2;
        const std::int64_t f0 = first ? a : centre - np / 2, f1 = first ? a : f0 + np;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const std::int64_t n = a + std::int64_t(i);
            if (n < f0)
                continue;
            S& out = m_result.signal[std::size_t(n)];
            if (n >= f1) {
                out = x[i];
                continue;
            }
            const double w = 0.5 - 0.5 * std::cos(std::numbers::pi * (double(n - f0) + 0.5) / np);
            out = out * (1 - w) + x[i] * w;
        }
    }

    const MagnitudeGrid& m_t;
    const StftParams& m_p;
    std::int64_t m_length;
    const PhaseRetrievalOptions& m_o;
    JobControl& m_job;
    const IterationFn& m_onIteration;
    Plan m_plan;
    PhaseRetrievalResult<S> m_result;
    std::vector<double> m_carried, m_diff;
    std::vector<char> m_known;
    double m_norm = 0, m_initialDiff = 0;
    bool m_haveDiff = false;
};

} // namespace

template <typename S>
PhaseRetrievalResult<S> retrieveInBlocks(const MagnitudeGrid& target, const StftParams& params,
                                         std::int64_t length, const PhaseRetrievalOptions& o,
                                         JobControl& job, const IterationFn& onIteration) {
    return BlockRunner<S>(target, params, length, o, job, onIteration).run();
}

template PhaseRetrievalResult<double> retrieveInBlocks(const MagnitudeGrid&, const StftParams&,
                                                       std::int64_t, const PhaseRetrievalOptions&,
                                                       JobControl&, const IterationFn&);
template PhaseRetrievalResult<Complex> retrieveInBlocks(const MagnitudeGrid&, const StftParams&,
                                                        std::int64_t, const PhaseRetrievalOptions&,
                                                        JobControl&, const IterationFn&);

} // namespace specedit::core
