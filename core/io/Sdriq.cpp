#include "io/Sdriq.h"

#include "io/RawIqSource.h"
#include "util/Error.h"

#include <array>
#include <cstring>
#include <ctime>
#include <fstream>

namespace specedit::core {
namespace {

template <typename T> T readLe(const std::uint8_t* p) {
    T v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        v |= T(p[i]) << (8 * i);
    return v;
}

std::string isoFromMilliseconds(std::uint64_t ms) {
    if (ms == 0)
        return {};
    // Older SDRangel versions wrote seconds: a value before 2001 in ms is taken as seconds.
    if (ms < 978307200000ULL)
        ms *= 1000;
    const auto t = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

std::unique_ptr<SampleSource> openSdriq(const std::string& path, const OpenOptions& options) {
    std::array<std::uint8_t, 32> h{};
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(h.data()), h.size());
    if (in.gcount() < 32)
        throw Error(
            path, "SDRangel header is cut short (" + std::to_string(in.gcount()) + " of 32 bytes)",
            "a complete .sdriq recording");
    const auto rate = readLe<std::uint32_t>(h.data());
    const auto centre = readLe<std::uint64_t>(h.data() + 4);
    const auto start = readLe<std::uint64_t>(h.data() + 12);
    const auto bits = readLe<std::uint32_t>(h.data() + 20);
    if (bits != 16 && bits != 24)
        throw Error(path,
                    "SDRangel header gives a sample size of " + std::to_string(bits) + " bits",
                    "16 or 24 bits");
    if (rate == 0 && !options.sampleRate)
        throw Error(path, "SDRangel header gives a sample rate of 0", "a positive sample rate");
    RawLayout layout;
    layout.type = bits == 16 ? SampleType::Int16 : SampleType::Int32;
    layout.valueBits = int(bits); // 24-bit samples in 32-bit words
    layout.headerBytes = 32;
    const double fs = options.sampleRate.value_or(double(rate));
    const auto fc =
        options.centerFrequency ? options.centerFrequency : std::optional<double>(double(centre));
    auto src = std::make_unique<RawIqSource>(path, layout, fs, fc, options.swapIq);
    auto& info = src->mutableInfo();
    info.startTime = isoFromMilliseconds(start);
    info.metadataOrigin = "header";
    info.origins = {"header", options.sampleRate ? "user" : "header",
                    options.centerFrequency ? "user" : "header", "header"};
    return src;
}

} // namespace specedit::core
