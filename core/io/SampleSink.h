#pragma once
// Where processed samples go: a file (SignalWriter) or memory (MemorySink, for playback).

#include <cstdint>
#include <vector>

namespace specedit::core {

class SampleSink {
public:
    virtual ~SampleSink() = default;
    // Appends frames of interleaved floats (the source's channel count per frame).
    virtual void write(const float* interleaved, std::int64_t frames) = 0;
    // Values written that the output could not represent (clipped); 0 if it never clips.
    virtual std::int64_t clippedValues() const { return 0; }
};

// Collects everything in memory. For short ranges only (playback of a selection).
class MemorySink : public SampleSink {
public:
    explicit MemorySink(int channels) : m_channels(channels) {}
    void write(const float* interleaved, std::int64_t frames) override {
        m_samples.insert(m_samples.end(), interleaved, interleaved + frames * m_channels);
    }
    const std::vector<float>& samples() const { return m_samples; }
    std::vector<float>& samples() { return m_samples; }

private:
    int m_channels;
    std::vector<float> m_samples;
};

} // namespace specedit::core
