#include "features/Dataset.h"

#include "features/BandSignal.h"
#include "features/FeaturePlans.h"
#include "features/Patch.h"
#include "io/AtomicFile.h"
#include "io/Npy.h"
#include "label/LabelTables.h"
#include "util/ThreadPool.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace specedit::core {
namespace {

// A recording as a file beside `outPath` names it: relative to that file's folder when it lies
// in it or below (a dataset folder moved with its recordings, or read from another working
// folder, still finds them), else absolute (the path as typed was relative to the working
// folder of the command, which nothing reading the file knows).
std::string nameBeside(const std::string& recording, const std::string& outPath) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file = fs::absolute(recording, ec).lexically_normal();
    const fs::path folder = fs::absolute(outPath, ec).lexically_normal().parent_path();
    const fs::path relative = file.lexically_relative(folder);
    const bool below = !relative.empty() && *relative.begin() != "..";
    return (below ? relative : file).generic_string();
}

void measure(const DatasetInput& in, DatasetEntry& e, const DatasetOptions& options,
             FeaturePlans& plans) {
    try {
        FeatureOptions fo = options.features;
        fo.channel = in.channel;
        BandSignal band =
            extractBand(*in.source, e.label, marginFor(e.label, fo), fo.channel, plans);
        markOccupied(band, e.label, in.labels);
        e.features = featuresOfBand(band, e.label, plans);
        if (options.patchSize > 0)
            e.patch = spectrogramPatch(band, options.patchSize, plans);
    } catch (const Error& err) {
        e.error = err.what();
    }
}

template <typename Body> void writeAtomically(const std::string& path, Body body) {
    AtomicFile file(path);
    {
        std::ofstream out(file.tempPath(), std::ios::trunc);
        body(out);
        if (!out.flush())
            throw Error(path, "could not be written", "free disk space");
    }
    file.commit();
}

} // namespace

std::vector<DatasetEntry> computeDataset(const std::vector<DatasetInput>& inputs,
                                         const DatasetOptions& options, JobControl& job) {
    if (options.patchSize != 0 && (options.patchSize < 8 || options.patchSize > 1024))
        throw Error("--patch-size", std::to_string(options.patchSize) + " is out of range",
                    "8..1024");
    std::vector<DatasetEntry> entries;
    std::vector<const DatasetInput*> owner;
    for (const auto& in : inputs)
        for (const auto& l : in.labels) {
            entries.push_back({in.recording, l, {}, {}, {}});
            owner.push_back(&in);
        }
    ThreadPool pool(options.threads);
    const std::size_t tasks = std::min<std::size_t>(pool.size(), entries.size());
    std::atomic<std::size_t> done{0};
    std::vector<std::future<void>> futures;
    for (std::size_t t = 0; t < tasks; ++t)
        futures.push_back(pool.submit([&, t] {
            FeaturePlans plans;
            for (std::size_t i = t; i < entries.size(); i += tasks) {
                job.checkCancelled();
                measure(*owner[i], entries[i], options, plans);
                job.setProgress(double(++done) / double(entries.size()));
            }
        }));
    for (auto& f : futures)
        f.get();
    return entries;
}

void writeFeatureCsv(const std::string& path, const std::vector<DatasetEntry>& entries) {
    writeAtomically(path, [&](std::ostream& out) {
        out << "recording,id,class,state,t0_s,t1_s,f0_hz,f1_hz";
        for (const auto& name : featureNames())
            out << ',' << name;
        out << ",modulation,modulation_evidence\n";
        for (const auto& e : entries) {
            if (!e.error.empty())
                continue;
            const Label& l = e.label;
            out << csvQuoted(nameBeside(e.recording, path)) << ',' << l.id << ','
                << csvQuoted(l.className) << ',' << (l.confirmed ? "confirmed" : "proposed") << ','
                << number(l.t0) << ',' << number(l.t1) << ',' << number(l.f0) << ','
                << number(l.f1);
            for (double v : e.features.values)
                out << ',' << number(v);
            out << ',' << csvQuoted(e.features.modulation) << ',' << csvQuoted(e.features.evidence)
                << '\n';
        }
    });
}

std::string patchIndexPath(const std::string& npyPath) {
    const std::string stem =
        npyPath.ends_with(".npy") ? npyPath.substr(0, npyPath.size() - 4) : npyPath;
    return stem + ".json";
}

void writePatches(const std::string& npyPath, const std::vector<DatasetEntry>& entries,
                  int patchSize) {
    std::int64_t count = 0;
    for (const auto& e : entries)
        count += e.error.empty() ? 1 : 0;
    NpyWriter npy(npyPath, NpyType::Float32, {count, patchSize, patchSize}, false);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& e : entries) {
        if (!e.error.empty())
            continue;
        npy.append(e.patch.data(), e.patch.size());
        const Label& l = e.label;
        rows.push_back({{"row", rows.size()},
                        {"recording", nameBeside(e.recording, npyPath)},
                        {"id", l.id},
                        {"class", l.className},
                        {"t0", l.t0},
                        {"t1", l.t1},
                        {"f0", l.f0},
                        {"f1", l.f1}});
    }
    const nlohmann::json index = {
        {"format", "specedit-patches"},
        {"version", 1},
        {"patches", std::filesystem::path(npyPath).filename().string()},
        {"shape", {count, patchSize, patchSize}},
        {"axes", {"label", "frequency (row 0 at f0)", "time (column 0 at t0)"}},
        {"units", "dB re full scale (10 log10 of power per bin)"},
        {"rows", rows}};
    writeAtomically(patchIndexPath(npyPath),
                    [&](std::ostream& out) { out << index.dump(2) << '\n'; });
    npy.finish();
}

} // namespace specedit::core
