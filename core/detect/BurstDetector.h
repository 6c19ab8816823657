#pragma once
// Burst detection on the spectrogram, not on the wideband envelope, so two bursts at once in
// different bands, or a weak burst beside a strong carrier, are found apart.
//
// 1. The power of every STFT cell, in blocks of frames (PowerBlock, on all cores), smoothed
//    over its 3 x 3 time-frequency neighbourhood (which tames the noise's spread: a cell of
//    noise alone rarely crosses a threshold a few dB above its mean).
// 2. A noise floor per frequency bin: a low quantile of the smoothed power over the block's
//    frames (`floorBlockSeconds` long, so it follows slow drift), scaled to the noise's
//    median by the median / quantile ratio of the block's bins. A steady carrier or the DC
//    spike of a cheap receiver, present in most frames, is part of its bins' floor and never
//    crosses the threshold; with `keepSteady` such bins (a floor `thresholdDb` above the
//    block's median floor) are reported too, as steady labels.
// 3. Hysteresis: a cell thresholdDb above its bin's floor seeds a region, and cells down to
//    thresholdDb - hysteresisDb that touch it join (RegionTracker). In the fine pass, cells
//    20 dB below stronger cells on both sides in the same frame are left out: they are the
//    splatter of a keyed burst reaching across to another signal, not a link between them.
// 4. Regions closer than the merge gaps (in time with overlapping bands, or in frequency with
//    overlapping times) become one; then those shorter than minDuration or narrower than
//    minBandwidth are dropped, and so are those whose samples never move more than one step
//    of an integer sample type (SampleSteps.h). All in physical units, never in samples or
//    bins.
//
// Regions within the first or last half window of the recording are its zero-padded edges
// (a DC offset steps there), not bursts, and are left out.
//
// The result is proposed labels (no class) in time order, each with its SNR: the energy in its
// band over the noise of all the box's cells in that band (BoxMerge's bandSnrOf). Memory: one
// block of frames. Any thread.

#include "dsp/StftParams.h"
#include "io/SampleSource.h"
#include "label/Label.h"
#include "util/JobControl.h"

#include <optional>
#include <vector>

namespace specedit::core {

struct DetectOptions {
    double thresholdDb = 8.0;  // seeds: this far above the floor
    double hysteresisDb = 3.0; // cells down to threshold - hysteresis join a region
    double minDuration = 0.0;  // s
    double minBandwidth = 0.0; // Hz
    double mergeGap = 5e-3;    // s: regions this close in time (bands overlapping) merge
    // Hz: regions this close in frequency (times overlapping) merge (the tones of an FSK
    // burst); unset: 1/80 of the sample rate.
    std::optional<double> mergeGapHz;
    double floorQuantile = 0.2;     // of each bin's smoothed power over a block
    double floorBlockSeconds = 4.0; // floor estimate per block of this length
    bool keepSteady = false;        // report steady carriers (and DC) as labels too
    int channel = -1;               // audio channel, -1: the mix; ignored for IQ
    std::optional<double> t0, t1;   // only this time range (s); unset: the whole recording

    // Throws Error naming the option ("--threshold-db", ...) for values out of range.
    void validate() const;
    // t0 inside the recording, t1 after 0 (an end past the recording's end reads to its end).
    void validateRange(double duration) const;
};

// The detector's analysis: a power-of-two Hann window of about 64 us (128 samples at 2 MS/s,
// at least 16), half overlap. The options' minimum duration and bandwidth only drop bursts
// afterwards: they do not change the analysis, so raising them keeps a subset of the bursts.
StftParams detectionAnalysis(double sampleRate);

// Throws Error for invalid options or params, Cancelled; progress 0..1 on job.
std::vector<Label> detectBursts(const SampleSource& source, StftParams params,
                                const DetectOptions& options, JobControl& job);

} // namespace specedit::core
