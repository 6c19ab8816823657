#pragma once
// Raw interleaved sample files (cf32, cs16, cu8, ... and SigMF datasets): headerless binary
// samples, real or complex (I then Q), of one scalar type and byte order. Reads use pread():
// opening a file of any size is instant, reads are position-independent (thread-safe without
// a lock), the process's memory does not grow with the parts of the file it has read (as a
// memory map's resident pages would), and a file cut short by another program while open
// gives an Error instead of a SIGBUS.

#include "io/RawLayout.h"
#include "io/SampleSource.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace specedit::core {

class RawIqSource : public SampleSource {
public:
    // Opens the file at path (UTF-8 on Linux). sampleRate in Hz; centerHz the tuner frequency
    // in Hz when known (complex layouts only); swapIq exchanges I and Q on every read.
    // Throws Error naming the file if it is missing, a directory, empty, unreadable, if the
    // header or the payload reaches past the end of the file, if the payload is not a whole
    // number of samples, or if sampleRate is not a positive finite number.
    RawIqSource(std::string path, RawLayout layout, double sampleRate,
                std::optional<double> centerHz, bool swapIq = false);
    ~RawIqSource() override;
    RawIqSource(const RawIqSource&) = delete;
    RawIqSource& operator=(const RawIqSource&) = delete;

    const SignalInfo& info() const override { return m_info; }
    // For openers that add metadata (SigMF) after construction; not for use during reads.
    SignalInfo& mutableInfo() { return m_info; }
    const RawLayout& layout() const { return m_layout; }
    const std::string& path() const { return m_path; }

    // See SampleSource::read. Any thread, no lock; a per-thread byte buffer grows to the
    // largest read and is reused.
    void read(std::int64_t start, std::int64_t count, float* out) const override;

private:
    void openFile();
    void readBytes(std::int64_t offset, std::size_t size, std::uint8_t* out) const;

    std::string m_path;
    RawLayout m_layout;
    SignalInfo m_info;
    bool m_swapIq = false;
    int m_fd = -1;
    std::size_t m_frameBytes = 0;
};

} // namespace specedit::core
