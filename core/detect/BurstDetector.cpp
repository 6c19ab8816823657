#include "detect/BurstDetector.h"

#include "detect/BoxMerge.h"
#include "detect/NoiseFloor.h"
#include "detect/PowerBlock.h"
#include "detect/RegionTracker.h"
#include "detect/SampleSteps.h"
#include "dsp/Window.h"
#include "label/LabelFit.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace specedit::core {
namespace {

constexpr std::int64_t kMinSeeds = 2;

double dbToPower(double db) {
    return std::pow(10.0, db / 10.0);
}

// A region's frames this far below its loudest, at its start or end, are flanks: a
// receiver's settling, a transmitter's slow ramp. (A keyed burst's own edge frames, each
// partly on, lie within a few dB of its body.)
constexpr double kFlankDb = 20.0;

// Buffers shared by the passes: each pass's block holds the same number of cells (4 s of
// samples, whatever the window), so the later passes reuse memory the first one touched
// (fresh memory costs about 2 s per GiB here).
struct Workspace {
    ThreadPool pool;
    PowerBlock block;
    std::vector<float> smoothed;
};

class Detector {
public:
    // `fine`: the first pass, whose runs are cut at deep valleys (RegionTracker). Not the
    // coarse ones: their narrow bins resolve an FSK burst's tones apart (the demo's, 80 kHz
    // apart in bins of 1 kHz), whose two boxes then stood for its one tight fine box.
    Detector(const SampleSource& source, const StftParams& params, const DetectOptions& o,
             Workspace& work, bool fine)
        : m_power(source, params, o.channel), m_options(o), m_pool(work.pool), m_tracker(fine),
          m_block(work.block), m_smoothed(work.smoothed),
          m_rounding(roundingPower(source.info(), params)) {}

    // Progress goes from `from` to `to` of the job's 0..1.
    std::vector<Found> run(JobControl& job, double from = 0, double to = 1);
    // Frequency bands (Hz) whose floor stood thresholdDb above the median floor in some block:
    // steady carriers and DC, which hide what is under them.
    const std::vector<std::pair<double, double>>& steadyBands() const { return m_steadyBands; }

private:
    void block(std::int64_t a, std::int64_t b);
    void steadyBins(const std::vector<float>& floor, std::int64_t a, std::int64_t b);
    Found toFound(const Region& g) const;
    bool aboveRounding(const Region& g) const;
    void keepFinished();

    PowerComputer m_power;
    DetectOptions m_options;
    ThreadPool& m_pool;
    RegionTracker m_tracker;
    PowerBlock& m_block; // buffers kept from block to block and pass to pass
    std::vector<float>& m_smoothed;
    double m_rounding;          // the rounding noise's power in a cell (0: float samples)
    std::vector<float> m_floor; // the last block's floor per bin
    std::vector<Found> m_found;
    std::vector<std::pair<double, double>> m_steadyBands;
    JobControl* m_job = nullptr;
};

// A region needs two seed cells: noise alone crosses the threshold in single cells now and
// then, far more rarely in two that touch.
void Detector::keepFinished() {
    const std::int64_t edge = m_power.params().nperseg / (2 * m_power.params().hop()) + 1;
    const std::int64_t last = m_power.frameCount() - 1;
    for (const Region& g : m_tracker.takeFinished()) {
        const bool atEdge = g.frame1 <= edge || g.frame0 >= last - edge;
        if (g.seeds >= kMinSeeds && !atEdge && aboveRounding(g))
            m_found.push_back(toFound(g));
    }
}

// A burst must also stand the threshold above the noise of rounding to the sample type. In a
// capture whose noise is below one step (8-bit samples almost all 0, a stray +-1 now and then),
// the floor is that sparse noise, and a few stray steps in a row made faint combs at +-125 and
// +-250 kHz that passed for bursts. The peak's power is at most its ratio times the highest
// floor of the region's bins.
bool Detector::aboveRounding(const Region& g) const {
    if (m_rounding <= 0 || m_floor.size() <= std::size_t(g.bin1))
        return true;
    const float top = *std::max_element(m_floor.begin() + g.bin0, m_floor.begin() + g.bin1 + 1);
    return g.peakRatio * double(top) >= dbToPower(m_options.thresholdDb) * m_rounding;
}

// The first and last of a region's frames within kFlankDb of its loudest (from frame0).
std::pair<std::int64_t, std::int64_t> loudFrames(const Region& g) {
    const auto& e = g.frames;
    if (e.empty())
        return {0, g.frame1 - g.frame0};
    const float floor = *std::max_element(e.begin(), e.end()) * float(dbToPower(-kFlankDb));
    auto loud = [floor](float v) { return v >= floor; };
    const auto first = std::find_if(e.begin(), e.end(), loud) - e.begin();
    const auto last = std::find_if(e.rbegin(), e.rend(), loud).base() - e.begin() - 1;
    return {first, last};
}

Found Detector::toFound(const Region& g) const {
    const double hop = m_power.params().hop() / m_power.params().fs;
    const double df = m_power.params().fs / m_power.params().nfft;
    Found f;
    // The smoothing reaches one cell past the burst on every side: take it back where the
    // region is wider than that. Frames kFlankDb below the region's loudest at its start or
    // end are flanks, not the burst (homematic's packets ended in 10 to 16 ms of the
    // receiver's DC settling, 25 to 40 dB below them, counted into their durations).
    const bool wide = g.frame1 - g.frame0 >= 2;
    const auto [first, last] = loudFrames(g);
    const std::int64_t frame0 = std::max(wide ? g.frame0 + 1 : g.frame0, g.frame0 + first);
    const std::int64_t frame1 = std::min(wide ? g.frame1 - 1 : g.frame1, g.frame0 + last);
    // The band: the bins holding the middle 99 % of the region's energy. The splatter of hard
    // keying, a frame or two at each end, holds far less; bins above 1 % of the strongest
    // one's share took it in on one side or the other as the region happened to grow (boxes
    // of an OOK remote ran from -330 to +24 kHz around a carrier at +14 kHz).
    // (Every region has a profile; the bins of one a frame tall stand in for it.)
    f.profile = {m_power.binFrequency(g.bin0), df, g.profile, g.floors, g.counts};
    if (f.profile.sum.empty())
        f.profile.sum.assign(std::size_t(g.bin1 - g.bin0 + 1), 1.0f);
    const auto [f0, f1] = occupiedBand(f.profile);
    f.box = {m_power.frameTime(frame0) - hop / 2, m_power.frameTime(frame1) + hop / 2, f0, f1};
    f.sumRatio = g.sumRatio;
    f.noise = g.noise;
    f.excess = g.excess;
    f.fill = double(g.cells) / (double(g.frame1 - g.frame0 + 1) * double(g.bin1 - g.bin0 + 1));
    f.cells = g.cells;
    return f;
}

void Detector::steadyBins(const std::vector<float>& floor, std::int64_t a, std::int64_t b) {
    std::vector<float> sorted = floor;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(sorted.size() / 2),
                     sorted.end());
    const double limit = double(sorted[sorted.size() / 2]) * dbToPower(m_options.thresholdDb);
    const double hop = m_power.params().hop() / m_power.params().fs;
    const double df = m_power.params().fs / m_power.params().nfft;
    const int bins = int(floor.size());
    for (int k = 0; k < bins;) {
        if (floor[std::size_t(k)] <= limit) {
            ++k;
            continue;
        }
        const int k0 = k;
        double sum = 0;
        while (k < bins && floor[std::size_t(k)] > limit)
            sum += floor[std::size_t(k++)] / sorted[sorted.size() / 2];
        const double f0 = m_power.binFrequency(k0) - df / 2,
                     f1 = m_power.binFrequency(k - 1) + df / 2;
        m_steadyBands.emplace_back(f0, f1);
        if (!m_options.keepSteady)
            continue;
        Found f{{m_power.frameTime(a) - hop / 2, m_power.frameTime(b - 1) + hop / 2, f0, f1},
                sum * double(b - a),
                std::int64_t(k - k0) * (b - a),
                true,
                1,
                {},
                double(k - k0) * double(b - a),
                sum * double(b - a) - double(k - k0) * double(b - a)};
        m_found.push_back(f);
    }
}

// Rows whose window, widened by the smoothing, reaches a row of pure digital zero without
// being one: they straddle a cut to silence, whose step sprays power over every bin (a steady
// carrier or DC switching on), so they seed no burst; a burst may still grow into them.
std::vector<char> besideSilence(const PowerBlock& p, std::int64_t reach) {
    std::vector<char> silent(std::size_t(p.frames)), beside(std::size_t(p.frames), 0);
    for (std::int64_t r = 0; r < p.frames; ++r) {
        const float* row = p.row(r);
        silent[std::size_t(r)] = std::all_of(row, row + p.bins, [](float v) { return v == 0; });
    }
    for (std::int64_t r = 0; r < p.frames; ++r)
        if (silent[std::size_t(r)])
            for (std::int64_t n = std::max<std::int64_t>(0, r - reach);
                 n <= std::min(p.frames - 1, r + reach); ++n)
                beside[std::size_t(n)] = !silent[std::size_t(n)];
    return beside;
}

void Detector::block(std::int64_t a, std::int64_t b) {
    PowerBlock& p = m_block;
    m_power.compute(a - 1, b - a + 2, p, m_pool, *m_job); // a frame of context each side
    smooth3x3(p, m_smoothed, m_pool);
    const std::int64_t r0 = a - p.first, r1 = b - p.first;
    const std::vector<float> floor =
        floorPerBin(m_smoothed, p.bins, r0, r1, m_options.floorQuantile, m_pool);
    const float high = float(dbToPower(m_options.thresholdDb));
    const float low = float(dbToPower(m_options.thresholdDb - m_options.hysteresisDb));
    const auto& params = m_power.params();
    const auto cut = besideSilence(p, (params.nperseg + params.hop() - 1) / params.hop() + 1);
    const std::vector<char> cells = divideByFloor(m_smoothed, p.bins, r0, r1, floor, low, m_pool);
    // A cell's energy, for the band: its power above its bin's floor, in units of the block's
    // median floor (the same scale in every pass). A bin whose floor a carrier or DC lifts
    // counts its burst by the burst's power, not by how far it stands over the lifted floor.
    std::vector<float> weight = floor;
    std::nth_element(weight.begin(), weight.begin() + std::ptrdiff_t(weight.size() / 2),
                     weight.end());
    const float perMedian = 1.0f / weight[weight.size() / 2];
    for (std::size_t k = 0; k < weight.size(); ++k)
        weight[k] = floor[k] * perMedian;
    for (std::int64_t r = r0; r < r1; ++r) {
        if (!cells[std::size_t(r - r0)]) { // noise alone: it ends every region
            m_tracker.finish();
            continue;
        }
        const float* ratio = m_smoothed.data() + std::size_t(r) * std::size_t(p.bins);
        const float seed = cut[std::size_t(r)] ? std::numeric_limits<float>::infinity() : high;
        m_tracker.addFrame(p.first + r, ratio, p.bins, low, seed, weight.data());
    }
    m_floor = floor;
    keepFinished();
    steadyBins(floor, a, b);
}

std::vector<Found> Detector::run(JobControl& job, double from, double to) {
    m_job = &job;
    const double framesPerSecond = m_power.params().fs / m_power.params().hop();
    std::int64_t j0 = 0, j1 = m_power.frameCount();
    if (m_options.t0)
        j0 = std::clamp<std::int64_t>(std::int64_t(std::floor(*m_options.t0 * framesPerSecond)), 0,
                                      j1);
    if (m_options.t1)
        j1 = std::clamp<std::int64_t>(std::int64_t(std::ceil(*m_options.t1 * framesPerSecond)) + 1,
                                      j0, j1);
    const std::int64_t blockFrames =
        std::max<std::int64_t>(16, std::llround(m_options.floorBlockSeconds * framesPerSecond));
    for (std::int64_t a = j0; a < j1; a += blockFrames) {
        job.checkCancelled();
        block(a, std::min(j1, a + blockFrames));
        const double done = double(std::min(j1, a + blockFrames) - j0) / double(j1 - j0);
        job.setProgress(from + (to - from) * done);
    }
    m_tracker.finish();
    keepFinished();
    return std::move(m_found);
}

// The same analysis with a window 4 times as long (at most 65536): 6 dB more sensitive to a
// narrow band, blind to pulses shorter than its window.
StftParams coarser(const StftParams& p) {
    const int n = std::min(65536, p.nperseg * 4);
    return StftParams::make(p.window, n, n / 2, std::max(n, p.nfft), p.fs);
}

} // namespace

void DetectOptions::validate() const {
    auto need = [](bool ok, const char* option, const std::string& problem, const char* range) {
        if (!ok)
            throw Error(option, problem, range);
    };
    need(std::isfinite(thresholdDb) && thresholdDb > 0 && thresholdDb <= 100, "--threshold-db",
         "threshold " + shortNumber(thresholdDb) + " dB", "more than 0 and at most 100 dB");
    need(std::isfinite(hysteresisDb) && hysteresisDb >= 0 && hysteresisDb < thresholdDb,
         "--hysteresis-db", "hysteresis " + shortNumber(hysteresisDb) + " dB",
         "from 0 dB to less than the threshold");
    need(std::isfinite(minDuration) && minDuration >= 0, "--min-duration",
         "minimum duration " + shortNumber(minDuration) + " s", "0 s or more");
    need(std::isfinite(minBandwidth) && minBandwidth >= 0, "--min-bandwidth",
         "minimum bandwidth " + shortNumber(minBandwidth) + " Hz", "0 Hz or more");
    need(std::isfinite(mergeGap) && mergeGap >= 0, "--merge-gap",
         "merge gap " + shortNumber(mergeGap) + " s", "0 s or more");
    need(!mergeGapHz || (std::isfinite(*mergeGapHz) && *mergeGapHz >= 0), "--merge-gap-hz",
         "merge gap " + shortNumber(mergeGapHz.value_or(0)) + " Hz", "0 Hz or more");
    need(floorQuantile > 0 && floorQuantile < 1, "--floor-quantile",
         "quantile " + shortNumber(floorQuantile), "between 0 and 1");
    need(std::isfinite(floorBlockSeconds) && floorBlockSeconds > 0, "--floor-block",
         "floor block " + shortNumber(floorBlockSeconds) + " s", "more than 0 s");
    need(!(t0 && t1) || *t0 < *t1, "--start", "the range ends before it starts",
         "a start before the end");
}

void DetectOptions::validateRange(double duration) const {
    const std::string length = "the recording is " + shortNumber(duration) + " s long";
    if (t0 && (*t0 < 0 || *t0 >= duration))
        throw Error("--start", "start " + shortNumber(*t0) + " s: " + length,
                    "a time from 0 to less than " + shortNumber(duration) + " s");
    if (t1 && *t1 <= 0)
        throw Error("--end", "end " + shortNumber(*t1) + " s", "a time after 0 s");
}

StftParams detectionAnalysis(double sampleRate) {
    // About 64 us (a 50 us pulse at 2 MS/s gets a window as long as itself); a power of two
    // from 16 to 4096 samples. Not from the shortest burst wanted: a window of half of it
    // (and the coarse passes' 4 and 16 times that) joined a 5 ms minimum's bursts to their
    // neighbours and to noise tens of ms away, so raising the minimum changed the bursts found
    // rather than only dropping the short ones.
    const double seconds = 64e-6;
    int n = 16;
    while (n * 2 <= std::max(16.0, seconds * sampleRate * 1.5) && n < 4096)
        n *= 2;
    return StftParams::make(parseWindow("hann"), n, n / 2, n, sampleRate);
}

namespace {

// A burst near one edge of an IQ recording's band leaks across the other (the transform is
// circular): a box at that other edge over the same time, weaker than the burst, is its
// leakage, not a second burst. `reach`: how near an edge the burst lies.
void dropWrappedLeakage(std::vector<Label>& labels, double low, double high, double reach) {
    auto sameSpan = [](const Label& a, const Label& b) {
        const double inter = std::min(a.t1, b.t1) - std::max(a.t0, b.t0);
        return inter > 0 && inter >= 0.8 * (std::max(a.t1, b.t1) - std::min(a.t0, b.t0));
    };
    std::vector<bool> leak(labels.size(), false);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const Label& a = labels[i];
        const bool atLow = a.f0 <= low, atHigh = a.f1 >= high;
        for (std::size_t j = 0; j < labels.size() && (atLow || atHigh) && !leak[i]; ++j) {
            const Label& b = labels[j];
            const bool opposite = atLow ? b.f1 >= high - reach : b.f0 <= low + reach;
            leak[i] =
                j != i && opposite && sameSpan(a, b) && b.snrDb.value_or(0) > a.snrDb.value_or(0);
        }
    }
    std::vector<Label> kept;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (!leak[i])
            kept.push_back(std::move(labels[i]));
    labels = std::move(kept);
}

} // namespace

std::vector<Label> detectBursts(const SampleSource& source, StftParams params,
                                const DetectOptions& options, JobControl& job) {
    options.validate();
    options.validateRange(source.info().duration());
    // Three passes, each window 4 times the last: the fine one gives tight boxes and short
    // pulses, the coarser ones see weak narrow bursts whole (6 and 12 dB more sensitive to a
    // tone) and link the fine pieces inside their boxes.
    Workspace work;
    Detector fineDetector(source, params, options, work, true);
    std::vector<Found> found = fineDetector.run(job, 0, 0.4);
    DetectOptions coarseOptions = options;
    coarseOptions.keepSteady = false;
    StftParams p = params;
    for (int pass = 1; pass <= 2; ++pass) {
        p = coarser(p);
        found = linkByCoarse(std::move(found),
                             Detector(source, p, coarseOptions, work, false)
                                 .run(job, 0.1 + 0.3 * pass, 0.4 + 0.3 * pass),
                             p.nperseg / p.fs);
    }
    const double gapHz = options.mergeGapHz.value_or(source.info().sampleRate / 80);
    found = dropSpurs(mergeClose(found, options.mergeGap, gapHz, fineDetector.steadyBands()),
                      options.mergeGap);
    bandsFromProfiles(found);
    // A burst at the band's edge spreads half a bin (and the smoothing one more) past it:
    // the box stops at the edge, where the recording's band ends.
    const auto [low, high] = bandOf(source.info());
    std::vector<Label> labels;
    for (const Found& f : found) {
        if (f.box.t1 - f.box.t0 < options.minDuration || f.box.f1 - f.box.f0 < options.minBandwidth)
            continue;
        // Samples that never move more than a step are rounding, not a burst (SampleSteps.h).
        if (!f.steady && withinOneStep(source, f.box.t0, f.box.t1))
            continue;
        Label l;
        // Within the recording: a frame at its end reaches past its last sample.
        l.t0 = std::max(0.0, f.box.t0);
        l.t1 = std::min(source.info().duration(), f.box.t1);
        l.f0 = std::max(low, f.box.f0);
        l.f1 = std::min(high, f.box.f1);
        if (!(l.f1 > l.f0))
            continue;
        l.confirmed = false;
        l.snrDb = bandSnrOf(f);
        if (f.steady)
            l.comment = "steady carrier";
        labels.push_back(std::move(l));
    }
    if (source.info().isComplex())
        dropWrappedLeakage(labels, low, high, 4 * params.fs / params.nfft);
    return labels;
}

} // namespace specedit::core
