#pragma once
// Recognising what a file is, once, from every kind of evidence, recording where each value
// came from. Each kind of evidence is one small function:
//   sniffHeader        the first bytes: empty, a sound-file signature, SDRangel's .sdriq
//                      header, numpy's .npy magic, text, or unknown binary
//   rawLayoutFromExtension (RawLayout.h)  the sample type an extension implies
//   parseRecorderFilename (FilenameMetadata.h)  rate, centre, time and type tokens in the name
//   soundFileIqReason  whether a sound file holds I/Q (the user, an auxi chunk, or a stereo
//                      rate no audio format runs at)
//   OpenOptions        what the user said (always wins)
// recognizeRaw decides the layout, rate and centre of headerless samples from them;
// describeUnreadable turns a file nothing can read into a message that says what it is.

#include "io/OpenOptions.h"
#include "io/RawLayout.h"

#include <cstdint>
#include <optional>
#include <string>

namespace specedit::core {

struct HeaderEvidence {
    enum class Kind { Empty, SoundFile, Sdriq, Npy, Text, Binary };
    Kind kind = Kind::Binary;
    std::string container;   // "WAV", "RF64", "W64", "AIFF", "FLAC", "Ogg" for sound files
    std::string textStart;   // the first characters of a text file (at most 40)
    std::uintmax_t size = 0; // bytes
};

// Reads at most the first 512 bytes. Throws Error when the file cannot be read.
HeaderEvidence sniffHeader(const std::string& path);

// Whether the file begins as numpy's .npy does; false for a file that cannot be read.
bool isNpyFile(const std::string& path);

// Whether the extension names a sound-file format (.wav .flac .ogg .aif .aiff .w64 .rf64 ...).
bool hasSoundExtension(const std::string& path);
// Whether the extension names raw samples of no particular type (.raw .iq .bin .dat).
bool hasGenericRawExtension(const std::string& path);

// A value and where it came from (Origins' vocabulary); unset when nothing says.
template <typename T> struct Sourced {
    std::optional<T> value;
    std::string from;
};

struct RawRecognition {
    Sourced<RawLayout> layout;
    Sourced<double> sampleRate;
    Sourced<double> centerFrequency;
    std::string startTime; // from the name, ISO 8601 UTC, or empty
};

// Layout from the user's format, else a type token in the name, else the extension; rate and
// centre from the user, else the name. Throws Error for a format name nobody knows.
RawRecognition recognizeRaw(const std::string& path, const OpenOptions& options);

// No audio format runs above this rate; SDR programs write stereo I/Q files at such rates.
constexpr double kHighestAudioRate = 384000.0;

// Why a sound file is read as I/Q ("user", "auxi", "rate above 384 kHz"), or empty when it is
// audio (always when the user said --audio).
std::string soundFileIqReason(int channels, double sampleRate, const OpenOptions& options,
                              bool hasAuxi);

// Throws the error that says what an unreadable file is: empty, text, a damaged sound file
// (with libsndfile's reason), a sound-file name on something else, or raw samples whose type
// nobody knows (ErrorKind::NeedsRawParameters).
[[noreturn]] void describeUnreadable(const std::string& path, const HeaderEvidence& header,
                                     const std::string& soundFileReason);

} // namespace specedit::core
