#include "apply/MagnitudeReading.h"

#include "phase/GuessCandidates.h"
#include "phase/PeakShape.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specedit::core {

MatrixLayout layoutOfMagnitudes(const Matrix& magnitude, std::string& note) {
    note = layoutNote(magnitude, false);
    return likelyLayout(magnitude);
}

namespace {

// The share of the spectral peaks' energy that fits p's window with the values read in `unit`
// (0 when they are no magnitudes in it).
double peakFitAs(const Matrix& magnitude, SpectrumLayout layout, MagnitudeUnit unit,
                 const StftParams& p, const std::string& name) {
    layout.magnitude = unit;
    try {
        return peakShapeFit(interpretSpectrum(magnitude, nullptr, layout, p, name, ""), p,
                            layout.order != BinOrder::OneSided);
    } catch (const Error&) { // not magnitudes in that unit: the reading's own error stands
        return 0.0;
    }
}

bool fitsBetter(double other, double own) {
    return other >= kPowerFitAtLeast && other >= kPowerFitRatio * own;
}

MagnitudeUnit pairedUnit(MagnitudeUnit u) {
    switch (u) {
    case MagnitudeUnit::Linear:
        return MagnitudeUnit::Power;
    case MagnitudeUnit::Power:
        return MagnitudeUnit::Linear;
    case MagnitudeUnit::Db:
        return MagnitudeUnit::Db10;
    case MagnitudeUnit::Db10:
        return MagnitudeUnit::Db;
    }
    return u;
}

} // namespace

MagnitudeUnit unitOfMagnitudes(const Matrix& magnitude, const SpectrumLayout& layout,
                               const StftParams& p, const std::string& name, std::string& note) {
    const auto below = std::count_if(magnitude.values.begin(), magnitude.values.end(),
                                     [](double v) { return v < 0; });
    if (std::size_t(below) * 10 >= magnitude.values.size()) {
        note = std::to_string(below) + " of " + std::to_string(magnitude.values.size()) +
               " values are below zero: read as levels in dB (20 log10 |X|, or 10 log10 of "
               "power: the same numbers); --mag-unit chooses";
        return MagnitudeUnit::Db;
    }
    const double linear = peakFitAs(magnitude, layout, MagnitudeUnit::Linear, p, name);
    const double power = peakFitAs(magnitude, layout, MagnitudeUnit::Power, p, name);
    if (!fitsBetter(power, linear))
        return MagnitudeUnit::Linear;
    char text[300];
    std::snprintf(text, sizeof text,
                  "read as power (|X|^2, torchaudio's Spectrogram default): the spectral peaks fit "
                  "the %s window's squared (%.0f %% of their energy) and not its own (%.0f %%); "
                  "--mag-unit linear reads them as magnitudes",
                  toString(p.window).c_str(), 100 * power, 100 * linear);
    note = text;
    return MagnitudeUnit::Power;
}

std::string unitWarning(const Matrix& magnitude, const SpectrumLayout& layout, const StftParams& p,
                        const std::string& name) {
    const MagnitudeUnit other = pairedUnit(layout.magnitude);
    const double own = peakFitAs(magnitude, layout, layout.magnitude, p, name);
    const double fit = peakFitAs(magnitude, layout, other, p, name);
    if (!fitsBetter(fit, own))
        return {};
    char text[400];
    std::snprintf(text, sizeof text,
                  "the spectral peaks fit the %s window as --mag-unit %s reads them (%.0f %% of "
                  "their energy) and not as --mag-unit %s does (%.0f %%): the values look like %s",
                  toString(p.window).c_str(), toString(other).c_str(), 100 * fit,
                  toString(layout.magnitude).c_str(), 100 * own,
                  other == MagnitudeUnit::Power  ? "power, |X|^2"
                  : other == MagnitudeUnit::Db   ? "20 log10 |X| (or 10 log10 of power)"
                  : other == MagnitudeUnit::Db10 ? "10 log10 |X|"
                                                 : "magnitudes, |X|");
    return text;
}

std::string relativeLevelNote(const Matrix& magnitude, MagnitudeUnit unit) {
    if (!magnitude.imag.empty()) // complex values: their magnitudes are not these
        return {};
    const double top = *std::max_element(magnitude.values.begin(), magnitude.values.end());
    const bool db = unit == MagnitudeUnit::Db || unit == MagnitudeUnit::Db10;
    if (top != (db ? 0.0 : 1.0))
        return {};
    return db ? "the levels in dB peak at exactly 0 dB: relative to the loudest cell (librosa's "
                "ref=np.max), they carry no level, so the result's level is not the signal's"
              : "the magnitudes peak at exactly 1: relative to the loudest cell, they carry no "
                "level, so the result's level is not the signal's";
}

} // namespace specedit::core
