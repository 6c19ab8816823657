#include "features/BandSignal.h"

#include "dsp/FftPlan.h"
#include "features/FeaturePlans.h"
#include "label/LabelFit.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace specedit::core {
namespace {

constexpr double kGuard = 0.1; // of the bandwidth, beyond each edge

// Frequencies of the recording's samples relative to what the label calls 0 Hz.
double frequencyOffset(const SignalInfo& info) {
    return info.isComplex() ? info.centerFrequency.value_or(0.0) : 0.0;
}

// Samples [first, first + count) as complex values (audio: one channel or the mix, real).
std::vector<std::complex<double>> readSegment(const SampleSource& source, int channel,
                                              std::int64_t first, std::int64_t count, int n) {
    std::vector<std::complex<double>> x(std::size_t(n), 0.0);
    if (source.info().isComplex()) {
        std::vector<std::complex<float>> buf(static_cast<std::size_t>(count));
        readComplex(source, first, count, buf.data());
        std::copy(buf.begin(), buf.end(), x.begin());
    } else {
        std::vector<float> buf(static_cast<std::size_t>(count)), scratch;
        readChannel(source, channel, first, count, buf.data(), scratch);
        std::copy(buf.begin(), buf.end(), x.begin());
    }
    return x;
}

void mixDown(std::vector<std::complex<double>>& x, std::int64_t count, double cycles) {
    for (std::int64_t n = 0; n < count; ++n) {
        const double ph = -2 * std::numbers::pi * std::fmod(cycles * double(n), 1.0);
        x[std::size_t(n)] *= std::complex<double>(std::cos(ph), std::sin(ph));
    }
}

double bandPass(double f, double half, double guard) {
    const double a = std::abs(f);
    if (a <= half)
        return 1.0;
    if (a >= half + guard)
        return 0.0;
    return 0.5 * (1 + std::cos(std::numbers::pi * (a - half) / guard));
}

// Keeps the nOut bins around 0 Hz, weighted by the band-pass, in FFT order.
std::vector<std::complex<double>> cropSpectrum(const std::vector<std::complex<double>>& X, int nOut,
                                               double rate, double half, double guard) {
    const int n = int(X.size());
    std::vector<std::complex<double>> Y(std::size_t(nOut), 0.0);
    for (int k = -nOut / 2; k < nOut / 2; ++k) {
        const double f = double(k) * rate / n;
        const double g = bandPass(f, half, guard);
        if (g > 0)
            Y[std::size_t((k + nOut) % nOut)] = X[std::size_t((k + n) % n)] * g / double(n);
    }
    return Y;
}

} // namespace

BandSignal extractBand(const SampleSource& source, const Label& given, double margin, int channel,
                       FeaturePlans& plans) {
    const SignalInfo& info = source.info();
    Label label = given;
    fitToRecording(label, info); // throws for an empty box or one outside the recording
    const double fs = info.sampleRate;
    const std::int64_t first =
        std::max<std::int64_t>(0, std::int64_t(std::floor((label.t0 - margin) * fs)));
    const std::int64_t last =
        std::min<std::int64_t>(info.frames, std::int64_t(std::ceil((label.t1 + margin) * fs)));
    const std::int64_t count = std::max<std::int64_t>(1, last - first);
    const int n = nextPow2(count);

    BandSignal out;
    out.real = !info.isComplex();
    out.width = label.f1 - label.f0;
    out.centre = 0.5 * (label.f0 + label.f1);
    auto x = readSegment(source, channel, first, count, n);
    mixDown(x, count, (out.centre - frequencyOffset(info)) / fs);
    plans.transform(FftKind::ComplexForward, x);

    const double half = out.width / 2, guard = kGuard * out.width;
    int nOut = n;
    while (nOut >= 32 && double(nOut / 2) * fs / n >= 1.25 * 2 * (half + guard))
        nOut /= 2;
    out.samples = cropSpectrum(x, nOut, fs, half, guard);
    plans.transform(FftKind::ComplexInverse, out.samples);
    out.rate = fs * nOut / n;
    out.time0 = double(first) / fs;
    if (const int bits = integerBits(info.sampleType); bits > 0) {
        const double lsb = std::ldexp(1.0, 1 - bits); // full scale is +-1
        const double values = info.isComplex() ? 2.0 : 1.0;
        out.silence = 0.1 * values * lsb * lsb / 12.0 * (2 * (half + guard)) / fs;
    }
    const double step = double(n) / nOut;
    auto index = [&](double t) {
        return std::clamp<std::int64_t>(std::int64_t(std::llround((t - out.time0) * out.rate)), 0,
                                        nOut);
    };
    out.burstBegin = std::min<std::int64_t>(index(std::max(label.t0, 0.0)), nOut - 1);
    out.burstEnd = std::max(out.burstBegin + 1, index(std::min(label.t1, info.duration())));
    out.validBegin = 0;
    out.validEnd = std::min<std::int64_t>(nOut, std::int64_t(std::ceil(double(count) / step)));
    return out;
}

void markOccupied(BandSignal& band, const Label& label, const std::vector<Label>& others) {
    const auto n = std::int64_t(band.samples.size());
    for (const Label& o : others) {
        // Neighbours only: a label also over the burst's own time (a steady carrier, a box
        // around it) is part of what the burst stands on, in the margins as in the burst.
        const bool during = o.t0 < label.t1 && label.t0 < o.t1;
        if (during || o.f1 <= label.f0 || o.f0 >= label.f1)
            continue;
        const auto from = std::clamp<std::int64_t>(
            std::int64_t(std::floor((o.t0 - band.time0) * band.rate)), 0, n);
        const auto to = std::clamp<std::int64_t>(
            std::int64_t(std::ceil((o.t1 - band.time0) * band.rate)), 0, n);
        if (to > from)
            band.occupied.emplace_back(from, to);
    }
}

} // namespace specedit::core
