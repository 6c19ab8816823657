// The STFT a picture is rebuilt on when none is given (phase/PictureGrid.h): bands of equal
// rows and columns, as pcolormesh draws bins and frames wider than a pixel, give nperseg and
// the hop; without them, the rows' power of two and a quarter of it.

#include "phase/PictureGrid.h"

#include <gtest/gtest.h>
#include <random>

using namespace specedit::core;

namespace {

// A plot of `bins` x `frames` random cells drawn over `rows` x `cols` pixels, each pixel
// showing the cell its middle falls in; rows below `silentFrom` (the top) all one level.
PictureLevels drawn(int bins, int frames, int rows, int cols, int silentFrom = -1) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> level(0, 1);
    std::vector<double> cell(std::size_t(bins) * std::size_t(frames));
    for (double& v : cell)
        v = level(rng);
    PictureLevels p;
    p.levels = {cols, rows, std::vector<double>(std::size_t(rows) * std::size_t(cols))};
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int bin = int((r + 0.5) * bins / rows), frame = int((c + 0.5) * frames / cols);
            p.levels.values[std::size_t(r) * std::size_t(cols) + std::size_t(c)] =
                r < silentFrom ? 0.0
                               : cell[std::size_t(bin) * std::size_t(frames) + std::size_t(frame)];
        }
    p.pictureWidth = cols;
    p.pictureHeight = rows;
    p.boxRight = cols;
    p.boxBottom = rows;
    return p;
}

// Axes over `frames` frames `hop` apart at 22050 Hz, one-sided (or two-sided).
ImageAxes axes(int frames, int hop, bool twoSided = false) {
    const double fs = 22050, span = double(frames) * hop / fs;
    return {-100, -20, -0.5 * hop / fs, span - 0.5 * hop / fs, twoSided ? -fs / 2 : 0, fs / 2};
}

} // namespace

TEST(PictureGrid, BandsOfRowsAndColumnsGiveTheBinsAndFrames) {
    const PictureGrid g = pictureGrid(drawn(129, 150, 308, 496), axes(150, 128), 22050);
    EXPECT_EQ(g.nperseg, 256);
    EXPECT_EQ(g.noverlap, 128);
    EXPECT_EQ(g.note, "nperseg 256 from its 129 bands of rows (bins), hop 128 from its 150 bands "
                      "of columns (frames)");
    // torchaudio's default, 400 points (201 bins), over an IQ picture's two sides: 201 bins.
    const PictureGrid two = pictureGrid(drawn(201, 150, 308, 496), axes(150, 100, true), 22050);
    EXPECT_EQ(two.nperseg, 201);
    EXPECT_EQ(two.noverlap, 101);
}

// A zoomed plot, 0 to 2 kHz of a 22050 Hz recording drawn from a 1024-point STFT: 93 bins in
// the band (21.5 Hz each), and the power of two for finer bins than rows.
TEST(PictureGrid, APartOfTheBandGivesTheWindowItsBinsShow) {
    ImageAxes zoomed = axes(150, 256);
    zoomed.f0 = -22050.0 / 2048;
    zoomed.f1 = 92 * 22050.0 / 1024 + 22050.0 / 2048;
    EXPECT_EQ(pictureGrid(drawn(93, 150, 308, 496), zoomed, 22050).nperseg, 1024);
    EXPECT_EQ(pictureGrid(drawn(400, 1000, 308, 496), zoomed, 22050).nperseg, 2048);
    // The whole band drawn from 0 to fs/2 exactly (specgram's imshow extent; the other tests)
    // or half a bin beyond either end (pcolormesh): 129 bands are 256 points either way.
    ImageAxes halfBin = axes(150, 128);
    halfBin.f0 = -22050.0 / 512;
    halfBin.f1 = 11025 + 22050.0 / 512;
    EXPECT_EQ(pictureGrid(drawn(129, 150, 308, 496), halfBin, 22050).nperseg, 256);
}

// A low-passed signal leaves the top silent: its bands are found below.
TEST(PictureGrid, ASilentTopHidesNoBands) {
    const PictureGrid g = pictureGrid(drawn(129, 150, 308, 496, 200), axes(150, 128), 22050);
    EXPECT_EQ(g.nperseg, 256);
}

TEST(PictureGrid, FinerThanThePixelsTheRowsSetTheWindowAndAQuarterTheHop) {
    const PictureGrid g = pictureGrid(drawn(1025, 1600, 308, 496), axes(1600, 64), 22050);
    EXPECT_EQ(g.nperseg, 512); // 257 bins in 308 rows; 513 would not fit
    EXPECT_EQ(g.noverlap, 384);
    EXPECT_EQ(g.note, "nperseg 512 from the power of two its 308 rows hold (a bin per 43.07 "
                      "Hz): no bands of rows seen, hop 128 from a quarter of nperseg: no bands of "
                      "columns seen");
    // Frames seen, bins not: the window spans four hops.
    const PictureGrid wide = pictureGrid(drawn(1025, 198, 308, 496), axes(198, 512), 22050);
    EXPECT_EQ(wide.nperseg, 2048);
    EXPECT_EQ(wide.noverlap, 1536);
}
