#include "io/NpySignalSource.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace specedit::core {
namespace {

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string text;
    for (const auto d : shape)
        text += (text.empty() ? "" : " x ") + std::to_string(d);
    return text;
}

} // namespace

NpySignalSource::NpySignalSource(const std::string& path, double fs) : m_npy(path) {
    if (m_npy.isInteger())
        throw Error(path,
                    "holds integers (" + m_npy.descr() + "): a signal's full scale is unknown",
                    "float32, float64 or complex samples at full scale 1, e.g. "
                    "x.astype(np.float32) / 32768 for int16");
    if (!(fs > 0) || !std::isfinite(fs))
        throw Error("--fs", "sample rate " + std::to_string(fs) + " is not positive",
                    "a finite rate > 0 Hz");
    const NpyFraming f = npyFraming(m_npy);
    m_interleaved = f.interleaved;
    m_info.kind = m_npy.isComplex() ? SignalKind::Iq : SignalKind::Audio;
    m_info.channels = m_npy.isComplex() ? 2 : f.channels;
    m_info.frames = f.frames;
    m_info.storedComplex = m_npy.isComplex();
    m_info.sampleRate = fs;
    // Exports of float64 (and complex128) are float64 by default, though the samples pass
    // through float32 on read; float16 is read as float32, which holds it
    const bool wide = m_npy.itemSize() == (m_npy.isComplex() ? 16u : 8u);
    m_info.sampleType = wide ? SampleType::Float64 : SampleType::Float32;
    m_info.datatype = m_npy.descr();
    m_info.container = Container::Npy;
    m_info.files = {path};
}

NpyFraming npyFraming(const NpyReader& npy) {
    const std::string& path = npy.path();
    if (npy.elementCount() == 0)
        throw Error(path, "holds no samples (shape " + shapeText(npy.shape()) + ")",
                    "an array of samples");
    std::vector<std::int64_t> dims; // without those of 1
    for (const auto d : npy.shape())
        if (d != 1)
            dims.push_back(d);
    NpyFraming f;
    f.frames = dims.empty() ? 1 : dims.front();
    const auto fits = [](std::int64_t frames, std::int64_t channels) {
        return channels <= 2 ? frames >= channels
                             : channels <= kMaxNpyChannels && frames >= 64 * channels;
    };
    if (dims.size() == 2 && fits(dims[0], dims[1])) {
        f.channels = int(dims[1]);
        f.interleaved = !npy.fortranOrder();
    } else if (dims.size() == 2 && fits(dims[1], dims[0])) {
        f.frames = dims[1];
        f.channels = int(dims[0]);
        f.channelsFirst = true;
        f.interleaved = npy.fortranOrder();
    } else if (dims.size() >= 2) {
        throw Error(path, "is a " + shapeText(npy.shape()) + " array, not a signal",
                    "a 1-D array of samples, or frames x channels (at most " +
                        std::to_string(kMaxNpyChannels) +
                        " channels, 64 samples or more each; a spectrogram is read by File > "
                        "Rebuild from spectrogram, or specedit-cli rebuild)");
    }
    if (npy.isComplex() && f.channels > 1)
        throw Error(path, "holds " + std::to_string(f.channels) + " channels of complex samples",
                    "one channel of complex (I/Q) samples");
    return f;
}

void NpySignalSource::read(std::int64_t start, std::int64_t count, float* out) const {
    const std::int64_t n = m_info.frames;
    const int channels = m_info.channels;
    const std::int64_t first = std::max<std::int64_t>(start, 0);
    const std::int64_t last = std::min(start + count, n);
    if (last <= first) { // all outside the recording
        std::fill(out, out + count * channels, 0.0f);
        return;
    }
    std::fill(out, out + (first - start) * channels, 0.0f);
    std::fill(out + (last - start) * channels, out + count * channels, 0.0f);
    if (m_npy.holdsFloat32() && m_interleaved) { // the bytes are the floats asked for
        std::memcpy(out + (first - start) * channels,
                    m_npy.data() + first * channels * sizeof(float),
                    std::size_t(last - first) * channels * sizeof(float));
    } else if (m_npy.isComplex()) {
        for (std::int64_t f = first; f < last; ++f) {
            const auto v = m_npy.at(f);
            out[2 * (f - start)] = float(v.real());
            out[2 * (f - start) + 1] = float(v.imag());
        }
    } else {
        for (std::int64_t f = first; f < last; ++f)
            for (int c = 0; c < channels; ++c)
                out[(f - start) * channels + c] =
                    float(m_npy.at(m_interleaved ? f * channels + c : c * n + f).real());
    }
    if (m_swap && channels >= 2)
        for (std::int64_t i = first - start; i < last - start; ++i)
            std::swap(out[i * channels], out[i * channels + 1]);
}

} // namespace specedit::core
