#pragma once
// How the detector's boxes become bursts: the fine pass's pieces joined inside the longer
// windows' boxes, pieces close in time or frequency merged (across steady carriers), and the
// faint spurs of a strong burst dropped. Pure functions on boxes; any thread.

#include "mask/Shape.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace specedit::core {

// A burst's spectrum as the detector saw it: the sum over its cells of power / floor, per bin
// of one analysis (bin i at f0 + i df, Hz). Empty (df 0) when its pieces came from analyses
// with different bins.
struct BandProfile {
    double f0 = 0, df = 0;
    std::vector<float> sum;
    // Per bin, the sum of the cells' floors and their number (both empty when unknown): the
    // bin's noise per cell, for the SNR in the burst's band.
    std::vector<float> floors = {}, counts = {};
};

// Adds `from` to `into` bin by bin when both come from the same analysis; else empties `into`.
void addProfile(BandProfile& into, const BandProfile& from);

// The band (Hz) of the bins holding the middle 99 % of a profile's sum (the occupied
// bandwidth, ITU-R SM.328: 0.5 % left out on each side), from the centres of its outer bins,
// or half a bin beyond them when it is one or two bins wide. Requires a profile.
std::pair<double, double> occupiedBand(const BandProfile& p);

// A detected box with the sums its SNR comes from.
struct Found {
    TfBox box;
    double sumRatio = 0;
    std::int64_t cells = 0;
    bool steady = false;
    double fill = 1; // the share of its region's cells in the region's box (a chirp: small)
    BandProfile profile;
    double noise = 0, excess = 0; // Region::noise, Region::excess, summed over the pieces
};

// A diagonal (a chirp) fills little of its box: its box says little about what is near it.
constexpr double kSparseFill = 0.25;
// The share of a band's energy left out on each side of it.
constexpr double kBandTail = 0.005;
// A burst this much weaker than another at the same time is taken for its spur.
constexpr double kSpurDb = 20.0;

// Boxes apart in time at levels (snrOf) of at least kSureLevelDb that differ by
// kOtherSenderDb or more come from different transmitters: they do not merge.
constexpr double kSureLevelDb = 15.0;
constexpr double kOtherSenderDb = 4.0;

// Frequency bands (Hz) of steady carriers and DC.
using Bands = std::vector<std::pair<double, double>>;

// The mean level of a box's cells over their floor, in dB (what tells a spur from a burst).
double snrOf(const Found& f);
// The box's power over the noise in the same cells, in dB: the burst's SNR in its own band,
// as the features' snr_db measures it (10 log10 of signal-plus-noise over noise power).
// Weak cells at a burst's flanks weigh as little as they hold; the mean of the cells' ratios
// (snrOf) read 34 dB for a burst whose band holds 42.
double bandSnrOf(const Found& f);

// Merges boxes within the gaps (s, Hz) until none are; steady carriers only with each other.
// Sorted by start.
std::vector<Found> mergeClose(const std::vector<Found>& found, double gapT, double gapF,
                              const Bands& steadyBands);

// The fine pass's boxes joined inside the coarse pass's (window coarseWindow s long).
std::vector<Found> linkByCoarse(std::vector<Found> fine, const std::vector<Found>& coarse,
                                double coarseWindow);

// Without the boxes kSpurDb weaker than another at the same time, or within gapT (s) of it
// in its band (a key click or the receiver's settling beside a packet).
std::vector<Found> dropSpurs(const std::vector<Found>& all, double gapT);

// Each merged box's band from the sum of its pieces' profiles (within the union of their
// bands): the splatter a piece took in counts by its energy, not by its extent.
void bandsFromProfiles(std::vector<Found>& all);

} // namespace specedit::core
