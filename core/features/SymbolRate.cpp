#include "features/SymbolRate.h"

#include "features/BandSignal.h"
#include "features/Envelope.h"
#include "features/Frequency.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Where v crosses `mid` nearest to index i (searching +-radius), interpolated; i if nowhere.
double refineCrossing(const std::vector<double>& v, std::int64_t i, int radius, double mid) {
    double best = double(i), bestDist = 1e300;
    const auto lo = std::max<std::int64_t>(1, i - radius);
    const auto hi = std::min<std::int64_t>(std::int64_t(v.size()) - 1, i + radius);
    for (auto k = lo; k <= hi; ++k) {
        const double a = v[std::size_t(k - 1)] - mid, b = v[std::size_t(k)] - mid;
        if (std::isnan(a) || std::isnan(b) || (a < 0) == (b < 0) || a == b)
            continue;
        const double t = double(k - 1) + a / (a - b);
        if (std::abs(t - double(i)) < bestDist) {
            bestDist = std::abs(t - double(i));
            best = t;
        }
    }
    return best;
}

std::vector<double> envelopeChanges(const BandSignal& band, const Envelope& env) {
    std::vector<double> times;
    const double mid = 0.5 * (env.onLevel + env.noiseLevel);
    for (std::size_t i = 1; i < env.on.size(); ++i)
        if (env.on[i] != env.on[i - 1])
            times.push_back(refineCrossing(env.amplitude, band.burstBegin + std::int64_t(i),
                                           env.smoothing, mid));
    return times;
}

std::vector<double> frequencyChanges(const Envelope& env, const FrequencyFeatures& freq) {
    std::vector<int> state(freq.track.size(), 0);
    int last = 0;
    for (std::size_t i = 0; i < state.size(); ++i) {
        if (!std::isnan(freq.track[i]))
            last = nearestLevel(freq.levels, freq.track[i]);
        state[i] = last;
    }
    debounce(state, env.smoothing);
    std::vector<double> times;
    for (std::size_t i = 1; i < state.size(); ++i) {
        if (state[i] == state[i - 1])
            continue;
        const double mid =
            0.5 * (freq.levels[std::size_t(state[i])] + freq.levels[std::size_t(state[i - 1])]);
        times.push_back(refineCrossing(freq.track, std::int64_t(i), env.smoothing, mid));
    }
    return times;
}

double fitPeriod(const std::vector<double>& times, double period, int* symbols) {
    std::vector<double> n(times.size(), 0.0);
    for (std::size_t i = 1; i < times.size(); ++i)
        n[i] = n[i - 1] + std::max(1.0, std::round((times[i] - times[i - 1]) / period));
    const double N = double(times.size());
    double mn = 0, mt = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        mn += n[i] / N;
        mt += times[i] / N;
    }
    double snn = 0, snt = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        snn += (n[i] - mn) * (n[i] - mn);
        snt += (n[i] - mn) * (times[i] - mt);
    }
    if (symbols)
        *symbols = int(n.back());
    return snn > 0 ? snt / snn : kNaN;
}

} // namespace

double symbolPeriod(const std::vector<double>& times, int* symbols) {
    if (times.size() < 4)
        return kNaN;
    std::vector<double> d;
    for (std::size_t i = 1; i < times.size(); ++i)
        d.push_back(times[i] - times[i - 1]);
    std::vector<double> sorted = d;
    std::sort(sorted.begin(), sorted.end());
    const double short10 = sorted[sorted.size() / 10];
    std::vector<double> ones;
    for (double v : sorted)
        if (v <= 1.5 * short10)
            ones.push_back(v);
    double period = ones[ones.size() / 2];
    for (int pass = 0; pass < 3 && std::isfinite(period) && period > 0; ++pass)
        period = fitPeriod(times, period, symbols);
    return period;
}

SymbolRateEstimate symbolRate(const BandSignal& band, const Envelope& env,
                              const FrequencyFeatures& freq, bool fromFrequency) {
    SymbolRateEstimate e{kNaN};
    e.fromFrequency = fromFrequency && freq.levels.size() >= 2;
    const auto times = e.fromFrequency ? frequencyChanges(env, freq) : envelopeChanges(band, env);
    e.transitions = int(times.size());
    const double period = symbolPeriod(times, &e.symbols);
    if (std::isfinite(period) && period > 0)
        e.rate = band.rate / period;
    return e;
}

} // namespace specedit::core
