#pragma once
// Listening to a band of an IQ recording: shift the band to baseband, low-pass filter and
// decimate to an audio rate, demodulate.
//
//   1. y[n] = x[n] e^{-2 pi i f_c n / fs}, f_c the band centre (relative to the IQ centre);
//   2. FIR low-pass, windowed sinc (Blackman), cutoff half the band width (and at most
//      0.45 of the output rate), decimated by D = floor(fs / target) in one polyphase pass:
//      output rate fs / D (about 48 kHz);
//   3. AM: envelope |y| without its mean; FM: phase step arg(y[n] conj(y[n-1])) (a frequency
//      discriminator); USB / LSB: the band moved to [0, w] or [-w, 0] and the real part taken.
// The result is scaled to a peak of 0.5 (silence stays silence).

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

namespace specedit::core {

enum class Demodulation { Am, Fm, Usb, Lsb };

// "am", "fm", "usb", "lsb"; throws Error for anything else.
Demodulation parseDemodulation(const std::string& text);

struct Listening {
    std::vector<float> audio; // mono
    double rate = 0;          // Hz
};

// lowHz, highHz: the band, relative to the IQ centre frequency (baseband Hz), low < high.
// Throws Error for an empty band or one outside [-fs/2, fs/2]. Any thread.
Listening demodulate(const std::complex<float>* iq, std::int64_t count, double fs, double lowHz,
                     double highHz, Demodulation mode, double targetRate = 48000);

} // namespace specedit::core
