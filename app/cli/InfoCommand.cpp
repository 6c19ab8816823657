// specedit-cli info FILE: what SpecEdit sees in a recording, as JSON on stdout.

#include "cli/CliCommon.h"
#include "cli/Commands.h"
#include "io/FilenameMetadata.h"
#include "io/NpySignalSource.h"
#include "io/Recognizer.h"
#include "io/SourceFactory.h"

#include <filesystem>
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
    case core::Container::Npy:
        return "npy";
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
    // Where each value came from: header, auxi, SigMF, file name, extension, user, ...
    const auto& o = info.origins;
    for (const auto& [key, origin] : {std::pair{"kind_from", o.kind},
                                      {"sample_rate_from", o.sampleRate},
                                      {"center_frequency_from", o.centerFrequency},
                                      {"sample_type_from", o.sampleType}})
        j[key] = origin.empty() ? nlohmann::json(nullptr) : nlohmann::json(origin);
    if (info.iqSwapped)
        j["iq_swapped"] = true;
    if (!info.damage.empty())
        j["damage"] = info.damage;
    if (info.sigmfMeta.is_object() && info.sigmfMeta.contains("annotations"))
        j["annotations"] = info.sigmfMeta["annotations"].size();
    return j;
}

// What is known of raw samples that cannot be opened for want of a rate (or a type).
nlohmann::json describeRaw(const std::string& path, const core::OpenOptions& options) {
    const auto r = core::recognizeRaw(path, options);
    nlohmann::json j;
    j["kind"] = !r.layout.value || r.layout.value->isComplex ? "iq" : "audio";
    j["container"] = "raw";
    j["sample_rate"] = nullptr;
    j["duration"] = nullptr;
    j["center_frequency"] = r.centerFrequency.value ? nlohmann::json(*r.centerFrequency.value)
                                                    : nlohmann::json(nullptr);
    j["center_frequency_from"] =
        r.centerFrequency.value ? nlohmann::json(r.centerFrequency.from) : nlohmann::json(nullptr);
    j["sample_rate_from"] = nullptr;
    if (r.layout.value) {
        const auto& l = *r.layout.value;
        const auto frameBytes = std::uintmax_t(core::bytesPerValue(l.type) * (l.isComplex ? 2 : 1));
        j["datatype"] = core::sigmfDatatypeName(l);
        j["sample_type"] = core::toString(l.type);
        j["sample_type_from"] = r.layout.from;
        const auto bytes = std::filesystem::file_size(path);
        const auto header = std::uintmax_t(std::max<std::int64_t>(0, l.headerBytes));
        j["samples"] = frameBytes && bytes > header ? (bytes - header) / frameBytes : 0;
    } else {
        j["datatype"] = j["sample_type"] = j["sample_type_from"] = j["samples"] = nullptr;
    }
    return j;
}

// What is known of a numpy array that cannot be opened for want of a rate: its header, the
// file name's centre, and the kind when the values or the user decide it (two real channels
// are I/Q or stereo by the rate).
nlohmann::json describeNpy(const std::string& path, const core::OpenOptions& options) {
    const core::NpySignalSource src(path, 1.0);
    const auto& info = src.info();
    nlohmann::json j = describe(info);
    const bool iq = info.storedComplex || options.forceIq;
    const bool audio = core::npyReadsAsAudio(info, options);
    j["kind"] = iq ? nlohmann::json("iq") : audio ? nlohmann::json("audio") : nlohmann::json();
    j["kind_from"] = options.forceIq || options.forceAudio ? nlohmann::json("user")
                     : iq || audio                         ? nlohmann::json("header")
                                                           : nlohmann::json();
    j["sample_rate"] = j["duration"] = j["sample_rate_from"] = nullptr;
    j["sample_type_from"] = "header";
    const auto hints = core::parseRecorderFilename(path);
    const auto centre = options.centerFrequency ? options.centerFrequency : hints.centerFrequency;
    if (!audio && centre) {
        j["center_frequency"] = *centre;
        j["center_frequency_from"] = options.centerFrequency ? "user" : "file name";
    }
    if (options.swapIq && !audio)
        j["iq_swapped"] = true;
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
                try {
                    const auto src = openInput(args->file, args->open);
                    std::cout << describe(src->info()).dump(2) << '\n';
                } catch (const core::Error& e) {
                    // A raw file or array whose rate nobody knows: report what is known.
                    if (e.kind() != core::ErrorKind::NeedsRawParameters)
                        throw;
                    if (core::isNpyFile(args->file))
                        std::cout << describeNpy(args->file, args->open).dump(2) << '\n';
                    else if (core::recognizeRaw(args->file, args->open).layout.value)
                        std::cout << describeRaw(args->file, args->open).dump(2) << '\n';
                    else
                        throw;
                }
            });
        };
    });
}

} // namespace specedit::cli
