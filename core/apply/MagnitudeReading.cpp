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
    const bool twoSided = layout.order != BinOrder::OneSided;
    auto fitAs = [&](MagnitudeUnit unit) {
        SpectrumLayout l = layout;
        l.magnitude = unit;
        try {
            return peakShapeFit(interpretSpectrum(magnitude, nullptr, l, p, name, ""), p, twoSided);
        } catch (const Error&) { // not magnitudes in that unit: the linear reading's error stands
            return 0.0;
        }
    };
    const double linear = fitAs(MagnitudeUnit::Linear);
    const double power = fitAs(MagnitudeUnit::Power);
    if (power < kPowerFitAtLeast || power < kPowerFitRatio * linear)
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

std::string relativeLevelNote(const Matrix& magnitude, MagnitudeUnit unit) {
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
