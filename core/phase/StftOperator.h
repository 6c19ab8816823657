#pragma once
// The STFT as a linear operator for iterative phase retrieval: the forward transform A, the
// least-squares inverse A^+ (the ISTFT) and the adjoint A^H, on one signal held in memory,
// with FFTW plans, windows and the ISTFT's normalisation made once and reused by every
// iteration, and frames spread over a thread pool.
//
// Geometry: frame j covers samples s_j + m, m = 0..nperseg-1, with s_j = j * hop + base; samples
// outside [0, length) are zeros. With base = -nperseg/2 and frames = frameCount(length) this is
// exactly scipy's stft/istft (dsp/Stft.h); a block of a long signal uses base = 0.
//
//   A:    X_j[k] = sum_m a[m] x[s_j + m] e^{-2 pi i k m / nfft},   a = w / sum(w)
//   A^+:  x[n] = sum_j w[m] y_j[m] / sum_j w[m]^2,  y_j = sum(w) IFFT(X_j),  m = n - s_j
//   A^H:  g[n] = sum_j a[m] sum_k X_j[k] e^{+2 pi i k m / nfft}   (complex signals; for real
//         signals the one-sided sum counts each bin once and g is its real part)
//
// Spectra are frame-major: value (k, j) at [j * bins + k]. Not thread-safe itself; it uses
// its own threads.

#include "dsp/FftPlan.h"
#include "dsp/StftParams.h"
#include "util/ThreadPool.h"

#include <complex>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace specedit::core {

template <typename S> class StftOperator {
public:
    using Complex = std::complex<double>;
    static constexpr bool kComplexSignal = !std::is_same_v<S, double>;
    // Called once per frame from a worker thread with the frame's spectrum (bins values; the
    // callee may change it in place) and the worker's index in [0, workers()).
    using FrameFn = std::function<void(std::int64_t j, Complex* spectrum, unsigned worker)>;

    // threads 0: every core. Throws Error for invalid parameters or geometry.
    StftOperator(const StftParams& params, std::int64_t length, std::int64_t frames,
                 std::int64_t base, unsigned threads);
    ~StftOperator();
    StftOperator(const StftOperator&) = delete;
    StftOperator& operator=(const StftOperator&) = delete;

    // The geometry of scipy's stft for a whole signal of `length` samples.
    static StftOperator wholeSignal(const StftParams& params, std::int64_t length,
                                    unsigned threads);

    int bins() const { return m_bins; }
    std::int64_t frames() const { return m_frames; }
    std::int64_t length() const { return m_length; }
    std::size_t coefficients() const { return std::size_t(m_frames) * std::size_t(m_bins); }
    unsigned workers() const { return m_pool ? m_pool->size() : 1u; }
    const StftParams& params() const { return m_params; }

    // A x, frame by frame into fn (no spectrogram is stored).
    void analyse(const S* x, const FrameFn& fn);
    // A x into out (coefficients() values).
    void analyse(const S* x, Complex* out);
    // x = A^+ c (length() samples).
    void synthesise(const Complex* c, S* x);
    // g = A^H r (length() samples).
    void adjoint(const Complex* r, S* g);
    // For phase retrieval: A^+ divides by no less than `share` of the largest sum_j w^2.
    // Samples only a window's near-zero end covers (frames from the first sample, a block's
    // ends) are barely constrained by any magnitude; the exact inverse divided retrieved
    // frames' content there by w^2 ~ 1e-8 and the ends came out 180 times the signal. The
    // price: those samples fade towards zero (Hann at 75 %, about the first and last fifth of
    // a window), where no magnitude says much of them anyway.
    void limitGain(double share);

private:
    struct Workspace;
    enum class Overlap { Inverse, Adjoint };
    void overlapAdd(const Complex* c, S* x, Overlap kind);
    void overlapAddChunk(const Complex* c, S* x, std::int64_t n0, std::int64_t n1, Overlap kind,
                         Workspace& ws) const;
    // Runs fn(begin, end, worker) over [0, n) split into one chunk per worker, and waits.
    void parallel(std::int64_t n,
                  const std::function<void(std::int64_t, std::int64_t, unsigned)>& fn);

    StftParams m_params;
    std::int64_t m_length, m_frames, m_base;
    int m_bins, m_nperseg, m_hop;
    std::vector<double> m_analysis;    // a = w / sum(w)
    std::vector<double> m_synthesis;   // w * sum(w) / nfft (undoes a and FFTW's factor nfft)
    std::vector<double> m_adjoint;     // a (the adjoint's window)
    std::vector<double> m_inverseNorm; // 1 / sum_j w^2 per sample (1 where that sum is ~0)
    std::unique_ptr<FftPlan<double>> m_forward, m_inverse;
    std::vector<std::unique_ptr<Workspace>> m_workspaces;
    std::unique_ptr<ThreadPool> m_pool; // absent for one thread
};

extern template class StftOperator<double>;
extern template class StftOperator<std::complex<double>>;

} // namespace specedit::core
