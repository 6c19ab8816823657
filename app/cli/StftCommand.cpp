// specedit-cli stft IN --out Z.npy: scipy.signal.stft-compatible spectrogram as .npy
// (complex64, shape (bins, frames), Fortran order so frames stream to disk).

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "dsp/Stft.h"
#include "io/Npy.h"
#include "io/SourceFactory.h"
#include "util/Error.h"

#include <cmath>
#include <filesystem>
#include <iostream>

namespace specedit::cli {
namespace {

struct StftArgs {
    std::string input;
    std::string out;
    AnalysisOptions analysis;
    core::OpenOptions open;
    ChannelChoice channel;
};

using ReadFn = std::function<void(std::int64_t start, std::int64_t len, void* out)>;

template <typename S>
void streamStft(const ReadFn& read, std::int64_t n, const core::StftParams& p,
                const std::string& out, core::JobControl& job) {
    const core::Stft<S> stft(p);
    auto ws = stft.makeWorkspace();
    const std::int64_t frames = stft.frameCount(n);
    core::NpyWriter writer(out, core::NpyType::Complex64, {stft.bins(), frames}, true);
    std::vector<S> segment(std::size_t(p.nperseg));
    std::vector<std::complex<typename core::Stft<S>::Real>> spec(std::size_t(stft.bins()));
    std::vector<std::complex<float>> spec32(std::size_t(stft.bins()));
    for (std::int64_t j = 0; j < frames; ++j) {
        read(stft.frameStart(j), p.nperseg, segment.data());
        stft.forward(segment.data(), spec.data(), ws);
        for (std::size_t k = 0; k < spec.size(); ++k)
            spec32[k] = std::complex<float>(spec[k]);
        writer.append(spec32.data(), spec32.size());
        if (j % 256 == 0) {
            job.checkCancelled();
            job.setProgress(double(j) / double(frames));
        }
    }
    writer.finish();
    std::cout << "wrote " << out << ": " << stft.bins() << " bins x " << frames << " frames ("
              << (core::Stft<S>::kComplexInput ? "two-sided" : "one-sided") << ", fs " << p.fs
              << ")\n";
}

template <typename S> ReadFn npyReader(const core::NpyReader& npy) {
    return [&npy](std::int64_t start, std::int64_t len, void* out) {
        auto* dst = static_cast<S*>(out);
        const std::int64_t n = npy.elementCount();
        for (std::int64_t i = 0; i < len; ++i) {
            const std::int64_t idx = start + i;
            const auto v = (idx >= 0 && idx < n) ? npy.at(idx) : std::complex<double>{};
            if (!std::isfinite(v.real()) || !std::isfinite(v.imag()))
                throw core::Error(npy.path(), "element " + std::to_string(idx) + " is not finite",
                                  "finite sample values");
            if constexpr (core::SampleTraits<S>::kComplex)
                dst[i] = S(v);
            else
                dst[i] = S(v.real());
        }
    };
}

void stftOfNpy(const StftArgs& a, core::JobControl& job) {
    const core::NpyReader npy(a.input);
    if (npy.shape().size() != 1)
        throw core::Error(a.input,
                          "array has " + std::to_string(npy.shape().size()) + " dimensions",
                          "a 1-D signal");
    const auto p = toParams(a.analysis, a.analysis.fs.value_or(1.0));
    const std::int64_t n = npy.elementCount();
    switch (npy.type()) {
    case core::NpyType::Float32:
        return streamStft<float>(npyReader<float>(npy), n, p, a.out, job);
    case core::NpyType::Float64:
        return streamStft<double>(npyReader<double>(npy), n, p, a.out, job);
    case core::NpyType::Complex64:
        return streamStft<std::complex<float>>(npyReader<std::complex<float>>(npy), n, p, a.out,
                                               job);
    case core::NpyType::Complex128:
        return streamStft<std::complex<double>>(npyReader<std::complex<double>>(npy), n, p, a.out,
                                                job);
    }
}

void stftOfRecording(StftArgs a, core::JobControl& job) {
    if (a.analysis.fs)
        a.open.sampleRate = a.analysis.fs;
    const auto src = core::openRecording(a.input, a.open);
    const auto& info = src->info();
    const auto p = toParams(a.analysis, info.sampleRate);
    std::vector<float> scratch;
    if (info.isComplex()) {
        auto read = [&](std::int64_t s, std::int64_t len, void* out) {
            core::readComplex(*src, s, len, static_cast<std::complex<float>*>(out), scratch);
            core::checkFinite(static_cast<float*>(out), len, 2, s, a.input);
        };
        return streamStft<std::complex<float>>(read, info.frames, p, a.out, job);
    }
    const int channel = resolveChannel(a.channel, info.channels, a.input);
    auto read = [&](std::int64_t s, std::int64_t len, void* out) {
        core::readChannel(*src, channel, s, len, static_cast<float*>(out), scratch);
        core::checkFinite(static_cast<float*>(out), len, 1, s, a.input);
    };
    streamStft<float>(read, info.frames, p, a.out, job);
}

} // namespace

void registerStft(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<StftArgs>();
    auto* cmd = app.add_subcommand(
        "stft", "STFT of a recording or a 1-D .npy, as scipy.signal.stft computes it, to .npy");
    cmd->add_option("input", args->input, "Recording, or a 1-D float32/complex64 .npy")->required();
    cmd->add_option("--out", args->out, "Output .npy (complex64, shape (bins, frames))")
        ->required();
    addAnalysisOptions(cmd, args->analysis);
    cmd->add_option("--fs", args->analysis.fs,
                    "Sample rate in Hz (for .npy input; scipy default 1)");
    addOpenOptions(cmd, args->open);
    addChannelOptions(cmd, args->channel);
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                auto job = makeProgressJob("stft");
                if (std::filesystem::path(args->input).extension() == ".npy")
                    stftOfNpy(*args, *job);
                else
                    stftOfRecording(*args, *job);
                finishProgress();
            });
        };
    });
}

} // namespace specedit::cli
