// The shape of the spectral peaks tells the window magnitudes were made with, and the
// magnitude-only ranking puts the windows that fit first.

#include "phase/PeakShape.h"

#include "dsp/Stft.h"
#include "phase/GuessRanking.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;

namespace {

// Nine steady tones 13 bins apart (nfft 256), 0 to 1/2 bin off a bin: each frame has nine
// clean peaks, one at each offset.
std::vector<double> tones(int n) {
    std::vector<double> x(static_cast<std::size_t>(n));
    for (int t = 0; t < 9; ++t) {
        const double bin = 12 + 13 * t + t / 16.0;
        for (int i = 0; i < n; ++i)
            x[std::size_t(i)] += std::cos(2 * std::numbers::pi * bin * i / 256);
    }
    return x;
}

ImportedSpectrum magnitudesOf(const std::vector<double>& x, const StftParams& p) {
    const auto z = stft(x, p);
    ImportedSpectrum s{z.bins, z.frames, {}, false};
    for (const auto& v : z.data)
        s.values.emplace_back(std::abs(v), 0.0);
    return s;
}

StftParams params(const char* window) {
    return StftParams::make(parseWindow(window), 256, 128);
}

GuessCandidate candidate(const char* window, MagnitudeUnit unit, double db, double fit) {
    GuessCandidate c;
    c.params = params(window);
    c.layout.magnitude = unit;
    c.score = db;
    c.scoreIsDb = true;
    c.peakFit = fit;
    return c;
}

} // namespace

TEST(PeakShape, TonesFitTheirOwnWindowAndNoOther) {
    const std::vector<const char*> windows = {"hann", "hamming", "blackman", "boxcar"};
    for (const char* made : windows) {
        const auto s = magnitudesOf(tones(8192), params(made));
        for (const char* read : windows) {
            const double fit = peakShapeFit(s, params(read), false);
            if (std::string(made) == read)
                EXPECT_GT(fit, 0.8) << made; // boxcar's side lobes are peaks that fit nothing
            else
                EXPECT_LT(fit, 0.3) << made << " read as " << read;
        }
    }
}

TEST(PeakShape, WhiteNoiseFitsNoWindowDecisively) {
    std::mt19937 rng(3);
    std::normal_distribution<double> noise;
    std::vector<double> x(16384);
    for (double& v : x)
        v = noise(rng);
    for (const char* window : {"hann", "hamming", "blackman", "boxcar", "sqrthann"}) {
        const auto s = magnitudesOf(x, params(window));
        for (const char* read : {"hann", "hamming", "blackman", "boxcar", "sqrthann"})
            EXPECT_LT(peakShapeFit(s, params(read), false), kPeakFitDecisive)
                << window << " read as " << read;
    }
}

TEST(PeakShape, ReadingsWhoseWindowFitsRankFirstAndDb10CountsWorse) {
    // boxcar scores 3 dB better but its lobe fits the peaks a third as well as Hann's.
    std::vector<GuessCandidate> found = {
        candidate("boxcar", MagnitudeUnit::Db, -15, 0.10),
        candidate("hann", MagnitudeUnit::Db, -12, 0.30),
        candidate("hamming", MagnitudeUnit::Db, -10.5, 0.25), // fits within 1/1.4 of the best
        candidate("sqrthann", MagnitudeUnit::Db10, -14, 0.28),
        candidate("blackman", MagnitudeUnit::Db, -9, 0.9)};
    found.back().layout.order = BinOrder::TwoSided; // another reading: not in the note's list
    rankCandidates(found, false);
    ASSERT_EQ(found.size(), 5u);
    EXPECT_EQ(toString(found[0].params.window), "hann"); // sqrthann db10: -14 + 3 dB
    EXPECT_EQ(toString(found[1].params.window), "sqrthann");
    EXPECT_EQ(toString(found[2].params.window), "hamming");
    EXPECT_EQ(toString(found[3].params.window), "blackman"); // best of its own bin order
    EXPECT_EQ(toString(found[4].params.window), "boxcar");
    EXPECT_EQ(rankedScoreDb(found[1]), -14 + kDb10PriorDb);
    const std::string note = peakShapeNote(found);
    EXPECT_NE(note.find("1 readings rank after the rest"), std::string::npos) << note;
    EXPECT_NE(note.find("at window 256, db: hann 30 %, hamming 25 %, boxcar 10 %)"),
              std::string::npos)
        << note;
}

TEST(PeakShape, PeaksThatFitNoWindowDecisivelyLeaveTheScoresToRank) {
    std::vector<GuessCandidate> found = {candidate("hann", MagnitudeUnit::Db, -12, 0.12),
                                         candidate("boxcar", MagnitudeUnit::Db, -15, 0.02)};
    rankCandidates(found, false);
    EXPECT_EQ(toString(found[0].params.window), "boxcar");
    EXPECT_EQ(peakShapeNote(found), "");
}

TEST(PeakShape, TheSameReadingFftshiftedTiesAndLowerEnergyWins) {
    // Magnitudes alone, the plain and fftshifted readings differ by rounding only.
    GuessCandidate plain = candidate("hann", MagnitudeUnit::Linear, -20.000001, 0.3);
    plain.layout.order = BinOrder::TwoSided;
    plain.centroid = 0.1;
    GuessCandidate shifted = plain;
    shifted.layout.order = BinOrder::TwoSidedShifted;
    shifted.score = -20.000003;
    shifted.centroid = 0.4;
    std::vector<GuessCandidate> found = {shifted, plain};
    rankCandidates(found, false);
    EXPECT_EQ(found[0].layout.order, BinOrder::TwoSided);
}

TEST(PeakShape, ChainedTiesRankTheSameWhateverTheInputOrder) {
    // Each score is within kDbTie of the next but the ends are not, and the centroids run
    // against the scores: compared pairwise, a < b < c < a. The ranking must still be one
    // order (std::stable_sort needs a strict weak ordering): ties are counted from the best
    // score of their run, so c and b tie (b's lower centroid first) and a comes after both.
    GuessCandidate a = candidate("hann", MagnitudeUnit::Db, -20.000, 0.3);
    GuessCandidate b = candidate("hann", MagnitudeUnit::Db, -20.008, 0.3);
    GuessCandidate c = candidate("hann", MagnitudeUnit::Db, -20.016, 0.3);
    a.centroid = 0.1;
    b.centroid = 0.2;
    c.centroid = 0.3;
    std::vector<GuessCandidate> input = {a, b, c};
    std::vector<int> order = {0, 1, 2};
    do {
        std::vector<GuessCandidate> found;
        for (int i : order)
            found.push_back(input[std::size_t(i)]);
        rankCandidates(found, false);
        ASSERT_EQ(found.size(), 3u);
        EXPECT_EQ(found[0].centroid, 0.2);
        EXPECT_EQ(found[1].centroid, 0.3);
        EXPECT_EQ(found[2].centroid, 0.1);
    } while (std::next_permutation(order.begin(), order.end()));
}

TEST(PeakShape, NearRectangularWindowsAreOneFamily) {
    // A Tukey 0.25 spectrogram of a glide fits the boxcar lobe three times better than its own
    // (tests/cli test_a_one_sided_power_spectral_density_is_read_at_its_level): the two are
    // not told apart by their peaks, and the score decides between them.
    std::vector<GuessCandidate> found = {candidate("hann", MagnitudeUnit::Power, -25, 0.05),
                                         candidate("boxcar", MagnitudeUnit::Power, -18, 0.39),
                                         candidate("tukey,0.25", MagnitudeUnit::Power, -19, 0.12)};
    rankCandidates(found, false);
    EXPECT_EQ(toString(found[0].params.window), "tukey,0.25");
    EXPECT_EQ(toString(found[1].params.window), "boxcar");
    EXPECT_EQ(toString(found[2].params.window), "hann");
    EXPECT_EQ(peakFamily(parseWindow("tukey,0.25")), "rectangular");
    EXPECT_EQ(peakFamily(parseWindow("tukey,0.75")), "tukey,0.75");
}

TEST(PeakShape, HopsTooLongToTellRankAfterTheRestAndTheNoteSaysWhenNothingElseIsLeft) {
    // nfft 256 one-sided: 129 magnitudes a frame; hop 129 brings 129 unknowns.
    GuessCandidate shortHop = candidate("hann", MagnitudeUnit::Linear, -20, 0.3);
    GuessCandidate longHop = candidate("hann", MagnitudeUnit::Linear, -40, 0.3);
    shortHop.params = StftParams::make(parseWindow("hann"), 256, 128);
    longHop.params = StftParams::make(parseWindow("hann"), 256, 256 - 129);
    EXPECT_TRUE(magnitudesConstrain(shortHop));
    EXPECT_FALSE(magnitudesConstrain(longHop));
    std::vector<GuessCandidate> found = {longHop, shortHop};
    rankCandidates(found, false);
    EXPECT_EQ(found[0].params.hop(), 128); // 20 dB worse, still first
    const std::string note = unconstrainedHopNote(found);
    EXPECT_EQ(note.rfind("1 readings rank after the rest: a hop of 129 samples or more", 0), 0u)
        << note;
    std::vector<GuessCandidate> onlyLong = {longHop};
    const std::string alone = unconstrainedHopNote(onlyLong);
    EXPECT_EQ(alone.rfind("every reading's hop is too long to tell: a hop of 129", 0), 0u) << alone;
    EXPECT_EQ(alone.find("rank after the rest"), std::string::npos) << alone;
}
