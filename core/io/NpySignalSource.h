#pragma once
// A numpy array of samples (.npy) as a SampleSource. The sample rate is the caller's (numpy
// arrays carry none; scipy's default is 1); the shape says what the samples are:
//   1-D real        one-channel audio
//   1-D complex     I/Q
//   2-D real        channels, frames × channels (as soundfile.read gives them) or channels ×
//                   frames (a few rows of many samples: I and Q rows, as RF datasets keep them);
//                   the caller decides whether two channels are I and Q (mutableInfo)
// Dimensions of 1 are dropped ((1, N) is one channel). Values are converted to float on read;
// integers are refused (their full scale is unknown), and so are matrices (npyFraming).

#include "io/Npy.h"
#include "io/SampleSource.h"

#include <memory>

namespace specedit::core {

constexpr std::int64_t kMaxNpyChannels = 32;

// How an array's elements are frames and channels.
struct NpyFraming {
    std::int64_t frames = 0;
    int channels = 1;           // of real values; a complex array is one channel of I/Q
    bool channelsFirst = false; // channels x frames (a few rows of many samples)
    // Element of (frame, channel): frame * channels + channel when interleaved, else
    // channel * frames + frame (channel planes).
    bool interleaved = true;
};

// Throws Error naming the file for an empty array, a matrix (more than 2 channels need 64
// frames per channel: a small spectrogram is no 20-channel recording), more than 2 dimensions
// besides those of 1, or complex values in more than one channel.
NpyFraming npyFraming(const NpyReader& npy);

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
    NpyReader m_npy;
    SignalInfo m_info;
    bool m_interleaved = true; // NpyFraming::interleaved
    bool m_swap = false;
};

} // namespace specedit::core
