#pragma once
// The trace lane's data (inspectrum's amplitude and frequency plots, Audacity's and RX's
// waveform): per pixel column of a time range [t0, t1),
//   * audio: the lowest and highest sample of one channel or of the mix: the waveform;
//   * IQ: the mean and the highest power in dB (10 log10(I^2 + Q^2), full scale 0 dB; the
//     lowest would mostly show noise dips toward -inf),
//     and, for a band [fLo, fHi] (absolute Hz), the instantaneous frequency of the signal in
//     that band: the samples are shifted to baseband by the band's centre fc and low-passed
//     by three cascaded moving averages of M = round(fs / (fHi - fLo)) samples (a sinc^3
//     response whose first null is at the band's width; sidelobes below -39 dB), then per
//     column f = fc + fs / (2 pi) arg(sum z[n] conj(z[n-1])), the power-weighted mean phase
//     advance. Columns whose band power lies more than kQuietDb below the strongest column's
//     (or below a reference the caller gives: the original's strongest, when the trace is
//     of an edit that removed what was there) are NaN: nothing is there to measure.
// Column c covers samples [ceil(s0 + c w), ceil(s0 + (c + 1) w)), s0 = t0 fs, w = (t1 - t0) fs /
// columns. Zoomed in below one sample per column, a column holds the sample nearest its
// centre (low == high). Columns outside the recording are NaN.

#include "io/SampleSource.h"
#include "util/JobControl.h"

#include <optional>
#include <utility>
#include <vector>

namespace specedit::core {

constexpr double kQuietDb = 30.0;
// The band's frequency is computed for views of at most this many samples (reading and
// filtering more would keep the lane busy for seconds); beyond, frequency stays empty and
// tooLongForFrequency is set.
// (8 M samples: 2 s at 4 MS/s, about 200 MB while it runs).
constexpr std::int64_t kMaxBandSamples = 8'000'000;

struct TraceRequest {
    double t0 = 0, t1 = 0; // s
    int columns = 0;
    int channel = -1;                              // audio: -1 the mix, else a channel
    std::optional<std::pair<double, double>> band; // IQ: [fLo, fHi] absolute Hz
    bool operator==(const TraceRequest&) const = default;
};

struct Trace {
    TraceRequest request;
    // Per column: audio the lowest and highest sample; IQ the mean and highest power in dB.
    std::vector<float> low, high;
    std::vector<float> frequency; // IQ with a band: Hz, absolute; else empty
    double bandStrongest = 0;     // the band's strongest column, mean power (linear)
    bool tooLongForFrequency = false;
};

// Any thread; reads only the requested range. Throws Error for columns < 1, t1 <= t0 or a
// band on audio or with fHi <= fLo; Cancelled when job is cancelled. quietReference: a band
// power (linear) the quiet gate counts from when it is above the strongest column's.
Trace computeTrace(const SampleSource& source, const TraceRequest& request, JobControl& job,
                   double quietReference = 0);

} // namespace specedit::core
