#include "dsp/EdgeExtension.h"

#include "dsp/LinearPrediction.h"

#include <algorithm>
#include <complex>

namespace specedit::core {
namespace {

constexpr int kOrder = 32;

// Continues `lane` (one channel, or the complex signal) by `length` samples; reversed, the same
// gives what came before it.
template <typename T>
std::vector<T> continued(std::vector<T> lane, std::int64_t length, bool backwards) {
    if (backwards)
        std::reverse(lane.begin(), lane.end());
    auto out = continueSignal(lane.data(), lane.size(), std::size_t(length), kOrder);
    if (backwards)
        std::reverse(out.begin(), out.end());
    return out;
}

// The extension of an interleaved block (its `frames` frames) on one side.
std::vector<float> extend(const std::vector<float>& block, int channels, bool complex,
                          std::int64_t frames, std::int64_t length, bool backwards) {
    std::vector<float> out(std::size_t(length * channels));
    if (complex) {
        std::vector<std::complex<float>> lane(static_cast<std::size_t>(frames));
        for (std::int64_t i = 0; i < frames; ++i)
            lane[std::size_t(i)] = {block[std::size_t(2 * i)], block[std::size_t(2 * i + 1)]};
        const auto more = continued(std::move(lane), length, backwards);
        for (std::int64_t i = 0; i < length; ++i) {
            out[std::size_t(2 * i)] = more[std::size_t(i)].real();
            out[std::size_t(2 * i + 1)] = more[std::size_t(i)].imag();
        }
        return out;
    }
    for (int c = 0; c < channels; ++c) {
        std::vector<float> lane(static_cast<std::size_t>(frames));
        for (std::int64_t i = 0; i < frames; ++i)
            lane[std::size_t(i)] = block[std::size_t(i * channels + c)];
        const auto more = continued(std::move(lane), length, backwards);
        for (std::int64_t i = 0; i < length; ++i)
            out[std::size_t(i * channels + c)] = more[std::size_t(i)];
    }
    return out;
}

} // namespace

EdgeExtension::EdgeExtension(const Reader& read, std::int64_t frames, int channels, bool complex,
                             std::int64_t before, std::int64_t after, std::int64_t history)
    : m_frames(frames), m_before(std::max<std::int64_t>(0, before)),
      m_after(std::max<std::int64_t>(0, after)), m_channels(channels) {
    const std::int64_t h = std::min(history, m_frames);
    if (h <= 0)
        return;
    std::vector<float> block(std::size_t(h * m_channels));
    read(0, h, block.data());
    m_head = extend(block, m_channels, complex, h, m_before, true);
    read(m_frames - h, h, block.data());
    m_tail = extend(block, m_channels, complex, h, m_after, false);
}

const float* EdgeExtension::frameAt(std::int64_t n) const {
    const std::size_t channels = std::size_t(m_channels);
    if (n < 0 && n >= -m_before && !m_head.empty())
        return m_head.data() + std::size_t(n + m_before) * channels;
    if (n >= m_frames && n < m_frames + m_after && !m_tail.empty())
        return m_tail.data() + std::size_t(n - m_frames) * channels;
    return nullptr;
}

void EdgeExtension::fill(std::int64_t start, std::int64_t count, float* interleaved) const {
    const std::size_t channels = std::size_t(m_channels);
    for (std::int64_t n = start; n < start + count; ++n)
        if (n < 0 || n >= m_frames)
            if (const float* frame = frameAt(n))
                std::copy_n(frame, channels, interleaved + std::size_t(n - start) * channels);
}

void EdgeExtension::fillChannel(std::int64_t start, std::int64_t count, int channel,
                                float* out) const {
    for (std::int64_t n = start; n < start + count; ++n) {
        if (n >= 0 && n < m_frames)
            continue;
        const float* frame = frameAt(n);
        if (!frame)
            continue;
        if (channel >= 0) {
            out[n - start] = frame[channel];
            continue;
        }
        float sum = 0;
        for (int c = 0; c < m_channels; ++c)
            sum += frame[c];
        out[n - start] = sum / float(m_channels);
    }
}

void EdgeExtension::fillComplex(std::int64_t start, std::int64_t count,
                                std::complex<float>* out) const {
    for (std::int64_t n = start; n < start + count; ++n)
        if (n < 0 || n >= m_frames)
            if (const float* frame = frameAt(n))
                out[n - start] = {frame[0], frame[1]};
}

} // namespace specedit::core
