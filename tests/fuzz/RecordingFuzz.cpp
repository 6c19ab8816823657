// The recording opener as a whole (io/SourceFactory): the first byte picks the file's name,
// and with it the path through format sniffing — libsndfile with IQ recognition (RIFF chunks,
// auxi, RF64 ds64), SDRangel .sdriq, URH .coco archives, .npy, raw samples by extension, and
// a name that says nothing — and whether the user gave --iq and --rate. Then it reads around
// the recording.

#include "FuzzUtil.h"
#include "io/SourceFactory.h"

#include <filesystem>
#include <iterator>

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kNames[] = {
        "r.wav",  "r.rf64", "r.w64",  "r.flac", "r.aiff", "r.sdriq",
        "r.coco", "r.npy",  "r.cs16", "r.cu8",  "r.dat",  "SDRuno_20220309_140138Z_1kHz.wav"};
    const std::size_t choice = fuzz::takeChoice(data, size, 2 * std::size(kNames));
    const std::string path = fuzz::writeInput(kNames[choice / 2], data, size);
    core::OpenOptions options;
    if (choice % 2 == 1) {
        options.forceIq = true;
        options.sampleRate = 2e6;
    }
    options.cacheDir = fuzz::scratchDir() + "/cache";
    fuzz::refusalsOnly([&] {
        const auto source = core::openRecording(path, options);
        fuzz::readAround(*source);
    });
    std::error_code ec;
    std::filesystem::remove_all(options.cacheDir, ec);
    std::filesystem::remove(path, ec);
    return 0;
}
