#include "phase/PhaseRetrieval.h"

#include "dsp/Stft.h"
#include "phase/BlockRetrieval.h"
#include "phase/Pghi.h"
#include "phase/Solvers.h"
#include "util/Error.h"

#include <chrono>
#include <cmath>
#include <numbers>
#include <random>

namespace specedit::core {
namespace {

using Complex = std::complex<double>;

std::string lower(std::string s) {
    for (auto& ch : s)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

} // namespace

PhaseMethod parsePhaseMethod(const std::string& text, const std::string& option) {
    const std::string t = lower(text);
    if (t == "gla" || t == "griffin-lim")
        return PhaseMethod::GriffinLim;
    if (t == "fgla" || t == "fast-griffin-lim")
        return PhaseMethod::FastGriffinLim;
    if (t == "lbfgs" || t == "l-bfgs")
        return PhaseMethod::Lbfgs;
    if (t == "raar")
        return PhaseMethod::Raar;
    throw Error(option, "unknown method '" + text + "'", "gla, fgla, lbfgs or raar");
}

InitialPhase parseInitialPhase(const std::string& text, const std::string& option) {
    const std::string t = lower(text);
    if (t == "zero")
        return InitialPhase::Zero;
    if (t == "random")
        return InitialPhase::Random;
    if (t == "pghi")
        return InitialPhase::Pghi;
    if (t == "given")
        return InitialPhase::Given;
    throw Error(option, "unknown initial phase '" + text + "'", "zero, random or pghi");
}

std::string toString(PhaseMethod m) {
    switch (m) {
    case PhaseMethod::GriffinLim:
        return "gla";
    case PhaseMethod::FastGriffinLim:
        return "fgla";
    case PhaseMethod::Lbfgs:
        return "lbfgs";
    case PhaseMethod::Raar:
        return "raar";
    }
    return "?";
}

std::string toString(InitialPhase i) {
    switch (i) {
    case InitialPhase::Zero:
        return "zero";
    case InitialPhase::Random:
        return "random";
    case InitialPhase::Pghi:
        return "pghi";
    case InitialPhase::Given:
        return "given";
    }
    return "?";
}

std::int64_t firstFrameStart(const StftParams& params, const Framing& f) {
    if (!f.centred)
        return f.windowOffset;
    return f.windowOffset > 0 ? f.windowOffset - params.nfft / 2 : -params.nperseg / 2;
}

namespace {
// Signal samples under one uncentred frame.
std::int64_t frameSpan(const StftParams& params, const Framing& f) {
    return f.windowOffset > 0 ? params.nfft : params.nperseg;
}
} // namespace

std::int64_t frameCountFor(const StftParams& params, std::int64_t length, const Framing& f) {
    if (f.centred)
        return length > 0 ? Stft<double>(params, StftDirections::Forward).frameCount(length) : 0;
    const std::int64_t span = frameSpan(params, f);
    return length >= span ? (length - span) / params.hop() + 1 : 0;
}

bool lengthFitsFrames(const StftParams& params, std::int64_t length, std::int64_t frames,
                      const Framing& f) {
    return length > 0 && (frameCountFor(params, length, f) == frames ||
                          (f.centred && 1 + length / params.hop() == frames));
}

std::int64_t lengthForFrames(const StftParams& params, std::int64_t frames, const Framing& f) {
    if (f.centred)
        return Stft<double>(params, StftDirections::Forward).istftLength(frames);
    return (frames - 1) * params.hop() + frameSpan(params, f);
}

void checkPhaseInput(const MagnitudeGrid& t, const StftParams& params, std::int64_t length,
                     bool complexSignal, const PhaseRetrievalOptions& o) {
    params.validate();
    const int bins = params.bins(complexSignal);
    // scipy's count for the length, or librosa's and torch's (1 + length / hop, centred).
    const bool fits = lengthFitsFrames(params, length, t.frames, o.framing);
    const std::int64_t frames = fits ? t.frames : frameCountFor(params, length, o.framing);
    const std::string sides = complexSignal ? " (two-sided)" : " (one-sided)";
    if (t.bins != bins || !fits || length < 1)
        throw Error(
            "magnitudes",
            std::to_string(t.bins) + " bins x " + std::to_string(t.frames) +
                " frames do not fit a signal of " + std::to_string(length) + " samples with nfft " +
                std::to_string(params.nfft) + ", hop " + std::to_string(params.hop()),
            std::to_string(bins) + " bins" + sides + " x " + std::to_string(frames) + " frames");
    if (t.values.size() != std::size_t(bins) * std::size_t(frames))
        throw Error("magnitudes", "holds " + std::to_string(t.values.size()) + " values",
                    "bins x frames values");
    for (std::size_t i = 0; i < t.values.size(); ++i)
        if (!std::isfinite(t.values[i]) || t.values[i] < 0)
            throw Error("magnitudes",
                        "value " + shortNumber(t.values[i]) + " at bin " +
                            std::to_string(i % std::size_t(bins)) + ", frame " +
                            std::to_string(i / std::size_t(bins)),
                        "finite magnitudes >= 0");
    if (o.iterations < 1 || o.iterations > 1000000)
        throw Error("--iterations", std::to_string(o.iterations), "1 to 1000000");
    if (!(o.momentum >= 0 && o.momentum < 2))
        throw Error("--momentum", std::to_string(o.momentum), "a value in [0, 2)");
    if (!(o.relaxation > 0 && o.relaxation <= 1))
        throw Error("--relaxation", std::to_string(o.relaxation), "a value in (0, 1]");
    if (o.init == InitialPhase::Given && (!o.given || o.given->size() != t.values.size()))
        throw Error("initial phase", "no spectrum of the magnitudes' shape was given",
                    "a complex spectrum of bins x frames");
}

template <typename S>
PhaseRetrievalResult<S> retrievePhase(const MagnitudeGrid& target, const StftParams& params,
                                      std::int64_t length, const PhaseRetrievalOptions& o,
                                      JobControl& job, const IterationFn& onIteration) {
    checkPhaseInput(target, params, length, !std::is_same_v<S, double>, o);
    return retrieveInBlocks<S>(target, params, length, o, job, onIteration);
}

template <typename S>
double spectralConvergenceDb(const MagnitudeGrid& target, const std::vector<S>& x,
                             const StftParams& params, const Framing& framing,
                             std::int64_t edgeFrames) {
    const Stft<S> engine(params, StftDirections::Forward);
    auto ws = engine.makeWorkspace();
    const auto n = std::int64_t(x.size());
    const std::int64_t frames = target.frames;
    const std::int64_t base = firstFrameStart(params, framing);
    if (!lengthFitsFrames(params, n, frames, framing) || engine.bins() != target.bins)
        throw Error("spectral convergence", "the signal's STFT does not match the magnitudes",
                    "the same shape");
    std::vector<S> segment(std::size_t(engine.nperseg()));
    std::vector<Complex> spectrum(std::size_t(engine.bins()));
    double diff = 0, norm = 0;
    const std::int64_t skip = 2 * edgeFrames < frames ? edgeFrames : 0;
    for (std::int64_t j = skip; j < frames - skip; ++j) {
        const std::int64_t s = j * engine.hop() + base;
        for (int m = 0; m < engine.nperseg(); ++m)
            segment[std::size_t(m)] = s + m >= 0 && s + m < n ? x[std::size_t(s + m)] : S{};
        engine.forward(segment.data(), spectrum.data(), ws);
        const double* mag = target.frame(j);
        for (int k = 0; k < target.bins; ++k) {
            const double d = std::abs(spectrum[std::size_t(k)]) - mag[k];
            diff += d * d;
            norm += mag[k] * mag[k];
        }
    }
    return 10 * std::log10(std::max(diff, 1e-300) / std::max(norm, 1e-300));
}

template PhaseRetrievalResult<double> retrievePhase(const MagnitudeGrid&, const StftParams&,
                                                    std::int64_t, const PhaseRetrievalOptions&,
                                                    JobControl&, const IterationFn&);
template PhaseRetrievalResult<Complex> retrievePhase(const MagnitudeGrid&, const StftParams&,
                                                     std::int64_t, const PhaseRetrievalOptions&,
                                                     JobControl&, const IterationFn&);
template double spectralConvergenceDb(const MagnitudeGrid&, const std::vector<double>&,
                                      const StftParams&, const Framing&, std::int64_t);
template double spectralConvergenceDb(const MagnitudeGrid&, const std::vector<Complex>&,
                                      const StftParams&, const Framing&, std::int64_t);

} // namespace specedit::core
