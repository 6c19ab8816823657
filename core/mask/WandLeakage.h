#pragma once
// The magic wand's last step (MagicWand.cpp): each frame of the sound widened over its own
// spectral leakage.
//
// A window's spectrum has sidelobes. A whistle 45 dB above the noise leaks into the rows beside
// its main lobe at -31 dB (Hann's first sidelobe, 2.5 bins out), still 14 dB above the noise;
// the wand's hill and its range (30 dB below the clicked cell) stop short of them, and the
// whistle painted out left a band either side of the removed strip, seen and heard.
//
// A row beside the sound is taken while what the frame's peak leaks there stands at least
// kVisibleDb above the noise, and the row holds no more than that leakage plus kSlackDb: a
// louder cell is another sound (a voice's harmonic beside the whistle), where the widening stops.

#include "dsp/Window.h"
#include "mask/WandTrack.h"

#include <vector>

namespace specedit::core {

// Per row offset d (index d, d >= 1; index 0 is 0 dB), the most the window's normalised
// spectrum reaches anywhere from d - 0.5 to d + 0.5 rows off its centre, in dB (a tone between
// two bins leaks by its own offset). Up to `rows` offsets, fewer where it falls below -150 dB.
std::vector<float> leakageProfile(const WindowSpec& window, int nperseg, int nfft, int rows);

// Widens rows[a] for frames a in [first, last] of the grid (as above). noise: per row, the
// level of the noise there (its median).
void widenOverLeakage(const LevelGrid& g, std::vector<RowSpan>& rows, int first, int last,
                      const std::vector<float>& noise, const std::vector<float>& leakage);

} // namespace specedit::core
