#include "apply/NpyExchange.h"

#include "dsp/Stft.h"
#include "io/AtomicFile.h"
#include "util/Error.h"

#include <cmath>
#include <filesystem>

namespace specedit::core {
namespace {

constexpr std::int64_t kBlock = 1 << 16;

void requireNpyExtension(const std::string& path) {
    if (std::filesystem::path(path).extension() != ".npy")
        throw Error(path, "spectrograms are written as .npy", "an output path ending in .npy");
}

template <typename S>
NpyStftSummary streamStft(const SampleSource& src, int channel, const StftParams& p,
                          const std::string& out, JobControl& job) {
    const Stft<S> stft(p, StftDirections::Forward);
    auto ws = stft.makeWorkspace();
    NpyStftSummary summary{stft.bins(), stft.frameCount(src.info().frames), Stft<S>::kComplexInput};
    NpyWriter writer(out, NpyType::Complex64, {summary.bins, summary.frames}, true);
    std::vector<S> segment(std::size_t(p.nperseg));
    std::vector<float> scratch;
    std::vector<std::complex<float>> spec(std::size_t(stft.bins()));
    for (std::int64_t j = 0; j < summary.frames; ++j) {
        const std::int64_t start = stft.frameStart(j);
        if constexpr (Stft<S>::kComplexInput)
            readComplex(src, start, p.nperseg, segment.data());
        else
            readChannel(src, channel, start, p.nperseg, segment.data(), scratch);
        checkFinite(reinterpret_cast<const float*>(segment.data()), p.nperseg,
                    Stft<S>::kComplexInput ? 2 : 1, start, src.info().files.front());
        stft.forward(segment.data(), spec.data(), ws);
        writer.append(spec.data(), spec.size());
        if (j % 256 == 0) {
            job.checkCancelled();
            job.setProgress(double(j) / double(summary.frames));
        }
    }
    writer.finish();
    return summary;
}

// The element type of a 1-D .npy output: the sample type asked for (float32 or float64), or
// the default; complex for an IQ signal.
NpyType npyTypeFor(const std::optional<SampleType>& asked, SampleType fallback, bool complexOut) {
    const SampleType t = asked.value_or(fallback);
    if (t != SampleType::Float32 && t != SampleType::Float64)
        throw Error("--sample-type", "a .npy output of " + std::string(toString(t)) + " samples",
                    "float32 or float64 for a .npy output (integer types are for recordings)");
    if (complexOut)
        return t == SampleType::Float64 ? NpyType::Complex128 : NpyType::Complex64;
    return t == SampleType::Float64 ? NpyType::Float64 : NpyType::Float32;
}

// Output of an inverse: an .npy (of npyDefault samples unless options say) or a recording.
class Sink {
public:
    Sink(const std::string& out, bool complexOut, std::int64_t length, double fs,
         std::optional<double> center, const WriterOptions& options, SampleType npyDefault) {
        if (std::filesystem::path(out).extension() == ".npy") {
            const NpyType type = npyTypeFor(options.sampleType, npyDefault, complexOut);
            m_double = type == NpyType::Float64 || type == NpyType::Complex128;
            m_npy =
                std::make_unique<NpyWriter>(out, type, std::vector<std::int64_t>{length}, false);
            return;
        }
        SignalInfo info;
        info.kind = complexOut ? SignalKind::Iq : SignalKind::Audio;
        info.channels = complexOut ? 2 : 1;
        info.sampleRate = fs;
        info.frames = length;
        info.sampleType = SampleType::Float32;
        info.centerFrequency = complexOut ? center : std::nullopt;
        m_writer = std::make_unique<SignalWriter>(out, info, options);
    }
    template <typename S> void write(const std::vector<S>& block) {
        if (m_npy && m_double) {
            using D = std::conditional_t<SampleTraits<S>::kComplex, std::complex<double>, double>;
            const std::vector<D> wide(block.begin(), block.end());
            m_npy->append(wide.data(), wide.size());
        } else if constexpr (SampleTraits<S>::kComplex) {
            m_c.assign(block.begin(), block.end());
            if (m_npy)
                m_npy->append(m_c.data(), m_c.size());
            else
                m_writer->write(reinterpret_cast<const float*>(m_c.data()),
                                std::int64_t(m_c.size()));
        } else {
            m_r.assign(block.begin(), block.end());
            if (m_npy)
                m_npy->append(m_r.data(), m_r.size());
            else
                m_writer->write(m_r.data(), std::int64_t(m_r.size()));
        }
    }
    void finish() { m_npy ? m_npy->finish() : m_writer->finish(); }
    std::int64_t clippedValues() const { return m_writer ? m_writer->clippedValues() : 0; }

private:
    std::unique_ptr<NpyWriter> m_npy;
    std::unique_ptr<SignalWriter> m_writer;
    bool m_double = false;
    std::vector<std::complex<float>> m_c;
    std::vector<float> m_r;
};

struct SinkSpec {
    std::string out;
    WriterOptions options;
    std::optional<double> center;
};

template <typename S>
NpyIstftSummary streamIstft(const NpyReader& z, const StftParams& p, const SinkSpec& sinkSpec,
                            JobControl& job) {
    const Stft<S> stft(p);
    const std::int64_t frames = z.shape()[1];
    const std::int64_t length = stft.istftLength(frames);
    Sink sink(sinkSpec.out, SampleTraits<S>::kComplex, length, p.fs, sinkSpec.center,
              sinkSpec.options, SampleType::Float32);
    auto ws = stft.makeWorkspace();
    std::vector<S> block;
    std::vector<double> norm;
    const int bins = stft.bins();
    auto frameFn = [&](std::int64_t j, std::complex<double>* spec) {
        for (int k = 0; k < bins; ++k) {
            spec[k] = z.at2(k, j);
            if (!std::isfinite(spec[k].real()) || !std::isfinite(spec[k].imag()))
                throw Error(z.path(),
                            "value at bin " + std::to_string(k) + ", frame " + std::to_string(j) +
                                " is not finite",
                            "finite spectrogram values");
        }
    };
    for (std::int64_t n0 = 0; n0 < length; n0 += kBlock) {
        const std::int64_t n1 = std::min(length, n0 + kBlock);
        block.resize(std::size_t(n1 - n0));
        stft.synthesize(n0, n1, frames, frameFn, block.data(), norm, ws);
        sink.write(block);
        job.checkCancelled();
        job.setProgress(double(n1) / double(length));
    }
    sink.finish();
    return {length, SampleTraits<S>::kComplex};
}

} // namespace

template <typename S>
std::int64_t writeSignal(const std::vector<S>& x, double fs, const std::string& outPath,
                         const WriterOptions& options, std::optional<double> centerFrequency) {
    Sink sink(outPath, SampleTraits<S>::kComplex, std::int64_t(x.size()), fs, centerFrequency,
              options, SampleType::Float64);
    std::vector<S> block;
    for (std::size_t n0 = 0; n0 < x.size(); n0 += std::size_t(kBlock)) {
        const std::size_t n1 = std::min(x.size(), n0 + std::size_t(kBlock));
        block.assign(x.begin() + std::ptrdiff_t(n0), x.begin() + std::ptrdiff_t(n1));
        sink.write(block);
    }
    sink.finish();
    return sink.clippedValues();
}

template std::int64_t writeSignal(const std::vector<double>&, double, const std::string&,
                                  const WriterOptions&, std::optional<double>);
template std::int64_t writeSignal(const std::vector<std::complex<double>>&, double,
                                  const std::string&, const WriterOptions&, std::optional<double>);

NpyStftSummary writeStftNpy(const SampleSource& source, int channel, StftParams params,
                            const std::string& outPath, JobControl& job) {
    requireNpyExtension(outPath);
    for (const auto& file : source.info().files)
        refuseToOverwrite(outPath, file);
    params.fs = source.info().sampleRate;
    if (source.info().isComplex())
        return streamStft<std::complex<float>>(source, channel, params, outPath, job);
    return streamStft<float>(source, channel, params, outPath, job);
}

StftParams resolveIstftParams(std::int64_t bins, const IstftOptions& o, const std::string& file,
                              bool* twoSided) {
    if (bins < 2)
        throw Error(file, "spectrogram has " + std::to_string(bins) + " bins", "at least 2 bins");
    const int oneSidedDefault = int(2 * (bins - 1));
    int nperseg = o.nperseg.value_or(oneSidedDefault);
    int nfft = 0;
    if (o.nfft) {
        nfft = *o.nfft;
        if (nfft < nperseg) // before the bins: the options contradict each other
            throw Error("--nfft",
                        std::to_string(nfft) + " is shorter than the window (" +
                            std::to_string(nperseg) +
                            (o.nperseg ? ", --nperseg)" : ", from the bins)"),
                        "an FFT size of at least the window length");
    } else if (bins == nperseg / 2 + 1 || bins == nperseg) {
        nfft = nperseg;
    } else {
        nfft = oneSidedDefault; // scipy: nfft = 2 (bins - 1) for one-sided input
        if (nfft < nperseg)     // the window given does not fit the FFT the bins show
            throw Error(file,
                        "has " + std::to_string(bins) + " bins: an FFT of " + std::to_string(nfft) +
                            " (one-sided) or " + std::to_string(bins) +
                            " (two-sided), shorter than the window of --nperseg " +
                            std::to_string(nperseg),
                        "--nperseg at most " + std::to_string(nfft) + ", or at least " +
                            std::to_string(nperseg / 2 + 1) + " bins for a window of " +
                            std::to_string(nperseg));
    }
    const auto p = StftParams::make(o.window, nperseg, o.noverlap, nfft, o.fs);
    if (bins == nfft / 2 + 1)
        *twoSided = false;
    else if (bins == nfft)
        *twoSided = true;
    else
        throw Error(file,
                    "has " + std::to_string(bins) + " bins, which fits neither a one-sided (" +
                        std::to_string(nfft / 2 + 1) + ") nor a two-sided (" +
                        std::to_string(nfft) + ") spectrum of nfft " + std::to_string(nfft),
                    "--nperseg/--nfft matching the spectrogram");
    p.validate();
    return p;
}

NpyIstftSummary writeIstft(const std::string& npyPath, const IstftOptions& options,
                           const std::string& outPath, const WriterOptions& writerOptions,
                           std::optional<double> centerFrequency, JobControl& job) {
    refuseToOverwrite(outPath, npyPath);
    const NpyReader z(npyPath);
    if (z.shape().size() != 2)
        throw Error(npyPath, "array has " + std::to_string(z.shape().size()) + " dimensions",
                    "a 2-D spectrogram of shape (bins, frames)");
    if (z.shape()[1] < 1)
        throw Error(npyPath, "spectrogram has no frames", "at least 1 frame");
    bool twoSided = false;
    const StftParams p = resolveIstftParams(z.shape()[0], options, npyPath, &twoSided);
    const SinkSpec spec{outPath, writerOptions, centerFrequency};
    if (twoSided)
        return streamIstft<std::complex<double>>(z, p, spec, job);
    return streamIstft<double>(z, p, spec, job);
}

} // namespace specedit::core
