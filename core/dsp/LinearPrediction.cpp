#include "dsp/LinearPrediction.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace specedit::core {
namespace {

template <typename T> T conjugate(T v) {
    if constexpr (std::is_floating_point_v<T>)
        return v;
    else
        return std::conj(v);
}

template <typename T>
using Accumulator = std::conditional_t<std::is_same_v<T, float>, double, std::complex<double>>;

// Burg's recursion in double; a_1..a_order.
template <typename T>
std::vector<Accumulator<T>> burgInDouble(const T* samples, std::size_t count, int order) {
    using Acc = Accumulator<T>;
    std::vector<Acc> f(samples, samples + count), b(f);
    std::vector<Acc> a{Acc(1)};
    double first = -1;
    for (int m = 0; m < order && std::size_t(m + 1) < count; ++m) {
        Acc num(0);
        double den = 0;
        for (std::size_t i = std::size_t(m) + 1; i < count; ++i) {
            num += f[i] * conjugate(b[i - 1]);
            den +=
                std::norm(std::complex<double>(f[i])) + std::norm(std::complex<double>(b[i - 1]));
        }
        first = first < 0 ? den : first;
        // Nothing left to predict: the error is rounding (pure tones are predicted exactly
        // at a low order, and going on only amplifies the rounding).
        if (!(den > 1e-20 * first) || !std::isfinite(den))
            break;
        Acc k = -2.0 * num / den;
        if (std::abs(k) >= 1.0) // |k| <= 1 in exact arithmetic; keep the predictor stable
            k *= (1.0 - 1e-12) / std::abs(k);
        std::vector<Acc> next(a.size() + 1, Acc(0));
        for (std::size_t i = 0; i < a.size(); ++i) {
            next[i] += a[i];
            next[a.size() - i] += k * conjugate(a[i]);
        }
        a.swap(next);
        for (std::size_t i = count - 1; i > std::size_t(m); --i) {
            const Acc fi = f[i], bi = b[i - 1];
            f[i] = fi + k * bi;
            b[i] = bi + conjugate(k) * fi;
        }
    }
    return {a.begin() + 1, a.end()};
}

} // namespace

template <typename T> std::vector<T> burgPredictor(const T* samples, std::size_t count, int order) {
    const auto a = burgInDouble(samples, count, order);
    return {a.begin(), a.end()};
}

template <typename T>
std::vector<T> continueSignal(const T* samples, std::size_t count, std::size_t length, int order) {
    using Acc = Accumulator<T>;
    // Coefficients and recursion in double: a tone's poles come twice at a higher order, and
    // a double root moves by the square root of a rounding, so coefficients rounded to float
    // put them off the unit circle (8192 samples of a pure tone continued grew ninefold).
    const std::vector<Acc> a = burgInDouble(samples, count, order);
    const std::size_t known = std::min(count, a.size());
    double peak = 0;
    for (std::size_t i = 0; i < count; ++i)
        peak = std::max(peak, double(std::abs(samples[i])));
    std::vector<Acc> x(samples + (count - known), samples + count);
    x.reserve(known + length);
    for (std::size_t n = known; n < known + length; ++n) {
        Acc v(0);
        for (std::size_t i = 0; i < a.size() && i < n; ++i)
            v -= a[i] * x[n - 1 - i];
        // A stable predictor never rises far above what it was given: past that (rounding in
        // a predictor of many near-unit poles), silence rather than a made-up burst.
        if (!std::isfinite(std::abs(v)) || std::abs(v) > 4 * peak) {
            x.resize(known + length, Acc(0));
            break;
        }
        x.push_back(v);
    }
    std::vector<T> out;
    out.reserve(length);
    for (std::size_t n = known; n < known + length; ++n)
        out.push_back(T(x[n]));
    return out;
}

template std::vector<float> burgPredictor(const float*, std::size_t, int);
template std::vector<std::complex<float>> burgPredictor(const std::complex<float>*, std::size_t,
                                                        int);
template std::vector<float> continueSignal(const float*, std::size_t, std::size_t, int);
template std::vector<std::complex<float>> continueSignal(const std::complex<float>*, std::size_t,
                                                         std::size_t, int);

} // namespace specedit::core
