#include "phase/Detrend.h"

#include "dsp/FftPlan.h"
#include "dsp/Window.h"
#include "phase/TrendSystem.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;
template <typename S> constexpr bool kComplex = !std::is_same_v<S, double>;

int trendTerms(Detrend d) {
    return d == Detrend::Linear ? 2 : 1;
}

template <typename S> int binsOf(const StftParams& p) {
    return p.bins(kComplex<S>);
}

void requireGeometry(std::size_t values, int bins, const FrameGeometry& g, Detrend d) {
    if (d == Detrend::None)
        throw Error("--detrend", "none", "constant or linear for a detrended inverse");
    if (g.frames < 1 || values != std::size_t(bins) * std::size_t(g.frames) || g.length < 1)
        throw Error("detrend", std::to_string(values) + " spectral values",
                    std::to_string(g.frames) + " frames of " + std::to_string(bins) + " bins");
}

// Each frame's windowed segment w (s_j - B c_j): sum(w) IFFT(X_j), its first nperseg samples.
template <typename S>
std::vector<S> windowedSegments(const std::vector<Complex>& spectra, const StftParams& p,
                                std::int64_t frames, double windowSum) {
    const int bins = binsOf<S>(p), n = p.nperseg;
    const double scale = windowSum / p.nfft; // FFTW's inverse is unnormalised
    std::vector<S> out(std::size_t(frames) * std::size_t(n));
    const FftPlan<double> plan(kComplex<S> ? FftKind::ComplexInverse : FftKind::RealInverse,
                               p.nfft);
    AlignedBuffer<Complex> in{std::size_t(bins)};
    AlignedBuffer<S> time{std::size_t(p.nfft)};
    for (std::int64_t j = 0; j < frames; ++j) {
        std::copy_n(spectra.begin() + std::ptrdiff_t(j * bins), bins, in.data());
        if constexpr (kComplex<S>)
            plan.execute(static_cast<const Complex*>(in.data()), time.data());
        else
            plan.execute(in.data(), time.data());
        for (int m = 0; m < n; ++m)
            out[std::size_t(j * n + m)] = time[std::size_t(m)] * scale;
    }
    return out;
}

// Frames that never reach the padding see neither the signal's own mean (or line) nor, barely,
// its drifts slow against a frame (a line's worth of any drift is taken from each): on 30 s of
// scipy.signal.spectrogram's frames (12.5 % overlap, no padding) detrended linearly, a drift of
// 0.06 changed the frames by -147 dB, and the least-squares signal wandered that far from the
// signal (0.24 of its RMS). There each sample also pays this much (a window's peak weight is 1)
// for its own square: of the signals that fit the frames, the one with least energy in what
// they barely see (there 5e-5 of the RMS), and zero mean (or line) where none is seen. What
// the frames see moves by about this fraction of it, a drift they see weakly by more (1e-7
// of a line of 0.95 over 4700 samples). Padded frames pin the drifts: no ridge there (it moved
// scipy's stft of a line by 6e-5).
constexpr double kSignalRidge = 1e-12;

// The frames holding sample n with a non-zero window there, and their segment values.
template <typename S>
void sharesOf(std::int64_t n, const FrameGeometry& g, const StftParams& p,
              const std::vector<double>& w, const std::vector<S>& y,
              std::vector<TrendShare<S>>& out) {
    out.clear();
    const std::int64_t hop = p.hop(), rel = n - g.base;
    const std::int64_t first = std::max<std::int64_t>(0, (rel - p.nperseg) / hop);
    const std::int64_t last = std::min(g.frames - 1, rel >= 0 ? rel / hop : -1);
    for (std::int64_t j = first; j <= last; ++j) {
        const std::int64_t m = rel - j * hop;
        if (m < 0 || m >= p.nperseg || w[std::size_t(m)] == 0)
            continue;
        const double wm = w[std::size_t(m)];
        out.push_back({j, m, wm * wm, y[std::size_t(j * p.nperseg + m)] / wm});
    }
}

// A frame that shares no sample with another where both windows are non-zero, nor reaches the
// padding, has a trend nothing tells (the ridge would only set it to zero).
void requireTied(const std::vector<char>& tied) {
    const auto loose = std::find(tied.begin(), tied.end(), 0);
    if (tied.size() > 1 && loose != tied.end())
        throw Error("detrend",
                    "frame " + std::to_string(loose - tied.begin()) +
                        "'s trend is tied to no other frame",
                    "frames that overlap where the window is not zero");
}

// Takes away x's mean (or least-squares line) over the samples some frame holds.
template <typename S>
void removeTrend(std::vector<S>& x, const std::vector<char>& held, int terms) {
    const int n = int(x.size());
    std::int64_t count = 0;
    double centre = 0;
    for (int i = 0; i < n; ++i)
        if (held[std::size_t(i)]) {
            ++count;
            centre += i;
        }
    if (count == 0)
        return;
    centre /= double(count);
    S mean{}, slope{};
    double spread = 0;
    for (int i = 0; i < n; ++i)
        if (held[std::size_t(i)]) {
            mean += x[std::size_t(i)];
            slope += (i - centre) * x[std::size_t(i)];
            spread += (i - centre) * (i - centre);
        }
    mean /= double(count);
    slope = (terms > 1 && spread > 0) ? slope / spread : S{};
    for (int i = 0; i < n; ++i)
        if (held[std::size_t(i)])
            x[std::size_t(i)] -= mean + (i - centre) * slope;
}

// A sample that lies only where windows are zero (the first of a signal whose frames start
// there, under a window that starts at 0) is in no windowed segment, but its frame's trend
// was fitted with it: the detrended segment sums to zero, so it is the one value that makes
// it (when it is the only such sample of a frame inside the signal).
template <typename S>
void fillZeroWeightSamples(std::vector<S>& x, std::vector<char>& held, const std::vector<S>& y,
                           const std::vector<S>& c, const std::vector<double>& w,
                           const FrameGeometry& g, const StftParams& p, int terms) {
    const int n = p.nperseg;
    for (std::int64_t j = 0; j < g.frames; ++j) {
        const std::int64_t start = g.base + j * p.hop();
        auto trend = [&](int m) {
            S t{};
            for (int i = 0; i < terms; ++i)
                t += trendBasis(i, m, n) * c[std::size_t(j * terms + i)];
            return t;
        };
        int missing = -1, count = 0;
        S rest{}; // the detrended segment's sum without the missing sample
        for (int m = 0; m < n; ++m) {
            const std::int64_t i = start + m;
            const bool inside = i >= 0 && i < g.length;
            if (w[std::size_t(m)] != 0)
                rest += y[std::size_t(j * n + m)] / w[std::size_t(m)];
            else if (!inside)
                rest -= trend(m); // a padded zero
            else if (held[std::size_t(i)])
                rest += x[std::size_t(i)] - trend(m);
            else {
                missing = m;
                ++count;
            }
        }
        if (count != 1)
            continue;
        x[std::size_t(start + missing)] = trend(missing) - rest;
        held[std::size_t(start + missing)] = 1;
    }
}

} // namespace

Detrend parseDetrend(std::string_view text, std::string_view option) {
    if (text == "none" || text == "false")
        return Detrend::None;
    if (text == "constant")
        return Detrend::Constant;
    if (text == "linear")
        return Detrend::Linear;
    throw Error(std::string(option), "unknown detrend '" + std::string(text) + "'",
                "none, constant (each frame's mean taken away: scipy.signal.spectrogram's "
                "default) or linear");
}

std::string toString(Detrend detrend) {
    switch (detrend) {
    case Detrend::Constant:
        return "constant";
    case Detrend::Linear:
        return "linear";
    default:
        return "none";
    }
}

template <typename S>
DetrendedInverse<S> detrendedInverse(const std::vector<Complex>& spectra, const StftParams& p,
                                     const FrameGeometry& g, Detrend detrend) {
    requireGeometry(spectra.size(), binsOf<S>(p), g, detrend);
    const auto w = makeWindow(p.window, p.nperseg);
    const auto y =
        windowedSegments<S>(spectra, p, g.frames, std::accumulate(w.begin(), w.end(), 0.0));
    const int terms = trendTerms(detrend), band = (p.nperseg - 1) / p.hop();
    const std::int64_t begin = g.base, end = g.base + (g.frames - 1) * p.hop() + p.nperseg;
    std::vector<TrendShare<S>> shares;
    bool padded = false;
    for (std::int64_t n = begin; n < end && !padded;
         n = n < 0 ? n + 1 : std::max(n + 1, g.length)) {
        sharesOf(n, g, p, w, y, shares);
        padded = (n < 0 || n >= g.length) && !shares.empty();
    }
    const double ridge = padded ? 0.0 : kSignalRidge;
    TrendSystem<S> system(g.frames, terms, band, p.nperseg, ridge);
    std::vector<char> tied(std::size_t(g.frames), 0); // to a neighbour or the padding
    for (std::int64_t n = begin; n < end; ++n) {
        sharesOf(n, g, p, w, y, shares);
        const bool inside = n >= 0 && n < g.length;
        for (const auto& s : shares)
            tied[std::size_t(s.frame)] |= char(shares.size() > 1 || !inside);
        system.add(shares, inside);
    }
    requireTied(tied);
    const auto c = system.solve();
    DetrendedInverse<S> out;
    out.signal.assign(std::size_t(g.length), S{});
    std::vector<char> held(std::size_t(g.length), 0);
    for (std::int64_t n = std::max<std::int64_t>(0, begin); n < std::min(end, g.length); ++n) {
        sharesOf(n, g, p, w, y, shares);
        double total = 0;
        S sum{};
        for (const auto& s : shares) {
            S trend{};
            for (int i = 0; i < terms; ++i)
                trend += trendBasis(i, s.m, p.nperseg) * c[std::size_t(s.frame * terms + i)];
            total += s.u;
            sum += s.u * (s.d + trend);
        }
        if (total > 0) {
            out.signal[std::size_t(n)] = sum / (total + ridge);
            held[std::size_t(n)] = 1;
        }
    }
    fillZeroWeightSamples(out.signal, held, y, c, w, g, p, terms);
    if (!padded) {
        removeTrend(out.signal, held, terms);
        out.trendLost = true;
    }
    return out;
}

template <typename S>
std::vector<Complex> detrendedAnalysis(const std::vector<S>& x, const StftParams& p,
                                       const FrameGeometry& g, Detrend detrend) {
    const auto w = makeWindow(p.window, p.nperseg);
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    const int bins = binsOf<S>(p), n = p.nperseg, terms = trendTerms(detrend);
    const FftPlan<double> plan(kComplex<S> ? FftKind::ComplexForward : FftKind::RealForward,
                               p.nfft);
    AlignedBuffer<S> segment{std::size_t(p.nfft)};
    AlignedBuffer<Complex> spectrum{std::size_t(kComplex<S> ? p.nfft : bins)};
    std::vector<Complex> out(std::size_t(bins) * std::size_t(g.frames));
    for (std::int64_t j = 0; j < g.frames; ++j) {
        const std::int64_t start = g.base + j * p.hop();
        for (int m = 0; m < p.nfft; ++m) {
            const std::int64_t i = start + m;
            segment[std::size_t(m)] =
                (m < n && i >= 0 && i < std::int64_t(x.size())) ? x[std::size_t(i)] : S{};
        }
        for (int t = 0; t < (detrend == Detrend::None ? 0 : terms); ++t) {
            S fit{};
            double norm = 0;
            for (int m = 0; m < n; ++m) {
                fit += trendBasis(t, m, n) * segment[std::size_t(m)];
                norm += trendBasis(t, m, n) * trendBasis(t, m, n);
            }
            fit /= norm;
            for (int m = 0; m < n; ++m)
                segment[std::size_t(m)] -= trendBasis(t, m, n) * fit;
        }
        for (int m = 0; m < n; ++m)
            segment[std::size_t(m)] *= w[std::size_t(m)] / sum;
        plan.execute(segment.data(), spectrum.data());
        std::copy_n(spectrum.data(), bins, out.begin() + std::ptrdiff_t(j * bins));
    }
    return out;
}

template <typename S>
double detrendedConvergenceDb(const MagnitudeGrid& target, const std::vector<S>& x,
                              const StftParams& p, const FrameGeometry& g, Detrend detrend,
                              std::int64_t edgeFrames) {
    const auto z = detrendedAnalysis(x, p, g, detrend);
    if (2 * edgeFrames >= target.frames)
        edgeFrames = 0;
    double error = 0, total = 0;
    for (std::int64_t j = edgeFrames; j < target.frames - edgeFrames; ++j)
        for (int k = 0; k < target.bins; ++k) {
            const double t = target.frame(j)[k];
            const double d = std::abs(z[std::size_t(j * target.bins + k)]) - t;
            error += d * d;
            total += t * t;
        }
    return total > 0 ? 10 * std::log10(std::max(error, 1e-300) / total) : 0.0;
}

template DetrendedInverse<double> detrendedInverse<double>(const std::vector<Complex>&,
                                                           const StftParams&, const FrameGeometry&,
                                                           Detrend);
template DetrendedInverse<Complex> detrendedInverse<Complex>(const std::vector<Complex>&,
                                                             const StftParams&,
                                                             const FrameGeometry&, Detrend);
template std::vector<Complex> detrendedAnalysis<double>(const std::vector<double>&,
                                                        const StftParams&, const FrameGeometry&,
                                                        Detrend);
template double detrendedConvergenceDb<double>(const MagnitudeGrid&, const std::vector<double>&,
                                               const StftParams&, const FrameGeometry&, Detrend,
                                               std::int64_t);
template double detrendedConvergenceDb<Complex>(const MagnitudeGrid&, const std::vector<Complex>&,
                                                const StftParams&, const FrameGeometry&, Detrend,
                                                std::int64_t);
template std::vector<Complex> detrendedAnalysis<Complex>(const std::vector<Complex>&,
                                                         const StftParams&, const FrameGeometry&,
                                                         Detrend);

} // namespace specedit::core
