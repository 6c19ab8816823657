#include "phase/TrendSystem.h"

#include "util/Error.h"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>

namespace specedit::core {
namespace {

template <typename S> constexpr bool kComplexPart = !std::is_same_v<S, double>;

template <typename S> double component(const S& v, int part) {
    if constexpr (kComplexPart<S>)
        return part == 0 ? v.real() : v.imag();
    else
        return v;
}

template <typename S> void setComponent(S& v, int part, double x) {
    if constexpr (kComplexPart<S>)
        part == 0 ? v.real(x) : v.imag(x);
    else
        v = x;
}

} // namespace

template <typename S>
TrendSystem<S>::TrendSystem(std::int64_t frames, int terms, int band, int n, double ridge)
    : m_frames(frames), m_terms(terms), m_band(band), m_n(n), m_ridge(ridge),
      m_h(std::size_t(frames) * std::size_t(band + 1) * std::size_t(terms * terms), 0.0),
      m_rhs(std::size_t(frames) * std::size_t(terms), S{}) {}

template <typename S>
void TrendSystem<S>::add(const std::vector<TrendShare<S>>& shares, bool inside) {
    double total = 0;
    S mean{};
    for (const auto& s : shares) {
        total += s.u;
        mean += s.u * s.d;
    }
    if (total <= 0)
        return;
    if (inside) // the signal's own sample, drawn softly to zero (the ridge)
        total += m_ridge;
    mean = inside ? mean / total : S{};
    for (const auto& a : shares)
        for (int i = 0; i < m_terms; ++i) {
            const double pa = trendBasis(i, a.m, m_n);
            m_rhs[index(a.frame, i)] -= a.u * pa * (a.d - mean);
            for (const auto& b : shares) {
                if (b.frame < a.frame)
                    continue;
                for (int k = 0; k < m_terms; ++k) {
                    const double pb = trendBasis(k, b.m, m_n);
                    double v = inside ? -a.u * b.u * pa * pb / total : 0.0;
                    if (b.frame == a.frame)
                        v += a.u * pa * pb;
                    at(a.frame, b.frame - a.frame, i, k) += v;
                }
            }
        }
}

template <typename S> std::vector<S> TrendSystem<S>::solve() const {
    const auto size = Eigen::Index(m_rhs.size());
    std::vector<Eigen::Triplet<double>> entries;
    for (std::int64_t k = 0; k < m_frames; ++k)
        for (int dk = 0; dk <= m_band && k + dk < m_frames; ++dk)
            for (int i = 0; i < m_terms; ++i)
                for (int i2 = 0; i2 < m_terms; ++i2) {
                    const auto r = Eigen::Index(index(k, i)), c = Eigen::Index(index(k + dk, i2));
                    const double v = m_h[slot(k, dk, i, i2)];
                    if (v == 0)
                        continue;
                    entries.emplace_back(r, c, v);
                    if (dk > 0)
                        entries.emplace_back(c, r, v);
                }
    Eigen::SparseMatrix<double> h(size, size);
    h.setFromTriplets(entries.begin(), entries.end());
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Lower, Eigen::NaturalOrdering<int>>
        ldlt(h);
    if (ldlt.info() != Eigen::Success)
        throw Error("detrend", "the frames' trends cannot be told apart",
                    "frames that overlap where the window is not zero");
    std::vector<S> c(m_rhs.size());
    for (int part = 0; part < (kComplexPart<S> ? 2 : 1); ++part) {
        Eigen::VectorXd b(size);
        for (Eigen::Index r = 0; r < size; ++r)
            b[r] = component(m_rhs[std::size_t(r)], part);
        const Eigen::VectorXd v = ldlt.solve(b);
        for (Eigen::Index r = 0; r < size; ++r)
            setComponent(c[std::size_t(r)], part, v[r]);
    }
    return c;
}

template <typename S>
std::size_t TrendSystem<S>::slot(std::int64_t k, int dk, int i, int i2) const {
    return ((std::size_t(k) * std::size_t(m_band + 1) + std::size_t(dk)) * std::size_t(m_terms) +
            std::size_t(i)) *
               std::size_t(m_terms) +
           std::size_t(i2);
}

template class TrendSystem<double>;
template class TrendSystem<std::complex<double>>;

} // namespace specedit::core
