#pragma once
// A 1-D .npy array of floats or complex values as a SampleSource: real arrays are
// one-channel audio, complex arrays IQ, at a sample rate the caller gives (numpy arrays carry
// none; scipy's default is 1). Values are converted to float on read; integers are refused
// (their full scale is unknown).

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
