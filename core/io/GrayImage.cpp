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

// The file's samples (8 or 16 bits, `channels` per pixel) as 16-bit RGB.
template <typename T> RgbImage toRgb(const T* data, int w, int h, int channels) {
    RgbImage img{w, h, channels < 3, false, {}};
    img.pixels.resize(std::size_t(w) * std::size_t(h));
    const unsigned scale = sizeof(T) == 1 ? 257u : 1u;
    for (std::size_t i = 0; i < img.pixels.size(); ++i) {
        const T* p = data + i * std::size_t(channels);
        const auto v = [&](int c) { return std::uint16_t(unsigned(p[c]) * scale); };
        img.pixels[i] = img.gray ? std::array{v(0), v(0), v(0)} : std::array{v(0), v(1), v(2)};
    }
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

namespace {

bool isJpegPath(const std::string& path) {
    std::string e = std::filesystem::path(path).extension().string();
    for (auto& ch : e)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    return e == ".jpg" || e == ".jpeg";
}

RgbImage decode(const std::string& path) {
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
        return toRgb(data.get(), w, h, channels);
    }
    std::unique_ptr<stbi_uc, StbFree> data(stbi_load(path.c_str(), &w, &h, &channels, 0));
    if (!data)
        throw Error(path, std::string("cannot be decoded: ") + stbi_failure_reason(),
                    "a valid image");
    checkSize(path, w, h);
    return toRgb(data.get(), w, h, channels);
}

} // namespace

RgbImage readImage(const std::string& path) {
    RgbImage img = decode(path);
    img.lossy = isJpegPath(path);
    return img;
}

} // namespace specedit::core
