#include "phase/Solvers.h"

#include "util/Error.h"

#include <cmath>
#include <lbfgs.h>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;

double toDb(double diff, double norm) {
    return 10 * std::log10(std::max(diff, 1e-300) / std::max(norm, 1e-300));
}

template <typename S> double sumSquares(const StftOperator<S>& op, const double* magnitude) {
    double norm = 0;
    for (std::size_t i = 0; i < op.coefficients(); ++i)
        norm += magnitude[i] * magnitude[i];
    return norm;
}

// Sum over workers of per-worker partial sums (no atomics in the inner loops).
struct Partials {
    explicit Partials(unsigned n) : values(n, 0.0) {}
    double total() const {
        double t = 0;
        for (double v : values)
            t += v;
        return t;
    }
    std::vector<double> values;
};

// Records iteration n's sum of squares; true when the stop tolerance is reached.
bool record(SolveTrace& trace, int n, double diff, const PhaseRetrievalOptions& o,
            const std::function<void(int, double)>& perIteration) {
    if (n == 0)
        trace.initialDiff = diff;
    trace.diff.push_back(diff);
    const double db = toDb(diff, trace.norm);
    perIteration(n, db);
    return o.stopAtDb && db <= *o.stopAtDb;
}

double modulus(Complex t) {
    return std::sqrt(std::norm(t));
}

// t scaled to modulus s (a = |t|); s with phase 0 where t is 0.
Complex withModulus(Complex t, double a, double s) {
    return a > 0 ? t * (s / a) : Complex(s, 0);
}

Complex projectMagnitude(Complex t, double s) {
    return withModulus(t, modulus(t), s);
}

// One projection onto the consistent spectra: t = A A^+ in (x holds A^+ in afterwards).
// Calls update(i, t_i, |t_i|) for every coefficient, on the analysis workers (each i once),
// and returns sum (|t_i| - S_i)^2.
template <typename S, typename Update>
double projectConsistent(StftOperator<S>& op, const Complex* in, const double* mag,
                         std::vector<S>& x, Update&& update) {
    op.synthesise(in, x.data());
    Partials diff(op.workers());
    const int bins = op.bins();
    op.analyse(x.data(), [&](std::int64_t j, Complex* t, unsigned worker) {
        const std::size_t base = std::size_t(j) * std::size_t(bins);
        double d = 0;
        for (int k = 0; k < bins; ++k) {
            const std::size_t i = base + std::size_t(k);
            const double a = modulus(t[k]);
            d += (a - mag[i]) * (a - mag[i]);
            update(i, t[k], a);
        }
        diff.values[worker] += d;
    });
    return diff.total();
}

// Iterations first .. last-1 of (fast) Griffin-Lim from c (|c| = S at the first).
template <typename S>
void griffinLim(StftOperator<S>& op, const double* mag, std::vector<Complex>& c, double alpha,
                int first, int last, const PhaseRetrievalOptions& o, JobControl& job,
                const std::function<void(int, double)>& perIteration, std::vector<S>& x,
                SolveTrace& trace) {
    std::vector<Complex> previous = c; // t_{-1}: the start itself
    for (int n = first; n < last; ++n) {
        job.checkCancelled();
        const double diff =
            projectConsistent(op, c.data(), mag, x, [&](std::size_t i, Complex t, double a) {
                const Complex p = withModulus(t, a, mag[i]); // P_A
                c[i] = p + alpha * (p - previous[i]);
                previous[i] = p;
            });
        if (record(trace, n, diff, o, perIteration))
            break;
    }
    op.synthesise(previous.data(), x.data());
}

// RAAR with reflections R = 2P - I about the magnitude set (P_A) and the consistent spectra
// (P_B = A A^+): c <- beta/2 (R_B R_A + I) c + (1 - beta) P_A c, which simplifies to
// c <- beta (c + P_B r) + (1 - 2 beta) P_A c with r = R_A c. The figure recorded is the
// spectral convergence of P_B r, the consistent spectrum of this iteration's signal.
template <typename S>
int raar(StftOperator<S>& op, const double* mag, std::vector<Complex>& c, int iterations,
         const PhaseRetrievalOptions& o, JobControl& job,
         const std::function<void(int, double)>& perIteration, std::vector<S>& x,
         SolveTrace& trace) {
    const double beta = o.relaxation;
    std::vector<Complex> r(c.size()); // R_A c, updated with c
    for (std::size_t i = 0; i < c.size(); ++i)
        r[i] = 2.0 * projectMagnitude(c[i], mag[i]) - c[i];
    for (int n = 0; n < iterations; ++n) {
        job.checkCancelled();
        const double diff =
            projectConsistent(op, r.data(), mag, x, [&](std::size_t i, Complex t, double) {
                // P_A c = (r + c) / 2 for the c that r was made from.
                const Complex pa = 0.5 * (r[i] + c[i]);
                c[i] = beta * (c[i] + t) + (1 - 2 * beta) * pa;
                r[i] = 2.0 * projectMagnitude(c[i], mag[i]) - c[i];
            });
        if (record(trace, n, diff, o, perIteration))
            return n + 1;
    }
    return iterations;
}

template <typename S>
void alternatingProjections(StftOperator<S>& op, const double* mag, std::vector<Complex>& c,
                            const PhaseRetrievalOptions& o, JobControl& job,
                            const std::function<void(int, double)>& perIteration, std::vector<S>& x,
                            SolveTrace& trace) {
    if (o.method == PhaseMethod::GriffinLim) {
        griffinLim(op, mag, c, 0.0, 0, o.iterations, o, job, perIteration, x, trace);
        return;
    }
    int done = 0;
    if (o.method == PhaseMethod::Raar) {
        done = raar(op, mag, c, raarIterations(o.iterations), o, job, perIteration, x, trace);
        for (std::size_t i = 0; i < c.size(); ++i)
            c[i] = projectMagnitude(c[i], mag[i]);
    }
    griffinLim(op, mag, c, o.momentum, done, std::max(done + 1, o.iterations), o, job, perIteration,
               x, trace);
}

// libLBFGS's callbacks, on doubles: a complex signal is its interleaved real and imaginary
// parts (std::complex's layout).
template <typename S> struct LbfgsProblem {
    StftOperator<S>* op;
    const double* mag;
    std::vector<Complex> residual;
    const PhaseRetrievalOptions* options;
    JobControl* job;
    const std::function<void(int, double)>* perIteration;
    SolveTrace* trace;
    bool cancelled = false;

    double evaluate(const double* xd, double* gd) {
        const S* x = reinterpret_cast<const S*>(xd);
        const int bins = op->bins();
        Partials f(op->workers());
        op->analyse(x, [&](std::int64_t j, Complex* t, unsigned worker) {
            const std::size_t base = std::size_t(j) * std::size_t(bins);
            double d = 0;
            for (int k = 0; k < bins; ++k) {
                const std::size_t i = base + std::size_t(k);
                const double a = std::sqrt(std::norm(t[k])), s = mag[i];
                d += (a - s) * (a - s);
                residual[i] = a > 0 ? t[k] * (2 * (a - s) / a) : Complex(0, 0);
            }
            f.values[worker] += d;
        });
        op->adjoint(residual.data(), reinterpret_cast<S*>(gd));
        return f.total();
    }
    int progress(double fx, int k) {
        trace->diff.push_back(fx);
        const double db = toDb(fx, trace->norm);
        (*perIteration)(k - 1, db);
        cancelled = job->isCancelled();
        const bool reached = options->stopAtDb && db <= *options->stopAtDb;
        return cancelled || reached ? 1 : 0;
    }
};

template <typename S>
double lbfgsEvaluate(void* instance, const double* x, double* g, int, double) {
    return static_cast<LbfgsProblem<S>*>(instance)->evaluate(x, g);
}

template <typename S>
int lbfgsProgress(void* instance, const double*, const double*, double fx, double, double, double,
                  int, int k, int) {
    return static_cast<LbfgsProblem<S>*>(instance)->progress(fx, k);
}

template <typename S>
void lbfgsSolve(StftOperator<S>& op, const double* mag, const std::vector<Complex>& c,
                const PhaseRetrievalOptions& o, JobControl& job,
                const std::function<void(int, double)>& perIteration, std::vector<S>& x,
                SolveTrace& trace) {
    constexpr int kPerSample = StftOperator<S>::kComplexSignal ? 2 : 1;
    const std::int64_t n = op.length() * kPerSample;
    if (n > std::int64_t(1) << 30)
        throw Error("L-BFGS", std::to_string(n) + " unknowns", "at most 2^30 (use blocks)");
    op.synthesise(c.data(), x.data());
    LbfgsProblem<S> problem{&op,           mag,   std::vector<Complex>(op.coefficients()), &o, &job,
                            &perIteration, &trace};
    std::vector<double> gradient(static_cast<std::size_t>(n));
    trace.initialDiff =
        problem.evaluate(reinterpret_cast<const double*>(x.data()), gradient.data());
    lbfgs_parameter_t p;
    lbfgs_parameter_init(&p);
    p.m = 8;
    p.max_iterations = o.iterations;
    p.epsilon = 1e-12;
    p.max_linesearch = 20;
    double* xd = lbfgs_malloc(int(n));
    std::copy_n(reinterpret_cast<const double*>(x.data()), n, xd);
    double fx = 0;
    const int status = lbfgs(int(n), xd, &fx, lbfgsEvaluate<S>, lbfgsProgress<S>, &problem, &p);
    std::copy_n(xd, n, reinterpret_cast<double*>(x.data()));
    lbfgs_free(xd);
    if (problem.cancelled)
        throw Cancelled();
    // Stopping early (a tolerance, a line search that can gain no more) keeps the best x.
    if (status == LBFGSERR_OUTOFMEMORY)
        throw Error("L-BFGS", "out of memory", "a smaller signal or blocks");
}

} // namespace

template <typename S>
SolveTrace solvePhase(StftOperator<S>& op, const double* magnitude, std::vector<Complex>& c,
                      const PhaseRetrievalOptions& options, JobControl& job,
                      const std::function<void(int, double)>& perIteration, std::vector<S>& x) {
    SolveTrace trace;
    trace.norm = sumSquares(op, magnitude);
    x.assign(std::size_t(op.length()), S{});
    if (options.method == PhaseMethod::Lbfgs)
        lbfgsSolve(op, magnitude, c, options, job, perIteration, x, trace);
    else
        alternatingProjections(op, magnitude, c, options, job, perIteration, x, trace);
    return trace;
}

template SolveTrace solvePhase(StftOperator<double>&, const double*, std::vector<Complex>&,
                               const PhaseRetrievalOptions&, JobControl&,
                               const std::function<void(int, double)>&, std::vector<double>&);
template SolveTrace solvePhase(StftOperator<Complex>&, const double*, std::vector<Complex>&,
                               const PhaseRetrievalOptions&, JobControl&,
                               const std::function<void(int, double)>&, std::vector<Complex>&);

} // namespace specedit::core
