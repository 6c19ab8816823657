#pragma once
// The instantaneous frequency of a burst and what it says about the keying.
//
// f[n] = fc + fs' / (2 pi) arg(sum_{m in M} y[m] conj(y[m-1])), the phase advance averaged
// over the envelope's M samples (a frequency discriminator), taken at the on samples only.
//   mean       the mean of f (Hz, label frame)
//   levels     the frequency levels: 1-D k-means (k = 2, 3, 4, started at quantiles) keeps
//              the largest k whose clusters each hold at least 5 % of the samples and whose
//              neighbouring centres (each the cluster's median) lie more than 3 times their
//              mean spread apart; 1 level otherwise
//   deviation  half the distance between the outermost levels (peak deviation of FSK), or
//              the standard deviation of f for one level
//   chirp      the least-squares line f = a + r t: its slope r (Hz/s) and R^2

#include <vector>

namespace specedit::core {

struct BandSignal;
struct Envelope;

struct FrequencyFeatures {
    double mean = 0, deviation = 0;
    std::vector<double> levels; // Hz, ascending
    double chirpRate = 0, chirpR2 = 0;
    std::vector<double> track; // f over the box (Hz, label frame); NaN at off samples
};

FrequencyFeatures frequencyFeatures(const BandSignal& band, const Envelope& env);

// Index of the level nearest to f (levels ascending).
int nearestLevel(const std::vector<double>& levels, double f);

} // namespace specedit::core
