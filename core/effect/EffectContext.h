#pragma once
// What the effects of shapes (Shape.h: attenuate, replace, denoise) need to know about the
// recording around them, measured once from the original signal before any block is
// processed, so that every block (and every tile of the edited view) sees the same values.
//
//   * levels: the mean power per bin of the kContextFrames frames just before the shape (frame
//     centres before its time bounds, feather included) and just after it;
//   * noise: the noise power per bin for denoise. With noise-profile shapes applying to the
//     lane, the mean power of their cells (coverage >= 0.5); without, the region's own floor:
//     per bin the 20th percentile of the power over the shape's frames (at most
//     kFloorFrames and kFloorCells / bins, spread evenly) divided by -ln(0.8) (the mean of an
//     exponentially distributed noise power whose 20th percentile that is), then a running median
//     over
//     +-kFloorMedianBins bins so that steady tones narrower than that do not count as noise;
//   * replace: the filled cells (ReplaceFill.h).
// Spectra use the lane's own STFT (the float transform the export uses).

#include "dsp/Stft.h"
#include "io/SampleSource.h"
#include "mask/MaskRasterizer.h"
#include "util/JobControl.h"

#include <complex>
#include <cstdint>
#include <vector>

namespace specedit::core {

constexpr int kContextFrames = 4;
constexpr int kFloorFrames = 256;
constexpr std::int64_t kFloorCells = std::int64_t(4) << 20; // frames x bins held for the floor
constexpr int kFloorMedianBins = 8;

// Spectra of consecutive frames of one lane (an audio channel, the mix for -1, or IQ).
template <typename S> class LaneSpectra {
public:
    LaneSpectra(const SampleSource& source, const Stft<S>& stft, int channel);
    std::int64_t frames() const { return m_frames; }
    int bins() const { return m_stft.bins(); }
    // Frames [j0, j0 + count) (inside [0, frames())), frame-major, into out.
    void read(std::int64_t j0, std::int64_t count, std::vector<std::complex<float>>& out);

private:
    const SampleSource& m_source;
    const Stft<S>& m_stft;
    int m_channel;
    std::int64_t m_frames;
    typename Stft<S>::Workspace m_ws;
    std::vector<S> m_samples;
    std::vector<float> m_scratch;
};

struct EffectContext {
    std::vector<float> before, after; // power per FFT-order bin; empty: no frames on that side
    std::int64_t beforeFrame = -1;    // the context frame nearest the shape on each side
    std::int64_t afterFrame = -1;
    std::vector<float> noise; // denoise: noise power per FFT-order bin
    // replace: cells of frames [fillJ0, fillJ0 + fillFrames) and signed bins
    // [fillS0, fillS0 + fillBins), frame-major.
    std::int64_t fillJ0 = 0, fillFrames = 0;
    int fillS0 = 0, fillBins = 0;
    std::vector<std::complex<float>> fill;
};

// The frames whose centres lie before (first) and after (second) a shape's time bounds.
std::pair<std::int64_t, std::int64_t> framesOutside(const Shape& shape, const MaskGrid& grid);

// Levels on both sides of shape `index` (when `required`, throws Error naming shapes[index]
// if the shape leaves no frame on either side; a replace filled from frequency needs none).
template <typename S>
void measureLevels(LaneSpectra<S>& lane, const MaskGrid& grid, const Shape& shape, int index,
                   EffectContext& out, bool required = true);

// Noise power per bin of the noise-profile shapes applying to `channel` (mean power of their
// cells with coverage >= 0.5; at most kProfileFrames frames of each, spread evenly); empty
// when there is none.
constexpr int kProfileFrames = 1024;
template <typename S>
std::vector<float> measureProfile(LaneSpectra<S>& lane, const MaskGrid& grid,
                                  const std::vector<Shape>& shapes, int channel,
                                  const JobControl& job);

// The noise floor per bin of the frames a shape covers (see above).
template <typename S>
std::vector<float> measureFloor(LaneSpectra<S>& lane, const MaskGrid& grid, const Shape& shape,
                                const JobControl& job);

} // namespace specedit::core
