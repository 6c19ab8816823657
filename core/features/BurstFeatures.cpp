#include "features/BurstFeatures.h"

#include "features/BandSignal.h"
#include "features/Envelope.h"
#include "features/FeaturePlans.h"
#include "features/Frequency.h"
#include "features/Mfcc.h"
#include "features/Scattering.h"
#include "features/Spectrum.h"
#include "features/SymbolRate.h"
#include "label/LabelFit.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specedit::core {
namespace {

const std::vector<std::string> kScalarNames = {
    "duration_s", "on_time_s",       "bw_3db_hz",     "bw_20db_hz",       "bw_99_hz",
    "centre_hz",  "peak_hz",         "peak_power_db", "mean_power_db",    "noise_power_db",
    "on_snr_db",  "centroid_hz",     "spread_hz",     "skewness",         "kurtosis",
    "flatness",   "rolloff85_hz",    "rolloff95_hz",  "entropy",          "rise_s",
    "fall_s",     "crest_db",        "duty_cycle",    "if_mean_hz",       "if_deviation_hz",
    "if_levels",  "chirp_rate_hz_s", "chirp_r2",      "symbol_rate_baud", "keying_changes"};

struct Guess {
    std::string modulation, evidence;
};

Guess guessModulation(const BandSignal& band, const EnvelopeFeatures& env,
                      const FrequencyFeatures& freq) {
    const bool sweeps =
        freq.chirpR2 > 0.8 && std::abs(freq.chirpRate) * env.onTime > 0.25 * band.width;
    const int levels = int(freq.levels.size());
    Guess g;
    // A keyed envelope (several on/off changes) is OOK/ASK; frequency levels with a steady
    // envelope are FSK; a line in frequency against time is a chirp.
    if (sweeps)
        g.modulation = "chirp";
    else if (levels >= 2 && env.transitions < 4)
        g.modulation = std::to_string(levels) + "-FSK";
    else if (env.transitions >= 4 && env.dutyCycle < 0.9)
        g.modulation = "OOK/ASK";
    else if (levels >= 2)
        g.modulation = std::to_string(levels) + "-FSK";
    else
        g.modulation = "other";
    char text[200];
    std::snprintf(text, sizeof text,
                  "on %.0f %% of the box, %d on/off changes; %d frequency level(s); "
                  "frequency against time R^2 %.2f, sweep %.3g Hz",
                  100 * env.dutyCycle, env.transitions, levels, freq.chirpR2,
                  freq.chirpRate * env.onTime);
    g.evidence = text;
    return g;
}

} // namespace

double marginFor(const Label& label, const FeatureOptions& options) {
    return options.margin >= 0 ? options.margin : std::clamp(label.duration(), 0.01, 0.5);
}

const std::vector<std::string>& featureNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v = kScalarNames;
        for (int i = 0; i < kMfccCount; ++i)
            v.push_back("mfcc" + std::to_string(i));
        for (int i = 0; i < kMfccCount; ++i)
            v.push_back("dmfcc" + std::to_string(i));
        const auto& s = scatteringNames();
        v.insert(v.end(), s.begin(), s.end());
        return v;
    }();
    return names;
}

const std::vector<int>& featureGroups() {
    static const std::vector<int> groups = [] {
        const std::vector<std::vector<std::string>> named = {
            {"duration_s", "on_time_s", "rise_s", "fall_s", "duty_cycle", "keying_changes",
             "symbol_rate_baud"},
            {"bw_3db_hz", "bw_20db_hz", "bw_99_hz", "centre_hz", "peak_hz", "centroid_hz",
             "spread_hz", "rolloff85_hz", "rolloff95_hz", "if_mean_hz"},
            {"peak_power_db", "mean_power_db", "noise_power_db", "on_snr_db", "crest_db"},
            {"skewness", "kurtosis", "flatness", "entropy"},
            {"if_deviation_hz", "if_levels", "chirp_rate_hz_s", "chirp_r2"}};
        std::vector<int> g;
        for (const auto& name : featureNames()) {
            int group = name.starts_with("mfcc") || name.starts_with("dmfcc") ? 5 : 6;
            for (std::size_t i = 0; i < named.size(); ++i)
                if (std::find(named[i].begin(), named[i].end(), name) != named[i].end())
                    group = int(i);
            g.push_back(group);
        }
        return g;
    }();
    return groups;
}

std::size_t featureIndex(const std::string& name) {
    const auto& names = featureNames();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
        throw Error(name, "is not a feature", "a name listed in docs/features.md");
    return std::size_t(it - names.begin());
}

BurstFeatures burstFeatures(const SampleSource& source, const Label& given,
                            const FeatureOptions& options, FeaturePlans& plans) {
    Label label = given; // its duration counts only time the recording holds
    fitToRecording(label, source.info());
    return featuresOfBand(
        extractBand(source, label, marginFor(label, options), options.channel, plans), label,
        plans);
}

BurstFeatures featuresOfBand(const BandSignal& band, const Label& label, FeaturePlans& plans) {
    const SpectrumFeatures sp = spectrumFeatures(welchSpectrum(band, plans));
    const Envelope env = envelopeOf(band);
    const EnvelopeFeatures ev = envelopeFeatures(band, env);
    const FrequencyFeatures fr = frequencyFeatures(band, env);
    const Guess guess = guessModulation(band, ev, fr);
    const bool keyedInFrequency = guess.modulation.ends_with("FSK");
    const SymbolRateEstimate sr = symbolRate(band, env, fr, keyedInFrequency);
    const MfccFeatures mf = mfccFeatures(band, plans);

    BurstFeatures out;
    out.values = {label.duration(), ev.onTime,
                  sp.bw3,           sp.bw20,
                  sp.bw99,          sp.centre,
                  sp.peak,          ev.peakPowerDb,
                  ev.meanPowerDb,   ev.noisePowerDb,
                  ev.snrDb,         sp.centroid,
                  sp.spread,        sp.skewness,
                  sp.kurtosis,      sp.flatness,
                  sp.rolloff85,     sp.rolloff95,
                  sp.entropy,       ev.riseTime,
                  ev.fallTime,      ev.crestDb,
                  ev.dutyCycle,     fr.mean,
                  fr.deviation,     double(fr.levels.size()),
                  fr.chirpRate,     fr.chirpR2,
                  sr.rate,          double(sr.transitions)};
    out.values.insert(out.values.end(), mf.mean.begin(), mf.mean.end());
    out.values.insert(out.values.end(), mf.delta.begin(), mf.delta.end());
    const auto sc = scatteringFeatures(band, plans);
    out.values.insert(out.values.end(), sc.begin(), sc.end());
    out.modulation = guess.modulation;
    out.evidence = guess.evidence;
    return out;
}

} // namespace specedit::core
