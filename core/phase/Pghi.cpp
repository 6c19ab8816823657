#include "phase/Pghi.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <numeric>
#include <queue>
#include <random>

namespace specedit::core {
namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;

// The two phase derivatives at every coefficient, from the floored log-magnitude.
struct Gradients {
    std::vector<double> dx; // dphi/dx, radians per sample
    std::vector<double> dw; // dphi/dw, radians per (cycle per sample)
};

Gradients gradients(const PghiInput& in, const StftParams& p, double lambda) {
    const int bins = in.bins;
    const std::int64_t frames = in.frames;
    const std::size_t n = std::size_t(bins) * std::size_t(frames);
    std::vector<double> s(n);
    double top = -1e300;
    for (std::size_t i = 0; i < n; ++i) {
        s[i] = std::log(std::max(in.magnitude[i], 1e-300));
        top = std::max(top, s[i]);
    }
    for (auto& v : s)
        v = std::max(v, top - 11.0);
    const double nfft = p.nfft, hop = p.hop();
    Gradients g{std::vector<double>(n), std::vector<double>(n)};
    auto at = [&](int k, std::int64_t j) { return s[std::size_t(j * bins + k)]; };
    for (std::int64_t j = 0; j < frames; ++j) {
        const std::int64_t jp = std::min(j + 1, frames - 1), jm = std::max<std::int64_t>(j - 1, 0);
        for (int k = 0; k < bins; ++k) {
            // A real signal's |X| is even about DC and Nyquist: reflect there; a complex
            // signal's spectrum is circular.
            int kp = k + 1, km = k - 1;
            if (in.twoSided) {
                kp %= bins;
                km = (km + bins) % bins;
            } else {
                kp = kp >= bins ? (p.nfft % 2 == 0 ? bins - 2 : bins - 1) : kp;
                km = km < 0 ? std::min(1, bins - 1) : km;
            }
            const double dsdw = (at(kp, j) - at(km, j)) / 2 * nfft;
            const double dsdx = (at(k, jp) - at(k, jm)) / (double(jp - jm) * hop + 1e-300);
            const double w = (in.twoSided && k >= (bins + 1) / 2 ? k - bins : k) / nfft;
            const std::size_t i = std::size_t(j * bins + k);
            g.dx[i] = dsdw / lambda + kTwoPi * w;
            g.dw[i] = jp == jm ? 0.0 : -lambda * dsdx;
        }
    }
    return g;
}

class Integrator {
public:
    Integrator(const PghiInput& in, const StftParams& p, const Gradients& g,
               std::vector<double>& phase)
        : m_in(in), m_g(g), m_phase(phase), m_hop(p.hop()), m_nfft(p.nfft),
          m_done(std::size_t(in.bins) * std::size_t(in.frames), 0) {}

    // Passes with falling floors: the large coefficients are integrated first, each island
    // from its own peak (never through the unreliable gradients of a quiet region between
    // them); the next pass fills in from everything already done.
    void run() {
        const std::size_t n = m_done.size();
        double top = 0;
        for (std::size_t i = 0; i < n; ++i)
            top = std::max(top, m_in.magnitude[i]);
        for (std::size_t i = 0; i < n; ++i)
            if (m_in.known && (*m_in.known)[i])
                m_done[i] = 1;
        for (double tolerance : {m_in.firstTolerance, m_in.relativeTolerance})
            pass(top * tolerance);
        std::mt19937 rng(m_in.seed);
        std::uniform_real_distribution<double> uniform(-std::numbers::pi, std::numbers::pi);
        for (std::size_t i = 0; i < n; ++i)
            if (!m_done[i])
                m_phase[i] = uniform(rng);
    }

private:
    void drain() {
        while (!m_heap.empty()) {
            const std::size_t i = m_heap.top().second;
            m_heap.pop();
            const int bins = m_in.bins;
            const int k = int(i % std::size_t(bins));
            const std::int64_t j = std::int64_t(i / std::size_t(bins));
            if (j + 1 < m_in.frames)
                step(i, i + std::size_t(bins),
                     m_hop * 0.5 * (m_g.dx[i] + m_g.dx[i + std::size_t(bins)]));
            if (j > 0)
                step(i, i - std::size_t(bins),
                     -m_hop * 0.5 * (m_g.dx[i] + m_g.dx[i - std::size_t(bins)]));
            const bool wrap = m_in.twoSided;
            if (k + 1 < bins || wrap) {
                const std::size_t up = k + 1 < bins ? i + 1 : i + 1 - std::size_t(bins);
                step(i, up, 0.5 * (m_g.dw[i] + m_g.dw[up]) / m_nfft);
            }
            if (k > 0 || wrap) {
                const std::size_t down = k > 0 ? i - 1 : i + std::size_t(bins) - 1;
                step(i, down, -0.5 * (m_g.dw[i] + m_g.dw[down]) / m_nfft);
            }
        }
    }
    void pass(double floor) {
        m_floor = floor;
        std::vector<std::pair<double, std::size_t>> order; // (magnitude, index): no indirection
        for (std::size_t i = 0; i < m_done.size(); ++i) {
            if (m_done[i]) {
                if (onFrontier(i))
                    m_heap.push({m_in.magnitude[i], i});
            } else if (m_in.magnitude[i] > floor) {
                order.emplace_back(m_in.magnitude[i], i);
            }
        }
        std::sort(order.begin(), order.end(), std::greater<>());
        drain();
        for (const auto& entry : order) {
            const std::size_t i = entry.second;
            if (m_done[i])
                continue;
            m_done[i] = 1; // a new island: its largest coefficient anchors it at phase 0
            m_phase[i] = 0;
            m_heap.push({m_in.magnitude[i], i});
            drain();
        }
    }
    // A done coefficient with a neighbour still to do above the floor; the others would leave
    // the heap without a step, so they are not pushed (the order of the rest is unchanged).
    bool onFrontier(std::size_t i) const {
        const int bins = m_in.bins;
        const int k = int(i % std::size_t(bins));
        const std::int64_t j = std::int64_t(i / std::size_t(bins));
        const bool wrap = m_in.twoSided;
        auto open = [&](std::size_t to) { return !m_done[to] && m_in.magnitude[to] > m_floor; };
        return (j + 1 < m_in.frames && open(i + std::size_t(bins))) ||
               (j > 0 && open(i - std::size_t(bins))) ||
               ((k + 1 < bins || wrap) && open(k + 1 < bins ? i + 1 : i + 1 - std::size_t(bins))) ||
               ((k > 0 || wrap) && open(k > 0 ? i - 1 : i + std::size_t(bins) - 1));
    }
    void step(std::size_t from, std::size_t to, double delta) {
        if (m_done[to] || m_in.magnitude[to] <= m_floor)
            return;
        m_done[to] = 1;
        m_phase[to] = m_phase[from] + delta;
        m_heap.push({m_in.magnitude[to], to});
    }

    const PghiInput& m_in;
    const Gradients& m_g;
    std::vector<double>& m_phase;
    double m_hop, m_nfft, m_floor = 0;
    std::vector<char> m_done;
    std::priority_queue<std::pair<double, std::size_t>> m_heap;
};

// Phase referenced to the frame's first sample = phase referenced to the window's centre c
// minus 2 pi k c / nfft (sign of k as the FFT sees it: k itself).
void shiftReference(std::vector<double>& phase, int bins, const StftParams& p, double sign) {
    const double c = p.window.periodic ? p.nperseg / 2 : (p.nperseg - 1) / 2.0;
    for (std::size_t i = 0; i < phase.size(); ++i) {
        const double k = double(i % std::size_t(bins));
        phase[i] = std::remainder(phase[i] + sign * kTwoPi * k * c / p.nfft, kTwoPi);
    }
}

} // namespace

double pghiLambda(const WindowSpec& window, int nperseg) {
    const double l2 = double(nperseg) * nperseg;
    switch (window.type) {
    case WindowType::Hann:
        return 0.25645 * l2;
    case WindowType::Hamming:
        return 0.29794 * l2;
    case WindowType::Blackman:
        return 0.17954 * l2;
    case WindowType::Gaussian:
        return kTwoPi * window.param * window.param;
    default:
        break;
    }
    const auto w = makeWindow(window, nperseg);
    const double sum = std::accumulate(w.begin(), w.end(), 0.0), c = (nperseg - 1) / 2.0;
    double moment = 0;
    for (int m = 0; m < nperseg; ++m)
        moment += w[std::size_t(m)] * (m - c) * (m - c);
    // Hann: 2 pi * second moment = 0.2053 L^2 against the fitted 0.25645 L^2.
    return kTwoPi * moment / sum * (0.25645 / 0.2053);
}

void pghiPhase(const PghiInput& in, const StftParams& p, std::vector<double>& phase) {
    const std::size_t n = std::size_t(in.bins) * std::size_t(in.frames);
    if (!in.magnitude || in.bins < 1 || in.frames < 1)
        throw Error("PGHI", "no magnitudes", "at least one bin and one frame");
    phase.resize(n, 0.0);
    if (in.known)
        shiftReference(phase, in.bins, p, +1);
    const Gradients g = gradients(in, p, pghiLambda(p.window, p.nperseg));
    Integrator(in, p, g, phase).run();
    shiftReference(phase, in.bins, p, -1);
}

} // namespace specedit::core
