#pragma once
// Connected time-frequency regions of a thresholded spectrogram, found frame by frame with
// only the previous frame kept (a streaming two-pass labelling): cells above the low
// threshold that touch (8-neighbourhood) form a region; a region counts only if one of its
// cells is above the high threshold (hysteresis). A region is finished, and handed out, when
// a frame no longer continues it.

#include <cstdint>
#include <vector>

namespace specedit::core {

struct Region {
    std::int64_t frame0 = 0, frame1 = 0; // inclusive
    int bin0 = 0, bin1 = 0;              // inclusive
    bool seeded = false;                 // some cell above the high threshold
    std::int64_t seeds = 0;              // cells above the high threshold
    std::int64_t cells = 0;
    double sumRatio = 0;  // sum over cells of power / floor
    double peakRatio = 0; // largest power / floor
    // Sum over the region's cells of their energy per bin, from bin0 (its spectrum, which
    // tells a burst's own band from the splatter of its keying in a frame or two).
    std::vector<float> profile;
    // Sums over the cells of the floor and of the power above it, both in weight units (the
    // block's median floor): their ratio is the region's SNR over its own band.
    double noise = 0, excess = 0;
    // The same energy per frame, from frame0 (what tells a packet from the receiver's DC
    // settling after it, 30 to 40 dB weaker but above the low threshold).
    std::vector<float> frames;
    // Per bin, from bin0 as the profile: the sum of the cells' floors (weight units, 1 without
    // weights) and their number (the noise in the region's band, for its SNR there).
    std::vector<float> floors, counts;
};

class RegionTracker {
public:
    // With `splitValleys`, runs are cut at their deep valleys (splitAtValleys).
    explicit RegionTracker(bool splitValleys = false) : m_splitValleys(splitValleys) {}
    // One frame: ratio[k] = power / floor of bin k; cells at or above `low` join regions, those
    // at or above `high` seed them; a cell's energy, (ratio[k] - 1) * weight[k] (ratio[k] when
    // weight is null), goes into their profiles.
    // Frames must come in order, one after the other.
    void addFrame(std::int64_t frame, const float* ratio, int bins, float low, float high,
                  const float* weight = nullptr);
    // Ends the last frame: every open region is finished. Also what a frame with no cell at or
    // above `low` does (frames may go on after it).
    void finish();
    // The seeded regions finished so far (and forgets them).
    std::vector<Region> takeFinished();

private:
    struct Run {
        int b0, b1; // inclusive
        int region; // index in m_open
    };
    // Cells this far below the loudest on both sides of them in a run split it in two.
    static constexpr float kValleyDb = 20.0f;
    void findRuns(const float* ratio, int bins, float low, const float* weight);
    void splitAtValleys(const float* ratio, const float* weight, int b0, int b1);
    void linkRuns(std::int64_t frame, std::vector<int>& parent);
    static void addRun(Region& g, const Run& r, std::int64_t frame, const float* ratio, float high,
                       const float* weight);
    void closeRegions(std::vector<int>& parent, const std::vector<bool>& continued);

    bool m_splitValleys;
    std::vector<Run> m_prev;
    std::vector<Run> m_runs;     // this frame's, kept to reuse its memory
    std::vector<float> m_suffix; // a run's loudest level from each cell to its end
    std::vector<Region> m_open;
    std::vector<Region> m_done;
};

} // namespace specedit::core
