#pragma once
// What a recording would hold just before its first sample and after its last, as linear
// prediction continues it (dsp/LinearPrediction), for the analysis frames that reach past
// its ends. With zeros there, a frame over an edge saw a tone cut off: its spectrum spread
// over every bin, a shape removing the tone left that spread, and the edited file kept the
// tone in its first and last milliseconds (a 1 kHz tone removed from 0-5 s left an RMS of
// 0.035 in the first 8 samples and 0.033 in the last 80, against 0.003 of noise between; the
// same with scipy's stft/istft), and the spectrogram showed a column of that spread at each
// end. Continued, a tone goes on past the edge and its frames hold it in its own bins. The ends
// themselves are never written: the inverse STFT keeps only the recording's samples, so an
// unedited round trip stays exact. Used by the export (apply/StreamingApply), consistent
// resynthesis (apply/ConsistentApply) and the picture (render/TileColumns).

#include <algorithm>
#include <complex>
#include <cstdint>
#include <functional>
#include <vector>

namespace specedit::core {

class EdgeExtension {
public:
    // Reads `count` interleaved frames from frame `start`, all inside the recording (a
    // SampleSource's read; any thread). Throws on I/O failure.
    using Reader = std::function<void(std::int64_t start, std::int64_t count, float* out)>;

    // History for an analysis window of nperseg samples: two windows, 1024 to 16384 samples.
    static std::int64_t historyFor(int nperseg) {
        return std::clamp<std::int64_t>(2 * std::int64_t(nperseg), 1024, 16384);
    }

    EdgeExtension() = default;
    // A recording of `frames` frames of `channels` values (complex: one I/Q pair, continued as
    // one complex signal; else each channel): `before` samples before its start and `after`
    // past its end, predicted from up to `history` samples at each end. Reads once, here.
    EdgeExtension(const Reader& read, std::int64_t frames, int channels, bool complex,
                  std::int64_t before, std::int64_t after, std::int64_t history);

    // The same for a SampleSource (io/SampleSource.h: read(start, count, out) and info()).
    template <typename Source>
    static EdgeExtension of(const Source& src, std::int64_t before, std::int64_t after,
                            std::int64_t history) {
        const auto& info = src.info();
        return EdgeExtension([&src](std::int64_t start, std::int64_t count,
                                    float* out) { src.read(start, count, out); },
                             info.frames, info.channels, info.isComplex(), before, after, history);
    }

    // Replaces the samples outside the recording in an interleaved block of `count` frames
    // read from frame `start` (zeros there, as SampleSource::read writes them).
    void fill(std::int64_t start, std::int64_t count, float* interleaved) const;
    // The same for one lane: channel c, or the mean of every channel (c = -1, as readChannel
    // mixes them), or the complex signal.
    void fillChannel(std::int64_t start, std::int64_t count, int channel, float* out) const;
    void fillComplex(std::int64_t start, std::int64_t count, std::complex<float>* out) const;

private:
    // The extension's frame at n (n < 0 or n >= frames), or null where it has none.
    const float* frameAt(std::int64_t n) const;

    std::int64_t m_frames = 0, m_before = 0, m_after = 0;
    int m_channels = 1;
    std::vector<float> m_head, m_tail; // interleaved: [-before, 0) and [frames, frames + after)
};

} // namespace specedit::core
