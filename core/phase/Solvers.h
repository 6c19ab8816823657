#pragma once
// The iterations of phase retrieval on one signal (or one block), shared by the whole-signal
// and the blocked drivers (phase/PhaseRetrieval.cpp). Internal to core/phase.

#include "phase/PhaseRetrieval.h"
#include "phase/StftOperator.h"

namespace specedit::core {

struct SolveTrace {
    std::vector<double> diff; // sum (|A x| - S)^2 per iteration
    double norm = 0;          // sum S^2
    double initialDiff = 0;   // of A^+ c_0
};

// c: the starting spectrum (|c| = S) on entry, overwritten. x: the result (op.length()).
// `progress` maps an iteration to the job's overall fraction.
template <typename S>
SolveTrace solvePhase(StftOperator<S>& op, const double* magnitude,
                      std::vector<std::complex<double>>& c, const PhaseRetrievalOptions& options,
                      JobControl& job, const std::function<void(int, double)>& perIteration,
                      std::vector<S>& x);

} // namespace specedit::core
