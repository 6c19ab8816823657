#pragma once
// Writes a processed signal in the kind and container of its source: audio stays audio, IQ
// stays IQ. The container follows the output file's extension:
//   .wav .rf64 .w64 .flac .aiff .aif .ogg  -> libsndfile (IQ as stereo I/Q; a WAV keeps the
//                                             source's auxi chunk, or gets one holding the
//                                             centre frequency); .wav switches to RF64 by
//                                             itself past 4 GiB
//   .cf32 .cfile .fc32 .cf64 .cs16 .sc16 .cs8 .cu8 .raw .iq -> raw interleaved samples
//   .sigmf-meta / .sigmf-data              -> a SigMF pair carrying the source's metadata
//   .npy                                   -> a numpy array (complex for I/Q, frames x
//                                             channels for multichannel audio; no rate)
// Every file is written through AtomicFile: nothing appears at the target until finish(),
// and a writer destroyed without finish() (error, cancel) leaves nothing behind.

#include "io/SampleSink.h"
#include "io/SignalInfo.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace specedit::core {

struct WriterOptions {
    std::optional<SampleType> sampleType; // default: the source's (Int16, Float32, ...)
};

class SignalWriter : public SampleSink {
public:
    // `like` describes the source (kind, rate, channels, metadata). Throws Error for an
    // unknown extension, a sample type or rate the container cannot hold, or when a file it
    // would write is one of like.files (the source is never modified).
    SignalWriter(const std::string& path, const SignalInfo& like, const WriterOptions& options);
    ~SignalWriter() override;
    SignalWriter(const SignalWriter&) = delete;
    SignalWriter& operator=(const SignalWriter&) = delete;

    // Appends frames of interleaved floats (like.channels per frame; IQ as I, Q). Values
    // beyond [-1, 1) are clipped for integer types and counted. Single thread.
    void write(const float* interleaved, std::int64_t frames) override;
    // Flushes and renames into place. Throws Error.
    void finish();

    std::int64_t clippedValues() const override;
    std::int64_t framesWritten() const;
    const std::string& path() const;
    // The output's datatype for messages ("ci16_le", "wav pcm16", ...).
    std::string datatype() const;

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

// The extension decides; "" if unknown. One of "sound", "raw", "sigmf", "npy".
std::string outputContainerFor(const std::string& path);
// Parses --sample-type (int16 | float32 | int8 | uint8 | int24 | int32 | float64).
SampleType parseSampleType(const std::string& text);

} // namespace specedit::core
