// The frames of an STFT with its phase show the window length and the hop; the guess warns
// when the best magnitude-only readings are a close call.

#include "phase/FrameInspection.h"

#include "dsp/Stft.h"
#include "phase/GuessCandidates.h"
#include "phase/GuessRanking.h"
#include "phase/WindowFit.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace specedit::core;

namespace {

// A glide under noise: every frame carries energy at many frequencies.
std::vector<double> glide(int n) {
    std::mt19937 rng(5);
    std::normal_distribution<double> noise(0.0, 0.1);
    std::vector<double> x(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        x[std::size_t(i)] = std::cos(0.02 * i + 2e-5 * i * i) + noise(rng);
    return x;
}

ImportedSpectrum spectrumOf(const std::vector<double>& x, const StftParams& p) {
    const auto z = stft(x, p);
    ImportedSpectrum s{z.bins, z.frames, {}, true};
    s.values.assign(z.data.begin(), z.data.end());
    return s;
}

GuessCandidate candidate(int nperseg, int hop, double db) {
    GuessCandidate c;
    c.params = StftParams::make({}, nperseg, nperseg - hop);
    c.score = db;
    c.scoreIsDb = true;
    return c;
}

} // namespace

TEST(FrameInspection, ShowsTheWindowLengthAndHopWhateverTheyAre) {
    const auto x = glide(12000);
    struct Case {
        const char* window;
        int nperseg, hop, nfft;
    };
    for (const Case c : {Case{"hamming", 400, 160, 512}, Case{"hann", 300, 75, 1024},
                         Case{"hann,sym", 256, 100, 256}, Case{"blackman", 512, 128, 512}}) {
        const auto p =
            StftParams::make(parseWindow(c.window), c.nperseg, c.nperseg - c.hop, c.nfft);
        const auto seen = inspectFrames(spectrumOf(x, p), c.nfft, false);
        ASSERT_TRUE(seen.has_value()) << c.window << " " << c.nperseg;
        EXPECT_EQ(seen->hop, c.hop) << c.window;
        EXPECT_LE(seen->nperseg, c.nperseg) << c.window;
        EXPECT_GE(seen->nperseg, c.nperseg - kShortBy) << c.window;
        EXPECT_LT(seen->misfit, kHopMisfitBelow);
    }
}

TEST(FrameInspection, MisreadUnitsShowNothing) {
    const auto p = StftParams::make(parseWindow("hann"), 256, 192);
    ImportedSpectrum s = spectrumOf(glide(8000), p);
    for (auto& v : s.values) // the phase read as degrees though it was radians
        v = std::polar(std::abs(v), std::arg(v) * std::numbers::pi / 180);
    EXPECT_FALSE(inspectFrames(s, 256, false).has_value());
    for (auto& v : s.values) // power read as magnitude
        v = std::polar(std::norm(v), std::arg(v));
    EXPECT_FALSE(inspectFrames(s, 256, false).has_value());
}

TEST(FrameInspection, ARealSignalsEdgeBinsAreRealAndATransposedReadingsAreNot) {
    const auto p = StftParams::make(parseWindow("hann"), 256, 192);
    const ImportedSpectrum s = spectrumOf(glide(8000), p);
    EXPECT_TRUE(edgeBinsReal(s, 256));
    ImportedSpectrum degrees = s; // radians read as degrees turn DC's 0 and pi off the axis
    for (auto& v : degrees.values)
        v = std::polar(std::abs(v), std::arg(v) * 180 / std::numbers::pi);
    EXPECT_FALSE(edgeBinsReal(degrees, 256));
    // The same values read transposed: bin 0 is now the first frame, of any phase.
    ImportedSpectrum t{int(s.frames), s.bins, std::vector<std::complex<double>>(s.values.size()),
                       true};
    for (std::int64_t j = 0; j < s.frames; ++j)
        for (int k = 0; k < s.bins; ++k)
            t.values[std::size_t(k * t.bins + j)] = s.values[std::size_t(j * s.bins + k)];
    EXPECT_FALSE(edgeBinsReal(t, 2 * (t.bins - 1)));
    // A detrended DC is rounding error of any phase: nothing to tell from it, and an odd FFT
    // has no Nyquist bin.
    ImportedSpectrum detrended = s;
    for (std::int64_t j = 0; j < s.frames; ++j)
        detrended.values[std::size_t(j * s.bins)] = std::polar(1e-14, 1.0 + double(j));
    EXPECT_TRUE(edgeBinsReal(detrended, 2 * s.bins - 1));
    ImportedSpectrum noPhase = degrees;
    noPhase.hasPhase = false;
    EXPECT_TRUE(edgeBinsReal(noPhase, 256));
}

// The frames show g(n) / g(n + hop); Kaiser's beta and a Gaussian's sigma that give those
// ratios are found to rounding, periodic or symmetric, whatever the hop.
TEST(WindowFit, FindsKaisersBetaAndAGaussiansSigmaFromTheFrames) {
    const auto x = glide(12000);
    struct Case {
        const char* window;
        int nperseg, hop;
        WindowType family;
        double param;
    };
    for (const Case c : {Case{"kaiser,9.5", 256, 64, WindowType::Kaiser, 9.5},
                         Case{"kaiser,3.25,sym", 400, 100, WindowType::Kaiser, 3.25},
                         Case{"gaussian,40", 256, 32, WindowType::Gaussian, 40},
                         Case{"gaussian,70,sym", 300, 150, WindowType::Gaussian, 70}}) {
        const WindowSpec truth = parseWindow(c.window);
        const auto p = StftParams::make(truth, c.nperseg, c.nperseg - c.hop);
        const auto seen = inspectFrames(spectrumOf(x, p), c.nperseg, false);
        ASSERT_TRUE(seen.has_value()) << c.window;
        ASSERT_EQ(seen->hop, c.hop) << c.window;
        const auto fitted = fitWindow(*seen, c.family, c.nperseg, truth.periodic);
        ASSERT_TRUE(fitted.has_value()) << c.window;
        EXPECT_NEAR(fitted->param, c.param, 1e-6 * c.param) << c.window;
        EXPECT_EQ(fitted->periodic, truth.periodic);
    }
    const auto p = StftParams::make(parseWindow("hann"), 256, 192);
    const auto seen = inspectFrames(spectrumOf(x, p), 256, false);
    ASSERT_TRUE(seen.has_value());
    EXPECT_FALSE(fitWindow(*seen, WindowType::Hann, 256, true).has_value()); // no parameter
    FrameReading empty; // nothing carried a ratio
    empty.hop = 64;
    EXPECT_FALSE(fitWindow(empty, WindowType::Kaiser, 256, true).has_value());
}

TEST(GuessRanking, ACloseCallBetweenDifferentHopsIsSaid) {
    std::vector<GuessCandidate> ranked = {candidate(1024, 512, -20.6), candidate(1024, 256, -20.3)};
    rankCandidates(ranked, false);
    EXPECT_EQ(ranked[0].params.hop(), 512);
    const std::string w = guessWarning(ranked, false, 0.9, false);
    EXPECT_NE(w.find("window 1024, hop 512 and window 1024, hop 256"), std::string::npos) << w;
    EXPECT_NE(w.find("Give the signal's length"), std::string::npos);
    EXPECT_EQ(guessWarning(ranked, false, 0.9, true), ""); // the length was given
    ranked[1].score = -18.0;                               // a clear lead
    EXPECT_EQ(guessWarning(ranked, false, 0.9, false), "");
}

TEST(GuessRanking, WithAPhaseOnlyAnInconsistentBestIsSaid) {
    GuessCandidate good = candidate(256, 64, 0);
    good.scoreIsDb = false;
    good.score = 1e-12;
    EXPECT_EQ(guessWarning({good}, true, 1.0, false), "");
    good.score = 0.1;
    const std::string w = guessWarning({good}, true, 1.0, false);
    EXPECT_NE(w.find("the best is -20.0 dB"), std::string::npos) << w;
}

// Magnitudes alone: a weak lead in the peaks' fit does not outrank a far better consistency
// (librosa's Hann 1024 on espeak speech: Blackman's lobe fit 16 % of the peaks, Hann's 10 %,
// and Blackman ranked first though Hann scored 11.6 dB better); a small one does. When the
// peaks do not tell the window, the warning names the windows close behind.
TEST(GuessRanking, APeakFitOnlyALittleBetterYieldsToAFarBetterScore) {
    auto reading = [](const char* window, double db, double fit) {
        GuessCandidate c = candidate(1024, 256, db);
        c.params = StftParams::make(parseWindow(window), 1024, 768);
        c.peakFit = fit;
        return c;
    };
    std::vector<GuessCandidate> ranked = {reading("blackman", -15.4, 0.161),
                                          reading("hann", -27.05, 0.100),
                                          reading("hamming", -21.1, 0.010)};
    rankCandidates(ranked, false);
    EXPECT_EQ(toString(ranked[0].params.window), "hann");
    EXPECT_EQ(toString(ranked[1].params.window), "blackman"); // hamming: a misfit 5.7 dB ahead
    const std::string w = guessWarning(ranked, false, 0.9, true);
    EXPECT_NE(w.find("the spectral peaks do not tell the window (10 % of their energy"),
              std::string::npos)
        << w;
    EXPECT_NE(w.find("at window 1024, hop 256 the hamming window scores within 6 dB of hann"),
              std::string::npos)
        << w;
    ranked = {reading("blackman", -15.4, 0.161), reading("hann", -19.0, 0.100)};
    rankCandidates(ranked, false); // 3.6 dB better: the peaks decide
    EXPECT_EQ(toString(ranked[0].params.window), "blackman");
    EXPECT_EQ(guessWarning(ranked, false, 0.9, true), ""); // they fit well enough to tell
}

TEST(LayoutNote, SaysWhenOnlyTheColumnsFitACommonFftSize) {
    // 626 frames x 257 bins (tf.signal.stft's layout, nfft 512): read as bins x frames by
    // default, since 626 rows are too few to call it transposed, and the note says so.
    const Matrix short626{626, 257, std::vector<double>(626 * 257, 1.0), {}};
    EXPECT_EQ(likelyLayout(short626), MatrixLayout::BinsByFrames);
    EXPECT_EQ(layoutNote(short626, false),
              "read as bins x frames, but only its 257 columns fit a common FFT size (its 626 "
              "rows none): if each row is a frame, choose layout frames-bins");
    EXPECT_EQ(layoutNote(short626, true), ""); // peaks that fit a window: bins x frames it is
    const Matrix long3122{3122, 257, std::vector<double>(3122 * 257, 1.0), {}};
    EXPECT_EQ(likelyLayout(long3122), MatrixLayout::FramesByBins);
    EXPECT_EQ(layoutNote(long3122, true).rfind("read as frames x bins: its 257 columns", 0), 0u);
    const Matrix plain{257, 626, std::vector<double>(626 * 257, 1.0), {}};
    EXPECT_EQ(layoutNote(plain, false), "");
}
