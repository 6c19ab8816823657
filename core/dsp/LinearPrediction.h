#pragma once
// Linear prediction by Burg's method, to continue a signal past its end.
//
// Burg (1967; Kay, "Modern Spectral Estimation", 1988, ch. 7): the order-m predictor
// x^[n] = -sum_{i=1..m} a_i x[n - i] is built one order at a time; each step picks the
// reflection coefficient k that minimises the sum of the forward and backward prediction
// errors, k = -2 sum f_i conj(b_{i-1}) / sum (|f_i|^2 + |b_{i-1}|^2), so |k| <= 1 and the
// predictor is stable: a tone goes on, noise dies away, nothing grows (the continuation runs
// in double, and stops at 4 times the given peak should rounding make it rise). Real and complex
// samples (IQ) alike. Any thread; no state.

#include <complex>
#include <cstddef>
#include <vector>

namespace specedit::core {

// The predictor's coefficients a_1..a_order (a_0 = 1 is implied) from `count` samples; fewer
// when the samples hold less (all zero: none, so the continuation is silence).
template <typename T> std::vector<T> burgPredictor(const T* samples, std::size_t count, int order);

// `length` samples that continue `count` samples past their end.
template <typename T>
std::vector<T> continueSignal(const T* samples, std::size_t count, std::size_t length, int order);

extern template std::vector<float> burgPredictor(const float*, std::size_t, int);
extern template std::vector<std::complex<float>> burgPredictor(const std::complex<float>*,
                                                               std::size_t, int);
extern template std::vector<float> continueSignal(const float*, std::size_t, std::size_t, int);
extern template std::vector<std::complex<float>> continueSignal(const std::complex<float>*,
                                                                std::size_t, std::size_t, int);

} // namespace specedit::core
