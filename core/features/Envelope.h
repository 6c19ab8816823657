#pragma once
// Level and keying of a burst, from its band's complex baseband y (BandSignal).
//
// The envelope a[n] is |y[n]| averaged over M = round(fs' / B) samples (about the band's
// coherence length, so a symbol is never smeared). Its "on" level A_on is the 90th percentile
// of a over the box and its noise level A_n the median of a over the margins (the 10th
// percentile inside the box when the box fills the recording). A sample is on once a rises
// above A_n + 0.65 (A_on - A_n) and off once it falls below A_n + 0.35 (A_on - A_n)
// (hysteresis), and on or off runs shorter than M samples are merged into their neighbours.
//
//   peak power   max over the box of |y|^2 averaged over M samples (dB re full scale)
//   mean power   mean |y|^2 over the box (dB re full scale)
//   noise power  10th percentile over the margins of |y|^2 averaged over blocks of 32
//                samples, divided by 0.7815 (that percentile of noise alone, as a share of
//                its mean), so other bursts in up to 90 % of the margins do not count,
//                leaving out digital silence (blocks below -120 dB re full scale or 90 dB
//                below P_on); NaN when the margins hold no noise
//   SNR          10 log10(P_on / P_noise), P_on the mean power of the on samples: the level
//                over the noise floor, as the detector reports it
//   rise / fall  10-90 % of the step from A_n to A_on, at the first rise and the last fall
//   crest factor 20 log10(max |y| / rms y) over the box (dB)
//   duty cycle   on samples / samples in the box; on-time: first to last on sample (s)

#include <cstdint>
#include <vector>

namespace specedit::core {

struct BandSignal;

struct Envelope {
    int smoothing = 1;             // M
    std::vector<double> amplitude; // a[n], the whole segment
    std::vector<char> on;          // sliced, over the box only (index 0 = burstBegin)
    double onLevel = 0, noiseLevel = 0;
};

struct EnvelopeFeatures {
    double peakPowerDb = 0, meanPowerDb = 0, noisePowerDb = 0, snrDb = 0;
    double riseTime = 0, fallTime = 0; // s
    double crestDb = 0;
    double dutyCycle = 0, onTime = 0;
    int transitions = 0; // on/off changes inside the box
};

Envelope envelopeOf(const BandSignal& band);
EnvelopeFeatures envelopeFeatures(const BandSignal& band, const Envelope& env);

// Runs of equal values shorter than minRun merged into the run before them (in place).
void debounce(std::vector<int>& states, int minRun);

} // namespace specedit::core
