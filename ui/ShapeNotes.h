#pragma once
// What the editor says about a shape that stands but may surprise: harmonics that run
// together; a band too narrow for the analysis; denoise with no noise profile, which keeps
// steady tones; a typed edge refused (an empty box) or past the recording. GUI thread only
// (translated text).

#include "dsp/StftParams.h"
#include "io/SignalInfo.h"
#include "mask/Shape.h"

#include <QString>
#include <vector>

namespace specedit::ui {

// The frequency a shape's harmonics are multiples of: 0 Hz for audio, the centre for IQ
// (where the offsets from it are the baseband frequencies).
double harmonicsReference(const core::SignalInfo& info);

// Said when a shape's harmonics run together (a tester's 35-66 Hz hum box with 10 took every
// sound from 71 to 663 Hz): which harmonics first overlap and what is covered without a gap;
// empty when they do not.
QString harmonicsOverlapNote(const core::Shape& s, const core::SignalInfo& info);

// Said when a shape's band is too narrow for the analysis: the mask is taken at the bins'
// centres, so a band between two of them changes nothing (a 49-51 Hz hum box at 43 Hz bins did
// nothing, nor at 2.7 Hz bins: 48.45 and 51.14 Hz); and a band under two bins wide leaves most
// of a tone inside it (a tone spreads over its window's main lobe, Hann: +-2 bins). With the
// width, or the window length, that would hold the main lobe. Empty for a band two bins wide
// or more.
QString narrowBandNote(const core::Shape& s, const core::StftParams& p,
                       const core::SignalInfo& info);

// Said when a shape is set to denoise and no noise-profile shape applies to its channel: the
// noise is then the region's own floor, over which a steady hum or whistle is sound and stays
// (a tester's denoise over a hum kept the hum and said nothing). Empty otherwise.
QString denoiseNote(const core::Shape& s, const std::vector<core::Shape>& shapes);

// A box edge typed in the Shapes panel, in the fields' order (each pair's other edge is ^ 1).
enum class BoxEdge { Start, End, Low, High };

// Why a typed edge was refused: it would empty the box ("Low 5 kHz is not below High 4 kHz: not
// applied (move High first)"). typed: the edge's field text; other: the opposite edge's.
QString emptyBoxRefusal(BoxEdge edge, const QString& typed, const QString& other);

// Applied, but said: a typed edge past the recording (a slip of a digit or a unit shows);
// empty for an edge within it.
QString outsideNote(BoxEdge edge, const core::TfBox& box, const core::SignalInfo& info,
                    const QString& typed);

// Everything to say after shape s was edited: the band notes when its band changed
// (bandChanged), the denoise note when its effect did (effectChanged); empty for nothing.
QString editNote(const core::Shape& s, const std::vector<core::Shape>& shapes,
                 const core::StftParams& p, const core::SignalInfo& info, bool bandChanged,
                 bool effectChanged);

} // namespace specedit::ui
