#pragma once
// The power |X|^2 of a run of STFT frames, bins in ascending frequency (an IQ spectrum is
// fftshifted, so bin 0 is the most negative frequency), frame-major, for detectors and
// per-burst measurements that stream over a recording in blocks. Frames are computed on the
// caller's thread pool; memory is one block.

#include "dsp/StftParams.h"
#include "io/SampleSource.h"
#include "util/JobControl.h"
#include "util/ThreadPool.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace specedit::core {

struct PowerBlock {
    std::int64_t first = 0;  // first frame
    std::int64_t frames = 0; // rows
    int bins = 0;            // columns
    std::vector<float> power;
    float* row(std::int64_t j) { return power.data() + std::size_t(j) * std::size_t(bins); }
    const float* row(std::int64_t j) const {
        return power.data() + std::size_t(j) * std::size_t(bins);
    }
};

class PowerComputer {
public:
    // channel: audio channel, or -1 for the mix; ignored for IQ. Validates params (Error).
    PowerComputer(const SampleSource& source, StftParams params, int channel);
    ~PowerComputer();

    const StftParams& params() const { return m_params; }
    int bins() const { return m_bins; }
    std::int64_t frameCount() const { return m_frames; }
    // Frequency in Hz of the centre of bin k (absolute for IQ with a centre frequency).
    double binFrequency(int k) const;
    // Time in s of the centre of frame j.
    double frameTime(std::int64_t j) const { return double(j) * m_params.hop() / m_params.fs; }

    // Frames [first, first + count) (clipped to the recording) into out. Throws Cancelled.
    void compute(std::int64_t first, std::int64_t count, PowerBlock& out, ThreadPool& pool,
                 const JobControl& job) const;

private:
    struct Engine;
    const SampleSource& m_source;
    StftParams m_params;
    int m_channel;
    int m_bins = 0;
    std::int64_t m_frames = 0;
    std::unique_ptr<Engine> m_engine;
};

} // namespace specedit::core
