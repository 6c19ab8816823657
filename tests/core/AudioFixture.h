#pragma once
// Writes a generated float WAV (sample(i, channel) for frame i) and returns its path, for
// tests that need an audio recording of known content.

#include "io/SignalWriter.h"

#include <functional>
#include <string>
#include <vector>

namespace specedit::test {

inline std::string audioRecording(const std::string& path, int channels, double rate,
                                  std::int64_t frames,
                                  const std::function<double(std::int64_t, int)>& sample) {
    std::vector<float> v(static_cast<std::size_t>(frames * channels));
    for (std::int64_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            v[std::size_t(i * channels + c)] = float(sample(i, c));
    core::SignalInfo info;
    info.kind = core::SignalKind::Audio;
    info.channels = channels;
    info.sampleRate = rate;
    info.frames = frames;
    info.sampleType = core::SampleType::Float32;
    core::SignalWriter w(path, info, {});
    w.write(v.data(), frames);
    w.finish();
    return path;
}

} // namespace specedit::test
