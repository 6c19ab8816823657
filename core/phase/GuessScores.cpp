#include "phase/GuessScores.h"

#include "phase/StftOperator.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;

template <typename S>
double inconsistencyOf(const ImportedSpectrum& x, const StftParams& p, std::int64_t frames) {
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

template <typename S>
double detrendedInconsistencyOf(const ImportedSpectrum& x, const StftParams& p, Detrend d) {
    const FrameGeometry g{(x.frames - 1) * p.hop() + p.nperseg, x.frames, 0};
    const auto y = detrendedAnalysis(detrendedInverse<S>(x.values, p, g, d).signal, p, g, d);
    double diff = 0, norm = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        diff += std::norm(y[i] - x.values[i]);
        norm += std::norm(x.values[i]);
    }
    return std::sqrt(diff / std::max(norm, 1e-300));
}

template <typename S>
double gainOf(const ImportedSpectrum& x, const StftParams& p, std::int64_t frames,
              const JobControl& outer) {
    PhaseRetrievalOptions o;
    o.iterations = 20;
    o.threads = 1;
    // The frames whole, from the first one's first sample: centred on a signal cut at the
    // block's end, the last frame's far half (signal in the recording) had nothing to match,
    // which cost the true hop more than a shorter one (Blackman 256 at hop 128 on the first
    // 256 frames of 8 kHz speech: -24 dB, -33 dB whole).
    o.framing.centred = false;
    const std::int64_t length = lengthForFrames(p, frames, o.framing);
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

} // namespace

double inconsistency(const ImportedSpectrum& x, const StftParams& p, bool complexSignal,
                     Detrend detrend) {
    if (detrend != Detrend::None)
        return complexSignal ? detrendedInconsistencyOf<Complex>(x, p, detrend)
                             : detrendedInconsistencyOf<double>(x, p, detrend);
    return complexSignal ? inconsistencyOf<Complex>(x, p, x.frames)
                         : inconsistencyOf<double>(x, p, x.frames);
}

double consistencyGainDb(const ImportedSpectrum& x, const StftParams& p, bool complexSignal,
                         const JobControl& job) {
    return complexSignal ? gainOf<Complex>(x, p, x.frames, job)
                         : gainOf<double>(x, p, x.frames, job);
}

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

std::int64_t loudestRun(const std::vector<double>& energy, std::int64_t frames) {
    const auto total = std::int64_t(energy.size());
    frames = std::min(total, frames);
    std::vector<double> sum(energy.size() + 1, 0.0);
    std::partial_sum(energy.begin(), energy.end(), sum.begin() + 1);
    std::int64_t best = 0;
    for (std::int64_t j = 0; j + frames <= total; ++j)
        if (sum[std::size_t(j + frames)] - sum[std::size_t(j)] >
            sum[std::size_t(best + frames)] - sum[std::size_t(best)])
            best = j;
    return best;
}

} // namespace specedit::core
