#include "features/Patch.h"

#include "dsp/FftPlan.h"
#include "dsp/Window.h"
#include "features/BandSignal.h"
#include "features/FeaturePlans.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace specedit::core {
namespace {

constexpr int kNfft = 128;

int frameLength(std::int64_t len) {
    int lw = 1;
    while (lw * 2 <= std::min<std::int64_t>(kNfft, len))
        lw *= 2;
    return lw;
}

// A frame's window and the buffer it is transformed in, made once per patch.
struct Frame {
    std::vector<double> window;
    double windowPower = 0;
    std::vector<std::complex<double>> seg = std::vector<std::complex<double>>(kNfft);

    explicit Frame(int lw) : window(makeWindow(WindowSpec{}, lw)) { // periodic Hann
        for (double w : window)
            windowPower += w * w;
    }
};

// Adds the power spectrum (FFT order) of the frame centred at sample `centre` to acc.
void addFrame(const BandSignal& band, std::int64_t centre, Frame& f, FeaturePlans& plans,
              std::vector<double>& acc) {
    const int lw = int(f.window.size());
    std::fill(f.seg.begin(), f.seg.end(), 0.0);
    for (int i = 0; i < lw; ++i) {
        const std::int64_t n = centre - lw / 2 + i;
        if (n >= 0 && n < std::int64_t(band.samples.size()))
            f.seg[std::size_t(i)] = band.samples[std::size_t(n)] * f.window[std::size_t(i)];
    }
    plans.transform(FftKind::ComplexForward, f.seg);
    for (int k = 0; k < kNfft; ++k)
        acc[std::size_t(k)] += std::norm(f.seg[std::size_t(k)]) / (f.windowPower * kNfft);
}

} // namespace

std::vector<float> spectrogramPatch(const BandSignal& band, int size, FeaturePlans& plans) {
    const std::int64_t len = band.burstLength();
    const int lw = frameLength(len);
    Frame frame(lw);
    std::vector<float> patch(std::size_t(size * size));
    std::vector<double> acc(kNfft);
    for (int c = 0; c < size; ++c) {
        const double a = band.burstBegin + double(len) * c / size;
        const double b = band.burstBegin + double(len) * (c + 1) / size;
        const int frames = std::max(1, int(std::ceil((b - a) / (lw / 2.0))));
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int i = 0; i < frames; ++i)
            addFrame(band, std::int64_t(std::llround(a + (b - a) * (i + 0.5) / frames)), frame,
                     plans, acc);
        for (int r = 0; r < size; ++r) {
            const double f = -band.width / 2 + (r + 0.5) * band.width / size;
            const double pos = f / (band.rate / kNfft);
            const int k0 = int(std::floor(pos));
            const double frac = pos - k0;
            auto bin = [&](int k) { return acc[std::size_t(((k % kNfft) + kNfft) % kNfft)]; };
            const double p = ((1 - frac) * bin(k0) + frac * bin(k0 + 1)) / frames;
            patch[std::size_t(r * size + c)] = float(10 * std::log10(std::max(p, 1e-20)));
        }
    }
    return patch;
}

} // namespace specedit::core
