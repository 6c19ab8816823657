#pragma once
// Registration of the subcommands; each sets `action` when it is the one chosen.

#include <CLI/CLI.hpp>
#include <functional>

namespace specedit::cli {

void registerInfo(CLI::App& app, std::function<int()>& action);
void registerDemo(CLI::App& app, std::function<int()>& action);
void registerStft(CLI::App& app, std::function<int()>& action);
void registerIstft(CLI::App& app, std::function<int()>& action);
void registerApply(CLI::App& app, std::function<int()>& action);
void registerDetect(CLI::App& app, std::function<int()>& action);
void registerLabels(CLI::App& app, std::function<int()>& action);
void registerFeatures(CLI::App& app, std::function<int()>& action);
void registerExportBursts(CLI::App& app, std::function<int()>& action);
void registerRebuild(CLI::App& app, std::function<int()>& action);
void registerGuess(CLI::App& app, std::function<int()>& action);

} // namespace specedit::cli
