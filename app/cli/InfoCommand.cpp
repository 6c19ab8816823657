// specedit-cli info FILE: what SpecEdit sees in a recording, as JSON on stdout.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "io/SourceFactory.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace specedit::cli {
namespace {

struct InfoArgs {
    std::string file;
    core::OpenOptions open;
};

std::string containerName(core::Container c) {
    switch (c) {
    case core::Container::SoundFile:
        return "soundfile";
    case core::Container::RawIq:
        return "raw";
    case core::Container::Sigmf:
        return "sigmf";
    }
    return "";
}

nlohmann::json describe(const core::SignalInfo& info) {
    nlohmann::json j;
    j["kind"] = core::toString(info.kind);
    j["sample_rate"] = info.sampleRate;
    j["channels"] = info.channels;
    j["samples"] = info.frames;
    j["duration"] = info.duration();
    j["center_frequency"] = info.centerFrequency ? nlohmann::json(*info.centerFrequency) : nullptr;
    j["start_time"] =
        info.startTime.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.startTime);
    j["datatype"] = info.datatype;
    j["sample_type"] = core::toString(info.sampleType);
    j["container"] = containerName(info.container);
    if (!info.metadataOrigin.empty())
        j["metadata_from"] = info.metadataOrigin;
    if (info.iqSwapped)
        j["iq_swapped"] = true;
    if (info.sigmfMeta.is_object() && info.sigmfMeta.contains("annotations"))
        j["annotations"] = info.sigmfMeta["annotations"].size();
    return j;
}

} // namespace

void registerInfo(CLI::App& app, std::function<int()>& action) {
    auto args = std::make_shared<InfoArgs>();
    auto* cmd = app.add_subcommand("info", "Print what a recording holds, as JSON");
    cmd->add_option("file", args->file, "Recording (WAV, FLAC, raw IQ, SigMF, ...)")->required();
    addOpenOptions(cmd, args->open);
    cmd->callback([args, &action] {
        action = [args] {
            return runGuarded([&] {
                const auto src = core::openRecording(args->file, args->open);
                std::cout << describe(src->info()).dump(2) << '\n';
            });
        };
    });
}

} // namespace specedit::cli
