#include "features/Frequency.h"

#include "features/BandSignal.h"
#include "features/Envelope.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace specedit::core {
namespace {

struct Cluster {
    double centre = 0, spread = 0;
    std::size_t count = 0;
};

// Where each centre's members begin in `sorted`: values nearer to a centre than to the others
// (to the lower at a tie, as nearestLevel) are contiguous, the centres being in order; the
// last entry is sorted.size().
std::vector<std::size_t> memberStarts(const std::vector<double>& sorted,
                                      const std::vector<double>& c) {
    std::vector<std::size_t> starts{0};
    for (int j = 0; j + 1 < int(c.size()); ++j)
        starts.push_back(
            std::size_t(std::partition_point(sorted.begin(), sorted.end(),
                                             [&](double v) { return nearestLevel(c, v) <= j; }) -
                        sorted.begin()));
    starts.push_back(sorted.size());
    return starts;
}

// 1-D k-means (Lloyd) on sorted values, at most 30 rounds: each round finds the members'
// ranges by bisection and sums them in order, and it stops once the centres no longer move
// (each value was assigned one at a time: 30 rounds of 2 million values took a tenth of a
// 1 s x 1 MHz burst's features).
std::vector<Cluster> kMeans(const std::vector<double>& sorted, int k) {
    std::vector<double> c(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i)
        c[std::size_t(i)] = sorted[std::size_t((2 * i + 1) * sorted.size() / (2 * std::size_t(k)))];
    for (int iter = 0; iter < 30; ++iter) {
        const auto starts = memberStarts(sorted, c);
        std::vector<double> next = c;
        for (int j = 0; j < k; ++j) {
            const std::size_t a = starts[std::size_t(j)], b = starts[std::size_t(j) + 1];
            if (b > a)
                next[std::size_t(j)] = std::accumulate(sorted.begin() + std::ptrdiff_t(a),
                                                       sorted.begin() + std::ptrdiff_t(b), 0.0) /
                                       double(b - a);
        }
        std::sort(next.begin(), next.end());
        if (next == c)
            break;
        c = std::move(next);
    }
    const auto starts = memberStarts(sorted, c);
    std::vector<Cluster> out(static_cast<std::size_t>(k));
    for (int j = 0; j < k; ++j) {
        const std::size_t a = starts[std::size_t(j)], b = starts[std::size_t(j) + 1];
        auto& cl = out[std::size_t(j)];
        cl.count = b - a;
        if (b == a)
            continue;
        cl.centre = sorted[a + (b - a) / 2]; // the members' median
        double var = 0;
        for (std::size_t i = a; i < b; ++i)
            var += (sorted[i] - cl.centre) * (sorted[i] - cl.centre);
        cl.spread = std::sqrt(var / double(b - a));
    }
    return out;
}

bool separated(const std::vector<Cluster>& cl, std::size_t total) {
    for (std::size_t j = 0; j < cl.size(); ++j) {
        if (double(cl[j].count) < 0.05 * double(total))
            return false;
        if (j > 0 && cl[j].centre - cl[j - 1].centre <= 3 * 0.5 * (cl[j].spread + cl[j - 1].spread))
            return false;
    }
    return true;
}

void findLevels(const std::vector<double>& values, FrequencyFeatures& f) {
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    f.levels = {f.mean};
    for (int k = 4; k >= 2; --k) {
        if (sorted.size() < std::size_t(8 * k))
            continue;
        const auto cl = kMeans(sorted, k);
        if (!separated(cl, sorted.size()))
            continue;
        f.levels.clear();
        for (const auto& c : cl)
            f.levels.push_back(c.centre);
        f.deviation = 0.5 * (f.levels.back() - f.levels.front());
        return;
    }
    double var = 0;
    for (double v : values)
        var += (v - f.mean) * (v - f.mean);
    f.deviation = values.empty() ? 0.0 : std::sqrt(var / double(values.size()));
}

struct Line {
    double slope = 0, at0 = 0, r2 = 0; // at0: the line's value at t = 0
};

// The least-squares line of v against t over the points `keep` selects (all when empty).
Line leastSquares(const std::vector<double>& t, const std::vector<double>& v,
                  const std::vector<char>& keep) {
    double n = 0, st = 0, sv = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (keep.empty() || keep[i]) {
            n += 1;
            st += t[i];
            sv += v[i];
        }
    const double mt = st / n, mv = sv / n;
    double stt = 0, stv = 0, svv = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!keep.empty() && !keep[i])
            continue;
        stt += (t[i] - mt) * (t[i] - mt);
        stv += (t[i] - mt) * (v[i] - mv);
        svv += (v[i] - mv) * (v[i] - mv);
    }
    Line line;
    line.slope = stt > 0 ? stv / stt : 0;
    line.r2 = stt > 0 && svv > 0 ? stv * stv / (stt * svv) : 0;
    line.at0 = mv - line.slope * mt;
    return line;
}

// The line through the frequency track. Another signal in the box for part of the time (the
// demo's FSK packet under its chirp, 6 % of it) pulls a plain least-squares fit off (553 kHz/s
// for 600): the points more than 3 median absolute residuals from the first line are left out
// and the line fitted again. (Two or four FSK levels, or noise, have residuals of one size:
// the cut keeps almost all of them.)
void fitLine(const std::vector<double>& t, const std::vector<double>& v, FrequencyFeatures& f) {
    if (v.size() < 3)
        return;
    Line line = leastSquares(t, v, {});
    std::vector<double> residual(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        residual[i] = std::abs(v[i] - (line.at0 + line.slope * t[i]));
    std::vector<double> sorted = residual;
    const auto middle = sorted.begin() + std::ptrdiff_t(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    const double limit = 3 * *middle;
    std::vector<char> keep(v.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < v.size(); ++i)
        kept += (keep[i] = residual[i] <= limit ? 1 : 0);
    if (limit > 0 && kept < v.size() && kept >= 3)
        line = leastSquares(t, v, keep);
    f.chirpRate = line.slope;
    f.chirpR2 = line.r2;
}

} // namespace

int nearestLevel(const std::vector<double>& levels, double f) {
    int best = 0;
    for (int j = 1; j < int(levels.size()); ++j)
        if (std::abs(f - levels[std::size_t(j)]) < std::abs(f - levels[std::size_t(best)]))
            best = j;
    return best;
}

FrequencyFeatures frequencyFeatures(const BandSignal& band, const Envelope& env) {
    FrequencyFeatures f;
    const auto len = band.burstLength();
    const int m = env.smoothing;
    f.track.assign(std::size_t(len), std::numeric_limits<double>::quiet_NaN());
    std::vector<double> values, times;
    for (std::int64_t i = 0; i < len; ++i) {
        if (!env.on[std::size_t(i)])
            continue;
        const std::int64_t n = band.burstBegin + i;
        const std::int64_t lo = std::max<std::int64_t>(1, n - (m - 1) / 2);
        const std::int64_t hi = std::min<std::int64_t>(std::int64_t(band.samples.size()), lo + m);
        std::complex<double> z = 0;
        for (auto k = lo; k < hi; ++k)
            z += band.samples[std::size_t(k)] * std::conj(band.samples[std::size_t(k - 1)]);
        const double fi = band.centre + band.rate / (2 * std::numbers::pi) * std::arg(z);
        f.track[std::size_t(i)] = fi;
        values.push_back(fi);
        times.push_back(double(i) / band.rate);
    }
    if (values.empty()) {
        f.mean = band.centre;
        f.levels = {band.centre};
        return f;
    }
    f.mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    findLevels(values, f);
    fitLine(times, values, f);
    return f;
}

} // namespace specedit::core
