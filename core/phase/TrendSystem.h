#pragma once
// The normal equations of a detrended inverse (phase/Detrend.h) in the frames' trend
// coefficients, once the signal has been eliminated sample by sample: banded (frames less than
// nperseg apart share samples) and solved by Eigen's sparse LDL^T. Internal to Detrend.cpp.

#include <complex>
#include <cstdint>
#include <vector>

namespace specedit::core {

// The trend's basis over a segment of n samples: 1, and for a line m - (n-1)/2 (orthogonal to
// the first, so each coefficient of a least-squares fit is a plain projection).
inline double trendBasis(int i, std::int64_t m, int n) {
    return i == 0 ? 1.0 : double(m) - (n - 1) / 2.0;
}

// One frame's share of one sample: weight u = w^2, the segment value d = y / w, the offset m.
template <typename S> struct TrendShare {
    std::int64_t frame;
    std::int64_t m;
    double u;
    S d;
};

// H((k,i),(l,i')) for l - k in 0..band, and the right-hand side. S is double or
// std::complex<double> (a complex signal: both parts share H).
template <typename S> class TrendSystem {
public:
    // `terms` 1 (a mean) or 2 (a line) per frame of n samples; `ridge` each signal sample's
    // pull to zero.
    TrendSystem(std::int64_t frames, int terms, int band, int n, double ridge);

    // A sample inside the signal (x free) or in the padding (x = 0), with the frames that hold
    // it where their windows are not zero.
    void add(const std::vector<TrendShare<S>>& shares, bool inside);

    // The coefficients, frame-major (frame * terms + i). Throws Error when H is singular.
    std::vector<S> solve() const;

private:
    std::size_t index(std::int64_t frame, int i) const { return std::size_t(frame * m_terms + i); }
    std::size_t slot(std::int64_t k, int dk, int i, int i2) const;
    double& at(std::int64_t k, std::int64_t dk, int i, int i2) {
        return m_h[slot(k, int(dk), i, i2)];
    }

    std::int64_t m_frames;
    int m_terms, m_band, m_n;
    double m_ridge;
    std::vector<double> m_h;
    std::vector<S> m_rhs;
};

extern template class TrendSystem<double>;
extern template class TrendSystem<std::complex<double>>;

} // namespace specedit::core
