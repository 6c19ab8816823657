#pragma once
// What is known about a recording: its kind, rate, shape and radio metadata.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace specedit::core {

enum class SignalKind { Audio, Iq };

// Sample types on disk, named as SigMF names them (without the endianness suffix for bytes).
enum class SampleType { Int8, UInt8, Int16, UInt16, Int24, Int32, Float32, Float64, Other };

// The container a recording came from; SignalWriter uses it to keep the output's kind.
enum class Container { SoundFile, RawIq, Sigmf, Npy };

// Where each value came from: "header", "auxi", "SigMF", "file name", "extension", "user",
// "rate above 384 kHz" (kind of a stereo file); empty when unknown.
struct Origins {
    std::string kind, sampleRate, centerFrequency, sampleType;
};

struct SignalInfo {
    SignalKind kind = SignalKind::Audio;
    double sampleRate = 0.0;               // samples (frames) per second
    int channels = 1;                      // stored channels: audio channels, or 2 for I/Q
    std::int64_t frames = 0;               // samples per channel (IQ: complex samples)
    std::optional<double> centerFrequency; // Hz, IQ only, when known
    std::string startTime; // ISO 8601 UTC ("2022-03-09T14:01:38Z"), empty if unknown
    SampleType sampleType = SampleType::Float32;
    std::string datatype; // human/SigMF name: "ci16_le", "cf32_le", "pcm16", ...
    Container container = Container::SoundFile;
    int soundFileFormat = 0;    // libsndfile SF_FORMAT_* of the source (SoundFile only)
    std::string metadataOrigin; // where centre/start came from: "auxi", "filename", ...
    Origins origins;
    std::vector<std::uint8_t> auxiChunk; // raw WAV auxi chunk to carry over on export
    nlohmann::json sigmfMeta;            // the SigMF metadata document (Sigmf only)
    bool iqSwapped = false;              // I and Q were swapped on read
    bool storedComplex = false;          // complex values on disk (a .npy): I/Q whatever is said
    std::vector<std::string> files;      // every file the samples come from (never overwritten)
    // What is wrong with the file, read anyway as far as it goes (empty: nothing), said to the
    // user: "truncated: ...".
    std::string damage;
    double declaredSeconds = 0; // a truncated file: the length its header declares (else 0)

    double duration() const {
        return sampleRate > 0 ? static_cast<double>(frames) / sampleRate : 0;
    }
    bool isComplex() const { return kind == SignalKind::Iq; }
};

std::string toString(SignalKind kind);
std::string toString(SampleType type);
// Bits of an integer sample type; 0 for floating point (no rounding to speak of).
int integerBits(SampleType type);

} // namespace specedit::core
