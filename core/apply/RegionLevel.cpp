#include "apply/RegionLevel.h"

#include "dsp/Stft.h"
#include "mask/MaskRasterizer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specedit::core {
namespace {

template <typename S>
double measure(const SampleSource& src, const StftParams& p, const Shape& shape, JobControl& job) {
    const Stft<S> stft(p, StftDirections::Forward);
    auto ws = stft.makeWorkspace();
    const MaskGrid grid = MaskGrid::of(p, src.info(), Stft<S>::kComplexInput);
    const TfBox box = shape.bounds();
    const std::int64_t frames = stft.frameCount(src.info().frames);
    // Clamped in double first: shapes may reach far beyond the recording.
    const double lastFrame = double(frames - 1);
    const auto j0 =
        std::int64_t(std::clamp(std::ceil(box.t0 * p.fs / p.hop()), 0.0, lastFrame + 1));
    const auto j1 = std::int64_t(std::clamp(std::floor(box.t1 * p.fs / p.hop()), -1.0, lastFrame));
    std::vector<S> segment(std::size_t(p.nperseg));
    std::vector<float> scratch;
    std::vector<std::complex<typename Stft<S>::Real>> spec(std::size_t(stft.bins()));
    double sum = 0.0;
    std::int64_t cells = 0;
    for (std::int64_t j = j0; j <= j1; ++j) {
        if ((j - j0) % 256 == 0) {
            job.checkCancelled();
            job.setProgress(double(j - j0) / double(std::max<std::int64_t>(1, j1 - j0 + 1)));
        }
        if constexpr (Stft<S>::kComplexInput)
            readComplex(src, stft.frameStart(j), p.nperseg, segment.data());
        else
            readChannel(src, -1, stft.frameStart(j), p.nperseg, segment.data(), scratch);
        stft.forward(segment.data(), spec.data(), ws);
        for (int k = 0; k < stft.bins(); ++k)
            if (shape.coverage(grid.frameTime(j), grid.binFrequency(k)) >= 0.5) {
                sum += std::norm(spec[std::size_t(k)]);
                ++cells;
            }
    }
    if (cells == 0 || sum <= 0)
        return -std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(sum / double(cells));
}

} // namespace

double regionLevelDb(const SampleSource& source, StftParams params, const Shape& shape,
                     JobControl& job) {
    params.fs = source.info().sampleRate;
    if (source.info().isComplex())
        return measure<std::complex<float>>(source, params, shape, job);
    return measure<float>(source, params, shape, job);
}

} // namespace specedit::core
