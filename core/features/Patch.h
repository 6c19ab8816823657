#pragma once
// A burst's spectrogram patch at a fixed shape, for image classifiers.
//
// size x size values in dB re full scale (10 log10 of the power per bin), row r at the
// frequency f0 + (r + 0.5) B / size (low to high), column c covering the box's time span
// [t0 + c T/size, t0 + (c+1) T/size). Each column averages the power spectra of Hann frames
// of Lw = min(128, the largest power of two within the box) samples of the band's baseband,
// centred every Lw/2 samples across the column (at least one, at its centre), zero-padded
// to 128 points; rows are interpolated linearly between the frames' bins.

#include <vector>

namespace specedit::core {

class FeaturePlans;
struct BandSignal;

// Row-major [row][column], size * size values.
std::vector<float> spectrogramPatch(const BandSignal& band, int size, FeaturePlans& plans);

} // namespace specedit::core
