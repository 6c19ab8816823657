#include "io/SampleSource.h"

#include "util/Error.h"

#include <cmath>

namespace specedit::core {

std::string toString(SignalKind kind) {
    return kind == SignalKind::Iq ? "iq" : "audio";
}

int integerBits(SampleType type) {
    switch (type) {
    case SampleType::Int8:
    case SampleType::UInt8:
        return 8;
    case SampleType::Int16:
    case SampleType::UInt16:
        return 16;
    case SampleType::Int24:
        return 24;
    case SampleType::Int32:
        return 32;
    default:
        return 0;
    }
}

std::string toString(SampleType type) {
    switch (type) {
    case SampleType::Int8:
        return "int8";
    case SampleType::UInt8:
        return "uint8";
    case SampleType::Int16:
        return "int16";
    case SampleType::UInt16:
        return "uint16";
    case SampleType::Int24:
        return "int24";
    case SampleType::Int32:
        return "int32";
    case SampleType::Float32:
        return "float32";
    case SampleType::Float64:
        return "float64";
    case SampleType::Other:
        return "other";
    }
    return "other";
}

void checkFinite(const float* v, std::int64_t frames, int channels, std::int64_t firstFrame,
                 const std::string& source) {
    const auto n = std::size_t(frames) * std::size_t(channels);
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(v[i]))
            throw Error(source,
                        "sample " +
                            std::to_string(firstFrame + std::int64_t(i / std::size_t(channels))) +
                            " (channel " + std::to_string(i % std::size_t(channels)) + ") is " +
                            (std::isnan(v[i]) ? "NaN" : "infinite"),
                        "finite sample values");
}

void readComplex(const SampleSource& src, std::int64_t start, std::int64_t count,
                 std::complex<float>* out) {
    const int ch = src.info().channels;
    if (ch != 2)
        throw Error("readComplex", "source has " + std::to_string(ch) + " channels",
                    "2 channels (I and Q)");
    // complex<float> is layout-compatible with float[2] ([complex.numbers.general]).
    src.read(start, count, reinterpret_cast<float*>(out));
}

void readChannel(const SampleSource& src, int channel, std::int64_t start, std::int64_t count,
                 float* out, std::vector<float>& scratch) {
    const int ch = src.info().channels;
    if (channel >= ch || channel < -1)
        throw Error("--channel", "channel " + std::to_string(channel) + " does not exist",
                    "-1 (mix) or 0.." + std::to_string(ch - 1));
    if (ch == 1) {
        src.read(start, count, out);
        return;
    }
    scratch.resize(static_cast<std::size_t>(count * ch));
    src.read(start, count, scratch.data());
    for (std::int64_t i = 0; i < count; ++i) {
        const float* frame = scratch.data() + i * ch;
        if (channel >= 0) {
            out[i] = frame[channel];
        } else {
            float sum = 0;
            for (int c = 0; c < ch; ++c)
                sum += frame[c];
            out[i] = sum / static_cast<float>(ch);
        }
    }
}

} // namespace specedit::core
