#include "detect/PowerBlock.h"

#include "dsp/Stft.h"

#include <algorithm>
#include <complex>
#include <future>

namespace specedit::core {

// The transform for the source's kind: complex (IQ, two-sided) or real (one-sided).
struct PowerComputer::Engine {
    std::unique_ptr<Stft<std::complex<float>>> iq;
    std::unique_ptr<Stft<float>> real;
};

namespace {

constexpr std::int64_t kFramesPerTask = 512;

// Frames [a, b) of the block, read as one run of samples and transformed one by one.
template <typename S>
void powerOfFrames(const Stft<S>& stft, const SampleSource& src, int channel, std::int64_t a,
                   std::int64_t b, PowerBlock& out, const JobControl& job) {
    const int n = stft.nperseg(), bins = out.bins;
    const std::int64_t start = stft.frameStart(a);
    const std::int64_t length = stft.frameStart(b - 1) + n - start;
    // Kept per thread: a fresh buffer of this size is mapped and zeroed by the system on
    // every task (a tenth of the time went there).
    thread_local std::vector<S> samples;
    samples.resize(static_cast<std::size_t>(length));
    if constexpr (Stft<S>::kComplexInput) {
        readComplex(src, start, length, samples.data());
    } else {
        std::vector<float> scratch;
        readChannel(src, channel, start, length, samples.data(), scratch);
    }
    auto ws = stft.makeWorkspace();
    std::vector<std::complex<float>> spectrum(std::size_t(stft.bins()));
    const int shift = Stft<S>::kComplexInput ? bins - bins / 2 : 0; // fftshift for IQ
    for (std::int64_t j = a; j < b; ++j) {
        if ((j - a) % 64 == 0)
            job.checkCancelled();
        stft.forward(samples.data() + (stft.frameStart(j) - start), spectrum.data(), ws);
        float* row = out.row(j - out.first);
        for (int k = 0; k < bins - shift; ++k) // shift: the negative half first (IQ)
            row[k] = std::norm(spectrum[std::size_t(k + shift)]);
        for (int k = bins - shift; k < bins; ++k)
            row[k] = std::norm(spectrum[std::size_t(k + shift - bins)]);
    }
}

} // namespace

PowerComputer::PowerComputer(const SampleSource& source, StftParams params, int channel)
    : m_source(source), m_params(params), m_channel(channel), m_engine(std::make_unique<Engine>()) {
    m_params.fs = source.info().sampleRate;
    m_params.validate();
    if (source.info().isComplex()) {
        m_engine->iq =
            std::make_unique<Stft<std::complex<float>>>(m_params, StftDirections::Forward);
        m_bins = m_engine->iq->bins();
        m_frames = m_engine->iq->frameCount(source.info().frames);
    } else {
        m_engine->real = std::make_unique<Stft<float>>(m_params, StftDirections::Forward);
        m_bins = m_engine->real->bins();
        m_frames = m_engine->real->frameCount(source.info().frames);
    }
}

PowerComputer::~PowerComputer() = default;

double PowerComputer::binFrequency(int k) const {
    const double df = m_params.fs / m_params.nfft;
    if (!m_engine->iq)
        return k * df;
    return (k - m_params.nfft / 2) * df + m_source.info().centerFrequency.value_or(0.0);
}

void PowerComputer::compute(std::int64_t first, std::int64_t count, PowerBlock& out,
                            ThreadPool& pool, const JobControl& job) const {
    first = std::clamp<std::int64_t>(first, 0, m_frames);
    count = std::clamp<std::int64_t>(count, 0, m_frames - first);
    out.first = first;
    out.frames = count;
    out.bins = m_bins;
    out.power.resize(std::size_t(count) * std::size_t(m_bins));
    std::vector<std::future<void>> tasks;
    for (std::int64_t a = first; a < first + count; a += kFramesPerTask) {
        const std::int64_t b = std::min(first + count, a + kFramesPerTask);
        tasks.push_back(pool.submit([this, a, b, &out, &job] {
            if (m_engine->iq)
                powerOfFrames(*m_engine->iq, m_source, m_channel, a, b, out, job);
            else
                powerOfFrames(*m_engine->real, m_source, m_channel, a, b, out, job);
        }));
    }
    for (auto& t : tasks)
        t.wait();
    for (auto& t : tasks)
        t.get(); // rethrows Cancelled or a read error
}

} // namespace specedit::core
