#pragma once
// What a recording would hold just before its first sample and after its last, as linear
// prediction continues it (dsp/LinearPrediction), for the analysis frames that reach past
// its ends. With zeros there, a frame over an edge saw a tone cut off: its spectrum spread
// over every bin, a shape removing the tone left that spread, and the edited file kept the
// tone in its first and last milliseconds (a 1 kHz tone removed from 0-5 s left an RMS of
// 0.035 in the first 8 samples and 0.033 in the last 80, against 0.003 of noise between; the
// same with scipy's stft/istft). Continued, a tone goes on past the edge and its frames hold
// it in its own bins. The ends themselves are never written: the inverse STFT keeps only the
// recording's samples, so an unedited round trip stays exact.

#include "io/SampleSource.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace specedit::core {

class EdgeExtension {
public:
    // History for an analysis window of nperseg samples: two windows, 1024 to 16384 samples.
    static std::int64_t historyFor(int nperseg) {
        return std::clamp<std::int64_t>(2 * std::int64_t(nperseg), 1024, 16384);
    }

    EdgeExtension() = default;
    // `before` samples before the start and `after` past the end, predicted from up to
    // `history` samples at each end (IQ: the complex signal; audio: each channel). Reads the
    // source; any thread. Throws Error on I/O failure.
    EdgeExtension(const SampleSource& src, std::int64_t before, std::int64_t after,
                  std::int64_t history);

    // Replaces the samples outside the recording in an interleaved block of `count` frames
    // read from frame `start` (zeros there, as SampleSource::read writes them).
    void fill(std::int64_t start, std::int64_t count, float* interleaved) const;

private:
    std::int64_t m_frames = 0, m_before = 0, m_after = 0;
    int m_channels = 1;
    std::vector<float> m_head, m_tail; // interleaved: [-before, 0) and [frames, frames + after)
};

} // namespace specedit::core
