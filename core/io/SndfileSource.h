#pragma once
// Sound files through libsndfile: WAV, RF64, W64, FLAC, OGG/Vorbis, AIFF and the rest of what
// libsndfile reads. Integer formats are scaled to [-1, 1). Reads seek, so nothing is loaded
// whole; one handle is shared and reads are serialised by a mutex.

#include "io/SampleSource.h"

#include <memory>
#include <mutex>
#include <string>

struct sf_private_tag;

namespace specedit::core {

class SndfileSource : public SampleSource {
public:
    // Throws Error naming the file if it is missing, empty, truncated or not a sound file.
    explicit SndfileSource(const std::string& path);
    ~SndfileSource() override;

    const SignalInfo& info() const override { return m_info; }
    SignalInfo& mutableInfo() { return m_info; }
    void read(std::int64_t start, std::int64_t count, float* out) const override;

    // Exchange the first two channels on every read (I/Q recorders that store Q first).
    void setSwapFirstTwoChannels(bool swap) { m_swap = swap; }

private:
    void seekTo(std::int64_t frame) const; // caller holds m_mutex

    std::string m_path;
    sf_private_tag* m_file = nullptr;
    SignalInfo m_info;
    bool m_swap = false;
    mutable std::mutex m_mutex;
    mutable std::int64_t m_position = 0; // libsndfile's read position, guarded by m_mutex
};

} // namespace specedit::core

namespace specedit::core {

// libsndfile's version string ("libsndfile-1.2.0"), for About boxes. Any thread.
std::string sndfileVersion();

} // namespace specedit::core
