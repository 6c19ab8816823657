#pragma once
// A dataset of labelled bursts for a classifier, from one or many labelled recordings:
//   - a CSV with one row per label: recording (its path relative to the CSV's folder when it
//     lies in it or below, else absolute), id, class (the target), state, the box
//     (t0_s, t1_s, f0_hz, f1_hz), every feature of featureNames(), the modulation guess and
//     its evidence;
//   - optionally a .npy stack of spectrogram patches, float32 [labels, size, size] in dB
//     (features/Patch), with a JSON index naming each row's label (its recording relative to
//     the index's folder), in the CSV's order.
// Features are computed on all cores, one label per task; a label whose box cannot be measured
// (outside its recording, no band) is left out and reported, never guessed.

#include "features/BurstFeatures.h"
#include "util/JobControl.h"

#include <string>
#include <vector>

namespace specedit::core {

struct DatasetInput {
    std::string recording; // its path (the CSV names it from its own folder, as above)
    const SampleSource* source = nullptr;
    std::vector<Label> labels;
    int channel = -1;
};

struct DatasetOptions {
    FeatureOptions features; // its channel is replaced by each input's
    int patchSize = 0;       // 0: no patches
    unsigned threads = 0;    // 0: every core
};

struct DatasetEntry {
    std::string recording;
    Label label;
    BurstFeatures features;
    std::vector<float> patch; // patchSize^2 values, row-major (frequency, time)
    std::string error;        // why the label was left out; empty when measured
};

// Entries in input order (recordings, then their labels). Throws Error for a patch size
// outside 8..1024, Cancelled; progress on job.
std::vector<DatasetEntry> computeDataset(const std::vector<DatasetInput>& inputs,
                                         const DatasetOptions& options, JobControl& job);

// The measured entries as CSV, atomically. Throws Error.
void writeFeatureCsv(const std::string& path, const std::vector<DatasetEntry>& entries);
// The measured entries' patches as .npy and the JSON index beside it (<npy>.json minus
// ".npy"), atomically. Throws Error.
void writePatches(const std::string& npyPath, const std::vector<DatasetEntry>& entries,
                  int patchSize);
// Where writePatches puts the index: "patches.npy" -> "patches.json".
std::string patchIndexPath(const std::string& npyPath);

} // namespace specedit::core
