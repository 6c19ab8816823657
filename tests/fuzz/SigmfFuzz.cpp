// SigMF (io/SigmfSource, label/LabelSigmf): the input is the .sigmf-meta of a small ci16
// recording (the first byte 0), or a whole .sigmf archive, a tar read by libarchive (1).
// A metadata file is also read for its annotations.

#include "FuzzUtil.h"
#include "io/SourceFactory.h"
#include "label/LabelFiles.h"

#include <filesystem>
#include <vector>

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string dataFile = [] {
        std::vector<std::uint8_t> samples(4096);
        for (std::size_t i = 0; i < samples.size(); ++i)
            samples[i] = std::uint8_t(i * 37);
        return fuzz::writeInput("r.sigmf-data", samples.data(), samples.size());
    }();
    const bool archive = fuzz::takeChoice(data, size, 2) == 1;
    const std::string path = fuzz::writeInput(archive ? "a.sigmf" : "r.sigmf-meta", data, size);
    core::OpenOptions options;
    options.cacheDir = fuzz::scratchDir() + "/cache";
    fuzz::refusalsOnly([&] { fuzz::readAround(*core::openRecording(path, options)); });
    if (!archive)
        fuzz::refusalsOnly([&] { core::readLabelFile(path, {2e6, 433.92e6, "", "", 0}); });
    std::error_code ec;
    std::filesystem::remove_all(options.cacheDir, ec);
    return 0;
}
