#include "dsp/StftParams.h"

#include "util/Error.h"

#include <cmath>
#include <functional>

namespace specedit::core {

StftParams StftParams::make(WindowSpec window, int nperseg, std::optional<int> noverlap,
                            std::optional<int> nfft, double fs) {
    StftParams p;
    p.window = window;
    p.nperseg = nperseg;
    p.noverlap = noverlap.value_or(nperseg / 2);
    p.nfft = nfft.value_or(nperseg);
    p.fs = fs;
    return p;
}

bool satisfiesNola(const std::vector<double>& window, int hop, double tol) {
    std::vector<double> sums(static_cast<std::size_t>(hop), 0.0);
    for (std::size_t m = 0; m < window.size(); ++m)
        sums[m % static_cast<std::size_t>(hop)] += window[m] * window[m];
    for (double s : sums)
        if (!(s > tol))
            return false;
    return true;
}

void StftParams::validate() const {
    const std::string n = std::to_string(nperseg);
    if (nperseg < 1)
        throw Error("--nperseg", "window length " + n + " is not positive", "nperseg >= 1");
    if (noverlap < 0)
        throw Error("--noverlap",
                    "noverlap " + std::to_string(noverlap) + " makes the hop (" +
                        std::to_string(hop()) + ") larger than the window (" + n + ")",
                    "0 <= noverlap < nperseg");
    if (noverlap >= nperseg)
        throw Error("--noverlap",
                    "noverlap " + std::to_string(noverlap) + " leaves no hop for window " + n,
                    "0 <= noverlap < nperseg");
    if (nperseg > kMaxTransformSize)
        throw Error("--nperseg", "window length " + n + " is too large",
                    "at most " + std::to_string(kMaxTransformSize) + " samples");
    if (nfft > kMaxTransformSize)
        throw Error("--nfft", "FFT size " + std::to_string(nfft) + " is too large",
                    "at most " + std::to_string(kMaxTransformSize) + " points");
    if (nfft < nperseg)
        throw Error("--nfft",
                    "FFT size " + std::to_string(nfft) + " is smaller than the window (" + n + ")",
                    "nfft >= nperseg (zero padding)");
    if (!(fs > 0) || !std::isfinite(fs))
        throw Error("--fs", "sample rate " + std::to_string(fs) + " is not positive",
                    "a finite rate > 0 Hz");
    if (!satisfiesNola(makeWindow(window, nperseg), hop()))
        throw Error("--window",
                    "window " + toString(window) + " with nperseg " + n + " and noverlap " +
                        std::to_string(noverlap) +
                        " breaks the NOLA condition: some samples get zero weight in the "
                        "overlap-add, so the ISTFT cannot recover them",
                    "more overlap, or a window that is nonzero where frames meet (e.g. hann "
                    "with noverlap >= nperseg/2)");
}

std::size_t StftParams::hash() const {
    std::size_t h = std::hash<int>{}(static_cast<int>(window.type));
    auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(std::hash<double>{}(window.param));
    mix(window.periodic ? 1 : 0);
    mix(std::hash<int>{}(nperseg));
    mix(std::hash<int>{}(noverlap));
    mix(std::hash<int>{}(nfft));
    mix(std::hash<double>{}(fs));
    return h;
}

} // namespace specedit::core
