#pragma once
// The power spectrum of a burst in its band and the shape measures taken from it.
//
// Welch's estimate (Welch 1967): Hann segments of L = min(256, burst) samples, hop L/2,
// zero-padded to 256 points, averaged, divided by sum(w^2) so that the sum over bins is the
// mean power. Only the bins inside the box [-B/2, B/2] count; frequencies are reported in the
// label's frame (absolute Hz). With p_k = P_k / sum P and f_k the bin frequencies:
//   centroid mu = sum p_k f_k; spread sigma = sqrt(sum p_k (f_k - mu)^2);
//   skewness = sum p_k (f_k - mu)^3 / sigma^3; kurtosis = sum p_k (f_k - mu)^4 / sigma^4;
//   flatness = exp(mean ln P_k) / mean P_k (Wiener entropy; 1 for white noise);
//   roll-off r: the frequency below which a fraction r of the power lies;
//   entropy = -sum p_k log2 p_k / log2 K (0 for one bin, 1 for a flat band);
//   x-dB bandwidth (ITU-R SM.328): between the outermost points x dB below the peak;
//   99 % bandwidth (ITU-R SM.328 occupied bandwidth): between the 0.5 % and 99.5 % points,
//   its midpoint being the centre frequency.
// Edges are interpolated linearly between bins.

#include <vector>

namespace specedit::core {

class FeaturePlans;
struct BandSignal;

struct SpectrumFeatures {
    double binWidth = 0; // Hz
    double bw3 = 0, bw20 = 0, bw99 = 0;
    double centre = 0, peak = 0; // Hz
    double centroid = 0, spread = 0, skewness = 0, kurtosis = 0;
    double flatness = 0, rolloff85 = 0, rolloff95 = 0, entropy = 0;
};

struct BandSpectrum {
    std::vector<double> freq;  // Hz, label frame, ascending, inside the box
    std::vector<double> power; // mean power per bin
};

BandSpectrum welchSpectrum(const BandSignal& band, FeaturePlans& plans);
SpectrumFeatures spectrumFeatures(const BandSpectrum& spectrum);

} // namespace specedit::core
