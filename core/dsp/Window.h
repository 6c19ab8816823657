#pragma once
// Analysis windows, generated as scipy.signal.get_window generates them.
//
// Cosine-sum windows (rectangular, Hann, Hamming, Blackman, Blackman-Harris, flat-top):
//   w[n] = sum_k (-1)^k a_k cos(2 pi k n / (L - 1)),  n = 0..L-1
// with scipy's coefficients. Kaiser: w[n] = I0(beta sqrt(1 - (2n/(L-1) - 1)^2)) / I0(beta).
// Gaussian: w[n] = exp(-(n - (L-1)/2)^2 / (2 sigma^2)), sigma in samples. Tukey (alpha, the
// tapered fraction): half-cosine tapers over floor(alpha (L-1)/2) + 1 points at each end.
// Periodic (DFT-even, the default, as scipy's fftbins=True) windows of length N are the
// symmetric windows of length N + 1 with the last point dropped.

#include <string>
#include <string_view>
#include <vector>

namespace specedit::core {

enum class WindowType {
    Rectangular,
    Hann,
    Hamming,
    Blackman,
    BlackmanHarris,
    FlatTop,
    Kaiser,
    Gaussian,
    Tukey,   // scipy.signal.spectrogram's default, ('tukey', 0.25)
    SqrtHann // the square root of the Hann window (w^2 overlap-adds to a constant at hop N/2)
};

struct WindowSpec {
    WindowType type = WindowType::Hann;
    double param = 0.0;   // Kaiser beta, Gaussian sigma in samples, Tukey alpha; else unused
    bool periodic = true; // DFT-even (scipy default); false gives the symmetric window

    bool operator==(const WindowSpec&) const = default;
};

// Parses scipy-style names: "hann", "hamming", "blackman", "blackmanharris", "flattop",
// "boxcar"/"rect"/"rectangular", "sqrthann" (or "sqrt-hann"), "kaiser,8.6" (or "kaiser:8.6"),
// "gaussian,512", "tukey,0.25" ("tukey" alone: alpha 0.5, scipy's default); a trailing ",sym" asks
// for the symmetric form. Throws Error naming `option` on bad input.
WindowSpec parseWindow(std::string_view text, std::string_view option = "--window");

// The inverse of parseWindow: "hann", "kaiser,8.6", ...
std::string toString(const WindowSpec& spec);

// Window of `length` samples (length >= 1). Throws Error for length < 1 or a bad parameter.
std::vector<double> makeWindow(const WindowSpec& spec, int length);

} // namespace specedit::core
