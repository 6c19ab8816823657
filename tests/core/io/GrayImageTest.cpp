// Grayscale pictures of spectrograms (io/GrayImage): a header that claims far more pixels than
// its file can hold is refused before anything is decoded (found by fuzzing:
// tests/fuzz/regressions/spectrum).

#include "io/GrayImage.h"

#include "TestUtil.h"

#include <cstring>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

// A BMP header (24-bit, uncompressed) for width x height, followed by `pixelBytes` bytes.
std::vector<std::uint8_t> bmp(std::int32_t width, std::int32_t height, std::size_t pixelBytes) {
    std::vector<std::uint8_t> b(54 + pixelBytes, 0);
    const std::uint32_t fileSize = std::uint32_t(b.size()), offset = 54, infoSize = 40;
    const std::uint16_t planes = 1, bits = 24;
    b[0] = 'B';
    b[1] = 'M';
    std::memcpy(&b[2], &fileSize, 4);
    std::memcpy(&b[10], &offset, 4);
    std::memcpy(&b[14], &infoSize, 4);
    std::memcpy(&b[18], &width, 4);
    std::memcpy(&b[22], &height, 4);
    std::memcpy(&b[26], &planes, 2);
    std::memcpy(&b[28], &bits, 2);
    return b;
}

} // namespace

TEST(GrayImage, AHeaderClaimingMillionsOfPixelsInAFewBytesIsRefused) {
    TempDir dir;
    const auto path = dir.file("claims.bmp");
    const auto bytes = bmp(8192, 8192, 100);
    specedit::test::writeBytes(path, bytes.data(), bytes.size());
    specedit::test::expectError(
        [&] { readImage(path); },
        {path, "claims 8192 x 8192 pixels in a file of 154 bytes", "was it truncated?"});
    // A top-down BMP (negative height) claiming 16 x 16777208 pixels in 70 bytes.
    const auto topDown = bmp(16, -16777208, 16);
    specedit::test::writeBytes(path, topDown.data(), topDown.size());
    specedit::test::expectError([&] { readImage(path); },
                                {"16 x 16777208 pixels", "at most 2^26 pixels"});
    // A real (small) picture of the same kind reads: 4 x 2 pixels, rows padded to 4 bytes.
    const auto small = dir.file("small.bmp");
    auto ok = bmp(4, 2, 24);
    for (std::size_t i = 54; i < ok.size(); ++i)
        ok[i] = 128;
    specedit::test::writeBytes(small, ok.data(), ok.size());
    const RgbImage img = readImage(small);
    EXPECT_EQ(img.width, 4);
    EXPECT_EQ(img.height, 2);
    EXPECT_EQ(img.pixels[0][0], 128 * 257);
}
