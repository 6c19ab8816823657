#pragma once
// Grayscale pictures (a spectrogram exported as an image) read through stb_image (Debian's
// libstb-dev): PNG (8 or 16 bits), JPEG, BMP, GIF, TGA, PSD, PNM. Values are brightness in
// [0, 1], row 0 at the top. A colour picture is refused: a colour map cannot be read back into
// levels without knowing it, so the user is asked for a grayscale export.

#include <string>
#include <vector>

namespace specedit::core {

struct GrayImage {
    int width = 0, height = 0;
    std::vector<double> values; // row-major, [row * width + col], 0 black .. 1 white
    double at(int row, int col) const {
        return values[std::size_t(row) * std::size_t(width) + std::size_t(col)];
    }
};

// True for the extensions readGrayImage understands (.png .jpg .jpeg .bmp .gif .tga .pgm ...).
bool isImagePath(const std::string& path);

// Throws Error naming the file: unreadable, not an image, colour, or larger than 2^26 pixels.
GrayImage readGrayImage(const std::string& path);

} // namespace specedit::core
