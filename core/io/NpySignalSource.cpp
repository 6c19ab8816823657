#include "io/NpySignalSource.h"

#include "util/Error.h"

#include <cmath>

namespace specedit::core {

NpySignalSource::NpySignalSource(const std::string& path, double fs) : m_npy(path) {
    if (m_npy.shape().size() != 1)
        throw Error(path, "array has " + std::to_string(m_npy.shape().size()) + " dimensions",
                    "a 1-D signal");
    if (m_npy.isInteger())
        throw Error(path,
                    "holds integers (" + m_npy.descr() + "): a signal's full scale is unknown",
                    "float32, float64 or complex samples at full scale 1, e.g. "
                    "x.astype(np.float32) / 32768 for int16");
    if (!(fs > 0) || !std::isfinite(fs))
        throw Error("--fs", "sample rate " + std::to_string(fs) + " is not positive",
                    "a finite rate > 0 Hz");
    m_info.kind = m_npy.isComplex() ? SignalKind::Iq : SignalKind::Audio;
    m_info.channels = m_npy.isComplex() ? 2 : 1;
    m_info.sampleRate = fs;
    m_info.frames = m_npy.elementCount();
    m_info.sampleType = SampleType::Float32;
    m_info.datatype = m_npy.descr();
    m_info.container = Container::RawIq;
    m_info.files = {path};
}

void NpySignalSource::read(std::int64_t start, std::int64_t count, float* out) const {
    const std::int64_t n = m_info.frames;
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t idx = start + i;
        const auto v = (idx >= 0 && idx < n) ? m_npy.at(idx) : std::complex<double>{};
        if (m_info.channels == 2) {
            out[2 * i] = float(v.real());
            out[2 * i + 1] = float(v.imag());
        } else {
            out[i] = float(v.real());
        }
    }
}

} // namespace specedit::core
