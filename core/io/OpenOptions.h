#pragma once
// What the user says about a recording when its file does not say it (or says it wrongly).

#include <optional>
#include <string>

namespace specedit::core {

struct OpenOptions {
    bool forceIq = false;    // treat a stereo sound file as I/Q (--iq)
    bool forceAudio = false; // read a stereo file as audio even if it carries an auxi chunk
    bool swapIq = false;     // the recorder stored Q in the left channel
    std::optional<std::string> rawFormat;  // "cf32", "cs16", ... for raw files (--format)
    std::optional<double> sampleRate;      // Hz, overrides the file (--rate)
    std::optional<double> centerFrequency; // Hz, overrides the file (--center)
    std::string cacheDir; // where compressed recordings (.coco) are unpacked; empty: default
};

} // namespace specedit::core
