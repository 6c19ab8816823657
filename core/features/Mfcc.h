#pragma once
// Mel-frequency cepstral coefficients over a label's band (Davis & Mermelstein 1980; the
// filter bank of Slaney's Auditory Toolbox shape, HTK's mel scale mel(f) = 2595 log10(1 +
// f / 700)).
//
// Frames of 256 samples of the band's baseband (Hann, hop 128, zero-padded when the burst is
// shorter), power spectra, 26 triangular filters spaced evenly in mel over the box's band,
// the log of each filter's energy, and the orthonormal DCT-II; coefficients 0..12 are kept.
// The mel scale is applied to absolute frequency for audio. An RF band has no auditory
// meaning, so for IQ the box is mapped linearly onto 0..8 kHz (the offset from its lower edge,
// scaled): the filters then have the shape they have over telephone speech whatever the
// box's width, finer near the lower edge. A convention, so that bursts of one kind give
// comparable coefficients.
// Reported: each coefficient's mean over the frames, and the mean magnitude of its delta
// (regression over +-2 frames, Furui 1986), 0 for a single frame.

#include <array>

namespace specedit::core {

class FeaturePlans;
struct BandSignal;

constexpr int kMfccCount = 13;

struct MfccFeatures {
    std::array<double, kMfccCount> mean{}, delta{};
};

MfccFeatures mfccFeatures(const BandSignal& band, FeaturePlans& plans);

} // namespace specedit::core
