#pragma once
// A label's band, isolated and moved to baseband, so features see the burst and not its
// neighbours in frequency.
//
// The samples of [t0 - margin, t1 + margin] (clipped to the recording) are mixed down by the
// box's centre frequency fc = (f0 + f1)/2 (x[n] e^{-2 pi i fc n / fs}; audio is taken as the
// real part of a complex signal), transformed with one FFT of N = 2^a points (zero-padded),
// multiplied by a band-pass that is 1 over [-B/2, B/2] (B = f1 - f0) and falls to 0 with a
// raised cosine over a guard of 10 % of B beyond each edge, cut to the N' = N / 2^d bins around
// 0 Hz with the largest d that keeps the guard band (so the new rate fs' = fs N'/N is between
// 1.25 (1.2 B) and 2.5 (1.2 B)), and transformed back divided by N: amplitudes and powers are
// those of the recording in the band.
//
// The margin gives the noise around the burst for its SNR: the parts of the segment outside
// [t0, t1] that lie inside the recording.

#include "io/SampleSource.h"
#include "label/Label.h"

#include <complex>
#include <cstdint>
#include <utility>
#include <vector>

namespace specedit::core {

class FeaturePlans;

struct BandSignal {
    std::vector<std::complex<double>> samples; // baseband, the box's centre at 0 Hz
    double rate = 0;                           // fs' (samples/s)
    double centre = 0; // Hz in the label's frame (absolute for IQ with a centre frequency)
    double width = 0;  // B = f1 - f0 (Hz)
    bool real = false; // the recording is real (audio): frequencies are absolute
    double time0 = 0;  // s: the time of samples[0]
    std::int64_t burstBegin = 0, burstEnd = 0; // [t0, t1) as indices into samples
    std::int64_t validBegin = 0, validEnd = 0; // the part inside the recording
    // Spans of the margins that other labels in this band occupy, as indices into samples:
    // the noise is not measured there (a neighbour's burst read as noise gave negative SNRs).
    std::vector<std::pair<std::int64_t, std::int64_t>> occupied;
    // Power per sample below which the band holds no recorded noise: a tenth of what rounding
    // to an integer sample type leaves in it (0 for floating-point samples). Lower is digital
    // silence (zeros cut into a capture), not a noise floor to measure an SNR against.
    double silence = 0;

    std::int64_t burstLength() const { return burstEnd - burstBegin; }
    const std::complex<double>* burst() const { return samples.data() + burstBegin; }
};

// Marks in band.occupied where `others` (the recording's other labels) lie in `label`'s band
// before or after it, within the band's span. Labels over the label's own time (itself, a
// steady carrier, a box around it) are not marked.
void markOccupied(BandSignal& band, const Label& label, const std::vector<Label>& others);

// Throws Error for a label outside the recording, with no duration or band, or a band beyond
// what the recording holds; margin in seconds; channel: audio channel or -1 for the mix.
BandSignal extractBand(const SampleSource& source, const Label& label, double margin, int channel,
                       FeaturePlans& plans);

} // namespace specedit::core
