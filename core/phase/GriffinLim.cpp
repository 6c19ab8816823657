#include "phase/GriffinLim.h"

#include "util/Error.h"

#include <cmath>
#include <numbers>
#include <random>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;

double convergence(const Spectrogram<double>& target, const Spectrogram<double>& actual) {
    double diff = 0, norm = 0;
    for (std::size_t i = 0; i < target.data.size(); ++i) {
        const double s = std::abs(target.data[i]);
        const double d = std::abs(actual.data[i]) - s;
        diff += d * d;
        norm += s * s;
    }
    return 10 * std::log10(std::max(diff, 1e-300) / std::max(norm, 1e-300));
}

// P_1: the phase of `estimate` with the target's magnitude (zero where the estimate is 0).
void projectMagnitude(const Spectrogram<double>& target, Spectrogram<double>& estimate) {
    for (std::size_t i = 0; i < target.data.size(); ++i) {
        const double a = std::abs(estimate.data[i]);
        estimate.data[i] = a > 0 ? estimate.data[i] * (std::abs(target.data[i]) / a)
                                 : Complex(std::abs(target.data[i]), 0);
    }
}

Spectrogram<double> initial(const Spectrogram<double>& magnitude, const GriffinLimOptions& o) {
    Spectrogram<double> c = magnitude;
    if (o.init == InitialPhase::Random) {
        std::mt19937 rng(o.seed);
        std::uniform_real_distribution<double> phase(0, 2 * std::numbers::pi);
        for (auto& v : c.data)
            v = std::polar(std::abs(v), phase(rng));
    }
    return c;
}

} // namespace

double spectralConvergenceDb(const Spectrogram<double>& target, const std::vector<double>& x,
                             const StftParams& params) {
    return convergence(target, stft(x, params));
}

GriffinLimResult griffinLim(const Spectrogram<double>& magnitude, const StftParams& params,
                            std::int64_t length, const GriffinLimOptions& o, JobControl& job) {
    const Stft<double> shape(params);
    if (magnitude.bins != shape.bins() || magnitude.frames != shape.frameCount(length) ||
        magnitude.data.size() != std::size_t(magnitude.bins) * std::size_t(magnitude.frames))
        throw Error("magnitudes",
                    std::to_string(magnitude.bins) + " bins x " + std::to_string(magnitude.frames) +
                        " frames do not fit a signal of " + std::to_string(length) + " samples",
                    std::to_string(shape.bins()) + " bins x " +
                        std::to_string(shape.frameCount(length)) + " frames");
    if (o.iterations < 1 || !(o.momentum >= 0 && o.momentum < 2))
        throw Error("griffin-lim", "iterations or momentum out of range",
                    "at least 1 iteration, momentum in 0..2");
    Spectrogram<double> c = initial(magnitude, o), previous = c;
    GriffinLimResult result;
    for (int n = 0; n < o.iterations; ++n) {
        job.checkCancelled();
        std::vector<double> x = istft<double>(c, params);
        x.resize(std::size_t(length));
        Spectrogram<double> t = stft(x, params); // P_2(c): consistent
        result.convergenceDb.push_back(convergence(magnitude, t));
        projectMagnitude(magnitude, t); // t_n = P_1(P_2(c_{n-1}))
        for (std::size_t i = 0; i < c.data.size(); ++i)
            c.data[i] = t.data[i] + o.momentum * (t.data[i] - previous.data[i]);
        previous = std::move(t);
        job.setProgress(double(n + 1) / o.iterations);
    }
    result.signal = istft<double>(previous, params);
    result.signal.resize(std::size_t(length));
    return result;
}

} // namespace specedit::core
