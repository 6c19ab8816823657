#include "dsp/Stft.h"

#include "util/Error.h"

#include <algorithm>
#include <numeric>

namespace specedit::core {
namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

} // namespace

template <typename S>
Stft<S>::Stft(const StftParams& params, StftDirections directions) : m_params(params) {
    m_params.validate();
    const auto w = makeWindow(params.window, params.nperseg);
    m_window.assign(w.begin(), w.end());
    for (double v : w)
        m_windowSquared.push_back(Real(v * v));
    m_windowSum = std::accumulate(w.begin(), w.end(), 0.0);
    if (m_windowSum == 0.0)
        throw Error("--window", "window " + toString(params.window) + " sums to zero",
                    "a window with nonzero sum (spectrum scaling divides by it)");
    makeDerivedWindows(w);
    const FftKind fwd = kComplexInput ? FftKind::ComplexForward : FftKind::RealForward;
    const FftKind inv = kComplexInput ? FftKind::ComplexInverse : FftKind::RealInverse;
    m_forwardPlan = std::make_unique<FftPlan<Real>>(fwd, params.nfft);
    if (directions == StftDirections::Both)
        m_inversePlan = std::make_unique<FftPlan<Real>>(inv, params.nfft);
}

template <typename S> Stft<S>::~Stft() = default;

template <typename S> void Stft<S>::makeDerivedWindows(const std::vector<double>& w) {
    const auto hopSize = std::size_t(hop());
    std::vector<double> periodic(hopSize, 0.0);
    for (std::size_t m = 0; m < w.size(); ++m)
        periodic[m % hopSize] += w[m] * w[m];
    for (std::size_t m = 0; m < w.size(); ++m) {
        const double synthesis = w[m] * m_windowSum / m_params.nfft;
        m_analysis.push_back(Real(w[m] / m_windowSum));
        m_synthesis.push_back(Real(synthesis));
        m_dual.push_back(Real(synthesis / periodic[m % hopSize]));
    }
}

template <typename S> void Stft<S>::requireInverse() const {
    if (!m_inversePlan)
        throw Error("Stft", "this transform was made for forward use only",
                    "StftDirections::Both for inverse transforms");
}

template <typename S> std::int64_t Stft<S>::frameCount(std::int64_t n) const {
    if (n <= 0)
        return 0;
    const std::int64_t np = nperseg();
    const std::int64_t padded = n + 2 * (np / 2);
    const std::int64_t excess = std::max<std::int64_t>(padded - np, 0);
    const std::int64_t nadd = (hop() - excess % hop()) % hop();
    return (excess + nadd) / hop() + 1;
}

template <typename S> std::int64_t Stft<S>::istftLength(std::int64_t frames) const {
    if (frames <= 0)
        return 0;
    return (frames - 1) * hop() + nperseg() - 2 * (nperseg() / 2);
}

template <typename S>
std::pair<std::int64_t, std::int64_t> Stft<S>::framesCovering(std::int64_t n0, std::int64_t n1,
                                                              std::int64_t total) const {
    const std::int64_t np = nperseg();
    const std::int64_t half = np / 2;
    std::int64_t first = floorDiv(n0 - np + half, hop()) + 1;
    std::int64_t end = floorDiv(n1 + half - 1, hop()) + 1;
    first = std::clamp<std::int64_t>(first, 0, total);
    end = std::clamp<std::int64_t>(end, first, total);
    return {first, end};
}

template <typename S> typename Stft<S>::Workspace Stft<S>::makeWorkspace() const {
    Workspace ws;
    const auto n = std::size_t(m_params.nfft);
    ws.time.resize(n);
    ws.freq.resize(n);
    ws.timeOut.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        ws.time[i] = S{};
    return ws;
}

template <typename S> void Stft<S>::forward(const S* segment, Complex* out, Workspace& ws) const {
    const int np = nperseg();
    for (int m = 0; m < np; ++m)
        ws.time[std::size_t(m)] = segment[m] * m_analysis[std::size_t(m)];
    // Zero padding beyond the window stays zero: makeWorkspace cleared it and we never write it.
    m_forwardPlan->execute(ws.time.data(), ws.freq.data());
    if (out != ws.freq.data())
        std::copy_n(ws.freq.data(), bins(), out);
}

template <typename S>
Spectrogram<typename Stft<S>::Real> stft(const std::vector<S>& x, const StftParams& params) {
    using Real = typename Stft<S>::Real;
    const Stft<S> engine(params);
    auto ws = engine.makeWorkspace();
    Spectrogram<Real> z;
    z.bins = engine.bins();
    z.frames = engine.frameCount(std::int64_t(x.size()));
    z.data.resize(std::size_t(z.frames) * std::size_t(z.bins));
    std::vector<S> segment(std::size_t(engine.nperseg()));
    const auto n = std::int64_t(x.size());
    for (std::int64_t j = 0; j < z.frames; ++j) {
        const std::int64_t s = engine.frameStart(j);
        for (int m = 0; m < engine.nperseg(); ++m) {
            const std::int64_t i = s + m;
            segment[std::size_t(m)] = (i >= 0 && i < n) ? x[std::size_t(i)] : S{};
        }
        engine.forward(segment.data(), &z.at(0, j), ws);
    }
    return z;
}

template <typename S>
std::vector<S> istft(const Spectrogram<typename Stft<S>::Real>& z, const StftParams& params) {
    using Real = typename Stft<S>::Real;
    const Stft<S> engine(params);
    if (z.bins != engine.bins())
        throw Error("istft", "spectrogram has " + std::to_string(z.bins) + " bins",
                    std::to_string(engine.bins()) + " bins for nfft " +
                        std::to_string(params.nfft));
    auto ws = engine.makeWorkspace();
    std::vector<S> x(std::size_t(engine.istftLength(z.frames)));
    std::vector<Real> norm;
    engine.synthesize(
        0, std::int64_t(x.size()), z.frames,
        [&](std::int64_t j, std::complex<Real>* spec) { std::copy_n(&z.at(0, j), z.bins, spec); },
        x.data(), norm, ws);
    return x;
}

template class Stft<float>;
template class Stft<double>;
template class Stft<std::complex<float>>;
template class Stft<std::complex<double>>;

#define SPECEDIT_INSTANTIATE(S)                                                                    \
    template Spectrogram<Stft<S>::Real> stft<S>(const std::vector<S>&, const StftParams&);         \
    template std::vector<S> istft<S>(const Spectrogram<Stft<S>::Real>&, const StftParams&);
SPECEDIT_INSTANTIATE(float)
SPECEDIT_INSTANTIATE(double)
SPECEDIT_INSTANTIATE(std::complex<float>)
SPECEDIT_INSTANTIATE(std::complex<double>)
#undef SPECEDIT_INSTANTIATE

} // namespace specedit::core
