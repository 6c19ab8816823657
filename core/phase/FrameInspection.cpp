#include "phase/FrameInspection.h"

#include "dsp/FftPlan.h"

#include <algorithm>
#include <cmath>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;
constexpr int kMaxPairs = 16;
constexpr int kSamplesPerLag = 256;
// Every lag is screened on this many samples first; only a lag whose screen misfit is below
// kScreenMisfitBelow (far above what the true hop shows, far below any other) is measured on
// kSamplesPerLag. A transposed reading's 80,000-sample frames took minutes without it.
constexpr int kScreenSamples = 16;
constexpr double kScreenMisfitBelow = 1e-3;
// Data rounded (text with four significant digits) or floored (dB clipped 80 dB down) leave
// noise where the window is zero: a flat bottom, its kFlatCount quietest samples within
// kFlatWithin of each other (a window's own ends rise steeply: Kaiser 14's eighth quietest
// sample holds 50 times the energy of its first). Samples below kNoiseMargin times that noise,
// at most kNoiseFloorAtMost of the loudest, are silent; without noise, below kSilentBelow of it.
constexpr std::size_t kFlatCount = 8;
constexpr double kFlatWithin = 10, kNoiseMargin = 100, kNoiseFloorAtMost = 1e-4;

double silenceFloor(std::vector<double> energy) {
    const double loudest = *std::max_element(energy.begin(), energy.end());
    const std::size_t k = std::min(kFlatCount, energy.size() / 4);
    if (k < 2)
        return kSilentBelow * loudest;
    std::nth_element(energy.begin(), energy.begin() + std::ptrdiff_t(k - 1), energy.end());
    const double kth = energy[k - 1];
    const double quietest = *std::min_element(energy.begin(), energy.begin() + std::ptrdiff_t(k));
    const double noise = kth <= kFlatWithin * quietest ? kth : 0.0;
    return std::max(kSilentBelow * loudest,
                    std::min(kNoiseFloorAtMost * loudest, kNoiseMargin * noise));
}

double frameEnergy(const ImportedSpectrum& x, std::int64_t j) {
    double e = 0;
    for (int k = 0; k < x.bins; ++k)
        e += std::norm(x.values[std::size_t(j * x.bins + k)]);
    return e;
}

// Up to kMaxPairs frames j (each with j + 1) spread over the recording, both holding energy.
std::vector<std::int64_t> pairStarts(const ImportedSpectrum& x) {
    std::vector<double> energy(std::size_t(x.frames));
    for (std::int64_t j = 0; j < x.frames; ++j)
        energy[std::size_t(j)] = frameEnergy(x, j);
    const double loudest = energy.empty() ? 0 : *std::max_element(energy.begin(), energy.end());
    std::vector<std::int64_t> usable;
    for (std::int64_t j = 0; j + 1 < x.frames; ++j)
        if (energy[std::size_t(j)] > 1e-3 * loudest && energy[std::size_t(j + 1)] > 1e-3 * loudest)
            usable.push_back(j);
    std::vector<std::int64_t> out;
    const std::size_t step = std::max<std::size_t>(1, usable.size() / kMaxPairs);
    for (std::size_t i = 0; i < usable.size() && out.size() < kMaxPairs; i += step)
        out.push_back(usable[i]);
    return out;
}

// The inverse FFT of frame j (nfft samples; one-sided frames mirrored to the full spectrum).
std::vector<Complex> segmentOf(const ImportedSpectrum& x, std::int64_t j, int nfft, bool twoSided,
                               const FftPlan<double>& plan) {
    AlignedBuffer<Complex> in{std::size_t(nfft)}, out{std::size_t(nfft)};
    const Complex* f = x.values.data() + j * x.bins;
    for (int k = 0; k < nfft; ++k)
        in[std::size_t(k)] = twoSided || k < x.bins ? f[k] : std::conj(f[nfft - k]);
    plan.execute(in.data(), out.data());
    return {out.data(), out.data() + nfft};
}

// The energy a rank-one fit of the pairs leaves: the least eigenvalue of [[p, c], [c*, q]].
double unexplained(double p, double q, double crossNorm) {
    const double d = p - q;
    return std::max(0.0, 0.5 * (p + q - std::sqrt(d * d + 4 * crossNorm)));
}

// The misfit at lag h: twice the energy a rank-one fit leaves over the energy, summed over the
// sampled n (module comment).
double hopMisfit(const std::vector<std::vector<Complex>>& later,
                 const std::vector<std::vector<Complex>>& earlier, int h, int length, double floor,
                 int samples) {
    const int span = length - h;
    const int stride = std::max(1, span / samples);
    double misfit = 0, weight = 0;
    for (int n = 0; n < span; n += stride) {
        Complex cross = 0;
        double p = 0, q = 0;
        for (std::size_t i = 0; i < later.size(); ++i) {
            const Complex a = later[i][std::size_t(n)], b = earlier[i][std::size_t(n + h)];
            cross += a * std::conj(b);
            p += std::norm(a);
            q += std::norm(b);
        }
        if (p <= floor || q <= floor)
            continue;
        misfit += 2 * unexplained(p, q, std::norm(cross));
        weight += p + q;
    }
    return weight > 0 ? misfit / weight : 1.0;
}

// FrameReading::ratio and weight at the hop found, over every sample.
void measureRatio(const std::vector<std::vector<Complex>>& later,
                  const std::vector<std::vector<Complex>>& earlier, double floor, FrameReading& r) {
    const int span = std::max(0, r.nperseg - r.hop);
    r.ratio.assign(std::size_t(span), 0.0);
    r.weight.assign(std::size_t(span), 0.0);
    for (int n = 0; n < span; ++n) {
        Complex cross = 0;
        double p = 0, q = 0;
        for (std::size_t i = 0; i < later.size(); ++i) {
            const Complex a = later[i][std::size_t(n)], b = earlier[i][std::size_t(n + r.hop)];
            cross += a * std::conj(b);
            p += std::norm(a);
            q += std::norm(b);
        }
        if (p <= floor || q <= floor)
            continue;
        r.ratio[std::size_t(n)] = cross.real() / q;
        r.weight[std::size_t(n)] = p + q;
    }
}

// A hop fits when its misfit is rounding error, or below kNoisyMisfitBelow and every other
// lag's is far more: kClearlyApart times where the data show a noise floor (rounded or
// floored), kFarApart where they show none (a window without zeros, Hann 400 in a 400 FFT,
// hides the floor of its four-digit file).
bool fitsExactly(double misfit, double runnerUp, double noise) {
    constexpr double kNoisyMisfitBelow = 1e-3, kClearlyApart = 30, kFarApart = 100;
    const bool noisy = noise > 2 * kSilentBelow; // a floor above kSilentBelow: noise seen
    return misfit < kHopMisfitBelow ||
           (misfit < kNoisyMisfitBelow && runnerUp >= (noisy ? kClearlyApart : kFarApart) * misfit);
}

// How many samples short a window of this span may read: its ends below the noise floor. A
// Hann window's energy near its end, sin^4(pi n / N), stays below a floor r for
// n < N r^(1/4) / pi; half as much again for other shapes.
int shortBy(int span, double noise) {
    return std::max(kShortBy,
                    int(std::ceil(1.5 * span * std::pow(noise, 0.25) / 3.141592653589793)) + 1);
}

} // namespace

bool edgeBinsReal(const ImportedSpectrum& x, int nfft) {
    if (!x.hasPhase)
        return true;
    double loudest = 0;
    for (const Complex& v : x.values)
        loudest = std::max(loudest, std::norm(v));
    double sine = 0, weight = 0;
    auto add = [&](Complex v) { // a bin at rounding error (a detrended DC) has any phase
        if (std::norm(v) <= kSilentBelow * loudest)
            return;
        sine += std::abs(v.imag()) * std::abs(v); // |v|^2 |sin(arg v)|
        weight += std::norm(v);
    };
    for (std::int64_t j = 0; j < x.frames; ++j) {
        add(x.values[std::size_t(j * x.bins)]);
        if (nfft % 2 == 0 && nfft / 2 < x.bins)
            add(x.values[std::size_t(j * x.bins + nfft / 2)]);
    }
    return weight <= 0 || sine / weight <= kEdgeImaginaryAbove;
}

std::optional<FrameReading> inspectFrames(const ImportedSpectrum& x, int nfft, bool twoSided) {
    if (!x.hasPhase || nfft < 4)
        return std::nullopt;
    const auto starts = pairStarts(x);
    if (starts.size() < 3)
        return std::nullopt;
    const FftPlan<double> plan(FftKind::ComplexInverse, nfft);
    std::vector<std::vector<Complex>> earlier, later;
    std::vector<double> energy(std::size_t(nfft), 0.0);
    for (std::int64_t j : starts) {
        earlier.push_back(segmentOf(x, j, nfft, twoSided, plan));
        later.push_back(segmentOf(x, j + 1, nfft, twoSided, plan));
        for (int n = 0; n < nfft; ++n)
            energy[std::size_t(n)] +=
                std::norm(earlier.back()[std::size_t(n)]) + std::norm(later.back()[std::size_t(n)]);
    }
    const double floor = silenceFloor(energy);
    int length = nfft;
    while (length > 1 && energy[std::size_t(length - 1)] <= floor)
        --length;
    int first = 0;
    while (first + 1 < length && energy[std::size_t(first)] <= floor)
        ++first;
    const double noise = floor / *std::max_element(energy.begin(), energy.end());
    FrameReading best{length, 0, 1.0, kShortBy, first, {}, {}};
    double runnerUp = 1.0; // the least misfit of any other lag (screened, or measured)
    for (int h = 1; h < length; ++h) {
        const double screen = hopMisfit(later, earlier, h, length, floor, kScreenSamples);
        if (screen >= kScreenMisfitBelow) {
            runnerUp = std::min(runnerUp, screen);
            continue;
        }
        const double m = hopMisfit(later, earlier, h, length, floor, kSamplesPerLag);
        runnerUp = std::min(runnerUp, std::max(m, best.misfit));
        if (m < best.misfit)
            best = {length, h, m, kShortBy, first, {}, {}};
    }
    if (!fitsExactly(best.misfit, runnerUp, noise))
        return std::nullopt;
    best.shortBy = shortBy(length - first, noise);
    measureRatio(later, earlier, floor, best);
    return best;
}

} // namespace specedit::core
