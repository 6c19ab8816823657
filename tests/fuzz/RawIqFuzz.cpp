// Raw IQ layouts (io/RawLayout, io/RawIqSource): the first byte picks the layout the user
// named with --format, the rest is the file.

#include "FuzzUtil.h"
#include "io/SourceFactory.h"

#include <iterator>

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kFormats[] = {"cf32_le", "cf64_le", "ci32_le", "ci16_le",
                                           "cu16_le", "ci8",     "cu8",     "rf32_le",
                                           "rf64_le", "ri32_le", "ci16_be", "cf32_be"};
    const std::size_t choice = fuzz::takeChoice(data, size, 2 * std::size(kFormats));
    const std::string path = fuzz::writeInput("samples.raw", data, size);
    core::OpenOptions options;
    options.rawFormat = kFormats[choice / 2];
    options.sampleRate = 2e6;
    options.swapIq = choice % 2 == 1;
    fuzz::refusalsOnly([&] { fuzz::readAround(*core::openRecording(path, options)); });
    return 0;
}
