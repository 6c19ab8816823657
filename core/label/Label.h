#pragma once
// Labels: time-frequency boxes that say what a burst or an event is, for datasets and review
// (Raven's selections, Audacity's label tracks, SigMF's annotations). Time in seconds from
// the start of the recording, frequency in Hz (absolute for IQ with a centre frequency), as
// shapes are. A label never changes the sound; toShape turns it into a mask shape.
//
// A label has a class (a name from the project's classes, or empty: not classified yet), an
// optional comment, a stable id and a state: confirmed by the user, or proposed (by the burst
// detector or "label similar", waiting for review). Measured values travel with it: the SNR
// the detector saw and the confidence of a proposed class.

#include "mask/Shape.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct LabelClass {
    std::string name;
    std::string color = "#4fc3f7"; // #rrggbb
    int hotkey = 0;                // 1..9, or 0 for none
    nlohmann::json extra = nlohmann::json::object();

    bool operator==(const LabelClass&) const = default;
    // Throws Error (subject `where`) for an empty name, a colour not #rrggbb, a hotkey
    // outside 0..9.
    void validate(const std::string& where) const;
};

struct Label {
    std::uint64_t id = 0; // stable; 0 = not yet assigned
    double t0 = 0, t1 = 0, f0 = 0, f1 = 0;
    std::string className; // empty: unclassified
    std::string comment;
    bool confirmed = true;
    std::optional<double> snrDb;      // level over the noise floor in its band, as measured
    std::optional<double> confidence; // of a proposed class, 0..1
    nlohmann::json extra = nlohmann::json::object(); // unknown keys (e.g. other SigMF fields)

    bool operator==(const Label&) const = default;
    double duration() const { return t1 - t0; }
    // Throws Error (subject `where`) for non-finite or inverted edges, a confidence outside
    // 0..1.
    void validate(const std::string& where) const;
};

// The label's box as a rectangle shape: isolate keeps only the box, apply with -inf removes
// it.
Shape toShape(const Label& label, MaskMode mode, double gainDb = kMinusInfinityDb);

// Gives each label without an id (0) the next free one, in order, after the largest id in
// `labels` and in `taken` (ids already handed out elsewhere, e.g. the project's labels, whose
// ids are not given again even when those labels are replaced).
void numberLabels(std::vector<Label>& labels, const std::vector<Label>& taken = {});

// Throws Error when two classes share a name or a hotkey, or a label names a class that is not
// in the list (labels with an empty class are fine).
void validateLabelSet(const std::vector<LabelClass>& classes, const std::vector<Label>& labels,
                      const std::string& where);

} // namespace specedit::core
