// Spectrogram pictures read back into levels through their colour maps (io/PictureLevels):
// pictures drawn here from known levels with the published tables, as matplotlib draws them
// (each level to its nearest entry, 8 bits per channel), read back to within one entry.

#include "io/PictureLevels.h"

#include "TestUtil.h"
#include "io/Colormaps.h"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

using namespace specedit::core;

namespace {

std::array<std::uint16_t, 3> colourAt(const ColormapTable& map, double t) {
    const auto& c = map.rgb[std::size_t(std::lround(std::clamp(t, 0.0, 1.0) * 255))];
    auto ch = [](double v) { return std::uint16_t(std::lround(v * 255) * 257); };
    return {ch(c[0]), ch(c[1]), ch(c[2])};
}

// Levels smooth in both directions, as a spectrogram's: 0 .. 1.
double level(int r, int c) {
    return 0.5 + 0.45 * std::sin(0.07 * c + 0.3 * std::sin(0.05 * r)) * std::cos(0.041 * r);
}

RgbImage blank(int w, int h, std::array<std::uint16_t, 3> fill) {
    return {w, h, false, false,
            std::vector<std::array<std::uint16_t, 3>>(std::size_t(w * h), fill)};
}

void drawPlot(RgbImage& img, const ColormapTable& map, int left, int top, int w, int h) {
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            img.pixels[std::size_t((top + r) * img.width + left + c)] = colourAt(map, level(r, c));
}

double worstError(const PictureLevels& p, bool reversed = false) {
    double worst = 0;
    for (int r = 0; r < p.levels.height; ++r)
        for (int c = 0; c < p.levels.width; ++c) {
            const double want = reversed ? 1 - level(r, c) : level(r, c);
            worst = std::max(worst, std::abs(p.levels.at(r, c) - want));
        }
    return worst;
}

} // namespace

// Every map is told from the others by its colours alone, and each pixel comes back as the
// level it was drawn from, to within half an entry (the table's 8-bit rounding adds a little);
// jet's blue holds at 1 from 0.11 while its green starts only at 0.125, 4 entries that 8 bits
// cannot tell apart.
TEST(PictureLevels, EachMapIsToldByItsColoursAndReadBackToItsLevels) {
    for (const ColormapTable& map : colormapTables()) {
        if (map.name == "gray")
            continue;
        RgbImage img = blank(300, 120, {});
        drawPlot(img, map, 0, 0, 300, 120);
        const PictureLevels p = readPictureLevels(img, "auto", "x.png");
        EXPECT_EQ(p.colormap, map.name);
        EXPECT_TRUE(p.chosen);
        EXPECT_FALSE(p.cropped()) << map.name;
        EXPECT_LT(worstError(p), (map.name == "jet" ? 4.0 : 1.6) / 255) << map.name;
    }
}

// A figure as matplotlib saves one: white margins with black tick labels, a colour bar to the
// right of the plot, a title above, white grid lines across the plot, and black spines on the
// axes' edges, snapped as matplotlib snaps them (onto the plot's first column and row, just
// past its last ones). The plot is found to the pixel; the lines take their neighbours' levels.
TEST(PictureLevels, AFiguresPlotIsFoundAndItsGridLinesFilled) {
    const ColormapTable& viridis = *findColormap("viridis");
    const std::array<std::uint16_t, 3> white{65535, 65535, 65535}, black{0, 0, 0};
    RgbImage img = blank(640, 480, white);
    drawPlot(img, viridis, 80, 60, 420, 360);
    for (int r = 60; r < 420; ++r) // the colour bar, 20 px wide, 30 px right of the plot
        for (int c = 530; c < 550; ++c)
            img.pixels[std::size_t(r * 640 + c)] = colourAt(viridis, (420 - r) / 360.0);
    std::mt19937 rng(3);
    for (int i = 0; i < 3000; ++i) { // tick labels and a title: black specks in the margins
        const int r = int(rng() % 480), c = int(rng() % 640);
        if (r < 55 || r > 425 || c < 75 || (c > 505 && c < 525) || c > 555)
            img.pixels[std::size_t(r * 640 + c)] = black;
    }
    for (int r : {150, 250, 350}) // grid lines
        for (int c = 80; c < 500; ++c)
            img.pixels[std::size_t(r * 640 + c)] = white;
    for (int k = 60; k <= 420; ++k) // spines: columns 80 and 500, rows 60 and 420
        for (int c : {80, 500})
            img.pixels[std::size_t(k * 640 + c)] = black;
    for (int k = 80; k <= 500; ++k)
        for (int r : {60, 420})
            img.pixels[std::size_t(r * 640 + k)] = black;
    const PictureLevels p = readPictureLevels(img, "auto", "figure.png");
    EXPECT_EQ(p.colormap, "viridis");
    EXPECT_EQ(p.left, 80);
    EXPECT_EQ(p.top, 60);
    EXPECT_EQ(p.levels.width, 420);
    EXPECT_EQ(p.levels.height, 360);
    // Off the map: the grid rows and the two spines over the plot's first column and row.
    EXPECT_NEAR(p.onMap, 1 - (3 * 419 + 420 + 359) / (420.0 * 360), 1e-9);
    EXPECT_LT(worstError(p), 0.04); // the lines: between (or beside) their neighbours' levels
    EXPECT_NE(p.note().find("the plot is columns 81 to 500 and rows 61 to 420 of the 640 x 480 "
                            "picture"),
              std::string::npos)
        << p.note();
}

// A plot whose last 120 columns are bare (matplotlib's specgram draws the -inf dB of a signal
// ending in digital zeros as the white background) keeps the width its frame gives, and its
// bare stretch reads as silence. Before, the plot ended where the colours did.
TEST(PictureLevels, ABareStretchOfThePlotIsSilenceWithinItsFrame) {
    const ColormapTable& viridis = *findColormap("viridis");
    const std::array<std::uint16_t, 3> white{65535, 65535, 65535}, black{0, 0, 0};
    RgbImage img = blank(640, 480, white);
    drawPlot(img, viridis, 80, 60, 300, 360); // columns 380 to 499 stay white
    for (int k = 60; k <= 420; ++k)
        for (int c : {80, 500})
            img.pixels[std::size_t(k * 640 + c)] = black;
    for (int k = 80; k <= 500; ++k)
        for (int r : {60, 420})
            img.pixels[std::size_t(r * 640 + k)] = black;
    const PictureLevels p = readPictureLevels(img, "auto", "specgram.png");
    EXPECT_EQ(p.left, 80);
    EXPECT_EQ(p.levels.width, 420);
    EXPECT_EQ(p.top, 60);
    EXPECT_EQ(p.levels.height, 360);
    EXPECT_EQ(p.levels.at(200, 350), 0.0);
    EXPECT_NEAR(p.levels.at(200, 150), level(200, 150), 1.6 / 255);
    EXPECT_NE(p.note().find("of the plot is bare, read as silence"), std::string::npos) << p.note();
}

// matplotlib's dark_background with 3-pixel spines: white lines on black, centred on the axes'
// edges (snapped to pixel centres: columns 79-81 and 499-501 for edges at 80 and 500). The axes
// box is the lines' middle, not where the plot's colours end (it was read 2 pixels short on
// each side, 5 dB worse, and 300 dpi figures were 5 times worse than cropped by hand).
TEST(PictureLevels, TheAxesBoxIsTheMiddleOfItsFrameWhateverItsColourAndWidth) {
    const ColormapTable& viridis = *findColormap("viridis");
    const std::array<std::uint16_t, 3> white{65535, 65535, 65535}, black{0, 0, 0};
    RgbImage img = blank(640, 480, black);
    drawPlot(img, viridis, 80, 60, 420, 360);
    for (int k = 59; k <= 421; ++k)
        for (int d = -1; d <= 1; ++d) {
            for (int c : {80, 500})
                img.pixels[std::size_t(k * 640 + c + d)] = white;
        }
    for (int k = 79; k <= 501; ++k)
        for (int d = -1; d <= 1; ++d)
            for (int r : {60, 420})
                img.pixels[std::size_t((r + d) * 640 + k)] = white;
    const PictureLevels p = readPictureLevels(img, "auto", "dark.png");
    EXPECT_EQ(p.colormap, "viridis");
    EXPECT_EQ(p.boxLeft, 80);
    EXPECT_EQ(p.boxRight, 500);
    EXPECT_EQ(p.boxTop, 60);
    EXPECT_EQ(p.boxBottom, 420);
    EXPECT_EQ(p.left, 80);
    EXPECT_EQ(p.levels.width, 420);
    EXPECT_LT(worstError(p), 0.1); // the two columns and rows under the lines: from beside them
    EXPECT_NEAR(p.levels.at(180, 200), level(180, 200), 1.6 / 255);
}

// matplotlib's dark_background with magma: the margin is black, magma's quietest colour, and
// the white frame encloses the plot (the whole picture was read as the plot). A bare picture
// of a burst in silence is no figure: its black is silence, read whole.
TEST(PictureLevels, BlackMarginsInTheMapsOwnColourAreLeftOutOnlyInsideAFrame) {
    const ColormapTable& magma = *findColormap("magma");
    const std::array<std::uint16_t, 3> white{65535, 65535, 65535}, black = colourAt(magma, 0);
    RgbImage img = blank(640, 480, black);
    drawPlot(img, magma, 80, 60, 420, 360);
    for (int k = 60; k <= 420; ++k) // one-pixel lines on the box's edges, as Agg draws them
        for (int c : {80, 500})
            img.pixels[std::size_t(k * 640 + c)] = white;
    for (int k = 80; k <= 500; ++k)
        for (int r : {60, 420})
            img.pixels[std::size_t(r * 640 + k)] = white;
    const PictureLevels p = readPictureLevels(img, "auto", "dark.png");
    EXPECT_EQ(p.colormap, "magma");
    EXPECT_EQ(p.boxLeft, 80);
    EXPECT_EQ(p.boxRight, 500);
    EXPECT_EQ(p.boxTop, 60);
    EXPECT_EQ(p.boxBottom, 420);
    EXPECT_EQ(p.levels.width, 420);
    EXPECT_NE(p.note().find("its margins, in the map's quietest colour, left out"),
              std::string::npos)
        << p.note();
    EXPECT_LT(worstError(p), 0.1); // the column and row under the lines: from beside them
    EXPECT_NEAR(p.levels.at(180, 200), level(180, 200), 1.6 / 255);

    RgbImage bare = blank(640, 480, black);
    drawPlot(bare, magma, 200, 100, 240, 200);
    const PictureLevels whole = readPictureLevels(bare, "auto", "burst.png");
    EXPECT_EQ(whole.levels.width, 640);
    EXPECT_EQ(whole.levels.height, 480);
}

// A figure drawn with a reversed map (matplotlib's magma_r: bright is quiet) looks like one
// drawn with the map itself; its colour bar tells them apart: auto reads it reversed, and a
// direction given against the bar is warned of. Before, magma_r figures read 45 dB off.
TEST(PictureLevels, AReversedFigureIsReadTheWayItsColourBarRuns) {
    const ColormapTable& magma = *findColormap("magma");
    const std::array<std::uint16_t, 3> white{65535, 65535, 65535};
    RgbImage img = blank(640, 480, white);
    for (int r = 0; r < 360; ++r)
        for (int c = 0; c < 420; ++c)
            img.pixels[std::size_t((60 + r) * 640 + 80 + c)] = colourAt(magma, 1 - level(r, c));
    for (int r = 60; r < 420; ++r) // the bar: the lowest level at the bottom, bright there
        for (int c = 530; c < 550; ++c)
            img.pixels[std::size_t(r * 640 + c)] = colourAt(magma, (r - 60) / 360.0);
    const PictureLevels p = readPictureLevels(img, "auto", "magma_r.png");
    EXPECT_EQ(p.colormap, "magma_r");
    EXPECT_TRUE(p.reversedByBar);
    EXPECT_LT(worstError(p), 1.6 / 255);
    EXPECT_NE(p.note().find("reversed as its colour bar runs"), std::string::npos) << p.note();
    const PictureLevels named = readPictureLevels(img, "magma", "magma_r.png");
    EXPECT_EQ(named.colormap, "magma");
    EXPECT_NE(named.warning.find("its colour bar runs the other way from magma"), std::string::npos)
        << named.warning;
    EXPECT_NE(named.warning.find("read it reversed (magma_r)"), std::string::npos) << named.warning;
}

// A map given by name is taken as given: NAME_r reads it reversed (bright is quiet).
TEST(PictureLevels, AReversedMapReadsBrightAsQuiet) {
    RgbImage img = blank(200, 100, {});
    drawPlot(img, *findColormap("magma"), 0, 0, 200, 100);
    const PictureLevels p = readPictureLevels(img, "magma_r", "x.png");
    EXPECT_EQ(p.colormap, "magma_r");
    EXPECT_FALSE(p.chosen);
    EXPECT_LT(worstError(p, true), 1.6 / 255);
    EXPECT_NE(p.note().find("read as magma_r (as given"), std::string::npos) << p.note();
}

// A grayscale picture reads as gray, to 16 bits, whole. With pure white outer columns or rows
// (a figure's margins: no spectrogram is loudest at every frequency) its plot is found as a
// colour figure's is, read forward or reversed.
TEST(PictureLevels, AGrayPictureIsReadWholeAndAGrayFiguresPlotIsFound) {
    RgbImage plot = blank(100, 50, {});
    plot.gray = true;
    for (int r = 0; r < 50; ++r)
        for (int c = 0; c < 100; ++c) {
            const auto v = std::uint16_t(std::lround(level(r, c) * 65535));
            plot.pixels[std::size_t(r * 100 + c)] = {v, v, v};
        }
    const PictureLevels whole = readPictureLevels(plot, "auto", "g.png");
    EXPECT_EQ(whole.colormap, "gray");
    EXPECT_FALSE(whole.cropped());
    EXPECT_NEAR(whole.levels.at(20, 50), level(20, 50), 1e-4);
    EXPECT_NE(whole.note().find("a grayscale picture: black the lowest level"), std::string::npos)
        << whole.note();
    RgbImage figure = blank(130, 70, {65535, 65535, 65535});
    figure.gray = true;
    for (int r = 0; r < 50; ++r)
        for (int c = 0; c < 100; ++c)
            figure.pixels[std::size_t((r + 12) * 130 + c + 20)] =
                plot.pixels[std::size_t(r * 100 + c)];
    const PictureLevels p = readPictureLevels(figure, "auto", "g.png");
    EXPECT_EQ(p.left, 20);
    EXPECT_EQ(p.top, 12);
    EXPECT_EQ(p.levels.width, 100);
    EXPECT_EQ(p.levels.height, 50);
    EXPECT_LT(worstError(p), 0.6 / 255 + 1e-9); // read in 8 bits as a figure
    EXPECT_TRUE(p.warning.empty()) << p.warning;
    EXPECT_NE(p.note().find("a grayscale figure: its white margins are left out"),
              std::string::npos)
        << p.note();
    const PictureLevels reversed = readPictureLevels(figure, "gray_r", "g.png");
    EXPECT_EQ(reversed.left, 20);
    EXPECT_EQ(reversed.levels.width, 100);
    EXPECT_NEAR(reversed.levels.at(20, 50), 1 - level(20, 50), 0.6 / 255 + 1e-9);
}

TEST(PictureLevels, PicturesOfNoColourMapAndUnknownNamesAreRefused) {
    RgbImage photo = blank(64, 64, {});
    std::mt19937 rng(5);
    for (auto& p : photo.pixels)
        p = {std::uint16_t(rng()), std::uint16_t(rng()), std::uint16_t(rng())};
    specedit::test::expectError([&] { readPictureLevels(photo, "auto", "photo.jpg"); },
                                {"photo.jpg", "its colours are not those of any colour map known",
                                 "of the pixels of its plot",
                                 "a spectrogram drawn with one of gray, cividis, inferno, magma, "
                                 "plasma, turbo, viridis, jet",
                                 "--image-colormap"});
    // A photograph's million colours are refused before each is fitted to every map.
    RgbImage big = blank(1200, 1000, {});
    for (auto& p : big.pixels)
        p = {std::uint16_t(rng()), std::uint16_t(rng()), std::uint16_t(rng())};
    specedit::test::expectError(
        [&] { readPictureLevels(big, "auto", "photo.jpg"); },
        {"photo.jpg", "different colours, far more than a plot drawn with a colour map"});
    specedit::test::expectError(
        [&] { readPictureLevels(photo, "hot", "photo.jpg"); },
        {"--image-colormap", "'hot' is no colour map known", "auto or one of gray, cividis"});
}
