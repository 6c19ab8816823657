#include "detect/SampleSteps.h"

#include "dsp/Window.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace specedit::core {

double roundingPower(const SignalInfo& info, const StftParams& p) {
    const int bits = integerBits(info.sampleType);
    if (bits == 0)
        return 0.0;
    const double lsb = std::ldexp(1.0, 1 - bits); // full scale is +-1
    double sum = 0, squares = 0;
    for (double v : makeWindow(p.window, p.nperseg)) {
        sum += v;
        squares += v * v;
    }
    const double values = info.isComplex() ? 2.0 : 1.0; // I and Q each rounded
    return sum > 0 ? values * lsb * lsb / 12.0 * squares / (sum * sum) : 0.0;
}

bool withinOneStep(const SampleSource& source, double t0, double t1) {
    const SignalInfo& info = source.info();
    const int bits = integerBits(info.sampleType);
    if (bits == 0 || bits > 16) // a step of 24 or 32 bits is below float's own rounding
        return false;
    const float limit = float(1.5 * std::ldexp(1.0, 1 - bits));
    const std::int64_t a =
        std::max<std::int64_t>(0, std::int64_t(std::floor(t0 * info.sampleRate)));
    const std::int64_t b = std::min(info.frames, std::int64_t(std::ceil(t1 * info.sampleRate)));
    constexpr std::int64_t kChunk = 1 << 16;
    std::vector<float> buffer;
    for (std::int64_t s = a; s < b; s += kChunk) {
        const std::int64_t n = std::min(kChunk, b - s);
        buffer.resize(std::size_t(n * info.channels));
        source.read(s, n, buffer.data());
        if (std::any_of(buffer.begin(), buffer.end(),
                        [limit](float v) { return std::abs(v) > limit; }))
            return false;
    }
    return true;
}

} // namespace specedit::core
