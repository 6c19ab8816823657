#pragma once
// The symbol rate of a keyed burst, from the times at which its keying changes state.
//
// The states are the envelope's on/off (OOK, ASK) or, for a burst with two or more frequency
// levels, the nearest level of the instantaneous frequency (FSK); runs shorter than the
// envelope's M samples are merged. Each change is placed where the envelope (or the
// frequency) crosses the midpoint between the two states, interpolated linearly between
// samples. Successive changes are an integer number of symbols apart: a first period T0 is the
// median of the intervals no longer than 1.5 times the 10th-percentile interval (the
// one-symbol runs), each change gets the symbol count n_i = sum round(d / T0) from the first,
// and the least-squares line t_i = a + T n_i gives T (refined twice). Symbol rate = fs' / T.
// With fewer than 4 changes there is no estimate (NaN).

#include <vector>

namespace specedit::core {

struct BandSignal;
struct Envelope;
struct FrequencyFeatures;

struct SymbolRateEstimate {
    double rate;         // symbols/s, NaN when unknown
    int transitions = 0; // changes of state used
    int symbols = 0;     // symbols between the first and last change
    bool fromFrequency = false;
};

// The period (in the times' unit) of changes at `times` (ascending); NaN for < 4 changes.
double symbolPeriod(const std::vector<double>& times, int* symbols = nullptr);

SymbolRateEstimate symbolRate(const BandSignal& band, const Envelope& env,
                              const FrequencyFeatures& freq, bool fromFrequency);

} // namespace specedit::core
