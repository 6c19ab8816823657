#pragma once
// RIFF chunk scanning (RIFF/WAVE, RF64/WAVE, BW64/WAVE) and the `auxi` chunk in which SDR
// recorders store the tuner frequency and the recording time of an I/Q WAV file.
//
// Binary auxi (SpectraVue, SDRuno, SDR#, HDSDR), little-endian, 164 bytes (older writers stop
// after byte 68; some after CenterFreq at byte 36):
//   0 SYSTEMTIME StartTime  (8 x uint16: year, month, day of week, day, hour, minute, second, ms)
//  16 SYSTEMTIME StopTime
//  32 uint32 CenterFreq (Hz)   36 uint32 ADFrequency (Hz)   40 uint32 IFFrequency (Hz)
//  44 uint32 Bandwidth (Hz)    48 uint32 IQOffset           52 uint32 unused[4]
//  68 char nextfilename[96]
// SDR Console writes XML instead (UTF-16LE, no BOM): <SDR-XML-Root ...><Definition ...
// RadioCenterFreq="162550000" SampleRate="2500000" UTC="20-01-2020 01:50:24"
// UTCSeconds="1579485024" .../></SDR-XML-Root>.

#include "io/RiffChunks.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

struct AuxiInfo {
    std::optional<double> centerFrequency; // Hz
    std::string startTime; // ISO 8601 UTC, "2022-03-09T14:01:38Z" (".123Z" when ms != 0); empty:
                           // unknown
    std::string stopTime;  // as startTime
    // The recorder's ADFrequency (binary) or SampleRate (XML), Hz. SDRuno, SDR# and HDSDR
    // write the file's rate; SpectraVue the converter clock: the fmt chunk's rate wins.
    std::optional<double> sampleRate;
    std::optional<double> bandwidth; // Hz (binary Bandwidth field), when nonzero
    std::vector<std::uint8_t> raw;   // the chunk payload as read, to carry over on export
    std::string flavour;             // "sdruno" (binary layout) or "sdrconsole-xml"
};

// Interprets an auxi payload: the binary layout (>= 36 bytes), or SDR Console XML (UTF-16LE
// with or without BOM, or 8-bit). Zero or invalid times and zero frequencies give empty
// fields. Any thread. Throws Error only when the bytes are too short for any layout.
AuxiInfo parseAuxi(const std::vector<std::uint8_t>& bytes);

// Reads and interprets the auxi chunk of a WAV/RF64/BW64 file; nullopt if it has none or is
// not a RIFF file. Any thread. Throws Error naming the file on I/O failure or a garbage auxi.
std::optional<AuxiInfo> readAuxi(const std::string& path);

// Builds a 164-byte binary auxi payload: CenterFreq = centerHz, ADFrequency = sampleRate
// (each rounded; 0, the format's "unknown", when outside 0..4294967295 Hz, e.g. a centre above
// 4.29 GHz), StartTime from startIsoUtc ("YYYY-MM-DDTHH:MM:SS[.fff...][Z]"; empty or
// unparseable gives zero times, i.e. unknown), StopTime = start + durationSeconds. The day of
// week is filled in. Never throws: the chunk only carries metadata, so it must not fail an
// export. Any thread.
std::vector<std::uint8_t> makeSdrunoAuxi(double centerHz, double sampleRate,
                                         const std::string& startIsoUtc, double durationSeconds);

} // namespace specedit::core
