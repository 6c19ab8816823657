#include "io/SourceFactory.h"

#include "io/CocoArchive.h"
#include "io/FilenameMetadata.h"
#include "io/NpySignalSource.h"
#include "io/RawIqSource.h"
#include "io/Recognizer.h"
#include "io/Sdriq.h"
#include "io/SigmfSource.h"
#include "io/SndfileSource.h"
#include "io/WavAuxi.h"
#include "util/Error.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sndfile.h>

namespace specedit::core {
namespace {

std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

// Headerless samples: layout, rate and centre as recognizeRaw decided them.
std::unique_ptr<SampleSource> openRaw(const std::string& path, const RawRecognition& r,
                                      const OpenOptions& options) {
    if (!r.layout.value)
        throw Error(ErrorKind::NeedsRawParameters, path,
                    "the sample type is unknown: neither the extension nor the name gives it",
                    "the sample type of its raw samples (" + acceptedRawFormatNames() + ")");
    if (!r.sampleRate.value)
        throw Error(ErrorKind::NeedsRawParameters, path,
                    "the sample rate is unknown: raw samples carry none and the file name gives "
                    "none",
                    "the sample rate in Hz");
    auto src = std::make_unique<RawIqSource>(path, *r.layout.value, *r.sampleRate.value,
                                             r.centerFrequency.value, options.swapIq);
    auto& info = src->mutableInfo();
    info.startTime = r.startTime;
    info.metadataOrigin = options.sampleRate ? "options" : "filename";
    info.origins = {r.layout.from, r.sampleRate.from, r.centerFrequency.from, r.layout.from};
    return src;
}

void makeIq(SndfileSource& src, const std::string& path, const OpenOptions& options,
            const std::optional<AuxiInfo>& auxi, const std::string& why) {
    SignalInfo& info = src.mutableInfo();
    if (info.channels != 2)
        throw Error(
            path, "IQ needs 2 channels (I and Q) but the file has " + std::to_string(info.channels),
            "a stereo recording, or leave out --iq");
    info.kind = SignalKind::Iq;
    info.origins.kind = why;
    if (auxi) {
        info.centerFrequency = auxi->centerFrequency;
        info.startTime = auxi->startTime;
        info.auxiChunk = auxi->raw;
        info.metadataOrigin = "auxi";
        info.origins.centerFrequency = auxi->centerFrequency ? "auxi" : "";
    } else {
        const FilenameHints hints = parseRecorderFilename(fileName(path));
        info.centerFrequency = hints.centerFrequency;
        info.startTime = hints.startTime;
        info.metadataOrigin = hints.empty() ? "" : "filename";
        info.origins.centerFrequency = hints.centerFrequency ? "file name" : "";
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
        if (!info.damage.empty()) // truncated: the bytes that are there
            layout.payloadBytes =
                std::min(std::int64_t(chunk.size),
                         std::int64_t(std::filesystem::file_size(path)) - layout.headerBytes);
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

// "0.625 s", "0.013 ms": three decimals in seconds from 0.1 s, in milliseconds below.
std::string secondsText(double s) {
    char text[64];
    if (s >= 0.1)
        std::snprintf(text, sizeof text, "%.3f s", s);
    else
        std::snprintf(text, sizeof text, "%.3f ms", s * 1e3);
    return text;
}

// libsndfile quietly shortens a WAV whose data chunk is cut off; say so (a recorder that
// stopped abruptly leaves one; sox reads it with a warning, and so does SpecEdit). Sizes of 0
// and 0xFFFFFFFF are what recorders write before they know the length: not truncation.
void noteTruncation(const std::string& path, SignalInfo& info) {
    const auto fileSize = std::filesystem::file_size(path);
    for (const auto& chunk : scanRiffChunks(path)) {
        if (chunk.id != "data" || chunk.size == 0 || chunk.size == 0xFFFFFFFFu)
            continue;
        if (chunk.offset + chunk.size > fileSize) {
            const auto present = fileSize - chunk.offset;
            const double held = info.duration();
            info.declaredSeconds =
                held * double(chunk.size) / double(std::max<std::uintmax_t>(present, 1));
            info.damage = "truncated: the file holds " + secondsText(held) + " of the " +
                          secondsText(info.declaredSeconds) + " its header declares (" +
                          std::to_string(present) + " of " + std::to_string(chunk.size) +
                          " data bytes), as when a recorder stops abruptly; what is there is "
                          "read";
            return;
        }
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
    std::optional<AuxiInfo> auxi;
    if (src->info().channels == 2 && isRiffWave(src->info().soundFileFormat))
        auxi = tryReadAuxi(path);
    if (options.forceIq && options.forceAudio)
        throw Error(ErrorKind::Usage, path, "asked to read it both as I/Q and as audio",
                    "one of the two");
    SignalInfo& info = src->mutableInfo();
    info.origins = {options.forceAudio ? "user" : "header", "header", "", "header"};
    if (const std::string why =
            soundFileIqReason(info.channels, info.sampleRate, options, auxi.has_value());
        !why.empty())
        makeIq(*src, path, options, auxi, why);
    else if (options.swapIq)
        throw Error(path, "--swap-iq given for an audio file", "an IQ recording (or add --iq)");
    if (options.sampleRate) {
        info.sampleRate = *options.sampleRate;
        info.origins.sampleRate = "user";
    }
    if (options.centerFrequency) {
        if (info.kind != SignalKind::Iq)
            throw Error(path, "--center given for an audio file", "an IQ recording (or add --iq)");
        info.centerFrequency = options.centerFrequency;
        info.origins.centerFrequency = "user";
    }
    if (isRiffWave(info.soundFileFormat))
        noteTruncation(path, info); // in seconds at the rate given
    if (info.kind == SignalKind::Iq)
        if (auto mapped = mapIqWav(*src, path, options))
            return mapped;
    return src;
}

// What the user said of a numpy array that its values contradict, whatever the rate.
void checkNpyOptions(const SignalInfo& info, const std::string& path, const OpenOptions& o) {
    if (o.rawFormat)
        throw Error("--format",
                    "given for " + fileName(path) +
                        ", a numpy array: its header gives the sample type",
                    "no --format for a .npy file");
    if (o.forceIq && o.forceAudio)
        throw Error(ErrorKind::Usage, path, "asked to read it both as I/Q and as audio",
                    "one of the two");
    if (info.storedComplex && o.forceAudio)
        throw Error(path, "holds complex (I/Q) samples, asked to be read as audio",
                    "real samples for audio, or leave out --audio");
    if (!info.storedComplex && o.forceIq && info.channels != 2)
        throw Error(path,
                    "I/Q needs 2 channels (I and Q) but the array has " +
                        std::to_string(info.channels),
                    "complex samples, or two channels of I and Q; or leave out --iq");
    const bool audio = npyReadsAsAudio(info, o);
    if (audio && o.centerFrequency)
        throw Error(path, "--center given for audio samples", "I/Q samples (or add --iq)");
    if (audio && o.swapIq)
        throw Error(path, "--swap-iq given for audio samples", "I/Q samples (or add --iq)");
}

// Whether a numpy array's samples are I/Q: complex values are; two real channels when the user
// or the rate says so, as for a stereo sound file (rows or columns alike: librosa keeps
// stereo as rows, RF datasets I and Q).
void decideNpyKind(SignalInfo& info, const OpenOptions& options) {
    info.origins.kind = options.forceAudio || options.forceIq ? "user" : "header";
    if (info.storedComplex)
        return;
    const std::string why = soundFileIqReason(info.channels, info.sampleRate, options, false);
    if (why.empty() || info.channels != 2)
        return;
    info.kind = SignalKind::Iq;
    info.origins.kind = why;
}

// A numpy array: its header gives the type and shape; numpy stores no rate or centre, so they
// come from the user, else the file name.
std::unique_ptr<SampleSource> openNpy(const std::string& path, const OpenOptions& options) {
    const FilenameHints hints = parseRecorderFilename(fileName(path));
    const auto rate = options.sampleRate ? options.sampleRate : hints.sampleRate;
    auto src = std::make_unique<NpySignalSource>(path, rate.value_or(1.0)); // the shape first
    SignalInfo& info = src->mutableInfo();
    checkNpyOptions(info, path, options);
    if (!rate)
        throw Error(ErrorKind::NeedsRawParameters, path,
                    "the sample rate is unknown: numpy arrays carry none and the file name gives "
                    "none",
                    "the sample rate in Hz");
    decideNpyKind(info, options);
    info.origins.sampleRate = options.sampleRate ? "user" : "file name";
    info.origins.sampleType = "header";
    info.startTime = hints.startTime;
    if (info.kind != SignalKind::Iq) {
        if (options.centerFrequency || options.swapIq) // two channels the rate made audio
            throw Error(path,
                        std::string(options.swapIq ? "--swap-iq" : "--center") +
                            " given for two channels read as stereo audio at this rate",
                        "I/Q samples: add --iq");
        return src;
    }
    info.centerFrequency =
        options.centerFrequency ? options.centerFrequency : hints.centerFrequency;
    info.origins.centerFrequency =
        options.centerFrequency ? "user" : (hints.centerFrequency ? "file name" : "");
    info.metadataOrigin = options.sampleRate ? "options" : "filename";
    src->setSwapFirstTwoChannels(options.swapIq);
    info.iqSwapped = options.swapIq;
    return src;
}

// Sound file, raw samples or a description of what the file is instead.
std::unique_ptr<SampleSource> openByContent(const std::string& path, const OpenOptions& options) {
    const HeaderEvidence header = sniffHeader(path);
    if (header.kind == HeaderEvidence::Kind::Empty)
        describeUnreadable(path, header, {});
    if (header.kind == HeaderEvidence::Kind::Sdriq && !options.rawFormat)
        return openSdriq(path, options);
    if (header.kind == HeaderEvidence::Kind::Npy)
        return openNpy(path, options);
    const RawRecognition raw = recognizeRaw(path, options);
    const bool soundHeader = header.kind == HeaderEvidence::Kind::SoundFile;
    if (options.rawFormat || (!soundHeader && raw.layout.value) ||
        (!soundHeader && hasGenericRawExtension(path)))
        return openRaw(path, raw, options);
    try {
        return openSoundFile(path, options);
    } catch (const Error& e) {
        const std::string prefix = "cannot read as a sound file: ";
        if (e.subject() == path && e.problem().rfind(prefix, 0) == 0)
            describeUnreadable(path, header, e.problem().substr(prefix.size()));
        throw;
    }
}

// URH's .coco: unpacked once into the cache, then raw samples. The archive's name (and the
// user) decide rate and centre, else the member's name; the type comes from the member's
// name or extension, else URH's complex float32.
std::unique_ptr<SampleSource> openCoco(const std::string& path, const OpenOptions& options) {
    const UnpackedCoco unpacked =
        unpackCoco(path, options.cacheDir.empty() ? defaultCacheDir() : options.cacheDir);
    RawRecognition r = recognizeRaw(path, options);
    const RawRecognition member = recognizeRaw(unpacked.memberName, options);
    if (!r.layout.value)
        r.layout = member.layout.value ? member.layout
                                       : Sourced<RawLayout>{rawLayoutFromName("cf32"), "extension"};
    if (!r.sampleRate.value)
        r.sampleRate = member.sampleRate;
    if (!r.centerFrequency.value)
        r.centerFrequency = member.centerFrequency;
    try {
        return openRaw(unpacked.path, r, options);
    } catch (const Error& e) { // name the archive the user opened, not the cache file
        throw Error(e.kind(), path, e.problem(), e.expected());
    }
}

} // namespace

bool npyReadsAsAudio(const SignalInfo& info, const OpenOptions& options) {
    return !info.storedComplex && !options.forceIq && (info.channels != 2 || options.forceAudio);
}

std::unique_ptr<SampleSource> openRecording(const std::string& path, const OpenOptions& options) {
    if (isSigmfPath(path))
        return openSigmf(path, options);
    if (!std::filesystem::exists(path))
        throw Error(path, "file does not exist", "an existing recording");
    if (isCocoPath(path))
        return openCoco(path, options);
    return openByContent(path, options);
}

} // namespace specedit::core
