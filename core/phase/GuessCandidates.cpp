#include "phase/GuessCandidates.h"

#include "dsp/Window.h"
#include "phase/PhaseRetrieval.h"
#include "phase/WindowFit.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace specedit::core {

std::vector<GuessShape> guessShapes(const Matrix& m, std::optional<MatrixLayout> only) {
    std::vector<GuessShape> out;
    for (MatrixLayout layout : {MatrixLayout::BinsByFrames, MatrixLayout::FramesByBins}) {
        if (only && layout != *only)
            continue;
        const auto [bins, frames] = binsAndFrames(m, layout);
        if (bins < 2 || bins > kMaxTransformSize || frames < 1)
            continue;
        GuessShape s;
        s.layout.layout = layout;
        for (int nfft : {int(2 * (bins - 1)), int(2 * bins - 1)}) {
            s.nfft = nfft;
            s.layout.order = BinOrder::OneSided;
            out.push_back(s);
        }
        s.nfft = int(bins);
        for (BinOrder order : {BinOrder::TwoSided, BinOrder::TwoSidedShifted}) {
            s.layout.order = order;
            out.push_back(s);
        }
    }
    return out;
}

namespace {

bool powerOfTwo(std::int64_t n) {
    return n >= 16 && n <= 65536 && (n & (n - 1)) == 0;
}

bool commonBins(std::int64_t bins) {
    return powerOfTwo(2 * (bins - 1)) || powerOfTwo(bins);
}

} // namespace

MatrixLayout likelyLayout(const Matrix& m) {
    // Rows that fit no FFT size, beyond 2049 (nfft above 4096) or four times the columns that
    // fit one: 201 bins of torch's n_fft 400 over 129 frames stay bins x frames, as do 626
    // frames of tf.signal.stft's 257 bins (with a note); scipy's 1265 frames of 129 bins,
    // transposed, were read as 1265 bins (nfft 2528) in a minute of guessing.
    // Columns of fewer than 65 bins (an FFT under 128) are rarely a spectrum's: scipy's 201
    // bins (nperseg 400) over 33 frames stay bins x frames.
    const bool transposed = (m.rows > 2049 || (m.rows > 4 * m.cols && m.cols >= 65)) &&
                            !commonBins(m.rows) && commonBins(m.cols) && m.rows > m.cols;
    return transposed ? MatrixLayout::FramesByBins : MatrixLayout::BinsByFrames;
}

void noteNegatives(const Matrix& mag, const std::string& name, GuessResult& result) {
    const std::string negative = firstNegative(mag, name);
    if (negative.empty())
        return;
    const std::string note = negative +
                             ": below zero, so the magnitudes were read only as levels in dB "
                             "(20 or 10 log10), not as linear or power magnitudes";
    const auto below =
        std::count_if(mag.values.begin(), mag.values.end(), [](double v) { return v < 0; });
    if (std::size_t(below) * 10 >= mag.values.size()) {
        result.unitNote = note;
        return;
    }
    std::string& warning = result.warning; // first: it decides the rest
    warning = note + " (" + std::to_string(below) + " of " + std::to_string(mag.values.size()) +
              " values are below zero: if they are linear or power magnitudes with noise, clip "
              "them at 0 and guess again)" +
              (warning.empty() ? "" : ". " + warning);
}

std::string layoutNote(const Matrix& m, bool peaksFit) {
    if (likelyLayout(m) == MatrixLayout::FramesByBins)
        return "read as frames x bins: its " + std::to_string(m.cols) +
               " columns fit a common FFT size, its " + std::to_string(m.rows) +
               " rows none (layout bins-frames reads the rows as bins)";
    // Read as bins x frames, though only the columns fit a common FFT size and the peaks fit
    // no window: a short frames x bins file (tf.signal.stft's layout, or a transposed one).
    // (torch's n_fft 400 over 129 frames, 201 x 129, has peaks that fit.)
    if (!peaksFit && !commonBins(m.rows) && commonBins(m.cols))
        return "read as bins x frames, but only its " + std::to_string(m.cols) +
               " columns fit a common FFT size (its " + std::to_string(m.rows) +
               " rows none): if each row is a frame, choose layout frames-bins";
    return {};
}

bool fitsLength(const StftParams& p, std::int64_t length, std::int64_t frames, int windowOffset) {
    for (bool centred : {true, false})
        if (lengthFitsFrames(p, length, frames, {centred, windowOffset}))
            return true;
    return windowOffset == 0 && offsetForLength(p, length, frames) > 0;
}

int offsetForLength(const StftParams& p, std::int64_t length, std::int64_t frames) {
    const int centredIn = (p.nfft - p.nperseg) / 2;
    if (centredIn == 0 || lengthFitsFrames(p, length, frames, {true, 0}) ||
        lengthFitsFrames(p, length, frames, {false, 0}))
        return 0;
    return lengthFitsFrames(p, length, frames, {false, centredIn}) ? centredIn : 0;
}

std::vector<int> guessHops(int nperseg, std::int64_t frames, const std::optional<std::int64_t>& n,
                           bool anyHop) {
    std::set<int> hops;
    for (int eighths : {1, 2, 4, 6, 7}) // 12.5 %: scipy.signal.spectrogram's nperseg // 8
        hops.insert(nperseg - nperseg * eighths / 8);
    if (anyHop && n && frames > 1) // any hop the length and frames allow (torch's 160/400)
        for (std::int64_t h = *n / (frames - 1) - 2; h <= *n / (frames - 1) + 2; ++h)
            hops.insert(int(std::clamp<std::int64_t>(h, 1, nperseg)));
    std::vector<int> out;
    for (int hop : hops) {
        if (hop < 1 || hop > nperseg)
            continue;
        if (n && !fitsLength(StftParams::make({}, nperseg, nperseg - hop, nperseg), *n, frames, 0))
            continue;
        out.push_back(hop);
    }
    return out;
}

std::vector<std::string> guessWindows(bool withPhase) {
    std::vector<std::string> out = {"hann",   "hamming",  "blackman",
                                    "boxcar", "sqrthann", "tukey,0.25"};
    if (withPhase)
        out.insert(out.end(), {"hann,sym", "hamming,sym", "blackman,sym", "blackmanharris",
                               "flattop", "tukey"}); // scipy.signal.spectrogram's, scipy's alpha
    return out;
}

std::vector<WindowSpec> windowsSeen(const FrameReading& seen, int nperseg, int offset,
                                    bool withPhase) {
    std::vector<WindowSpec> out;
    std::vector<std::vector<double>> listed;
    for (const std::string& window : guessWindows(withPhase)) {
        out.push_back(parseWindow(window));
        listed.push_back(makeWindow(out.back(), nperseg));
    }
    auto isListed = [&](const WindowSpec& w) {
        const auto g = makeWindow(w, nperseg);
        return std::any_of(listed.begin(), listed.end(), [&](const auto& l) {
            for (std::size_t n = 0; n < g.size(); ++n)
                if (std::abs(g[n] - l[n]) > 1e-6)
                    return false;
            return true;
        });
    };
    for (WindowType family : {WindowType::Kaiser, WindowType::Gaussian})
        for (bool periodic : {true, false})
            if (const auto fitted = fitWindow(seen, family, nperseg, periodic, offset))
                if (!isListed(*fitted))
                    out.push_back(*fitted);
    return out;
}

std::vector<StftParams> speechFraming(int nfft, double fs, std::int64_t frames,
                                      const std::optional<std::int64_t>& length) {
    const int n = int(std::lround(0.025 * fs)), hop = int(std::lround(0.010 * fs));
    if (fs <= 1 || n >= nfft || 2 * n < nfft || hop < 1)
        return {};
    std::vector<StftParams> out;
    for (const std::string& window : guessWindows(false)) {
        const auto p = StftParams::make(parseWindow(window), n, n - hop, nfft, fs);
        if (!length || fitsLength(p, *length, frames, 0))
            out.push_back(p);
    }
    return out;
}

namespace {
std::vector<MagnitudeUnit> magnitudeUnits(const Matrix& mag, bool phaseFile,
                                          const GuessOptions& o) {
    if (!mag.imag.empty())
        return {MagnitudeUnit::Linear};
    if (o.magnitudeUnit)
        return {*o.magnitudeUnit};
    if (phaseFile)
        return {MagnitudeUnit::Linear, MagnitudeUnit::Power, MagnitudeUnit::Db,
                MagnitudeUnit::Db10};
    const bool negative = *std::min_element(mag.values.begin(), mag.values.end()) < 0;
    if (negative)
        return {MagnitudeUnit::Db, MagnitudeUnit::Db10};
    return {MagnitudeUnit::Linear, MagnitudeUnit::Power};
}
} // namespace

std::vector<SpectrumLayout> readingUnits(const GuessShape& shape, const Matrix& mag, bool phaseFile,
                                         const GuessOptions& o) {
    std::vector<PhaseUnit> phaseUnits = {PhaseUnit::Radians};
    if (phaseFile)
        phaseUnits = {PhaseUnit::Radians, PhaseUnit::Degrees, PhaseUnit::Cycles};
    if (phaseFile && o.phaseUnit)
        phaseUnits = {*o.phaseUnit};
    std::vector<SpectrumLayout> out;
    for (MagnitudeUnit mu : magnitudeUnits(mag, phaseFile, o))
        for (PhaseUnit pu : phaseUnits) {
            SpectrumLayout l = shape.layout;
            l.magnitude = mu;
            l.phase = pu;
            l.scaling = o.scaling;
            l.dbFloor = o.dbFloor;
            out.push_back(l);
            l.scaling = SpectrumScaling::Psd;
            if (phaseFile && o.scaling != l.scaling && l.order == BinOrder::OneSided &&
                (mu == MagnitudeUnit::Power || mu == MagnitudeUnit::Db))
                out.push_back(l);
        }
    return out;
}

std::vector<StftParams> usableParams(std::vector<StftParams> params) {
    std::erase_if(params, [](const StftParams& p) {
        return !satisfiesNola(makeWindow(p.window, p.nperseg), p.hop());
    });
    std::set<std::string> seen;
    std::erase_if(params, [&](const StftParams& p) {
        return !seen.insert(toString(p.window) + " " + std::to_string(p.nperseg) + " " +
                            std::to_string(p.hop()))
                    .second;
    });
    return params;
}

} // namespace specedit::core
