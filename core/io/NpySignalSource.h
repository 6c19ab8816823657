#pragma once
// A 1-D .npy array (float32, float64, complex64, complex128) as a SampleSource: real arrays
// are one-channel audio, complex arrays IQ, at a sample rate the caller gives (numpy arrays
// carry none; scipy's default is 1). Values are converted to float on read.

#include "io/Npy.h"
#include "io/SampleSource.h"

#include <memory>

namespace specedit::core {

class NpySignalSource : public SampleSource {
public:
    // Throws Error naming the file if it is not a readable 1-D array, or fs <= 0.
    NpySignalSource(const std::string& path, double fs);

    const SignalInfo& info() const override { return m_info; }
    void read(std::int64_t start, std::int64_t count, float* out) const override;

private:
    NpyReader m_npy;
    SignalInfo m_info;
};

} // namespace specedit::core
