// specedit-cli: the headless entry point. Each subcommand lives in cli/*Command.cpp.
//
// Exit codes: 0 success, 1 failure (a file could not be read or written, bad data),
// 2 usage error (unknown option, missing argument, invalid parameter value).

#include "cli/CliCommon.h"
#include "cli/Commands.h"

#include <iostream>

int main(int argc, char** argv) {
    using namespace specedit::cli;
    CLI::App app{"SpecEdit command line: inspect recordings, STFT/ISTFT to .npy, apply "
                 "spectral edit projects.\nExit codes: 0 success, 1 failure, 2 usage error."};
    app.require_subcommand(1);
    app.set_version_flag("--version", "specedit-cli 0.1.0");
    std::function<int()> action;
    registerInfo(app, action);
    registerDemo(app, action);
    registerStft(app, action);
    registerIstft(app, action);
    registerApply(app, action);
    registerDetect(app, action);
    registerLabels(app, action);
    registerFeatures(app, action);
    registerExportBursts(app, action);
    registerRebuild(app, action);
    registerGuess(app, action);
    if (const auto split = splitUnitMessage(argc, argv)) {
        std::cerr << "specedit-cli: error: " << *split
                  << "\nRun with --help for more information.\n";
        return kExitUsage;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return reportParseError(app, e, argc, argv);
    }
    return action ? action() : kExitUsage;
}
