#pragma once
// STFT -> mask -> ISTFT over a whole recording, in blocks, on all cores, with bounded memory.
//
// The output is cut into blocks of L samples (L a multiple of the hop, about 2^18 samples or
// 64 hops). A block recomputes every frame that touches it (its neighbours' edge frames
// too, nperseg/hop - 1 extra frames per block) so blocks are independent: workers take
// blocks in any order and the writer writes them in order. With effects (below) a block holds
// at most 4 Mi cells of spectra, so it is shorter for very fine grids. At most threads + 2 blocks
// are in flight, so memory does not grow with the recording. Each block reads its input once,
// rasterises the mask for its frames once, then runs frame by frame: forward FFT, multiply,
// inverse FFT, least-squares overlap-add (Stft.h). With no shapes the multiply is skipped and
// the output equals the input within the float round-trip bound (< 1e-5 relative).
// Audio channels are processed independently (one-sided STFT); IQ as one complex signal
// (two-sided STFT, mask frequencies absolute around the centre frequency).
// Shapes with effects other than gains (Shape.h) are applied by effect/SpectralEffects: their
// contexts are measured once before the first block; a lane they reach keeps its block's
// spectra (plus SpectralEffects::margin() frames either side) to apply them in order.

#include "dsp/StftParams.h"
#include "io/SampleSink.h"
#include "io/SampleSource.h"
#include "mask/Shape.h"
#include "util/JobControl.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specedit::core {

struct ApplyOptions {
    unsigned threads = 0;                // 0: all cores
    std::int64_t blockSamples = 1 << 18; // target output samples per block
    std::string sourceName;              // for error messages (the recording's path)
    // Output only samples [rangeFirst, rangeFirst + rangeCount) (rangeCount -1: to the end),
    // exactly as in the whole export (frames and effect contexts from the whole recording).
    std::int64_t rangeFirst = 0;
    std::int64_t rangeCount = -1;
};

struct ApplyReport {
    std::int64_t frames = 0; // output samples per channel
    std::int64_t clippedValues = 0;
    std::int64_t blocks = 0;
};

// params.fs is replaced by the source's sample rate. Throws Error (bad parameters, NaN/Inf
// input with the sample index, I/O failure) or Cancelled. A SignalWriter sink is not
// finished here; the caller calls finish() on success. Call from any one thread.
ApplyReport applyMask(const SampleSource& source, StftParams params,
                      const std::vector<Shape>& shapes, SampleSink& sink, JobControl& job,
                      const ApplyOptions& options = {});

} // namespace specedit::core
