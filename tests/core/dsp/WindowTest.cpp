#include "dsp/Window.h"

#include "TestUtil.h"
#include "dsp/StftParams.h"
#include "util/Error.h"

#include <gtest/gtest.h>
#include <numeric>

using namespace specedit::core;

namespace {
// Reference values from scipy.signal.get_window(name, 6) (periodic), scipy 1.10.
struct Reference {
    const char* name;
    std::vector<double> values;
};
const std::vector<Reference> kReferences = {
    {"hann", {0, 0.25, 0.75, 1, 0.75, 0.25}},
    {"hamming", {0.08, 0.31, 0.77, 1, 0.77, 0.31}},
    {"blackman", {0, 0.13, 0.63, 1, 0.63, 0.13}},
    {"blackmanharris", {6.0e-05, 5.56450e-02, 5.20575e-01, 1, 5.20575e-01, 5.56450e-02}},
    {"flattop", {-4.2105100e-04, -5.1263156e-02, 1.9821053e-01, 1, 1.9821053e-01, -5.1263156e-02}},
    {"kaiser,8.6", {0.00133251, 0.13040195, 0.63041193, 1, 0.63041193, 0.13040195}},
    {"gaussian,2.5", {0.48675226, 0.72614904, 0.92311635, 1, 0.92311635, 0.72614904}},
    {"boxcar", {1, 1, 1, 1, 1, 1}},
};
} // namespace

TEST(Window, MatchesScipyPeriodicWindows) {
    for (const auto& ref : kReferences) {
        const auto w = makeWindow(parseWindow(ref.name), 6);
        ASSERT_EQ(w.size(), 6u) << ref.name;
        for (std::size_t i = 0; i < 6; ++i)
            EXPECT_NEAR(w[i], ref.values[i], 1e-7) << ref.name << " sample " << i;
    }
}

TEST(Window, SymmetricKaiserMatchesScipy) {
    const auto w = makeWindow(parseWindow("kaiser,8.6,sym"), 6);
    const double expected[] = {0.00133251, 0.20105487, 0.84941619,
                               0.84941619, 0.20105487, 0.00133251};
    for (std::size_t i = 0; i < 6; ++i)
        EXPECT_NEAR(w[i], expected[i], 1e-7);
}

// scipy.signal.get_window(('tukey', 0.37), 13) and scipy.signal.windows.tukey(12, 0.7): the
// taper's width is floor(alpha (L - 1) / 2), so the flat part starts on a whole sample.
TEST(Window, TukeyMatchesScipy) {
    const std::vector<double> periodic = {0, 0.3692766195, 0.9316455911, 1, 1, 1, 1, 1, 1, 1,
                                          1, 0.9316455911, 0.3692766195};
    const std::vector<double> symmetric = {0, 0.1574291425, 0.5305808304, 0.8844752627, 1, 1, 1,
                                           1, 0.8844752627, 0.5305808304, 0.1574291425, 0};
    const auto p = makeWindow(parseWindow("tukey,0.37"), 13);
    const auto s = makeWindow(parseWindow("tukey,0.7,sym"), 12);
    for (std::size_t i = 0; i < periodic.size(); ++i)
        EXPECT_NEAR(p[i], periodic[i], 1e-9) << "periodic sample " << i;
    for (std::size_t i = 0; i < symmetric.size(); ++i)
        EXPECT_NEAR(s[i], symmetric[i], 1e-9) << "symmetric sample " << i;
    // alpha 0 is the boxcar, 1 the Hann window; "tukey" alone is scipy's alpha 0.5
    EXPECT_EQ(makeWindow(parseWindow("tukey,0"), 8), makeWindow(parseWindow("boxcar"), 8));
    const auto t1 = makeWindow(parseWindow("tukey,1"), 8),
               hann = makeWindow(parseWindow("hann"), 8);
    for (std::size_t i = 0; i < 8; ++i)
        EXPECT_NEAR(t1[i], hann[i], 1e-12);
    EXPECT_EQ(parseWindow("tukey").param, 0.5);
    EXPECT_EQ(toString(parseWindow("tukey,sym")), "tukey,0.5,sym");
}

TEST(Window, PeriodicHannSumsToHalfLengthAndSquaresOverlapAddFlat) {
    const auto w = makeWindow(parseWindow("hann"), 4096);
    EXPECT_NEAR(std::accumulate(w.begin(), w.end(), 0.0), 2048.0, 1e-9);
    // At 75 % overlap, sum of w^2 over the four phases is 1.5 everywhere (COLA of hann^2).
    for (int r = 0; r < 1024; r += 97) {
        double s = 0;
        for (int q = 0; q < 4; ++q)
            s += w[std::size_t(r + 1024 * q)] * w[std::size_t(r + 1024 * q)];
        EXPECT_NEAR(s, 1.5, 1e-12);
    }
}

TEST(Window, OnePointWindowIsOne) {
    EXPECT_EQ(makeWindow(parseWindow("hann"), 1), std::vector<double>{1.0});
}

TEST(Window, RoundTripsThroughText) {
    for (const char* name :
         {"hann", "kaiser,8.6", "gaussian,512", "blackmanharris", "hann,sym", "tukey,0.25"})
        EXPECT_EQ(toString(parseWindow(name)), name);
}

TEST(Window, BadNamesAndParametersAreExplained) {
    try {
        parseWindow("hannn");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown window 'hannn'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("--window"), std::string::npos);
    }
    EXPECT_THROW(parseWindow("kaiser"), Error);
    EXPECT_THROW(parseWindow("kaiser,abc"), Error);
    EXPECT_THROW(parseWindow("hann,3"), Error);
    EXPECT_THROW(parseWindow("gaussian,-1"), Error);
    try {
        parseWindow("tukey,1.5");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("tukey alpha 1.5 is out of range (expected 0 <= "
                                             "alpha <= 1"),
                  std::string::npos)
            << e.what();
    }
}

TEST(StftParams, ScipyDefaults) {
    const auto p = StftParams::make(parseWindow("hann"), 4096);
    EXPECT_EQ(p.noverlap, 2048);
    EXPECT_EQ(p.nfft, 4096);
    EXPECT_EQ(p.hop(), 2048);
    EXPECT_NO_THROW(p.validate());
}

namespace {
std::string validationError(StftParams p) {
    return specedit::test::errorMessage([&] { p.validate(); });
}
} // namespace

TEST(StftParams, AbsurdParametersAreRefusedWithReasons) {
    const auto hann = parseWindow("hann");
    EXPECT_NE(validationError(StftParams::make(hann, 0)).find("--nperseg"), std::string::npos);
    EXPECT_NE(validationError(StftParams::make(hann, 256, -10)).find("larger than the window"),
              std::string::npos);
    EXPECT_NE(validationError(StftParams::make(hann, 256, 256)).find("--noverlap"),
              std::string::npos);
    EXPECT_NE(
        validationError(StftParams::make(hann, 256, 128, 100)).find("smaller than the window"),
        std::string::npos);
    EXPECT_NE(validationError(StftParams::make(hann, 256, 128, 256, 0.0)).find("--fs"),
              std::string::npos);
}

TEST(StftParams, NolaViolationIsRefused) {
    // Periodic hann without overlap: w[0] = 0, so sample 0 of every frame gets no weight.
    const auto msg = validationError(StftParams::make(parseWindow("hann"), 256, 0));
    EXPECT_NE(msg.find("NOLA"), std::string::npos) << msg;
    // Rectangular without overlap is fine; so is hann at 50 %.
    EXPECT_EQ(validationError(StftParams::make(parseWindow("boxcar"), 256, 0)), "");
    EXPECT_EQ(validationError(StftParams::make(parseWindow("hann"), 256, 128)), "");
}

TEST(StftParams, HashAndEqualityFollowTheFields) {
    auto a = StftParams::make(parseWindow("hann"), 1024, 768);
    auto b = a;
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.hash(), b.hash());
    b.nfft = 2048;
    EXPECT_NE(a, b);
    EXPECT_NE(a.hash(), b.hash());
}

TEST(Window, NegativeKaiserBetaEqualsPositiveAndHugeBetaIsRefused) {
    EXPECT_EQ(makeWindow(parseWindow("kaiser,-8.6"), 64),
              makeWindow(parseWindow("kaiser,8.6"), 64));
    EXPECT_THROW(parseWindow("kaiser,1000"), Error);
}

TEST(StftParams, ImpossiblyLargeTransformsAreRefused) {
    const auto msg = validationError(StftParams::make(parseWindow("hann"), 256, 128, 1 << 30));
    EXPECT_NE(msg.find("--nfft"), std::string::npos);
    EXPECT_NE(msg.find("too large"), std::string::npos);
    EXPECT_NE(
        validationError(StftParams::make(parseWindow("boxcar"), 100000000, 0)).find("--nperseg"),
        std::string::npos);
}
