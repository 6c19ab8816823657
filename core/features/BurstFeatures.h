#pragma once
// Every feature of one labelled burst, computed from its box only (docs/features.md has each
// formula, unit and reference). The band is isolated and moved to baseband first
// (BandSignal), then measured by Spectrum, Envelope, Frequency, SymbolRate, Mfcc and
// Scattering; a modulation guess sums up the evidence.

#include "io/SampleSource.h"
#include "label/Label.h"

#include <string>
#include <vector>

namespace specedit::core {

class FeaturePlans;
struct BandSignal;

struct FeatureOptions {
    // Noise context each side of the box for its SNR (s); unset: the box's duration, within
    // 10 ms .. 0.5 s.
    double margin = -1;
    int channel = -1; // audio channel, -1 for the mix
};

struct BurstFeatures {
    std::vector<double> values; // in the order of featureNames(); NaN where not measurable
    std::string modulation;     // "OOK/ASK", "2-FSK", "4-FSK", "chirp", "other"
    std::string evidence;       // why, in words with the numbers
};

// Column names with units ("duration_s", "bw_99_hz", ..., "mfcc0", ..., "s2_11_7").
const std::vector<std::string>& featureNames();
// The index of a name in featureNames(); throws Error for an unknown name.
std::size_t featureIndex(const std::string& name);
// Each feature's group, in the order of featureNames(), for weighing groups alike (features/
// Similar): 0 timing, 1 frequency, 2 level, 3 spectral shape, 4 modulation, 5 MFCC,
// 6 scattering.
const std::vector<int>& featureGroups();

// Throws Error for a label outside the recording or with an empty box. Any thread, one
// FeaturePlans per thread.
BurstFeatures burstFeatures(const SampleSource& source, const Label& label,
                            const FeatureOptions& options, FeaturePlans& plans);
// The same from a band already isolated (extractBand with marginFor(label, options)).
BurstFeatures featuresOfBand(const BandSignal& band, const Label& label, FeaturePlans& plans);
double marginFor(const Label& label, const FeatureOptions& options);

} // namespace specedit::core
