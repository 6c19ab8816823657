// A figure's axes read from its printed tick labels (io/FigureAxes, apply/PictureAxes): figures
// drawn by matplotlib (tests/data/figures/make_figures.py prints their true axes), read to
// within a pixel of them.

#include "io/FigureAxes.h"

#include "apply/PictureAxes.h"
#include "io/PictureLevels.h"
#include "phase/ImageSpectrum.h"
#include "util/Error.h"

#include <gtest/gtest.h>

using namespace specedit::core;

namespace {

const std::string kFigures = SPECEDIT_TEST_FIGURES;

FigureAxes axesOf(const std::string& name) {
    const RgbImage image = readImage(kFigures + "/" + name);
    return readFigureAxes(image, readPictureLevels(image, "auto", name));
}

// Within `pixels` of the truth on an axis of `span` over `extent` pixels.
void expectNear(const AxisReading& a, double low, double high, double span, int extent,
                double pixels) {
    ASSERT_TRUE(a.read) << a.problem;
    EXPECT_NEAR(a.low, low, pixels * span / extent);
    EXPECT_NEAR(a.high, high, pixels * span / extent);
}

} // namespace

TEST(FigureAxes, ASpeechFigureIsReadToWithinAPixel) {
    const FigureAxes a = axesOf("chirp_viridis.png");
    // The plot is 496 x 308 pixels; its colour bar 308 high.
    expectNear(a.time, -0.0029024943310657597, 4.600453514739229, 4.6, 496, 0.5);
    expectNear(a.frequency, -21.533203125, 11046.533203125, 11068, 308, 0.5);
    expectNear(a.level, -100, -20, 80, 308, 1.0);
    EXPECT_GE(a.time.labels.size(), 4u); // 0 .. 4 s (one may be misread and left out)
    EXPECT_GE(a.frequency.labels.size(), 5u);
    EXPECT_EQ(a.frequency.unit, "Hz");
    EXPECT_NE(a.note().find("levels -99."), std::string::npos) << a.note();
}

TEST(FigureAxes, MillisecondsAndMegahertzAreScaledByTheirTitles) {
    const FigureAxes a = axesOf("iq_magma_mhz.png");
    EXPECT_EQ(a.time.unit, "ms");
    EXPECT_EQ(a.frequency.unit, "MHz");
    // 434 x 308 pixels: 0.115 ms and 6.5 kHz a pixel.
    expectNear(a.time, -0.125e-3, 49.875e-3, 50e-3, 434, 0.6);
    expectNear(a.frequency, -1.003921568627451e6, 1.003921568627451e6, 2.008e6, 308, 0.6);
    expectNear(a.level, -90, -10, 80, 308, 1.0);
}

// ggplot's white frame cannot be seen, so its tick marks stand apart beside the labels (they
// were read with them: "10000 -"), and its JPEG's plot is found two or three pixels in: the
// labels are all read, and the axes placed on the plot as found.
TEST(FigureAxes, TickMarksBesideAnUnseenFrameAreNoPartOfTheLabels) {
    const FigureAxes a = axesOf("ggplot.jpg");
    ASSERT_TRUE(a.time.read) << a.time.problem;
    ASSERT_TRUE(a.frequency.read) << a.frequency.problem;
    EXPECT_EQ(a.time.labels, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
    EXPECT_EQ(a.frequency.labels,
              (std::vector<std::string>{"10000", "8000", "6000", "4000", "2000", "0"}));
    expectNear(a.time, -0.0029024943310657597, 4.600453514739229, 4.6, 496, 4);
    expectNear(a.frequency, -21.533203125, 11046.533203125, 11068, 308, 4);
    expectNear(a.level, -100, -20, 80, 308, 1.0);
}

// matplotlib prints 0 .. 5 under "1e-5" and -1.00 .. 1.00 under "1e6": the multipliers are
// read with the labels (tests/data/figures/make_figures.py: -0.125 .. 50.125 us, +-1.004 MHz).
TEST(FigureAxes, MultipliersAtTheAxesEndsScaleTheirLabels) {
    const FigureAxes a = axesOf("multipliers.png");
    // Its frame lies on pixel boundaries (87.5, 521.5), which Agg draws on whole pixels: half a
    // pixel either way is unknowable, and the labels' ticks are rounded as well.
    expectNear(a.time, -1.25e-07, 5.0125e-05, 5.025e-5, 434, 1.0);
    expectNear(a.frequency, -1003921.568627451, 1003921.568627451, 2.008e6, 308, 0.6);
    EXPECT_NE(a.frequencyNote().find("times 1e6"), std::string::npos) << a.frequencyNote();
    EXPECT_NE(a.timeNote().find("times 1e-5"), std::string::npos) << a.timeNote();
}

// matplotlib's dark_background with magma: the black margins are magma's quietest colour (the
// whole picture was taken for the plot: no labels outside it). Its time axis is titled "Time":
// read as seconds, and said.
TEST(FigureAxes, ADarkFiguresMarginsInItsMapsColourAreNoPlot) {
    const FigureAxes a = axesOf("dark_magma.png");
    expectNear(a.time, -0.0029024943310657597, 4.600453514739229, 4.6, 496, 0.6);
    expectNear(a.frequency, -21.533203125, 11046.533203125, 11068, 308, 0.6);
    expectNear(a.level, -100, -20, 80, 308, 1.0);
    EXPECT_NE(a.timeNote().find(" s (labels 0, 1, 2, 3, 4; no unit printed: read as s)"),
              std::string::npos)
        << a.timeNote();
    EXPECT_NE(a.frequencyNote().find("kHz)"), std::string::npos) << a.frequencyNote();
}

// Labels that print their units (matplotlib's EngFormatter; SpecEdit's own axes): "0 s",
// "20 ms", ...; "-400 kHz" .. "400 kHz" with "0 Hz" among them. They were read as bare
// numbers before (-505 to 493 Hz for a picture of +-500 kHz).
TEST(FigureAxes, LabelsThatPrintTheirUnitsAreReadInThem) {
    const FigureAxes a = axesOf("eng_labels.png");
    // The frame on pixel boundaries again (87.5): half a pixel unknowable, and the "0 s" tick
    // at 88.42 drawn on pixel 88.
    expectNear(a.time, -0.00025, 0.11725, 0.1175, 434, 1.0);
    expectNear(a.frequency, -503937.0078740157, 503937.0078740157, 1.008e6, 308, 0.6);
    EXPECT_EQ(a.frequency.unit, "kHz");
    EXPECT_EQ(a.time.unit, "ms");
    EXPECT_NE(a.timeNote().find("20 ms, 40 ms, 60 ms"), std::string::npos) << a.timeNote();
    EXPECT_NE(a.frequencyNote().find("0 Hz"), std::string::npos) << a.frequencyNote();
}

// A spectrogram over its waveform sharing the time axis (sharex): no labels under the
// spectrogram, its times read from those under the waveform at the waveform's edges (124 px
// wider: the colour bar took its room from the spectrogram alone), which share its range.
TEST(FigureAxes, TimeLabelsUnderAPlotBelowThatSharesTheAxisAreRead) {
    const FigureAxes a = axesOf("waveform_below.png");
    expectNear(a.time, -0.004, 2.5, 2.504, 496, 1.0);
    EXPECT_TRUE(a.time.sharedBelow);
    EXPECT_NE(a.timeNote().find(" s under the plot below, which shares its time axis)"),
              std::string::npos)
        << a.timeNote();
    expectNear(a.frequency, -15.625, 4015.625, 4031.25, 262, 0.6);
    EXPECT_FALSE(a.frequency.sharedBelow);
}

// matplotlib's specgram draws its image from 0 Hz to fs/2 exactly; read 2.9 to 4002.9 Hz (a
// fifth of a pixel high), the band showed no sample rate and the rebuild asked for --fs.
TEST(FigureAxes, AFrequencyAxisReadWithinHalfAPixelOfZeroStartsAtZero) {
    const FigureAxes a = axesOf("specgram.png");
    ASSERT_TRUE(a.frequency.read) << a.frequency.problem;
    EXPECT_EQ(a.frequency.low, 0.0);
    EXPECT_NEAR(a.frequency.high, 4000, 0.5 * 4000 / 308);
    EXPECT_EQ(rateReadOff(pictureSampleRate(
                  {-100, 0, a.time.low, a.time.high, a.frequency.low, a.frequency.high})),
              8000);
    expectNear(a.time, 0.012, 1.988, 1.976, 496, 0.5);
}

TEST(FigureAxes, ALogarithmicAxisIsNotRead) {
    const FigureAxes a = axesOf("log_axis.png");
    EXPECT_FALSE(a.frequency.read); // 10^2, 10^3, 10^4 are no 102, 103, 104
    EXPECT_NE(a.frequency.problem.find("logarithmic axis"), std::string::npos)
        << a.frequency.problem;
    expectNear(a.time, -0.01, 2.99, 3, 496, 0.6);
}

TEST(FigureAxes, APlotWithoutLabelsSaysSo) {
    RgbImage plain{64, 32, false, false, {}};
    for (int r = 0; r < 32; ++r)
        for (int c = 0; c < 64; ++c) {
            const auto v = std::uint16_t(65535 * (r * 64 + c) / (64 * 32));
            plain.pixels.push_back({v, v, v});
        }
    const FigureAxes a = readFigureAxes(plain, readPictureLevels(plain, "auto", "plain"));
    EXPECT_FALSE(a.time.read);
    EXPECT_EQ(a.time.problem, "fewer than two tick labels found");
    EXPECT_EQ(a.level.problem, "no colour bar found");
}

TEST(PictureAxes, WhatIsGivenIsKeptAndTheRestRead) {
    const auto p = pictureAxes(kFigures + "/chirp_viridis.png", "auto",
                               {{{-90, -30}}, std::nullopt, std::nullopt});
    EXPECT_EQ(p.axes.dbMin, -90); // given
    EXPECT_EQ(p.axes.dbMax, -30);
    EXPECT_FALSE(p.dbRead);
    EXPECT_TRUE(p.timeRead);
    EXPECT_NEAR(p.axes.t1, 4.6, 0.01);
    EXPECT_NEAR(p.axes.f1, 11046.5, 40);
    EXPECT_EQ(p.note.find("levels"), std::string::npos) << p.note; // not read: given
    EXPECT_NE(p.note.find("time -0.00"), std::string::npos) << p.note;
}

// A range typed that the labels print otherwise (593 s for 4.6) is said, and used as given;
// the true ranges pass without a word.
TEST(PictureAxes, ARangeGivenThatTheLabelsContradictIsSaid) {
    const std::string path = kFigures + "/chirp_viridis.png";
    const auto typo = pictureAxes(path, "auto", {{{-100, -20}}, {{0, 593}}, {{0, 11025}}});
    EXPECT_EQ(typo.axes.t1, 593); // the user's word
    ASSERT_EQ(typo.warnings.size(), 1u);
    EXPECT_EQ(typo.warnings[0].rfind("--image-time 0,593 is not what the picture's tick labels "
                                     "print (time -0.00",
                                     0),
              0u)
        << typo.warnings[0];
    EXPECT_NE(typo.warnings[0].find("(labels 0, 1, 2, 3, 4 s)): the range given is used"),
              std::string::npos)
        << typo.warnings[0];
    const auto right =
        pictureAxes(path, "auto", {{{-100, -20}}, {{-0.0029, 4.6005}}, {{-21.5, 11046.5}}});
    EXPECT_TRUE(right.warnings.empty()) << right.warnings.front();
}

TEST(PictureAxes, AnAxisNeitherGivenNorReadableIsAskedFor) {
    try {
        pictureAxes(kFigures + "/log_axis.png", "auto", {});
        FAIL() << "a logarithmic axis was read";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "--image-freq: not given, and the picture's frequency axis could not be read "
                  "from its tick labels: its labels are powers (a number with a raised "
                  "exponent): a logarithmic axis, and only a linear one can be read (expected "
                  "--image-freq LOW,HIGH (hertz at the plot's bottom and top edges))");
    }
}

TEST(PictureAxes, ARateReadOffAnAxisIsTheUsualOneNearest) {
    EXPECT_EQ(rateReadOff(22037.3), 22050); // a pixel's error on a 308-pixel axis
    EXPECT_EQ(rateReadOff(1.993e6), 2e6);
    EXPECT_EQ(rateReadOff(12345.4), 12345); // no usual rate: whole hertz
}
