#pragma once
// Random access into a recording by sample range. A SampleSource never loads the whole
// recording: readers memory-map or seek. read() is thread-safe (implementations serialise
// or use position-independent reads), so tile workers and export blocks may share one source.

#include "io/SignalInfo.h"

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

namespace specedit::core {

class SampleSource {
public:
    virtual ~SampleSource() = default;

    virtual const SignalInfo& info() const = 0;

    // Reads frames [start, start + count) as interleaved floats (info().channels per frame;
    // IQ sources give I then Q, already scaled to [-1, 1) for integer types and with the swap
    // option applied) into out, which must hold count * channels floats. Frames outside
    // [0, frames) are written as zeros. Any thread. Throws Error on I/O failure.
    virtual void read(std::int64_t start, std::int64_t count, float* out) const = 0;
};

// Reads a frame range of an IQ source as complex samples (zeros outside the recording).
void readComplex(const SampleSource& src, std::int64_t start, std::int64_t count,
                 std::complex<float>* out);

// Reads one channel (channel >= 0) or the mean of all channels (channel == -1) of a source as
// real samples (zeros outside the recording).
void readChannel(const SampleSource& src, int channel, std::int64_t start, std::int64_t count,
                 float* out, std::vector<float>& scratch);

// Throws Error naming `source` and the first non-finite value of an interleaved block
// ("sample 12345 (channel 1) is NaN"); firstFrame is the block's first sample index.
void checkFinite(const float* interleaved, std::int64_t frames, int channels,
                 std::int64_t firstFrame, const std::string& source);

} // namespace specedit::core
