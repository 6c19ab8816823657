#include "features/Envelope.h"

#include "features/BandSignal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace specedit::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Blocks below -120 dB re full scale, or 90 dB below the burst, are digital silence (runs of
// exact zeros cut into a recording, and the band-pass's ringing into them), not a receiver's
// noise: they do not count towards the noise floor.
constexpr double kSilence = 1e-12;

double quantile(std::vector<double> v, double q) {
    if (v.empty())
        return kNaN;
    const auto k = std::size_t(std::clamp(q, 0.0, 1.0) * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

// The mean of x over m samples centred on each sample (fewer at the ends).
std::vector<double> movingAverage(const std::vector<double>& x, int m) {
    const auto n = std::int64_t(x.size());
    std::vector<double> prefix(x.size() + 1, 0.0);
    std::partial_sum(x.begin(), x.end(), prefix.begin() + 1);
    std::vector<double> out(x.size());
    for (std::int64_t i = 0; i < n; ++i) {
        const auto lo = std::max<std::int64_t>(0, i - (m - 1) / 2);
        const auto hi = std::min<std::int64_t>(n, lo + m);
        out[std::size_t(i)] = (prefix[std::size_t(hi)] - prefix[std::size_t(lo)]) / double(hi - lo);
    }
    return out;
}

std::vector<double> marginValues(const BandSignal& band, const std::vector<double>& v) {
    std::vector<double> out;
    for (auto n = band.validBegin; n < band.validEnd; ++n)
        if (n < band.burstBegin || n >= band.burstEnd)
            out.push_back(v[std::size_t(n)]);
    return out;
}

double noisePower(const BandSignal& band, double onPower) {
    const double silence = std::max({kSilence, onPower * 1e-9, band.silence});
    std::vector<double> blocks;
    constexpr int kBlock = 32;
    auto occupied = [&](std::int64_t from, std::int64_t to) {
        return std::any_of(band.occupied.begin(), band.occupied.end(),
                           [&](const auto& o) { return o.first < to && from < o.second; });
    };
    auto addBlocks = [&](std::int64_t from, std::int64_t to) {
        for (auto s = from; s + kBlock <= to; s += kBlock) {
            if (occupied(s, s + kBlock)) // another label's burst, not noise
                continue;
            double sum = 0;
            for (int i = 0; i < kBlock; ++i)
                sum += std::norm(band.samples[std::size_t(s + i)]);
            if (sum / kBlock > silence)
                blocks.push_back(sum / kBlock);
        }
    };
    addBlocks(band.validBegin, band.burstBegin);
    addBlocks(band.burstEnd, band.validEnd);
    // The 10th percentile stays on the noise when up to 90 % of the margins hold other
    // bursts; the mean of 32 complex noise samples is Gamma(32, 1/32) distributed, whose 10th
    // percentile is 0.7815 of the mean (Wilson-Hilferty), so dividing by it is unbiased.
    return quantile(blocks, 0.1) / 0.7815;
}

double db(double power) {
    return 10 * std::log10(std::max(power, 1e-30));
}

// First index from `from` (stepping by `step`) whose value reaches `level`; -1 if none.
std::int64_t firstReaching(const std::vector<double>& a, std::int64_t from, std::int64_t to,
                           int step, double level) {
    for (auto n = from; n != to; n += step)
        if (a[std::size_t(n)] >= level)
            return n;
    return -1;
}

// 10 % to 90 % of the step at the first rise (last fall). The step's top is the level just
// after the edge (the median over the next eighth of the burst, at least 8 envelope lengths),
// not the whole burst's: a burst whose level wanders by a few dB reached 90 % of its mean only
// where it grew louder, and a remote's sharp edge (under 1 ms) read 7.8 ms.
double edgeTime(const BandSignal& band, const Envelope& env, bool rising) {
    const auto& a = env.amplitude;
    const std::int64_t pad = band.burstLength() / 4;
    const std::int64_t begin = std::max(band.validBegin, band.burstBegin - pad);
    const std::int64_t end = std::min(band.validEnd, band.burstEnd + pad);
    const int step = rising ? 1 : -1;
    // The edge is found halfway in decibels from the noise to the burst: a burst whose start
    // lies 4 dB under its loudest still crosses that at its edge.
    const double mid = std::sqrt(std::max(env.noiseLevel, 1e-30) * env.onLevel);
    const std::int64_t n50 = rising ? firstReaching(a, begin, end, 1, mid)
                                    : firstReaching(a, end - 1, begin - 1, -1, mid);
    if (n50 < 0)
        return kNaN;
    const std::int64_t span = std::max<std::int64_t>(8 * env.smoothing, band.burstLength() / 8);
    std::vector<double> after;
    for (std::int64_t n = n50; n >= begin && n < end && std::abs(n - n50) < span; n += step)
        after.push_back(a[std::size_t(n)]);
    const double top = std::max(mid, quantile(after, 0.5));
    const double lo = env.noiseLevel + 0.1 * (top - env.noiseLevel);
    const double hi = env.noiseLevel + 0.9 * (top - env.noiseLevel);
    const std::int64_t n90 =
        rising ? firstReaching(a, n50, end, 1, hi) : firstReaching(a, n50, begin - 1, -1, hi);
    if (n90 < 0)
        return kNaN;
    std::int64_t n10 = n90; // back from the top: a faint shelf before the edge is not the step
    while (n10 - step >= begin && n10 - step < end && a[std::size_t(n10)] > lo)
        n10 -= step;
    return double(std::abs(n90 - n10)) / band.rate;
}

} // namespace

void debounce(std::vector<int>& states, int minRun) {
    std::size_t i = 0;
    while (i < states.size()) {
        std::size_t j = i;
        while (j < states.size() && states[j] == states[i])
            ++j;
        if (i > 0 && j - i < std::size_t(minRun) && j < states.size())
            std::fill(states.begin() + std::ptrdiff_t(i), states.begin() + std::ptrdiff_t(j),
                      states[i - 1]);
        i = j;
    }
}

Envelope envelopeOf(const BandSignal& band) {
    Envelope env;
    env.smoothing = std::max(1, int(std::lround(band.rate / band.width)));
    std::vector<double> mag(band.samples.size());
    std::transform(band.samples.begin(), band.samples.end(), mag.begin(),
                   [](auto v) { return std::abs(v); });
    env.amplitude = movingAverage(mag, env.smoothing);
    const std::vector<double> inBox(env.amplitude.begin() + band.burstBegin,
                                    env.amplitude.begin() + band.burstEnd);
    env.onLevel = quantile(inBox, 0.9);
    const auto margins = marginValues(band, env.amplitude);
    env.noiseLevel = margins.size() >= 8 ? quantile(margins, 0.5) : quantile(inBox, 0.1);
    env.noiseLevel = std::min(env.noiseLevel, env.onLevel);
    const double up = env.noiseLevel + 0.65 * (env.onLevel - env.noiseLevel);
    const double down = env.noiseLevel + 0.35 * (env.onLevel - env.noiseLevel);
    std::vector<int> states(inBox.size());
    int state = inBox.empty() ? 0 : int(inBox[0] >= up);
    for (std::size_t i = 0; i < inBox.size(); ++i) {
        state = state ? int(inBox[i] >= down) : int(inBox[i] >= up);
        states[i] = state;
    }
    debounce(states, env.smoothing);
    env.on.assign(states.begin(), states.end());
    return env;
}

EnvelopeFeatures envelopeFeatures(const BandSignal& band, const Envelope& env) {
    EnvelopeFeatures f;
    const auto len = band.burstLength();
    double sum = 0, onSum = 0, peakAbs = 0;
    std::int64_t onCount = 0, firstOn = -1, lastOn = -1;
    for (std::int64_t i = 0; i < len; ++i) {
        const double p = std::norm(band.burst()[i]);
        sum += p;
        peakAbs = std::max(peakAbs, std::sqrt(p));
        if (env.on[std::size_t(i)]) {
            onSum += p;
            ++onCount;
            lastOn = i;
            if (firstOn < 0)
                firstOn = i;
        }
        if (i > 0 && env.on[std::size_t(i)] != env.on[std::size_t(i - 1)])
            ++f.transitions;
    }
    const double mean = sum / double(len);
    std::vector<double> power(band.samples.size());
    std::transform(band.samples.begin(), band.samples.end(), power.begin(),
                   [](auto v) { return std::norm(v); });
    const auto smooth = movingAverage(power, env.smoothing);
    f.peakPowerDb =
        db(*std::max_element(smooth.begin() + band.burstBegin, smooth.begin() + band.burstEnd));
    f.meanPowerDb = db(mean);
    const double pOn = onCount ? onSum / double(onCount) : mean;
    const double noise = noisePower(band, pOn);
    f.noisePowerDb = std::isnan(noise) ? kNaN : db(noise);
    f.snrDb = std::isnan(noise) ? kNaN : db(pOn / noise);
    f.crestDb = 20 * std::log10(std::max(peakAbs, 1e-30) / std::sqrt(std::max(mean, 1e-60)));
    f.dutyCycle = double(onCount) / double(len);
    f.onTime = firstOn < 0 ? 0.0 : double(lastOn - firstOn + 1) / band.rate;
    f.riseTime = edgeTime(band, env, true);
    f.fallTime = edgeTime(band, env, false);
    return f;
}

} // namespace specedit::core
