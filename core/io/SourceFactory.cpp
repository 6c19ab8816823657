#include "io/SourceFactory.h"

#include "io/FilenameMetadata.h"
#include "io/RawIqSource.h"
#include "io/SigmfSource.h"
#include "io/SndfileSource.h"
#include "io/WavAuxi.h"
#include "util/Error.h"

#include <algorithm>
#include <filesystem>
#include <sndfile.h>

namespace specedit::core {
namespace {

std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

bool looksRaw(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".raw" || ext == ".iq" || ext == ".bin" || ext == ".dat";
}

std::unique_ptr<SampleSource> openRaw(const std::string& path, const RawLayout& layout,
                                      const OpenOptions& options) {
    const FilenameHints hints = parseRecorderFilename(fileName(path));
    const auto rate = options.sampleRate ? options.sampleRate : hints.sampleRate;
    if (!rate)
        throw Error(path, "raw samples carry no sample rate and the file name gives none",
                    "--rate HZ (e.g. --rate 2e6)");
    const auto center = options.centerFrequency ? options.centerFrequency : hints.centerFrequency;
    auto src = std::make_unique<RawIqSource>(path, layout, *rate, center, options.swapIq);
    auto& info = src->mutableInfo();
    info.startTime = hints.startTime;
    info.metadataOrigin = options.sampleRate ? "options" : "filename";
    return src;
}

void makeIq(SndfileSource& src, const std::string& path, const OpenOptions& options,
            const std::optional<AuxiInfo>& auxi) {
    SignalInfo& info = src.mutableInfo();
    if (info.channels != 2)
        throw Error(
            path, "IQ needs 2 channels (I and Q) but the file has " + std::to_string(info.channels),
            "a stereo recording, or leave out --iq");
    info.kind = SignalKind::Iq;
    if (auxi) {
        info.centerFrequency = auxi->centerFrequency;
        info.startTime = auxi->startTime;
        info.auxiChunk = auxi->raw;
        info.metadataOrigin = "auxi";
    } else {
        const FilenameHints hints = parseRecorderFilename(fileName(path));
        info.centerFrequency = hints.centerFrequency;
        info.startTime = hints.startTime;
        info.metadataOrigin = hints.empty() ? "" : "filename";
    }
    src.setSwapFirstTwoChannels(options.swapIq);
    info.iqSwapped = options.swapIq;
}

// An IQ WAV/RF64 with plain little-endian samples is read with positional reads (pread, as a
// raw file at the data chunk's offset) instead of libsndfile: lock-free, so export blocks
// read in parallel (libsndfile serialises reads).
std::unique_ptr<SampleSource> mapIqWav(const SndfileSource& sndfile, const std::string& path,
                                       const OpenOptions& options) {
    const SignalInfo& info = sndfile.info();
    const int major = info.soundFileFormat & SF_FORMAT_TYPEMASK;
    const int endian = info.soundFileFormat & SF_FORMAT_ENDMASK;
    if ((major != SF_FORMAT_WAV && major != SF_FORMAT_WAVEX && major != SF_FORMAT_RF64) ||
        endian != SF_ENDIAN_FILE)
        return nullptr;
    RawLayout layout;
    switch (info.soundFileFormat & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_16:
        layout.type = SampleType::Int16;
        break;
    case SF_FORMAT_PCM_32:
        layout.type = SampleType::Int32;
        break;
    case SF_FORMAT_FLOAT:
        layout.type = SampleType::Float32;
        break;
    case SF_FORMAT_DOUBLE:
        layout.type = SampleType::Float64;
        break;
    default:
        return nullptr;
    }
    for (const auto& chunk : scanRiffChunks(path)) {
        if (chunk.id != "data")
            continue;
        layout.headerBytes = std::int64_t(chunk.offset);
        layout.payloadBytes = std::int64_t(chunk.size);
        auto mapped = std::make_unique<RawIqSource>(path, layout, info.sampleRate,
                                                    info.centerFrequency, options.swapIq);
        if (mapped->info().frames != info.frames)
            return nullptr; // libsndfile saw a different length (truncated data): trust it
        SignalInfo& m = mapped->mutableInfo();
        const std::int64_t frames = m.frames;
        m = info;
        m.frames = frames;
        return mapped;
    }
    return nullptr;
}

bool isRiffWave(int format) {
    const int major = format & SF_FORMAT_TYPEMASK;
    return major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_RF64;
}

// libsndfile quietly shortens a WAV whose data chunk is cut off; say so instead. Sizes of 0
// and 0xFFFFFFFF are what recorders write before they know the length: not truncation.
void refuseTruncatedWave(const std::string& path) {
    const auto fileSize = std::filesystem::file_size(path);
    for (const auto& chunk : scanRiffChunks(path)) {
        if (chunk.id != "data" || chunk.size == 0 || chunk.size == 0xFFFFFFFFu)
            continue;
        if (chunk.offset + chunk.size > fileSize)
            throw Error(path,
                        "the data chunk declares " + std::to_string(chunk.size) +
                            " bytes but only " + std::to_string(fileSize - chunk.offset) +
                            " follow it: the recording is truncated",
                        "a complete recording (was the recorder stopped abruptly?)");
    }
}

// An auxi chunk that cannot be parsed is treated as absent: the audio is still readable.
std::optional<AuxiInfo> tryReadAuxi(const std::string& path) {
    try {
        return readAuxi(path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::unique_ptr<SampleSource> openSoundFile(const std::string& path, const OpenOptions& options) {
    auto src = std::make_unique<SndfileSource>(path);
    if (isRiffWave(src->info().soundFileFormat))
        refuseTruncatedWave(path);
    std::optional<AuxiInfo> auxi;
    if (src->info().channels == 2 && isRiffWave(src->info().soundFileFormat))
        auxi = tryReadAuxi(path);
    if (options.forceIq && options.forceAudio)
        throw Error(ErrorKind::Usage, path, "asked to read it both as I/Q and as audio",
                    "one of the two");
    if (!options.forceAudio && (options.forceIq || auxi))
        makeIq(*src, path, options, auxi);
    else if (options.swapIq)
        throw Error(path, "--swap-iq given for an audio file", "an IQ recording (or add --iq)");
    SignalInfo& info = src->mutableInfo();
    if (options.sampleRate)
        info.sampleRate = *options.sampleRate;
    if (options.centerFrequency) {
        if (info.kind != SignalKind::Iq)
            throw Error(path, "--center given for an audio file", "an IQ recording (or add --iq)");
        info.centerFrequency = options.centerFrequency;
    }
    if (info.kind == SignalKind::Iq)
        if (auto mapped = mapIqWav(*src, path, options))
            return mapped;
    return src;
}

} // namespace

std::unique_ptr<SampleSource> openRecording(const std::string& path, const OpenOptions& options) {
    if (isSigmfPath(path))
        return openSigmf(path, options);
    if (options.rawFormat) {
        const auto layout = rawLayoutFromName(*options.rawFormat);
        if (!layout)
            throw Error("--format", "unknown raw sample format '" + *options.rawFormat + "'",
                        acceptedRawFormatNames());
        return openRaw(path, *layout, options);
    }
    if (const auto layout = rawLayoutFromExtension(path))
        return openRaw(path, *layout, options);
    if (looksRaw(path) && std::filesystem::exists(path))
        throw Error(path, "raw file with no sample format",
                    "--format cf32|cf64|cs16|cs8|cu8 and --rate HZ");
    return openSoundFile(path, options);
}

} // namespace specedit::core
