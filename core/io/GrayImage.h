#pragma once
// Pictures (a spectrogram exported as an image, a figure) read through stb_image (Debian's
// libstb-dev): PNG (8 or 16 bits), JPEG, BMP, GIF, TGA, PSD, PNM, row 0 at the top. A
// colour picture is read back into levels through its colour map by io/PictureLevels.h.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace specedit::core {

// Levels (io/PictureLevels.h) of a picture's plot.
struct GrayImage {
    int width = 0, height = 0;
    std::vector<double> values; // row-major, [row * width + col], 0 black .. 1 white
    double at(int row, int col) const {
        return values[std::size_t(row) * std::size_t(width) + std::size_t(col)];
    }
};

// A picture as decoded: 16 bits per channel (an 8-bit file's values times 257), alpha dropped.
struct RgbImage {
    int width = 0, height = 0;
    bool gray = false;  // one channel (or two, with alpha) in the file
    bool lossy = false; // JPEG: its colours stray from those drawn
    std::vector<std::array<std::uint16_t, 3>> pixels; // row-major
};

// True for the extensions readGrayImage understands (.png .jpg .jpeg .bmp .gif .tga .pgm ...).
bool isImagePath(const std::string& path);

// Throws Error naming the file: unreadable, not an image, or larger than 2^26 pixels.
RgbImage readImage(const std::string& path);

} // namespace specedit::core
