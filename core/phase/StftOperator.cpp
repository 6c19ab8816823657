#include "phase/StftOperator.h"

#include "dsp/Stft.h"
#include "util/Error.h"

#include <algorithm>
#include <future>
#include <numeric>

namespace specedit::core {
namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { // b > 0
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace

template <typename S> struct StftOperator<S>::Workspace {
    AlignedBuffer<S> time;
    AlignedBuffer<Complex> freq;
    AlignedBuffer<S> timeOut;
};

template <typename S>
StftOperator<S>::StftOperator(const StftParams& params, std::int64_t length, std::int64_t frames,
                              std::int64_t base, unsigned threads)
    : m_params(params), m_length(length), m_frames(frames), m_base(base) {
    params.validate();
    if (length < 1 || frames < 1)
        throw Error("phase retrieval",
                    "a signal of " + std::to_string(length) + " samples and " +
                        std::to_string(frames) + " frames",
                    "at least one sample and one frame");
    m_nperseg = params.nperseg;
    m_hop = params.hop();
    m_bins = params.bins(kComplexSignal);
    const auto w = makeWindow(params.window, params.nperseg);
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    if (sum == 0.0)
        throw Error("--window", "window " + toString(params.window) + " sums to zero",
                    "a window with nonzero sum");
    std::vector<double> den(std::size_t(length), 0.0);
    for (std::size_t m = 0; m < w.size(); ++m) {
        m_analysis.push_back(w[m] / sum);
        m_synthesis.push_back(w[m] * sum / params.nfft);
    }
    m_adjoint = m_analysis;
    for (std::int64_t j = 0; j < frames; ++j) {
        const std::int64_t s = j * m_hop + base;
        for (int m = std::max<int>(0, int(-s)); m < m_nperseg && s + m < length; ++m)
            den[std::size_t(s + m)] += w[std::size_t(m)] * w[std::size_t(m)];
    }
    m_inverseNorm.resize(den.size());
    for (std::size_t n = 0; n < den.size(); ++n)
        m_inverseNorm[n] = den[n] > 1e-10 ? 1.0 / den[n] : 1.0;
    m_forward = std::make_unique<FftPlan<double>>(
        kComplexSignal ? FftKind::ComplexForward : FftKind::RealForward, params.nfft);
    m_inverse = std::make_unique<FftPlan<double>>(
        kComplexSignal ? FftKind::ComplexInverse : FftKind::RealInverse, params.nfft);
    if (threads != 1)
        m_pool = std::make_unique<ThreadPool>(threads);
    for (unsigned i = 0; i < workers(); ++i) {
        auto ws = std::make_unique<Workspace>();
        ws->time.resize(std::size_t(params.nfft));
        ws->freq.resize(std::size_t(params.nfft));
        ws->timeOut.resize(std::size_t(params.nfft));
        std::fill_n(ws->time.data(), params.nfft, S{});
        m_workspaces.push_back(std::move(ws));
    }
}

template <typename S> StftOperator<S>::~StftOperator() = default;

template <typename S>
StftOperator<S> StftOperator<S>::wholeSignal(const StftParams& params, std::int64_t length,
                                             unsigned threads) {
    const Stft<S> shape(params, StftDirections::Forward);
    return StftOperator(params, length, shape.frameCount(length), -params.nperseg / 2, threads);
}

template <typename S>
void StftOperator<S>::parallel(
    std::int64_t n, const std::function<void(std::int64_t, std::int64_t, unsigned)>& fn) {
    const unsigned w = workers();
    if (w == 1 || n < 2) {
        fn(0, n, 0);
        return;
    }
    const std::int64_t chunk = (n + w - 1) / w;
    std::vector<std::future<void>> tasks;
    for (unsigned i = 1; i < w && i * chunk < n; ++i)
        tasks.push_back(
            m_pool->submit([&fn, i, chunk, n] { fn(i * chunk, std::min(n, (i + 1) * chunk), i); }));
    std::exception_ptr first;
    try {
        fn(0, std::min(n, chunk), 0);
    } catch (...) {
        first = std::current_exception();
    }
    for (auto& t : tasks)
        t.wait();
    for (auto& t : tasks)
        t.get();
    if (first)
        std::rethrow_exception(first);
}

template <typename S> void StftOperator<S>::analyse(const S* x, const FrameFn& fn) {
    parallel(m_frames, [&](std::int64_t j0, std::int64_t j1, unsigned worker) {
        Workspace& ws = *m_workspaces[worker];
        for (std::int64_t j = j0; j < j1; ++j) {
            const std::int64_t s = j * m_hop + m_base;
            for (int m = 0; m < m_nperseg; ++m) {
                const std::int64_t i = s + m;
                ws.time[std::size_t(m)] =
                    (i >= 0 && i < m_length) ? x[i] * m_analysis[std::size_t(m)] : S{};
            }
            m_forward->execute(ws.time.data(), ws.freq.data());
            fn(j, ws.freq.data(), worker);
        }
    });
}

template <typename S> void StftOperator<S>::analyse(const S* x, Complex* out) {
    analyse(x, [&](std::int64_t j, Complex* spectrum, unsigned) {
        std::copy_n(spectrum, m_bins, out + j * m_bins);
    });
}

template <typename S> void StftOperator<S>::synthesise(const Complex* c, S* x) {
    overlapAdd(c, x, Overlap::Inverse);
}

template <typename S> void StftOperator<S>::limitGain(double share) {
    double most = 0; // the largest sum_j w^2 (the least gain)
    for (double g : m_inverseNorm)
        most = std::max(most, 1.0 / g);
    for (double& g : m_inverseNorm)
        g = std::min(g, 1.0 / (share * most));
}

template <typename S> void StftOperator<S>::adjoint(const Complex* r, S* g) {
    overlapAdd(r, g, Overlap::Adjoint);
}

template <typename S> void StftOperator<S>::overlapAdd(const Complex* c, S* x, Overlap kind) {
    parallel(m_length, [&](std::int64_t n0, std::int64_t n1, unsigned worker) {
        overlapAddChunk(c, x, n0, n1, kind, *m_workspaces[worker]);
    });
}

// Writes output samples [n0, n1) only, so workers never share a sample; a frame that straddles
// two chunks is transformed by both (a few frames per chunk).
template <typename S>
void StftOperator<S>::overlapAddChunk(const Complex* c, S* x, std::int64_t n0, std::int64_t n1,
                                      Overlap kind, Workspace& ws) const {
    std::fill(x + n0, x + n1, S{});
    // The first frame that reaches n0: s_j + nperseg > n0.
    const std::int64_t jFirst =
        std::max<std::int64_t>(0, floorDiv(n0 - m_base - m_nperseg, m_hop) + 1);
    const std::vector<double>& window = kind == Overlap::Inverse ? m_synthesis : m_adjoint;
    const int halveFrom = 1, halveTo = m_params.nfft % 2 == 0 ? m_bins - 1 : m_bins;
    for (std::int64_t j = jFirst; j < m_frames; ++j) {
        const std::int64_t s = j * m_hop + m_base;
        if (s >= n1)
            break;
        if (s + m_nperseg <= n0)
            continue;
        std::copy_n(c + j * m_bins, m_bins, ws.freq.data());
        // One-sided adjoint: the c2r transform counts each middle bin twice (Hermitian).
        if (!kComplexSignal && kind == Overlap::Adjoint)
            for (int k = halveFrom; k < halveTo; ++k)
                ws.freq[std::size_t(k)] *= 0.5;
        m_inverse->execute(ws.freq.data(), ws.timeOut.data());
        const int m0 = int(std::max<std::int64_t>(0, n0 - s));
        const int m1 = int(std::min<std::int64_t>(m_nperseg, n1 - s));
        for (int m = m0; m < m1; ++m)
            x[s + m] += ws.timeOut[std::size_t(m)] * window[std::size_t(m)];
    }
    if (kind == Overlap::Inverse)
        for (std::int64_t n = n0; n < n1; ++n)
            x[n] *= m_inverseNorm[std::size_t(n)];
}

template class StftOperator<double>;
template class StftOperator<std::complex<double>>;

} // namespace specedit::core
