#pragma once
// "Consistent resynthesis": the painted mask multiplies the STFT, Y = G X, and Y is in general
// not the STFT of any signal, so the ISTFT's output has an STFT whose magnitudes differ from
// the edited ones (smeared gains, residue of removed sounds). This runs fast Griffin-Lim from
// Y's own phase towards the edited magnitudes |Y| (phase/PhaseRetrieval.h, init Given), so the
// exported signal's STFT matches |Y| more closely; it reports the inconsistency before (the
// plain ISTFT) and after, as spectral convergence in dB against |Y|.
//
// As in applyMask, the frames over the recording's ends see it continued by linear prediction
// (dsp/EdgeExtension), not cut off by zeros: the analysis runs on the recording with a
// window's worth of continuation either side, and the figures count those frames too.
//
// Each audio channel (or the IQ signal) is held in memory with its edited STFT, unlike
// applyMask's streaming: a lane whose STFT exceeds kMaxConsistentCoefficients is refused with
// the size, so the user can export a selection or shorten the window.

#include "apply/StreamingApply.h"

namespace specedit::core {

constexpr std::size_t kMaxConsistentCoefficients = std::size_t(1) << 24;

struct ConsistentReport {
    std::int64_t frames = 0; // output samples per channel
    double beforeDb = 0;     // worst lane: SC of the plain ISTFT against |Y|
    double afterDb = 0;      // worst lane: SC of the exported signal against |Y|
    std::int64_t clippedValues = 0;
};

// Like applyMask (same parameters and sink contract) plus `iterations` of fast Griffin-Lim.
// Throws Error (iterations outside 1..10000, a lane too large, bad input) or Cancelled.
ConsistentReport applyMaskConsistent(const SampleSource& source, StftParams params,
                                     const std::vector<Shape>& shapes, SampleSink& sink,
                                     JobControl& job, int iterations);

} // namespace specedit::core
