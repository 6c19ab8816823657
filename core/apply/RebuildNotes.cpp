#include "apply/RebuildNotes.h"

#include "dsp/Window.h"
#include "phase/PhaseRetrieval.h"

#include <algorithm>
#include <cstdio>

namespace specedit::core {
namespace {

// Phase retrieval from frames that overlap by less than half a window: few frames constrain
// each sample, so nearly any phase is consistent and a low spectral convergence says little
// (scipy.signal.spectrogram's 12.5 % reached -91 dB on speech and sounded rough).
std::string overlapWarning(const RebuildOutcome& outcome) {
    const auto& p = outcome.params;
    if (2 * p.noverlap >= p.nperseg)
        return {};
    char text[400];
    std::snprintf(text, sizeof text,
                  "the frames overlap by %.1f %% (hop %d of a %d-sample window): with less than "
                  "50 %% overlap nearly any phase is consistent, so the spectral convergence "
                  "(%.1f dB) says little about how close the result is to the signal; phase "
                  "retrieval needs 50 %% overlap or more (75 %% is best)",
                  100.0 * p.noverlap / p.nperseg, p.hop(), p.nperseg, outcome.finalDb);
    return text;
}

} // namespace

std::string trendNote(const RebuildOutcome& outcome) {
    if (!outcome.trendLost)
        return {};
    const std::string drift =
        outcome.detrend != Detrend::Linear
            ? ""
            : "drifts slow against a frame are barely seen in frames with their lines taken "
              "away: of the signals that fit them, the one with the least of such drift is "
              "taken (a drift of the signal's own, below a few hertz, is not recovered). ";
    const std::string what = outcome.detrend == Detrend::Linear ? "line" : "mean";
    return drift + "no frame reaches past the signal's ends, so the signal's own " + what +
           " is in no frame (detrending takes it from each): the result's " + what + " is zero";
}

std::string sidesNote(const RebuildOutcome& outcome) {
    std::string note =
        !outcome.twoSidedByCount
            ? ""
            : std::to_string(outcome.params.nfft) +
                  " rows, a power of two, are read as a two-sided spectrum of nfft " +
                  std::to_string(outcome.params.nfft) + " (one-sided, they would be an FFT of " +
                  std::to_string(2 * (outcome.params.nfft - 1)) +
                  "; --sides onesided reads them so)";
    std::string order;
    if (outcome.readShifted)
        order = "the spectrum's energy lies around its middle rows, as an fftshifted spectrum's "
                "(row 0 at -fs/2) does: read so (--sides twosided reads it in FFT order, row 0 at "
                "0 Hz)";
    else if (outcome.orderInDoubt > 0) {
        char text[300];
        std::snprintf(text, sizeof text,
                      "read in FFT order (row 0 at 0 Hz), the spectrum's energy lies nearer its "
                      "middle rows (+-fs/2) than its edge rows (0 Hz; mean |frequency| %.2f of "
                      "the rate): kept so; if it is fftshifted (row 0 at -fs/2, as most tools "
                      "show it), --sides shifted reads it so",
                      outcome.orderInDoubt);
        order = text;
    }
    return note + (!note.empty() && !order.empty() ? "; " : "") + order;
}

std::string coverageNote(const RebuildOutcome& outcome) {
    const auto& p = outcome.params;
    // A window's ends that are exactly zero (a periodic Hann's first value, a Tukey's) weigh
    // the samples under them by nothing: no frame says what they were either.
    const auto w = makeWindow(p.window, p.nperseg);
    const auto zerosUntil = [](auto from, auto to) {
        return std::int64_t(std::find_if(from, to, [](double v) { return v != 0.0; }) - from);
    };
    const std::int64_t leading = zerosUntil(w.begin(), w.end());
    const std::int64_t trailing = leading == p.nperseg ? 0 : zerosUntil(w.rbegin(), w.rend());
    const std::int64_t first = firstFrameStart(p, outcome.framing) + leading;
    const std::int64_t head = std::clamp<std::int64_t>(first, 0, outcome.length);
    const std::int64_t end =
        first - leading + (outcome.input.frames - 1) * p.hop() + p.nperseg - trailing;
    const std::int64_t tail = std::clamp<std::int64_t>(outcome.length - end, 0, outcome.length);
    if (head == 0 && tail == 0)
        return {};
    const auto part = [](const char* side, std::int64_t n) {
        std::string text = "the ";
        text += side;
        if (n == 1)
            text += " sample";
        else
            text.append(" ").append(std::to_string(n)).append(" samples");
        return text;
    };
    std::string where;
    if (head > 0)
        where.append(part("first", head));
    if (head > 0 && tail > 0)
        where.append(" and ");
    if (tail > 0)
        where.append(part("last", tail));
    const bool one = head + tail == 1;
    // a tail the frames leave, not a window's zero end
    const bool frameTail = outcome.length - (end + trailing) > 0;
    return where + (one ? " lies" : " lie") +
           " under no frame's window (or where it is zero), so no frame says what " +
           (one ? "it was: it is zero" : "they were: they are zeros") +
           (frameTail ? " (tools whose frames start at the first sample drop a tail that fills "
                        "no whole frame)"
                      : "");
}

bool readingMisfits(const RebuildOutcome& outcome) {
    return outcome.directInverse && outcome.interiorDb > kDirectInverseFitsBelowDb &&
           !(outcome.rounding && !roundingNote(*outcome.rounding, outcome.interiorDb).empty());
}

std::string rebuildWarning(const RebuildOutcome& outcome) {
    const auto& m = outcome.input.values;
    if (std::all_of(m.begin(), m.end(), [](double v) { return v == 0; }))
        return "every magnitude is zero: the result is silence";
    if (!outcome.directInverse) {
        const std::string overlap = overlapWarning(outcome);
        return outcome.unitWarning.empty() || overlap.empty()
                   ? outcome.unitWarning + overlap
                   : outcome.unitWarning + "; and " + overlap;
    }
    if (outcome.directInverse && outcome.rounding && outcome.interiorDb > kDirectInverseFitsBelowDb)
        if (std::string rounded = roundingNote(*outcome.rounding, outcome.interiorDb);
            !rounded.empty())
            return rounded;
    if (!readingMisfits(outcome))
        return {};
    char text[400];
    std::snprintf(text, sizeof text,
                  "the magnitudes and phases do not fit this reading: the STFT of the result "
                  "is %.1f dB from the input away from the ends, where the reading that made "
                  "them gives below about -100 dB. The result is not the signal; guess the "
                  "reading (specedit-cli guess, or Guess in the dialog) and rebuild with it",
                  outcome.interiorDb);
    return text;
}

} // namespace specedit::core
