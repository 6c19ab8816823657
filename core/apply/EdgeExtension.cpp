#include "apply/EdgeExtension.h"

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
std::vector<float> extend(const SampleSource& src, const std::vector<float>& block,
                          std::int64_t frames, std::int64_t length, bool backwards) {
    const int channels = src.info().channels;
    std::vector<float> out(std::size_t(length * channels));
    if (src.info().isComplex()) {
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

EdgeExtension::EdgeExtension(const SampleSource& src, std::int64_t before, std::int64_t after,
                             std::int64_t history)
    : m_frames(src.info().frames), m_before(std::max<std::int64_t>(0, before)),
      m_after(std::max<std::int64_t>(0, after)), m_channels(src.info().channels) {
    const std::int64_t h = std::min(history, m_frames);
    if (h <= 0)
        return;
    std::vector<float> block(std::size_t(h * m_channels));
    src.read(0, h, block.data());
    m_head = extend(src, block, h, m_before, true);
    src.read(m_frames - h, h, block.data());
    m_tail = extend(src, block, h, m_after, false);
}

void EdgeExtension::fill(std::int64_t start, std::int64_t count, float* interleaved) const {
    const std::size_t channels = std::size_t(m_channels);
    for (std::int64_t n = start; n < std::min<std::int64_t>(start + count, 0); ++n)
        if (n >= -m_before && !m_head.empty())
            std::copy_n(m_head.data() + std::size_t(n + m_before) * channels, channels,
                        interleaved + std::size_t(n - start) * channels);
    for (std::int64_t n = std::max(start, m_frames); n < start + count; ++n)
        if (n < m_frames + m_after && !m_tail.empty())
            std::copy_n(m_tail.data() + std::size_t(n - m_frames) * channels, channels,
                        interleaved + std::size_t(n - start) * channels);
}

} // namespace specedit::core
