#include "io/SndfileSource.h"

#include "io/RawLayout.h"
#include "io/RiffChunks.h"
#include "util/Error.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sndfile.h>

namespace specedit::core {
namespace {

SampleType sampleTypeOf(int format) {
    switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
        return SampleType::Int8;
    case SF_FORMAT_PCM_U8:
        return SampleType::UInt8;
    case SF_FORMAT_PCM_16:
        return SampleType::Int16;
    case SF_FORMAT_PCM_24:
        return SampleType::Int24;
    case SF_FORMAT_PCM_32:
        return SampleType::Int32;
    case SF_FORMAT_FLOAT:
        return SampleType::Float32;
    case SF_FORMAT_DOUBLE:
        return SampleType::Float64;
    default:
        return SampleType::Other;
    }
}

std::string datatypeName(int format) {
    SF_FORMAT_INFO major{};
    major.format = format & SF_FORMAT_TYPEMASK;
    sf_command(nullptr, SFC_GET_FORMAT_INFO, &major, sizeof(major));
    SF_FORMAT_INFO sub{};
    sub.format = format & SF_FORMAT_SUBMASK;
    sf_command(nullptr, SFC_GET_FORMAT_INFO, &sub, sizeof(sub));
    std::string name = major.extension ? major.extension : "sound";
    return name + " " + (sub.name ? sub.name : "?");
}

void checkReadable(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error(path, "file does not exist", "an existing recording");
    if (std::filesystem::is_directory(path, ec))
        throw Error(path, "is a directory", "a recording file");
    if (std::filesystem::file_size(path, ec) == 0)
        throw Error(path, "file is empty", "a recording with samples");
}

// Why a sound file has no frames: what its header declares when the data is not there (a
// recorder that wrote the header and stopped), else an empty data chunk.
std::string emptyDataReason(const std::string& path, const SF_INFO& sfinfo) {
    std::vector<RiffChunk> chunks;
    try {
        chunks = scanRiffChunks(path);
    } catch (const Error&) {
        // not a RIFF file libsndfile could read the header of: no more to say
    }
    const auto fileSize = std::filesystem::file_size(path);
    for (const auto& chunk : chunks) {
        if (chunk.id != "data" || chunk.size == 0 || chunk.offset + chunk.size <= fileSize)
            continue;
        std::string text = "its header declares " + std::to_string(chunk.size) + " data bytes";
        const auto type = sampleTypeOf(sfinfo.format);
        if (type != SampleType::Other && sfinfo.samplerate > 0 && sfinfo.channels > 0) {
            const double seconds = double(chunk.size) / double(bytesPerValue(type)) /
                                   sfinfo.channels / sfinfo.samplerate;
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3g", seconds);
            text += std::string(", ") + buf + " s,";
        }
        return text + (text.back() == ',' ? " " : ", ") + "but the file ends " +
               (fileSize <= chunk.offset ? "with the header"
                                         : "before the first whole sample frame") +
               ": the recording was cut off";
    }
    return "its data chunk is empty";
}

} // namespace

SndfileSource::SndfileSource(const std::string& path) : m_path(path) {
    checkReadable(path);
    SF_INFO sfinfo{};
    m_file = sf_open(path.c_str(), SFM_READ, &sfinfo);
    if (!m_file)
        throw Error(path, std::string("cannot read as a sound file: ") + sf_strerror(nullptr),
                    "WAV, RF64, W64, FLAC, OGG, AIFF or a raw IQ file with --format");
    if (sfinfo.frames <= 0 || sfinfo.samplerate <= 0) {
        sf_close(m_file);
        m_file = nullptr;
        throw Error(path, "sound file holds no samples (" + emptyDataReason(path, sfinfo) + ")",
                    "at least one sample frame");
    }
    m_info.kind = SignalKind::Audio;
    m_info.sampleRate = sfinfo.samplerate;
    m_info.channels = sfinfo.channels;
    m_info.frames = sfinfo.frames;
    m_info.sampleType = sampleTypeOf(sfinfo.format);
    m_info.datatype = datatypeName(sfinfo.format);
    m_info.container = Container::SoundFile;
    m_info.soundFileFormat = sfinfo.format;
    m_info.files = {path};
}

SndfileSource::~SndfileSource() {
    if (m_file)
        sf_close(m_file);
}

void SndfileSource::seekTo(std::int64_t frame) const {
    if (frame == m_position)
        return; // sequential reads need no seek
    // libsndfile 1.2's Ogg/Vorbis seek lands wrongly when it follows a read; seeking to the
    // start first resets the decoder (measured: tests/core/io/SndfileSourceTest.cpp).
    if ((m_info.soundFileFormat & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG)
        sf_seek(m_file, 0, SEEK_SET);
    if (sf_seek(m_file, frame, SEEK_SET) < 0)
        throw Error(m_path, "cannot seek to sample " + std::to_string(frame), "a seekable file");
    m_position = frame;
}

void SndfileSource::read(std::int64_t start, std::int64_t count, float* out) const {
    const int ch = m_info.channels;
    std::fill(out, out + count * ch, 0.0f);
    const std::int64_t first = std::max<std::int64_t>(start, 0);
    const std::int64_t last = std::min<std::int64_t>(start + count, m_info.frames);
    if (first >= last)
        return;
    float* dst = out + (first - start) * ch;
    {
        std::lock_guard lock(m_mutex);
        seekTo(first);
        const sf_count_t got = sf_readf_float(m_file, dst, last - first);
        m_position = first + got;
        if (got != last - first)
            throw Error(m_path,
                        "file ends at sample " + std::to_string(first + got) +
                            " although its header announces " + std::to_string(m_info.frames),
                        "a complete file (was the recording cut short?)");
    }
    if (m_swap && ch >= 2) {
        for (std::int64_t i = 0; i < last - first; ++i)
            std::swap(dst[i * ch], dst[i * ch + 1]);
    }
}

} // namespace specedit::core

namespace specedit::core {

std::string sndfileVersion() {
    return sf_version_string();
}

} // namespace specedit::core
