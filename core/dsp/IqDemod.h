#pragma once
// Listening to a band of an IQ recording: shift the band to baseband, low-pass filter and
// decimate to an audio rate, demodulate.
//
//   1. y[n] = x[n] e^{-2 pi i f_c n / fs}, f_c the band centre (relative to the IQ centre);
//   2. FIR low-pass, windowed sinc (Blackman), cutoff half the band width, decimated by
//      D1 = floor(fs / max(target, 1.25 w)) in one polyphase pass, so the band's rate holds
//      the whole band w (a whole view of a wide recording too);
//   3. AM: envelope |y| without its mean; FM: phase step arg(y[n] conj(y[n-1])) (a frequency
//      discriminator) without its mean (a carrier off the band's centre); USB / LSB: the
//      band moved to [0, w] or [-w, 0] and the real part taken; then the audio low-passed at
//      0.45 of the output rate and decimated by D2 = floor(fs / D1 / target) (about 48 kHz);
//   4. Auto picks AM or FM from the band itself without its mean (a receiver's DC offset)
//      or its runs of exact zeros, on blocks of 50 us. While the band is on (its level at
//      least half the levels' 99th percentile), half the interquartile range of its
//      frequency is its spread. AM when it switches on and off at least every 2 ms of its
//      time on with a spread under 5 kHz (on/off keying from a drifting oscillator), or
//      when its spread is under 1.5 kHz and its level moves by more than 3.5 dB (AM
//      broadcast); else FM.
// The result is scaled to a peak of 0.5 (silence stays silence).

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

namespace specedit::core {

enum class Demodulation { Am, Fm, Usb, Lsb, Auto };

// "am", "fm", "usb", "lsb", "auto"; throws Error for anything else.
Demodulation parseDemodulation(const std::string& text);

struct Listening {
    std::vector<float> audio;             // mono
    double rate = 0;                      // Hz
    Demodulation used = Demodulation::Fm; // what Auto chose, else the mode asked for
    std::string why;                      // Auto's reason, in words with the numbers
};

// lowHz, highHz: the band, relative to the IQ centre frequency (baseband Hz), low < high.
// Throws Error for an empty band or one outside [-fs/2, fs/2]. Any thread.
Listening demodulate(const std::complex<float>* iq, std::int64_t count, double fs, double lowHz,
                     double highHz, Demodulation mode, double targetRate = 48000);

} // namespace specedit::core
