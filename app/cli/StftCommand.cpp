// specedit-cli stft IN --out Z.npy: scipy.signal.stft-compatible spectrogram as .npy.

#include "apply/NpyExchange.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "io/FilenameMetadata.h"
#include "io/Recognizer.h"
#include "io/SourceFactory.h"

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

void runStft(StftArgs a, core::JobControl& job) {
    if (a.analysis.fs)
        a.open.sampleRate = a.analysis.fs;
    else if (!a.open.sampleRate && core::isNpyFile(a.input) &&
             !core::parseRecorderFilename(a.input).sampleRate)
        a.open.sampleRate = 1.0; // scipy's default for an array whose name gives no rate
    const auto src = openInput(a.input, a.open);
    const auto& info = src->info();
    const int channel = info.isComplex() ? 0 : resolveChannel(a.channel, info.channels, a.input);
    const auto params = toParams(a.analysis, info.sampleRate);
    const auto s = core::writeStftNpy(*src, channel, params, a.out, job);
    finishProgress();
    std::cout << "wrote " << a.out << ": " << s.bins << " bins x " << s.frames << " frames ("
              << (s.twoSided ? "two-sided" : "one-sided") << ", fs " << info.sampleRate << ")\n";
}

} // namespace

void registerStft(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<StftArgs>();
    auto* cmd = app.add_subcommand(
        "stft",
        "STFT of a recording or a .npy of samples, as scipy.signal.stft computes it, to .npy");
    cmd->add_option("input", args->input,
                    "Recording, or a .npy of samples (1-D real or complex, or frames x channels)")
        ->required();
    cmd->add_option("--out", args->out, "Output .npy (complex64, shape (bins, frames))")
        ->required();
    addAnalysisOptions(cmd, args->analysis);
    cmd->add_option("--fs", args->analysis.fs,
                    "Sample rate in Hz (for .npy input; scipy default 1)")
        ->transform(rateUnits());
    addOpenOptions(cmd, args->open);
    addChannelOptions(cmd, args->channel);
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                auto job = makeProgressJob("stft");
                runStft(*args, *job);
            });
        };
    });
}

} // namespace specedit::cli
