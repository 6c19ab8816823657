#pragma once
// Writes a generated complex signal as a cf32 file and opens it as an IQ recording (for core
// tests that need a source of known content).

#include "io/SignalWriter.h"
#include "io/SourceFactory.h"

#include <complex>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace specedit::test {

inline std::unique_ptr<core::SampleSource>
iqRecording(const std::string& path, std::int64_t n, double rate, double center,
            const std::function<std::complex<double>(std::int64_t)>& sample) {
    std::vector<float> v(std::size_t(2 * n));
    for (std::int64_t i = 0; i < n; ++i) {
        const auto x = sample(i);
        v[std::size_t(2 * i)] = float(x.real());
        v[std::size_t(2 * i + 1)] = float(x.imag());
    }
    core::SignalInfo info;
    info.kind = core::SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = rate;
    info.frames = n;
    info.sampleType = core::SampleType::Float32;
    info.centerFrequency = center;
    core::SignalWriter w(path, info, {});
    w.write(v.data(), n);
    w.finish();
    core::OpenOptions o;
    o.sampleRate = rate;
    o.centerFrequency = center;
    return core::openRecording(path, o);
}

} // namespace specedit::test
