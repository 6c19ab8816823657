#pragma once
// The driver behind retrievePhase (phase/PhaseRetrieval.h): the whole signal at once when its
// STFT is small enough, otherwise overlapping blocks of frames. Internal to core/phase.
//
// Blocks: block b covers frames [j0, j0 + B) and the samples they touch; consecutive blocks
// share O frames (at least 4 windows' worth). Block b + 1 starts from the phase of block b's
// consistent STFT on the shared frames (PGHI integrates onward from them), so both agree
// there, and the output cross-fades from one to the other over one window length (raised
// cosine) centred in the shared frames. Working memory: about five complex arrays of B frames.

#include "phase/PhaseRetrieval.h"

namespace specedit::core {

template <typename S>
PhaseRetrievalResult<S> retrieveInBlocks(const MagnitudeGrid& target, const StftParams& params,
                                         std::int64_t length, const PhaseRetrievalOptions& options,
                                         JobControl& job, const IterationFn& onIteration);

} // namespace specedit::core
