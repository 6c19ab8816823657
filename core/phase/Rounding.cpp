#include "phase/Rounding.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace specedit::core {
namespace {

constexpr std::size_t kValuesChecked = 200000; // spread over the file

bool multiplesOf(const std::vector<double>& values, double scale) {
    const std::size_t stride = std::max<std::size_t>(1, values.size() / kValuesChecked);
    for (std::size_t i = 0; i < values.size(); i += stride) {
        const double v = values[i] * scale; // a decimal parsed to double: within 1e-6 of whole
        if (std::abs(v - std::round(v)) > 1e-6)
            return false;
    }
    return true;
}

double phaseToRadians(PhaseUnit unit) {
    return unit == PhaseUnit::Degrees  ? std::numbers::pi / 180
           : unit == PhaseUnit::Cycles ? 2 * std::numbers::pi
                                       : 1.0;
}

} // namespace

double roundingStep(const std::vector<double>& values) {
    if (values.empty())
        return 0;
    double scale = 1;
    for (int d = 0; d <= kMostDecimals; ++d, scale *= 10)
        if (multiplesOf(values, scale))
            return 1 / scale;
    return 0;
}

std::optional<RoundingMisfit> roundingMisfit(const Matrix& magnitude, const Matrix& phase,
                                             const SpectrumLayout& layout, double hopOverNfft) {
    if (layout.magnitude != MagnitudeUnit::Linear || !magnitude.imag.empty())
        return std::nullopt;
    const double qm = roundingStep(magnitude.values);
    const double qp = roundingStep(phase.values) * phaseToRadians(layout.phase);
    if (qm == 0 && qp == 0)
        return std::nullopt;
    double energy = 0;
    std::size_t zeros = 0;
    for (double v : magnitude.values) {
        energy += v * v;
        zeros += v == 0;
    }
    if (!(energy > 0))
        return std::nullopt;
    // Uniform rounding noise: step^2 / 12 per magnitude, |X|^2 step^2 / 12 from the phase.
    const double n = double(magnitude.values.size());
    const double noise = n * qm * qm / 12 + energy * qp * qp / 12;
    const double inconsistent = std::max(0.05, 1 - hopOverNfft);
    RoundingMisfit r;
    r.db = 10 * std::log10(noise * inconsistent / energy);
    r.magnitudeStep = qm;
    r.zeroShare = double(zeros) / n;
    return r;
}

double roundingFloor(const Matrix& magnitude, const Matrix& phase) {
    if (!magnitude.imag.empty() || phase.values.empty())
        return 0;
    // The phase unit by the values' range (wrapped: cycles within 0.5, radians within pi,
    // degrees within 180; unwrapped ones are taken as radians).
    double most = 0;
    for (double v : phase.values)
        most = std::max(most, std::abs(v));
    SpectrumLayout linear;
    linear.phase = most <= 0.5 + 1e-9                ? PhaseUnit::Cycles
                   : most <= std::numbers::pi + 1e-3 ? PhaseUnit::Radians
                   : most <= 180 + 1e-6              ? PhaseUnit::Degrees
                                                     : PhaseUnit::Radians;
    const auto r = roundingMisfit(magnitude, phase, linear, 0.0);
    return r && r->db <= kRoundingTellsBelowDb ? std::pow(10.0, r->db / 20) : 0.0;
}

std::string roundingNote(const RoundingMisfit& rounding, double misfitDb) {
    if (misfitDb > rounding.db + kRoundingExplainsDb || rounding.db > kRoundingTellsBelowDb)
        return {};
    char step[160] = "";
    if (rounding.magnitudeStep > 0)
        std::snprintf(step, sizeof step, " (the magnitudes to %g; %.0f %% of them read 0)",
                      rounding.magnitudeStep, 100 * rounding.zeroShare);
    char text[500];
    std::snprintf(text, sizeof text,
                  "the files' values are rounded%s: rounding this coarse alone leaves about "
                  "%.0f dB between them and any signal's STFT, and the result misses its input by "
                  "%.1f dB away from the ends: as near the signal as the files allow (write more "
                  "digits for an exact rebuild)",
                  step, rounding.db, misfitDb);
    return text;
}

} // namespace specedit::core
