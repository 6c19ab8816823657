#include "dsp/IqDemod.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace specedit::core {
namespace {

constexpr double kPi = std::numbers::pi;
using cd = std::complex<double>;

// Low-pass windowed-sinc taps for cutoff (Hz) at rate fs, Blackman window.
std::vector<double> lowPass(double cutoff, double fs, int taps) {
    std::vector<double> h(static_cast<std::size_t>(taps));
    const double fc = cutoff / fs;
    const int mid = taps / 2;
    double sum = 0;
    for (int k = 0; k < taps; ++k) {
        const double m = k - mid;
        const double sinc = m == 0 ? 2 * fc : std::sin(2 * kPi * fc * m) / (kPi * m);
        const double w = 0.42 - 0.5 * std::cos(2 * kPi * k / (taps - 1)) +
                         0.08 * std::cos(4 * kPi * k / (taps - 1));
        h[std::size_t(k)] = sinc * w;
        sum += h[std::size_t(k)];
    }
    for (auto& v : h)
        v /= sum; // unity gain at DC
    return h;
}

// Shift by -shiftHz, filter and keep every decimate-th output.
std::vector<cd> shiftFilterDecimate(const std::complex<float>* x, std::int64_t n, double fs,
                                    double shiftHz, const std::vector<double>& h, int decimate) {
    std::vector<cd> shifted(static_cast<std::size_t>(n));
    const cd step = std::polar(1.0, -2 * kPi * shiftHz / fs);
    cd rot = 1.0;
    for (std::int64_t i = 0; i < n; ++i) {
        shifted[std::size_t(i)] = cd(x[i]) * rot;
        rot *= step;
        if ((i & 1023) == 0)
            rot /= std::abs(rot); // keep the oscillator on the unit circle
    }
    const auto taps = std::int64_t(h.size());
    std::vector<cd> y;
    y.reserve(std::size_t(n / decimate + 1));
    for (std::int64_t m = 0; m < n; m += decimate) {
        cd acc = 0;
        const std::int64_t k0 = std::max<std::int64_t>(0, m - (n - 1));
        const std::int64_t k1 = std::min<std::int64_t>(taps - 1, m + taps / 2);
        for (std::int64_t k = k0; k <= k1; ++k) {
            const std::int64_t idx = m + taps / 2 - k; // zero-phase: centred taps
            if (idx >= 0 && idx < n)
                acc += h[std::size_t(k)] * shifted[std::size_t(idx)];
        }
        y.push_back(acc);
    }
    return y;
}

void normalise(std::vector<float>& audio) {
    float peak = 0;
    for (float v : audio)
        peak = std::max(peak, std::abs(v));
    if (peak > 0)
        for (float& v : audio)
            v *= 0.5f / peak;
}

std::vector<float> demod(const std::vector<cd>& y, Demodulation mode, double bw, double rate) {
    std::vector<float> audio(y.size());
    if (mode == Demodulation::Am) {
        double mean = 0;
        for (const auto& v : y)
            mean += std::abs(v);
        mean /= double(std::max<std::size_t>(1, y.size()));
        for (std::size_t i = 0; i < y.size(); ++i)
            audio[i] = float(std::abs(y[i]) - mean);
    } else if (mode == Demodulation::Fm) {
        for (std::size_t i = 1; i < y.size(); ++i)
            audio[i] = float(std::arg(y[i] * std::conj(y[i - 1])) / kPi);
    } else {
        const double sign = mode == Demodulation::Usb ? 1.0 : -1.0;
        const cd step = std::polar(1.0, sign * kPi * bw / rate); // move by +-bw/2
        cd rot = 1.0;
        for (std::size_t i = 0; i < y.size(); ++i, rot *= step)
            audio[i] = float((y[i] * rot).real());
    }
    return audio;
}

} // namespace

Demodulation parseDemodulation(const std::string& text) {
    if (text == "am")
        return Demodulation::Am;
    if (text == "fm")
        return Demodulation::Fm;
    if (text == "usb")
        return Demodulation::Usb;
    if (text == "lsb")
        return Demodulation::Lsb;
    throw Error("--demod", "unknown demodulation '" + text + "'", "am, fm, usb or lsb");
}

Listening demodulate(const std::complex<float>* iq, std::int64_t count, double fs, double lowHz,
                     double highHz, Demodulation mode, double targetRate) {
    if (!(highHz > lowHz) || lowHz < -fs / 2 - 1e-9 || highHz > fs / 2 + 1e-9)
        throw Error("listening band",
                    "band " + exactNumber(lowHz) + " .. " + exactNumber(highHz) +
                        " Hz is empty or outside the recording's " + exactNumber(fs) + " Hz span",
                    "a band inside [-fs/2, fs/2]");
    const int decimate = std::max(1, int(std::floor(fs / targetRate)));
    Listening out;
    out.rate = fs / decimate;
    const double bw = std::min(highHz - lowHz, 0.9 * out.rate);
    const int taps = std::min(8 * decimate + 1, 4097) | 1;
    const auto h = lowPass(bw / 2, fs, std::max(taps, 31));
    const auto y = shiftFilterDecimate(iq, count, fs, (lowHz + highHz) / 2, h, decimate);
    out.audio = demod(y, mode, bw, out.rate);
    normalise(out.audio);
    return out;
}

} // namespace specedit::core
