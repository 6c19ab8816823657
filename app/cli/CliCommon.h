#pragma once
// Options and helpers shared by the specedit-cli subcommands.

#include "dsp/StftParams.h"
#include "io/OpenOptions.h"
#include "io/SampleSource.h"
#include "util/JobControl.h"

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace specedit::cli {

// Exit codes (documented in README and --help).
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// scipy.signal.stft's names and defaults.
struct AnalysisOptions {
    std::string window = "hann";
    std::optional<int> nperseg;
    std::optional<int> noverlap;
    std::optional<int> nfft;
    std::optional<double> fs;
};
void addAnalysisOptions(CLI::App* cmd, AnalysisOptions& opt);
// Builds validated parameters; defaultNperseg when --nperseg is absent (scipy: 256).
core::StftParams toParams(const AnalysisOptions& opt, double fs, int defaultNperseg = 256);

// Option transforms for frequencies ("2M", "433.92 MHz", "2 MS/s", "2e6") and times ("5ms",
// "250 us", "1.5", "1:30"), read as the editor's fields read them (core/util/UnitText).
// Other text is refused, naming the option, what was typed and the forms it takes.
CLI::Validator hertzUnits();
CLI::Validator rateUnits(); // hertzUnits above 0 Hz
CLI::Validator secondsUnits();

// How to open a recording: --iq, --swap-iq, --format, --rate, --center.
void addOpenOptions(CLI::App* cmd, core::OpenOptions& opt);
// Opens a recording named on the command line; what is wrong with a file read anyway (a
// truncated WAV) is warned on stderr.
std::unique_ptr<core::SampleSource> openInput(const std::string& path,
                                              const core::OpenOptions& options);

// Which audio channel to analyse: --channel N or --mix (explicit, never silent).
struct ChannelChoice {
    std::optional<int> channel;
    bool mix = false;
};
void addChannelOptions(CLI::App* cmd, ChannelChoice& choice);
// -1 for the mix; throws core::Error if a multichannel file got neither option.
int resolveChannel(const ChannelChoice& choice, int channels, const std::string& file);

// A JobControl that draws a progress bar on stderr when stderr is a terminal, and that
// Ctrl-C (SIGINT) or SIGTERM cancels, so an interrupted export leaves no partial file.
struct JobDeleter {
    void operator()(core::JobControl* job) const;
};
using ProgressJob = std::unique_ptr<core::JobControl, JobDeleter>;
ProgressJob makeProgressJob(const std::string& label);
void finishProgress();

// Runs body and maps exceptions to exit codes: core::Error on an option ("--...") -> 2,
// other core::Error -> 1, std::exception -> 1. Prints "specedit-cli: error: ..." on stderr.
int runGuarded(const std::function<void()>& body);

// Prints a command-line parse error as "specedit-cli: error: ..." (a value that is no number
// names the option, the text and the type wanted) and returns kExitUsage.
// A first argument that names no command is said as such, with the commands there are.
int reportParseError(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

// An option's number and its unit typed apart without quotes ("--rate 1 MS/s" reaches the
// command as --rate 1 and an input named MS/s): the message saying so, before any parsing
// (the rate would be 1 Hz, and "MS/s" a missing recording, found only after a detection).
std::optional<std::string> splitUnitMessage(int argc, char** argv);

} // namespace specedit::cli
