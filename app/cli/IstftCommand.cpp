// specedit-cli istft Z.npy --out OUT: scipy.signal.istft-compatible inverse of a (bins,
// frames) spectrogram, to .npy or to a recording. One- or two-sided follows the number of
// bins: bins == nfft/2 + 1 is one-sided (real output), bins == nfft two-sided (complex/IQ).
// Without --nperseg, scipy's default applies: one-sided with nperseg = nfft = 2 (bins - 1).

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "dsp/Stft.h"
#include "io/Npy.h"
#include "io/SignalWriter.h"
#include "util/Error.h"

#include <filesystem>
#include <iostream>

namespace specedit::cli {
namespace {

struct IstftArgs {
    std::string input;
    std::string out;
    AnalysisOptions analysis;
    std::optional<double> center;
    std::string sampleType;
};

constexpr std::int64_t kBlock = 1 << 16;

// Output sink: an .npy (float32 / complex64) or a recording through SignalWriter.
class Sink {
public:
    Sink(const IstftArgs& a, bool complexOut, std::int64_t length, double fs) {
        if (std::filesystem::path(a.out).extension() == ".npy") {
            m_npy = std::make_unique<core::NpyWriter>(
                a.out, complexOut ? core::NpyType::Complex64 : core::NpyType::Float32,
                std::vector<std::int64_t>{length}, false);
            return;
        }
        core::SignalInfo info;
        info.kind = complexOut ? core::SignalKind::Iq : core::SignalKind::Audio;
        info.channels = complexOut ? 2 : 1;
        info.sampleRate = fs;
        info.frames = length;
        info.sampleType = core::SampleType::Float32;
        info.centerFrequency = a.center;
        core::WriterOptions opt;
        if (!a.sampleType.empty())
            opt.sampleType = core::parseSampleType(a.sampleType);
        m_writer = std::make_unique<core::SignalWriter>(a.out, info, opt);
    }
    template <typename S> void write(const std::vector<S>& block) {
        if constexpr (core::SampleTraits<S>::kComplex) {
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

private:
    std::unique_ptr<core::NpyWriter> m_npy;
    std::unique_ptr<core::SignalWriter> m_writer;
    std::vector<std::complex<float>> m_c;
    std::vector<float> m_r;
};

template <typename S>
void streamIstft(const core::NpyReader& z, const core::StftParams& p, const IstftArgs& a,
                 core::JobControl& job) {
    const core::Stft<S> stft(p);
    const std::int64_t frames = z.shape()[1];
    const std::int64_t length = stft.istftLength(frames);
    Sink sink(a, core::SampleTraits<S>::kComplex, length, p.fs);
    auto ws = stft.makeWorkspace();
    std::vector<S> block;
    std::vector<double> norm;
    const int bins = stft.bins();
    auto frameFn = [&](std::int64_t j, std::complex<double>* spec) {
        for (int k = 0; k < bins; ++k)
            spec[k] = z.at2(k, j);
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
    std::cout << "wrote " << a.out << ": " << length << " samples ("
              << (core::SampleTraits<S>::kComplex ? "complex" : "real") << ", fs " << p.fs << ")\n";
}

void runIstft(IstftArgs a, core::JobControl& job) {
    const core::NpyReader z(a.input);
    if (z.shape().size() != 2)
        throw core::Error(a.input, "array has " + std::to_string(z.shape().size()) + " dimensions",
                          "a 2-D spectrogram of shape (bins, frames)");
    const std::int64_t bins = z.shape()[0];
    if (bins < 2 || z.shape()[1] < 1)
        throw core::Error(a.input, "spectrogram is empty", "at least 2 bins and 1 frame");
    const int defaultNperseg = int(2 * (bins - 1));
    auto p = toParams(a.analysis, a.analysis.fs.value_or(1.0), defaultNperseg);
    if (bins == p.nfft / 2 + 1)
        return streamIstft<double>(z, p, a, job);
    if (bins == p.nfft)
        return streamIstft<std::complex<double>>(z, p, a, job);
    throw core::Error(a.input,
                      "has " + std::to_string(bins) + " bins, which fits neither a one-sided (" +
                          std::to_string(p.nfft / 2 + 1) + ") nor a two-sided (" +
                          std::to_string(p.nfft) + ") spectrum of nfft " + std::to_string(p.nfft),
                      "--nperseg/--nfft matching the spectrogram");
}

} // namespace

void registerIstft(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<IstftArgs>();
    auto* cmd = app.add_subcommand(
        "istft", "Inverse STFT of a (bins, frames) .npy, as scipy.signal.istft computes it");
    cmd->add_option("input", args->input, "Spectrogram .npy, shape (bins, frames)")->required();
    cmd->add_option("--out", args->out, "Output .npy or recording (.wav, .cf32, ...)")->required();
    addAnalysisOptions(cmd, args->analysis);
    cmd->add_option("--fs", args->analysis.fs, "Sample rate in Hz (scipy default 1)");
    cmd->add_option("--center", args->center, "Centre frequency in Hz for an IQ recording");
    cmd->add_option("--sample-type", args->sampleType, "Recording sample type: int16 | float32");
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                auto job = makeProgressJob("istft");
                runIstft(*args, *job);
                finishProgress();
            });
        };
    });
}

} // namespace specedit::cli
