// STFT data imports (io/MatrixFile, io/GrayImage): text matrices (CSV, whitespace, MATLAB),
// raw float32/float64 in either byte order with a row count, and pictures read into levels; the
// first byte picks the file's name and, for raw files, the rows and the byte order.

#include "FuzzUtil.h"
#include "io/GrayImage.h"
#include "io/MatrixFile.h"
#include "io/PictureLevels.h"

#include <iterator>

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kNames[] = {"m.csv", "m.txt", "m.m",   "m.f32", "m.f64",
                                         "i.png", "i.pgm", "i.bmp", "i.jpg"};
    const std::size_t choice = fuzz::takeChoice(data, size, 4 * std::size(kNames));
    const std::string path = fuzz::writeInput(kNames[choice % std::size(kNames)], data, size);
    if (core::isImagePath(path)) {
        fuzz::refusalsOnly([&] { core::readPictureLevels(core::readImage(path), "auto", path); });
        return 0;
    }
    core::RawMatrixFormat raw;
    raw.bigEndian = choice / std::size(kNames) % 2 == 1;
    if (choice / std::size(kNames) >= 2)
        raw.rows = 3;
    fuzz::refusalsOnly([&] { core::readMatrix(path, raw); });
    return 0;
}
