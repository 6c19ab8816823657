#pragma once
// Analysis parameters of a short-time Fourier transform, with scipy.signal.stft's names and
// defaults: window "hann", noverlap = nperseg / 2, nfft = nperseg, fs = 1. A value type:
// comparable and hashable, so it can key caches.
//
// Validity: nperseg >= 1, 0 <= noverlap < nperseg (hop = nperseg - noverlap >= 1, so the hop
// never exceeds the window), nfft >= nperseg, fs > 0, and the window must satisfy the NOLA
// condition (nonzero overlap-add of the squared window at every hop offset, scipy's
// check_NOLA with tolerance 1e-10), without which the ISTFT cannot invert the STFT.

#include "dsp/Window.h"

#include <cstddef>
#include <optional>

namespace specedit::core {

// Largest window or FFT accepted: 2^24 points (8 s at 2 MHz), far beyond any useful analysis,
// well below what would exhaust memory.
constexpr int kMaxTransformSize = 1 << 24;

struct StftParams {
    WindowSpec window{};
    int nperseg = 256;
    int noverlap = 128;
    int nfft = 256;
    double fs = 1.0;

    int hop() const { return nperseg - noverlap; }
    // Bins a frame has: nfft / 2 + 1 of a real signal (one-sided), nfft of a complex one.
    int bins(bool twoSided) const { return twoSided ? nfft : nfft / 2 + 1; }
    bool operator==(const StftParams&) const = default;

    // Builds parameters the way scipy fills its defaults.
    static StftParams make(WindowSpec window, int nperseg, std::optional<int> noverlap = {},
                           std::optional<int> nfft = {}, double fs = 1.0);

    // Throws Error naming the offending option (--nperseg, --noverlap, --nfft, --fs,
    // --window) with what was expected.
    void validate() const;
    std::size_t hash() const;
};

// True when the squared window overlap-adds to more than tol at every offset (scipy check_NOLA).
bool satisfiesNola(const std::vector<double>& window, int hop, double tol = 1e-10);

} // namespace specedit::core

template <> struct std::hash<specedit::core::StftParams> {
    std::size_t operator()(const specedit::core::StftParams& p) const { return p.hash(); }
};
