#pragma once
// Short-time Fourier transform and its least-squares inverse, in scipy's conventions (equal
// to float rounding) (scipy.signal.stft / istft with boundary='zeros', padded=True,
// scaling='spectrum', detrend=False).
//
// Forward: the signal x[n] is extended by nperseg/2 zeros at the start (and zeros at the end
// as needed); frame j takes samples x[j*hop - nperseg/2 + m], m = 0..nperseg-1, so its
// centre lies at time j*hop/fs. X_j[k] = (1/sum(w)) * sum_m w[m] x[...] e^{-2 pi i k m/nfft}
// (the segment is zero-padded to nfft). Real input gives nfft/2+1 bins (one-sided), complex
// input all nfft bins in FFT order (k >= nfft/2 are negative frequencies k - nfft).
//
// Inverse (Griffin & Lim 1984, eq. 6; scipy's istft): y_j = sum(w) * IFFT(X_j)[0..nperseg),
//   x[n] = sum_j w[n - s_j] y_j[n - s_j] / sum_j w[n - s_j]^2     (s_j = j*hop - nperseg/2),
// wherever the denominator exceeds 1e-10. For an unmodified STFT and NOLA-satisfying
// parameters this returns x exactly up to rounding: measured relative error < 1e-6 (float)
// and < 1e-14 (double) for every supported window (tests/core/dsp/StftTest.cpp).
//
// Sample type S is float, double, std::complex<float> or std::complex<double>.

#include "dsp/FftPlan.h"
#include "dsp/StftParams.h"

#include <algorithm>
#include <complex>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

namespace specedit::core {

template <typename S> struct SampleTraits {
    using Real = S;
    static constexpr bool kComplex = false;
};
template <typename R> struct SampleTraits<std::complex<R>> {
    using Real = R;
    static constexpr bool kComplex = true;
};

// A whole spectrogram in memory, frame-major: value(k, j) = data[j * bins + k].
template <typename Real> struct Spectrogram {
    int bins = 0;
    std::int64_t frames = 0;
    std::vector<std::complex<Real>> data;
    std::complex<Real>& at(int k, std::int64_t j) { return data[std::size_t(j * bins + k)]; }
    const std::complex<Real>& at(int k, std::int64_t j) const {
        return data[std::size_t(j * bins + k)];
    }
};

// Which transforms an Stft plans: forward-only users (analysis, display) skip the inverse.
enum class StftDirections { Both, Forward };

template <typename S> class Stft {
public:
    using Real = typename SampleTraits<S>::Real;
    using Complex = std::complex<Real>;
    static constexpr bool kComplexInput = SampleTraits<S>::kComplex;

    // Per-thread scratch; make one per worker with makeWorkspace() and reuse it.
    struct Workspace {
        AlignedBuffer<S> time;       // nfft samples
        AlignedBuffer<Complex> freq; // nfft bins
        AlignedBuffer<S> timeOut;    // nfft samples (inverse output)
    };

    // Validates params (throws Error) and makes the window and FFTW plans once.
    explicit Stft(const StftParams& params, StftDirections directions = StftDirections::Both);
    ~Stft();

    const StftParams& params() const { return m_params; }
    int bins() const { return m_params.bins(kComplexInput); }
    int hop() const { return m_params.hop(); }
    int nperseg() const { return m_params.nperseg; }
    const std::vector<Real>& window() const { return m_window; }
    double windowSum() const { return m_windowSum; }

    // Number of frames scipy produces for a signal of n samples (n >= 0).
    std::int64_t frameCount(std::int64_t n) const;
    // First input sample of frame j (may be negative: boundary zeros).
    std::int64_t frameStart(std::int64_t j) const { return j * hop() - nperseg() / 2; }
    // Length of scipy.signal.istft's output for `frames` frames.
    std::int64_t istftLength(std::int64_t frames) const;

    Workspace makeWorkspace() const;

    // segment: nperseg input samples of one frame. out: bins() values. Any thread.
    void forward(const S* segment, Complex* out, Workspace& ws) const;

    // Least-squares overlap-add of frames [0, totalFrames) onto output samples [n0, n1)
    // (input-signal indices). frameFn(j, Complex* spectrumOut) supplies frame j's spectrum.
    // out must hold n1 - n0 samples; norm is scratch the caller owns (resized here).
    template <typename FrameFn>
    void synthesize(std::int64_t n0, std::int64_t n1, std::int64_t totalFrames, FrameFn&& frameFn,
                    S* out, std::vector<Real>& norm, Workspace& ws) const;

    // First and one-past-last frame touching output samples [n0, n1), clipped to [0, total).
    std::pair<std::int64_t, std::int64_t> framesCovering(std::int64_t n0, std::int64_t n1,
                                                         std::int64_t total) const;

private:
    void makeDerivedWindows(const std::vector<double>& w);
    void requireInverse() const; // throws Error for a forward-only Stft

    StftParams m_params;
    std::vector<Real> m_window;
    std::vector<Real> m_analysis;  // w / sum(w): spectrum scaling folded into the window
    std::vector<Real> m_synthesis; // w * sum(w) / nfft: undoes the scaling and FFTW's n
    std::vector<Real> m_dual;      // m_synthesis / (hop-periodic sum of w^2)
    std::vector<Real> m_windowSquared;
    double m_windowSum = 0.0;
    std::unique_ptr<FftPlan<Real>> m_forwardPlan;
    std::unique_ptr<FftPlan<Real>> m_inversePlan;
};

// Whole-signal transforms (scipy.signal.stft / istft). For recordings larger than memory use
// Stft::forward / synthesize in blocks instead.
template <typename S>
Spectrogram<typename Stft<S>::Real> stft(const std::vector<S>& x, const StftParams& params);
template <typename S>
std::vector<S> istft(const Spectrogram<typename Stft<S>::Real>& z, const StftParams& params);

// ---- template implementation -------------------------------------------------------------

template <typename S>
template <typename FrameFn>
void Stft<S>::synthesize(std::int64_t n0, std::int64_t n1, std::int64_t totalFrames,
                         FrameFn&& frameFn, S* out, std::vector<Real>& norm, Workspace& ws) const {
    requireInverse();
    const std::int64_t len = n1 - n0;
    std::fill(out, out + len, S{});
    const auto [jFirst, jEnd] = framesCovering(n0, n1, totalFrames);
    const int np = nperseg();
    // Where every frame that could cover a sample exists, the least-squares denominator is
    // the hop-periodic sum of w^2, already folded into m_dual: no per-sample division.
    const bool interior = n0 + np / 2 >= np - hop() && n1 + np / 2 <= totalFrames * hop();
    if (!interior)
        norm.assign(std::size_t(len), Real(0));
    for (std::int64_t j = jFirst; j < jEnd; ++j) {
        frameFn(j, ws.freq.data());
        m_inversePlan->execute(ws.freq.data(), ws.timeOut.data());
        const std::int64_t s = frameStart(j);
        const int m0 = int(std::max<std::int64_t>(0, n0 - s));
        const int m1 = int(std::min<std::int64_t>(np, n1 - s));
        S* dst = out + (s - n0);
        const S* src = ws.timeOut.data();
        if (interior) {
            for (int m = m0; m < m1; ++m)
                dst[m] += src[m] * m_dual[std::size_t(m)];
            continue;
        }
        Real* nd = norm.data() + (s - n0);
        for (int m = m0; m < m1; ++m) {
            dst[m] += src[m] * m_synthesis[std::size_t(m)];
            nd[m] += m_windowSquared[std::size_t(m)];
        }
    }
    if (!interior)
        for (std::int64_t i = 0; i < len; ++i)
            if (norm[std::size_t(i)] > Real(1e-10))
                out[i] /= norm[std::size_t(i)];
}

} // namespace specedit::core
