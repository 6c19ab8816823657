#include "FuzzUtil.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace specedit::fuzz {
namespace fs = std::filesystem;

namespace {

struct Scratch {
    std::string path;
    Scratch() {
        const fs::path base = fs::is_directory("/dev/shm") ? "/dev/shm" : fs::temp_directory_path();
        path = (base / ("specedit-fuzz-" + std::to_string(::getpid()))).string();
        fs::create_directories(path);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

} // namespace

const std::string& scratchDir() {
    static const Scratch scratch;
    return scratch.path;
}

std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const std::string path = scratchDir() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

std::size_t takeChoice(const std::uint8_t*& data, std::size_t& size, std::size_t n) {
    if (size == 0)
        return 0;
    const std::size_t choice = data[0] % n;
    ++data;
    --size;
    return choice;
}

void noteRefusal(const core::Error& e) {
    static const bool verbose = std::getenv("SPECEDIT_FUZZ_VERBOSE") != nullptr;
    if (verbose)
        std::fprintf(stderr, "  refused: %s\n", e.what());
}

void readAround(const core::SampleSource& source) {
    const auto& info = source.info();
    if (info.channels < 1 || info.frames < 0)
        std::abort(); // a source must never describe itself so
    const std::int64_t count =
        std::clamp<std::int64_t>((std::int64_t(1) << 20) / info.channels, 1, 4096);
    std::vector<float> buffer(static_cast<std::size_t>(count * info.channels));
    const std::int64_t starts[] = {0, info.frames / 2,
                                   std::max<std::int64_t>(info.frames - count, 0),
                                   info.frames - count / 2};
    for (std::int64_t start : starts)
        source.read(start, count, buffer.data());
}

} // namespace specedit::fuzz
