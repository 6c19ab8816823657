// specedit-cli istft Z.npy --out OUT: scipy.signal.istft-compatible inverse of a (bins,
// frames) spectrogram, to .npy or to a recording (see core/apply/NpyExchange.h for how the
// sidedness and scipy's defaults are resolved).

#include "apply/NpyExchange.h"
#include "cli/CliCommon.h"
#include "cli/Commands.h"

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

void runIstft(const IstftArgs& a, core::JobControl& job) {
    core::IstftOptions o;
    o.window = core::parseWindow(a.analysis.window);
    o.nperseg = a.analysis.nperseg;
    o.noverlap = a.analysis.noverlap;
    o.nfft = a.analysis.nfft;
    o.fs = a.analysis.fs.value_or(1.0);
    core::WriterOptions w;
    if (!a.sampleType.empty())
        w.sampleType = core::parseSampleType(a.sampleType);
    const auto s = core::writeIstft(a.input, o, a.out, w, a.center, job);
    finishProgress();
    std::cout << "wrote " << a.out << ": " << s.samples << " samples ("
              << (s.complexOutput ? "complex" : "real") << ", fs " << core::exactNumber(o.fs)
              << ")\n";
}

} // namespace

void registerIstft(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<IstftArgs>();
    auto* cmd = app.add_subcommand(
        "istft", "Inverse STFT of a (bins, frames) .npy, as scipy.signal.istft computes it");
    cmd->add_option("input", args->input, "Spectrogram .npy, shape (bins, frames)")->required();
    cmd->add_option("--out", args->out, "Output .npy or recording (.wav, .cf32, ...)")->required();
    addAnalysisOptions(cmd, args->analysis);
    cmd->add_option("--fs", args->analysis.fs, "Sample rate in Hz (scipy default 1)")
        ->transform(rateUnits());
    cmd->add_option("--center", args->center, "Centre frequency in Hz for an IQ recording")
        ->transform(hertzUnits());
    cmd->add_option("--sample-type", args->sampleType,
                    "int16 | float32 for a recording; float32 (default) | float64 for a .npy");
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                auto job = makeProgressJob("istft");
                runIstft(*args, *job);
            });
        };
    });
}

} // namespace specedit::cli
