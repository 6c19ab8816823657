#include "cli/CliCommon.h"

#include "io/Recognizer.h"
#include "io/SourceFactory.h"
#include "util/Error.h"
#include "util/UnitText.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace specedit::cli {

std::unique_ptr<core::SampleSource> openInput(const std::string& path,
                                              const core::OpenOptions& options) {
    auto source = core::openRecording(path, options);
    if (!source->info().damage.empty())
        std::cerr << "specedit-cli: warning: " << path << ": " << source->info().damage << "\n";
    return source;
}

void addAnalysisOptions(CLI::App* cmd, AnalysisOptions& opt) {
    cmd->add_option("--window", opt.window,
                    "Window: hann, hamming, blackman, blackmanharris, flattop, boxcar, sqrthann, "
                    "kaiser,BETA or gaussian,SIGMA (append ,sym for symmetric)")
        ->capture_default_str();
    cmd->add_option("--nperseg", opt.nperseg, "Window length in samples (scipy default 256)");
    cmd->add_option("--noverlap", opt.noverlap, "Overlap in samples (default nperseg/2)");
    cmd->add_option("--nfft", opt.nfft, "FFT size, >= nperseg (default nperseg)");
}

core::StftParams toParams(const AnalysisOptions& opt, double fs, int defaultNperseg) {
    auto p =
        core::StftParams::make(core::parseWindow(opt.window), opt.nperseg.value_or(defaultNperseg),
                               opt.noverlap, opt.nfft, fs);
    p.validate();
    return p;
}

namespace {

CLI::Validator unitTransform(std::optional<double> (*parse)(std::string_view),
                             const std::string& what, bool positive = false) {
    return CLI::Validator(
        [parse, what, positive](std::string& text) -> std::string {
            const auto value = parse(text);
            if (!value)
                return "\"" + text + "\" is not " + what;
            if (positive && !(*value > 0))
                return "\"" + text +
                       "\" is not a sample rate (expected a rate above 0 Hz: " + "2e6, 2M, 2 MS/s)";
            text = core::exactNumber(*value); // every digit: CLI11 converts this text again
            return {};
        },
        "", "");
}

} // namespace

CLI::Validator hertzUnits() {
    return unitTransform(core::parseHertzText,
                         "a frequency (2e6, 2M, 2 MS/s, 433.92 MHz, 12.5k; \"m\" is mega)");
}

CLI::Validator rateUnits() {
    return unitTransform(core::parseHertzText,
                         "a sample rate (2e6, 2M, 2 MS/s, 12.5k; \"m\" is mega)", true);
}

CLI::Validator secondsUnits() {
    return unitTransform(core::parseSecondsText,
                         "a time (1.5, 5ms, 250 us, 2 min, 1:02.5; \"m\" alone is no unit)");
}

void addOpenOptions(CLI::App* cmd, core::OpenOptions& opt) {
    cmd->add_flag("--iq", opt.forceIq, "Treat a stereo sound file as I (left) and Q (right)");
    cmd->add_flag("--audio", opt.forceAudio,
                  "Read a stereo file as audio even if its auxi chunk marks it as I/Q");
    cmd->add_flag("--swap-iq", opt.swapIq, "The recorder stored Q first: swap I and Q");
    cmd->add_option("--format", opt.rawFormat,
                    "Raw sample format: cf32, cf64, cs16, cs8, cu8 (or a SigMF datatype)");
    cmd->add_option("--rate", opt.sampleRate, "Sample rate (2e6, 2M, 2 MS/s; overrides the file)")
        ->transform(rateUnits());
    cmd->add_option("--center", opt.centerFrequency, "Centre frequency (433.92M; IQ)")
        ->transform(hertzUnits());
}

void addChannelOptions(CLI::App* cmd, ChannelChoice& choice) {
    cmd->add_option("--channel", choice.channel, "Analyse this channel (0-based) of audio");
    cmd->add_flag("--mix", choice.mix, "Analyse the mean of all audio channels");
}

int resolveChannel(const ChannelChoice& choice, int channels, const std::string& file) {
    if (choice.channel && choice.mix)
        throw core::Error("--channel", "--channel and --mix both given", "one of them");
    if (choice.mix)
        return -1;
    if (choice.channel) {
        if (*choice.channel < 0 || *choice.channel >= channels)
            throw core::Error("--channel",
                              "channel " + std::to_string(*choice.channel) + " does not exist in " +
                                  file,
                              "0.." + std::to_string(channels - 1));
        return *choice.channel;
    }
    if (channels > 1)
        throw core::Error("--channel", file + " has " + std::to_string(channels) + " channels",
                          "--channel N to pick one or --mix to average them");
    return 0;
}

namespace {
bool g_barShown = false; // only the CLI's own terminal state
// The job Ctrl-C cancels. Cancelling is one lock-free atomic store: async-signal-safe.
std::atomic<core::JobControl*> g_currentJob{nullptr};

extern "C" void onInterrupt(int) {
    if (core::JobControl* job = g_currentJob.load())
        job->cancel();
}

// Ctrl-C and SIGTERM cancel the job, so the export unwinds and removes its temporary file.
void installInterruptHandler(core::JobControl* job) {
    g_currentJob.store(job);
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

std::unique_ptr<core::JobControl> makeBarJob(const std::string& label) {
    if (!::isatty(STDERR_FILENO))
        return std::make_unique<core::JobControl>();
    return std::make_unique<core::JobControl>([label](double f) {
        const int width = 40;
        const int filled = int(f * width + 0.5);
        std::fprintf(stderr, "\r%-10s [%s%s] %3d%%", label.c_str(),
                     std::string(std::size_t(filled), '#').c_str(),
                     std::string(std::size_t(width - filled), ' ').c_str(), int(f * 100 + 0.5));
        std::fflush(stderr);
        g_barShown = true;
    });
}

} // namespace

void JobDeleter::operator()(core::JobControl* job) const {
    g_currentJob.store(nullptr); // a late Ctrl-C must not reach a destroyed job
    delete job;
}

ProgressJob makeProgressJob(const std::string& label) {
    ProgressJob job(makeBarJob(label).release());
    installInterruptHandler(job.get());
    return job;
}

void finishProgress() {
    if (g_barShown)
        std::fprintf(stderr, "\n");
    g_barShown = false;
}

int runGuarded(const std::function<void()>& body) {
    try {
        body();
        return kExitOk;
    } catch (const core::Error& e) {
        finishProgress();
        std::cerr << "specedit-cli: error: " << e.what() << '\n';
        if (e.kind() == core::ErrorKind::NeedsRawParameters)
            std::cerr << (core::isNpyFile(e.subject())
                              ? "specedit-cli: give it with --rate HZ (e.g. --rate 2e6); in a "
                                "project, \"rate\" under source_options\n"
                              : "specedit-cli: give them with --format TYPE (cf32, cs16, cs8, "
                                "cu8, ...) and --rate HZ (e.g. --rate 2e6); in a project, "
                                "\"format\" and \"rate\" under source_options\n");
        return e.kind() == core::ErrorKind::Data ? kExitFailure : kExitUsage;
    } catch (const core::Cancelled&) {
        finishProgress();
        std::cerr << "specedit-cli: cancelled; no output was written\n";
        return kExitFailure;
    } catch (const std::exception& e) {
        finishProgress();
        std::cerr << "specedit-cli: error: " << e.what() << '\n';
        return kExitFailure;
    }
}

namespace {

// The option a parse error names, looked up in the subcommand being parsed.
const CLI::Option* parsedOption(const CLI::App& app, const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands())
        if (const CLI::Option* option = sub->get_option_no_throw(name))
            return option;
    return app.get_option_no_throw(name);
}

// CLI11 says "Could not convert: --threshold-db = abc"; say which option, what was typed and
// what it takes, as the other errors do.
std::string conversionMessage(const CLI::App& app, const std::string& raw) {
    const std::string prefix = "Could not convert: ";
    const auto eq = raw.find(" = ");
    if (raw.rfind(prefix, 0) != 0 || eq == std::string::npos)
        return raw;
    const std::string name = raw.substr(prefix.size(), eq - prefix.size());
    const std::string typed = raw.substr(eq + 3);
    const CLI::Option* option = parsedOption(app, name);
    const bool whole = option && option->get_type_name() == "INT";
    return name + ": \"" + typed + "\" is not " +
           (whole ? "a whole number (expected one such as 3 or 512)"
                  : "a number (expected one such as 8, -3.5 or 1e-3)");
}

} // namespace

std::optional<std::string> splitUnitMessage(int argc, char** argv) {
    auto isNumber = [](const std::string& s) {
        char* end = nullptr;
        std::strtod(s.c_str(), &end);
        return !s.empty() && end == s.c_str() + s.size();
    };
    // A word that is a unit: no number alone, but one after a number ("MS/s", "kHz", "ms").
    auto isUnit = [&](const std::string& s) {
        return !s.empty() && !isNumber(s) && s[0] != '-' &&
               (core::parseHertzText("1" + s) || core::parseSecondsText("1" + s));
    };
    for (int i = 1; i + 2 < argc; ++i) {
        const std::string option = argv[i], value = argv[i + 1], unit = argv[i + 2];
        if (option.rfind("--", 0) != 0 || option.find('=') != std::string::npos ||
            !isNumber(value) || !isUnit(unit))
            continue;
        return option + ": \"" + value + " " + unit + "\" reached the command as two words, " +
               value + " and " + unit + " (expected it in quotes, \"" + value + " " + unit +
               "\", or without the space: " + value + unit + ")";
    }
    return std::nullopt;
}

int reportParseError(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
    std::string message = e.get_name() == "ConversionError" ? conversionMessage(app, e.what())
                                                            : std::string(e.what());
    // "--out: At Most 1 required but received 2": CLI11's words for an option given twice.
    if (const auto at = message.find(": At Most 1 required but received "); at != std::string::npos)
        message = message.substr(0, at) + ": given " +
                  message.substr(at + std::string(": At Most 1 required but received ").size()) +
                  " times (expected once: which one was meant?)";
    // "specedit-cli frobnicate": CLI11 said only that a subcommand is required.
    if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
        std::string names;
        for (const CLI::App* sub : app.get_subcommands({}))
            names.append(names.empty() ? "" : ", ").append(sub->get_name());
        message =
            "\"" + std::string(argv[1]) + "\" is not a command (expected one of " + names + ")";
    }
    std::cerr << "specedit-cli: error: " << message << "\nRun with --help for more information.\n";
    return kExitUsage;
}

} // namespace specedit::cli
