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
//      or its runs of exact zeros, on blocks of 50 us (3 / w when longer: three of noise's
//      correlation times). While the band is on (its level at
//      least half the levels' 99th percentile), half the interquartile range of its frequency
//      is its spread. AM when it switches on and off, between levels over 15 dB apart, at
//      least every 2 ms of its time on with a spread under 5 kHz (on/off keying, from a
//      drifting oscillator too), or when its spread is under 1.5 kHz and its level moves by
//      more than 3.5 dB (AM broadcast); else FM. A band whose frequency moves (a spread of
//      1.5 kHz or more) but correlates under 0.3 from one block on to the next holds noise
//      alone, and is said to.
//   5. FM is muted where the band's level lies below a squelch, for a band that switches on and
//      off: the geometric mean of its 20th and 99th percentile levels (noise alone made a
//      loud hiss between bursts, and in place of a removed one).
// The result is scaled to a peak of 0.5 (silence stays silence), and faded in and out over 5 ms.

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
    double scale = 0;                     // the factor that brought the audio to its level
    double squelch = 0; // FM: the band's level below which it is muted; 0 for none
};

// lowHz, highHz: the band, relative to the IQ centre frequency (baseband Hz), low < high.
// Throws Error for an empty band or one outside [-fs/2, fs/2]. Any thread.
// like: the original's Listening when this is its edited version, which is then heard the same
// way (its demodulation, squelch and level: scaled on its own, the noise left where a burst was
// removed came out at full loudness).
Listening demodulate(const std::complex<float>* iq, std::int64_t count, double fs, double lowHz,
                     double highHz, Demodulation mode, double targetRate = 48000,
                     const Listening* like = nullptr);

} // namespace specedit::core
