#pragma once
// A numpy array of samples (.npy) as a SampleSource. The sample rate is the caller's (numpy
// arrays carry none; scipy's default is 1); the shape says what the samples are:
//   1-D real        one-channel audio
//   1-D complex     I/Q
//   2-D real        channels, frames × channels (as soundfile.read gives them) or channels ×
//                   frames (a few rows of many samples: I and Q rows, as RF datasets keep them);
//                   the caller decides whether two channels are I and Q (mutableInfo)
// Dimensions of 1 are dropped ((1, N) is one channel). Values are converted to float on read;
// integers are refused (their full scale is unknown), and so are matrices with more than
// kMaxNpyChannels on both sides (a spectrogram is no recording).

#include "io/Npy.h"
#include "io/SampleSource.h"

#include <memory>

namespace specedit::core {

constexpr std::int64_t kMaxNpyChannels = 32;

class NpySignalSource : public SampleSource {
public:
    // Throws Error naming the file if it is not an array of samples as above, or fs <= 0.
    NpySignalSource(const std::string& path, double fs);

    const SignalInfo& info() const override { return m_info; }
    SignalInfo& mutableInfo() { return m_info; }
    // Whether the first two channels (or a complex value's parts) are given swapped.
    void setSwapFirstTwoChannels(bool swap) { m_swap = swap; }
    void read(std::int64_t start, std::int64_t count, float* out) const override;

private:
    void frameChannels(const std::string& path);

    NpyReader m_npy;
    SignalInfo m_info;
    // Element of (frame, channel): frame * channels + channel when interleaved, else
    // channel * frames + frame (channel planes).
    bool m_interleaved = true;
    bool m_swap = false;
};

} // namespace specedit::core
