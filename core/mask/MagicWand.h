#pragma once
// The magic wand: from a clicked point of the spectrogram, find the connected region whose
// level stands above the local noise floor, and describe it as a polygon in physical units.
//
// Within +-searchSeconds of the click (and the whole band) the STFT power is computed with the
// analysis parameters, and again over twice as long on a side the region reaches (a whistle
// through the whole recording is outlined whole); the noise floor is measured per row there
// (MagicWand.cpp: thresholds). Cells at least thresholdDb above it and at most rangeDb below
// the clicked cell qualify; the sound is followed through them from the clicked cell frame by
// frame (WandTrack.h: one run of cells per frame, so a sound that crosses it is not taken in).
// Each frame then takes the sound's spectral leakage (WandLeakage.h). The polygon follows the
// sound's upper and lower edge frame by frame (bins widened by half a bin, frames by half a
// hop).
//
// One burst, not a chain: a steady carrier or the DC line of a cheap receiver connects every
// burst at its frequency. So the region keeps only the frames around the click whose
// cross-section holds at least a quarter of the clicked frame's cells, bridging runs of
// thinner frames no longer than maxGapSeconds; a tone clicked on stays whole. On IQ those
// frames keep the rows the burst fills in a quarter of them or more (a chirp crossing it is cut
// off).

#include "dsp/StftParams.h"
#include "io/SampleSource.h"
#include "mask/Shape.h"
#include "util/JobControl.h"

namespace specedit::core {

// The most cells one search holds (levels in float: 64 MB); a region reaching past it in time
// is cut there.
constexpr std::int64_t kMaxWandCells = std::int64_t(1) << 24;

struct WandOptions {
    double thresholdDb = 10.0;   // tolerance: above the noise floor of the searched stretch
    double rangeDb = 30.0;       // cells further below the clicked (loudest) cell are left out
    double searchSeconds = 0.5;  // each side of the click
    double maxGapSeconds = 1e-3; // longest thin stretch bridged within one burst
    int channel = -1;            // the audio channel looked at (-1: the mix); ignored for IQ
    // What the clicked pixel covers either side of the click (s, Hz): the region grows from its
    // loudest cell, as the picture (the loudest cell of each pixel) shows it. Zoomed out, a
    // pixel spans many frames, and the one frame under the click may be a gap of a keyed burst.
    double pixelSeconds = 0, pixelHertz = 0;
};

// Returns a Polygon shape (gain and mode left at their defaults). Throws Error when the clicked
// cell is not above the threshold ("nothing stands out here"), Cancelled. Any thread.
Shape magicWand(const SampleSource& source, StftParams params, double t, double f,
                const WandOptions& options, JobControl& job);

} // namespace specedit::core
