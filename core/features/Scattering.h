#pragma once
// Wavelet scattering coefficients of a burst, first and second order, averaged over the box
// (Mallat 2012; Anden & Mallat 2014, "Deep scattering spectrum"), on the band's complex
// baseband y.
//
// Gabor wavelets defined in the frequency domain, with centres tied to the box's band so
// that bursts of one kind give comparable coefficients whatever rate they were decimated to.
// Frequencies u are measured from the box's lower edge (u = f + B/2 in baseband), so the
// bank has the constant-Q layout of audio scattering with the lower edge in the role of 0 Hz:
//   first order, Q = 2: xi_j = 0.9 B 2^(-j/2), j = 0..11, s_j = 0.15 xi_j,
//     psi_j(u) = exp(-(u - xi_j)^2 / (2 s_j^2))
//   second order, Q = 1, on the modulus U1 = |y * psi_j| (a real signal, so a Morlet
//     wavelet with zero mean): zeta_k = 0.45 B 2^-k, k = 0..7, r_k = 0.3 zeta_k,
//     phi_k(f) = exp(-(f - zeta_k)^2 / (2 r_k^2)) - exp(-zeta_k^2 / (2 r_k^2)) exp(-f^2 / (2
//     r_k^2)), for the paths with zeta_k < xi_j / 2 (modulations slower than the carrier band).
//   S1(j) = mean |y * psi_j| / rms(y)                     (amplitude-normalised)
//   S2(j, k) = mean |U1 * phi_k| / mean U1                (normalised by its parent)
// The means run over the box's samples (a global average, the phi of the whole box).
// Convolutions are circular over the next power of two above the box's length; a narrow
// filter's output is taken on every 2nd to 64th sample, its mean within 0.1 % of that over all.

#include <string>
#include <vector>

namespace specedit::core {

class FeaturePlans;
struct BandSignal;

// "s1_0" ... "s1_11", then "s2_<j>_<k>" for each second-order path.
const std::vector<std::string>& scatteringNames();

// Values in the order of scatteringNames().
std::vector<double> scatteringFeatures(const BandSignal& band, FeaturePlans& plans);

} // namespace specedit::core
