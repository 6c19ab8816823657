#pragma once
// Windows with a parameter (Kaiser's beta, a Gaussian's sigma) fitted to the shape the frames
// show (FrameReading::ratio, phase/FrameInspection.h): at the true hop h the frames give
// g(n) / g(n + h) exactly, so the parameter whose window has the same ratios is the one that
// made them. The misfit is the energy-weighted squared difference of the log ratios; it is
// minimised over a grid (Kaiser beta 0..40 by 0.25; sigma from nperseg / 64 to 2 nperseg, 1 %
// apart), then by golden section to 1e-9 of the bracket. The guess then scores the fitted
// window like any other, so a wrong family loses on the inconsistency.

#include "dsp/Window.h"
#include "phase/FrameInspection.h"

#include <optional>

namespace specedit::core {

// The family's best window of nperseg samples (periodic or symmetric), `offset` samples into
// the frame, for the frames' ratios; nullopt when fewer than 4 samples carry a ratio or the
// family is not Kaiser or Gaussian.
std::optional<WindowSpec> fitWindow(const FrameReading& seen, WindowType family, int nperseg,
                                    bool periodic, int offset = 0);

} // namespace specedit::core
