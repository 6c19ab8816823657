#include "phase/SpectrumImport.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace specedit::core {
namespace {

template <typename E> struct Named {
    const char* name;
    E value;
};

template <typename E, std::size_t N>
E parseNamed(const std::string& text, const std::string& option, const Named<E> (&names)[N]) {
    std::string accepted;
    for (const auto& n : names) {
        if (text == n.name)
            return n.value;
        accepted += (accepted.empty() ? "" : ", ") + std::string(n.name);
    }
    throw Error(option, "unknown value '" + text + "'", accepted);
}

template <typename E, std::size_t N> std::string nameOf(E v, const Named<E> (&names)[N]) {
    for (const auto& n : names)
        if (n.value == v)
            return n.name;
    return "?";
}

constexpr Named<MatrixLayout> kLayouts[] = {{"bins-frames", MatrixLayout::BinsByFrames},
                                            {"frames-bins", MatrixLayout::FramesByBins}};
constexpr Named<MagnitudeUnit> kMagnitudeUnits[] = {{"linear", MagnitudeUnit::Linear},
                                                    {"power", MagnitudeUnit::Power},
                                                    {"db", MagnitudeUnit::Db},
                                                    {"db10", MagnitudeUnit::Db10}};
constexpr Named<PhaseUnit> kPhaseUnits[] = {{"radians", PhaseUnit::Radians},
                                            {"degrees", PhaseUnit::Degrees},
                                            {"cycles", PhaseUnit::Cycles}};
constexpr Named<BinOrder> kOrders[] = {{"onesided", BinOrder::OneSided},
                                       {"twosided", BinOrder::TwoSided},
                                       {"shifted", BinOrder::TwoSidedShifted}};
constexpr Named<SpectrumScaling> kScalings[] = {{"spectrum", SpectrumScaling::Spectrum},
                                                {"none", SpectrumScaling::None},
                                                {"psd", SpectrumScaling::Psd},
                                                {"ortho", SpectrumScaling::Ortho},
                                                {"window", SpectrumScaling::WindowNorm}};

double magnitudeValue(double v, const SpectrumLayout& l) {
    switch (l.magnitude) {
    case MagnitudeUnit::Linear:
        return v;
    case MagnitudeUnit::Power:
        return std::sqrt(v);
    case MagnitudeUnit::Db:
        return l.dbFloor && v <= *l.dbFloor ? 0.0 : std::pow(10.0, v / 20);
    case MagnitudeUnit::Db10:
        return l.dbFloor && v <= *l.dbFloor ? 0.0 : std::pow(10.0, v / 10);
    }
    return v;
}

double radians(double v, PhaseUnit u) {
    switch (u) {
    case PhaseUnit::Radians:
        return v;
    case PhaseUnit::Degrees:
        return v * std::numbers::pi / 180;
    case PhaseUnit::Cycles:
        return v * 2 * std::numbers::pi;
    }
    return v;
}

// The factor that turns the file's scaling into scipy's "spectrum" scaling.
double scaleToSpectrum(const SpectrumLayout& l, const StftParams& p) {
    if (l.scaling == SpectrumScaling::Spectrum)
        return 1.0;
    const auto w = makeWindow(p.window, p.nperseg);
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    if (l.scaling == SpectrumScaling::None)
        return 1.0 / sum;
    if (l.scaling == SpectrumScaling::Ortho)
        return std::sqrt(double(p.nfft)) / sum;
    double squares = 0;
    for (double v : w)
        squares += v * v;
    if (l.scaling == SpectrumScaling::WindowNorm)
        return std::sqrt(squares) / sum;
    return std::sqrt(p.fs * squares) / sum; // psd: X * sqrt(1 / (fs sum w^2))
}

// Rows and columns counted from 1, as a spreadsheet or a text editor shows them, with the
// index from 0 that numpy and C code use.
std::string where(const std::string& name, const Matrix& m, std::size_t i) {
    const auto row = std::int64_t(i) / m.cols, col = std::int64_t(i) % m.cols;
    return name + ": row " + std::to_string(row + 1) + ", column " + std::to_string(col + 1) +
           " (index [" + std::to_string(row) + ", " + std::to_string(col) + "])";
}

Error badMagnitude(const std::string& name, const Matrix& m, std::size_t i, MagnitudeUnit unit,
                   bool finite) {
    const bool linear = unit == MagnitudeUnit::Linear || unit == MagnitudeUnit::Power;
    return Error(where(name, m, i),
                 "magnitude " + shortNumber(m.values[i]) + " as " + toString(unit),
                 linear && finite ? "finite values >= 0; for levels in dB choose --mag-unit db"
                                  : "finite values");
}

// Bin k (FFT order; one-sided bins are its first) of a frame whose window starts d samples in
// is e^{-2 pi i k d / nfft} times the frame with the window first.
void undoWindowOffset(ImportedSpectrum& s, int d, int nfft) {
    for (int k = 0; k < s.bins; ++k) {
        const std::complex<double> turn =
            std::polar(1.0, 2 * std::numbers::pi * double((std::int64_t(k) * d) % nfft) / nfft);
        for (std::int64_t j = 0; j < s.frames; ++j)
            s.values[std::size_t(j * s.bins + k)] *= turn;
    }
}

// The magnitudes of the bins a one-sided PSD doubles are divided by sqrt 2 again.
void unfoldOneSidedPsd(ImportedSpectrum& s, int nfft) {
    const int end = nfft % 2 == 0 ? s.bins - 1 : s.bins;
    for (std::int64_t j = 0; j < s.frames; ++j)
        for (int k = 1; k < end; ++k)
            s.values[std::size_t(j * s.bins + k)] *= std::sqrt(0.5);
}

} // namespace

bool foldsNegativeFrequencies(const SpectrumLayout& l) {
    return l.scaling == SpectrumScaling::Psd && l.order == BinOrder::OneSided &&
           (l.magnitude == MagnitudeUnit::Power || l.magnitude == MagnitudeUnit::Db);
}

void pictureToSpectrum(ImportedSpectrum& s, SpectrumScaling scaling, bool twoSided,
                       const StftParams& p) {
    SpectrumLayout l;
    l.scaling = scaling;
    const double scale = scaleToSpectrum(l, p);
    for (auto& v : s.values)
        v *= scale;
    if (scaling == SpectrumScaling::Psd && !twoSided)
        unfoldOneSidedPsd(s, p.nfft);
}

double psdPictureOffsetDb(const StftParams& p) {
    const auto w = makeWindow(p.window, p.nperseg);
    double sum = 0, squares = 0;
    for (double v : w) {
        sum += v;
        squares += v * v;
    }
    return 10 * std::log10(p.fs * squares / (2 * sum * sum));
}

MatrixLayout parseMatrixLayout(const std::string& t, const std::string& o) {
    return parseNamed(t, o, kLayouts);
}
MagnitudeUnit parseMagnitudeUnit(const std::string& t, const std::string& o) {
    return parseNamed(t, o, kMagnitudeUnits);
}
PhaseUnit parsePhaseUnit(const std::string& t, const std::string& o) {
    return parseNamed(t, o, kPhaseUnits);
}
BinOrder parseBinOrder(const std::string& t, const std::string& o) {
    return parseNamed(t, o, kOrders);
}
SpectrumScaling parseSpectrumScaling(const std::string& t, const std::string& o) {
    return parseNamed(t, o, kScalings);
}
std::string toString(MatrixLayout v) {
    return nameOf(v, kLayouts);
}
std::string toString(MagnitudeUnit v) {
    return nameOf(v, kMagnitudeUnits);
}
std::string toString(PhaseUnit v) {
    return nameOf(v, kPhaseUnits);
}
std::string toString(BinOrder v) {
    return nameOf(v, kOrders);
}
std::string toString(SpectrumScaling v) {
    return nameOf(v, kScalings);
}

std::pair<std::int64_t, std::int64_t> binsAndFrames(const Matrix& m, MatrixLayout layout) {
    return layout == MatrixLayout::BinsByFrames ? std::pair{m.rows, m.cols}
                                                : std::pair{m.cols, m.rows};
}

void requireSameShape(const Matrix& mag, const Matrix& phase, const std::string& magName,
                      const std::string& phaseName) {
    if (phase.rows == mag.rows && phase.cols == mag.cols)
        return;
    const bool transposed = phase.rows == mag.cols && phase.cols == mag.rows;
    throw Error(phaseName,
                "is " + std::to_string(phase.rows) + " x " + std::to_string(phase.cols) +
                    (transposed ? " (the magnitudes transposed?)" : ""),
                std::to_string(mag.rows) + " x " + std::to_string(mag.cols) + " like " + magName +
                    (transposed ? ": save both in one layout" : ""));
}

ImportedSpectrum interpretSpectrum(const Matrix& mag, const Matrix* phase, const SpectrumLayout& l,
                                   const StftParams& p, const std::string& magName,
                                   const std::string& phaseName) {
    if (phase)
        requireSameShape(mag, *phase, magName, phaseName);
    const bool complexFile = !mag.imag.empty();
    if (complexFile && phase) // which phase would be meant?
        throw Error(ErrorKind::Usage, phaseName, "given with a magnitude file of complex numbers",
                    "no phase file: the complex values carry their own phase");
    const double scale = scaleToSpectrum(l, p);
    const auto [bins, frames] = binsAndFrames(mag, l.layout);
    ImportedSpectrum s{int(bins), frames, {}, phase != nullptr || complexFile};
    s.values.resize(mag.values.size());
    for (std::size_t i = 0; i < mag.values.size(); ++i) {
        std::complex<double> z;
        if (complexFile) {
            z = {mag.values[i], mag.imag[i]};
        } else {
            const double m = magnitudeValue(mag.values[i], l);
            const double ph = phase ? radians(phase->values[i], l.phase) : 0.0;
            if (!std::isfinite(m) || m < 0)
                throw badMagnitude(magName, mag, i, l.magnitude, std::isfinite(m));
            if (!std::isfinite(ph))
                throw Error(where(phaseName, *phase, i), "phase " + shortNumber(ph),
                            "finite values");
            z = std::polar(m, ph);
        }
        if (!std::isfinite(z.real()) || !std::isfinite(z.imag()))
            throw Error(where(magName, mag, i), "is not finite", "finite values");
        const std::int64_t r = std::int64_t(i) / mag.cols, c = std::int64_t(i) % mag.cols;
        std::int64_t k = l.layout == MatrixLayout::BinsByFrames ? r : c;
        const std::int64_t j = l.layout == MatrixLayout::BinsByFrames ? c : r;
        if (l.order == BinOrder::TwoSidedShifted) // row 0 is -nfft/2: ifftshift
            k = (k + bins - bins / 2) % bins;
        s.values[std::size_t(j * bins + k)] = z * scale;
    }
    if (!complexFile && foldsNegativeFrequencies(l))
        unfoldOneSidedPsd(s, p.nfft);
    if (l.windowOffset != 0)
        undoWindowOffset(s, l.windowOffset, p.nfft);
    return s;
}

Matrix framesOf(const Matrix& m, MatrixLayout layout, std::int64_t first, std::int64_t count) {
    const bool byColumns = layout == MatrixLayout::BinsByFrames; // a frame is a column
    Matrix out{byColumns ? m.rows : count, byColumns ? count : m.cols, {}, {}};
    auto copy = [&](const std::vector<double>& from, std::vector<double>& to) {
        to.resize(std::size_t(out.rows * out.cols));
        for (std::int64_t r = 0; r < out.rows; ++r)
            for (std::int64_t c = 0; c < out.cols; ++c)
                to[std::size_t(r * out.cols + c)] =
                    byColumns ? from[std::size_t(r * m.cols + first + c)]
                              : from[std::size_t((first + r) * m.cols + c)];
    };
    copy(m.values, out.values);
    if (!m.imag.empty())
        copy(m.imag, out.imag);
    return out;
}

std::optional<std::vector<double>> frameEnergies(const Matrix& mag, const SpectrumLayout& l) {
    const auto frames = binsAndFrames(mag, l.layout).second;
    std::vector<double> energy(std::size_t(frames), 0.0);
    for (std::size_t i = 0; i < mag.values.size(); ++i) {
        const std::int64_t r = std::int64_t(i) / mag.cols, c = std::int64_t(i) % mag.cols;
        const std::int64_t j = l.layout == MatrixLayout::BinsByFrames ? c : r;
        double e = 0;
        if (!mag.imag.empty()) {
            e = std::norm(std::complex<double>(mag.values[i], mag.imag[i]));
        } else {
            const double m = magnitudeValue(mag.values[i], l);
            if (!(m >= 0) || !std::isfinite(m))
                return std::nullopt;
            e = m * m;
        }
        energy[std::size_t(j)] += e;
    }
    return energy;
}

void requireFinite(const Matrix& m, const std::string& name) {
    for (const auto* part : {&m.values, &m.imag})
        for (std::size_t i = 0; i < part->size(); ++i)
            if (!std::isfinite((*part)[i]))
                throw Error(where(name, m, i), "is " + shortNumber((*part)[i]), "finite values");
}

std::string firstNegative(const Matrix& m, const std::string& name) {
    if (!m.imag.empty())
        return {};
    const auto it = std::find_if(m.values.begin(), m.values.end(), [](double v) { return v < 0; });
    if (it == m.values.end())
        return {};
    return where(name, m, std::size_t(it - m.values.begin())) + " is " + shortNumber(*it);
}

void requireNonNegative(const Matrix& m, MagnitudeUnit unit, const std::string& name) {
    if (!m.imag.empty() || (unit != MagnitudeUnit::Linear && unit != MagnitudeUnit::Power))
        return;
    const auto it = std::find_if(m.values.begin(), m.values.end(), [](double v) { return v < 0; });
    if (it != m.values.end())
        throw badMagnitude(name, m, std::size_t(it - m.values.begin()), unit, true);
}

bool isHermitian(const ImportedSpectrum& s, double tolerance) {
    const int n = s.bins;
    double top = 0, worst = 0;
    for (const auto& v : s.values)
        top = std::max(top, std::abs(v));
    for (std::int64_t j = 0; j < s.frames; ++j)
        for (int k = 1; k < n; ++k) {
            const auto a = s.values[std::size_t(j * n + k)];
            const auto b = s.values[std::size_t(j * n + (n - k))];
            worst = std::max(worst, s.hasPhase ? std::abs(a - std::conj(b))
                                               : std::abs(std::abs(a) - std::abs(b)));
        }
    return worst <= tolerance * std::max(top, 1e-300);
}

ImportedSpectrum toOneSided(const ImportedSpectrum& s, int nfft) {
    ImportedSpectrum o{nfft / 2 + 1, s.frames, {}, s.hasPhase};
    o.values.reserve(std::size_t(o.bins) * std::size_t(s.frames));
    for (std::int64_t j = 0; j < s.frames; ++j)
        for (int k = 0; k < o.bins; ++k)
            o.values.push_back(s.values[std::size_t(j * s.bins + k)]);
    return o;
}

MagnitudeGrid magnitudesOf(const ImportedSpectrum& s) {
    MagnitudeGrid g{s.bins, s.frames, {}};
    g.values.reserve(s.values.size());
    for (const auto& v : s.values)
        g.values.push_back(std::abs(v));
    return g;
}

} // namespace specedit::core
