#include "io/GrayImage.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <stb_image.h>

namespace specedit::core {
namespace {

struct StbFree {
    void operator()(void* p) const { stbi_image_free(p); }
};

// Loads as 16-bit or 8-bit samples (keeping the file's depth), `channels` per pixel.
template <typename T>
GrayImage toGray(const T* data, int w, int h, int channels, double full, const std::string& path) {
    GrayImage img{w, h, std::vector<double>(std::size_t(w) * std::size_t(h))};
    const bool colour = channels >= 3;
    std::size_t coloured = 0;
    for (std::size_t i = 0; i < img.values.size(); ++i) {
        const T* p = data + i * std::size_t(channels);
        if (colour) {
            const double spread = std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
            coloured += spread > 0.02 * full;
        }
        img.values[i] = double(p[0]) / full; // gray: R = G = B
    }
    if (coloured * 100 > img.values.size()) // more than 1 % of the pixels have a hue
        throw Error(path, "is a colour picture",
                    "a grayscale spectrogram (black the lowest level, white the highest): a "
                    "colour map cannot be read back into levels");
    return img;
}

// Refuses sizes no picture of a spectrogram has, before anything is decoded: over 2^26
// pixels, or far more pixels than the file can hold (no such picture compresses 2000:1, its
// noise does not; a damaged header can claim millions of pixels in a few bytes, which would be
// decoded from nothing). stb reports a top-down BMP's height as negative.
void checkSize(const std::string& path, int w, int h) {
    const double pixels = std::abs(double(w)) * std::abs(double(h));
    const std::string size = std::to_string(std::abs(w)) + " x " + std::to_string(std::abs(h));
    if (pixels > double(std::int64_t(1) << 26))
        throw Error(path, size + " pixels", "at most 2^26 pixels");
    const auto bytes = std::filesystem::file_size(path);
    if (pixels > 2048.0 * double(bytes) + double(1 << 20))
        throw Error(path,
                    "claims " + size + " pixels in a file of " + std::to_string(bytes) + " bytes",
                    "a complete image file (was it truncated?)");
}

} // namespace

bool isImagePath(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    for (auto& ch : e)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    for (const char* ext :
         {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga", ".pgm", ".ppm", ".pnm", ".psd"})
        if (e == ext)
            return true;
    return false;
}

GrayImage readGrayImage(const std::string& path) {
    if (!std::filesystem::is_regular_file(path))
        throw Error(path, "does not exist or is not a file", "an image file");
    int w = 0, h = 0, channels = 0;
    if (!stbi_info(path.c_str(), &w, &h, &channels))
        throw Error(path, std::string("cannot be read as an image: ") + stbi_failure_reason(),
                    "PNG, JPEG, BMP, GIF, TGA, PSD or PNM");
    checkSize(path, w, h);
    if (stbi_is_16_bit(path.c_str())) {
        std::unique_ptr<stbi_us, StbFree> data(stbi_load_16(path.c_str(), &w, &h, &channels, 0));
        if (!data)
            throw Error(path, std::string("cannot be decoded: ") + stbi_failure_reason(),
                        "a valid image");
        checkSize(path, w, h);
        return toGray(data.get(), w, h, channels, 65535.0, path);
    }
    std::unique_ptr<stbi_uc, StbFree> data(stbi_load(path.c_str(), &w, &h, &channels, 0));
    if (!data)
        throw Error(path, std::string("cannot be decoded: ") + stbi_failure_reason(),
                    "a valid image");
    checkSize(path, w, h);
    return toGray(data.get(), w, h, channels, 255.0, path);
}

} // namespace specedit::core
