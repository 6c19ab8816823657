#pragma once
// Opens any supported recording and decides what it is:
//   * SigMF (.sigmf-meta, .sigmf-data, .sigmf archive)             -> SigmfSource
//   * a numpy array (.npy: 1-D real or complex, frames x channels)  -> NpySignalSource
//   * raw IQ (--format, or a .cf32/.cs16/.cs8/.cu8/... extension)   -> RawIqSource
//   * anything else through libsndfile                              -> SndfileSource
// A stereo sound file is IQ when it carries an `auxi` chunk or when options.forceIq is set;
// its centre frequency and start time come from the auxi chunk, else from the file name
// (SDRuno_20220309_140138Z_1kHz.wav). A raw file's or numpy array's rate and centre come from
// the options, else from the file name. Options always win over what the file says.

#include "io/OpenOptions.h"
#include "io/SampleSource.h"

#include <memory>
#include <string>

namespace specedit::core {

// Throws Error naming the file: missing, empty, truncated, unknown format, a raw file without
// a sample rate, --iq on a file that does not have two channels.
std::unique_ptr<SampleSource> openRecording(const std::string& path, const OpenOptions& options);

// Whether a numpy array (info as NpySignalSource reads it) is audio whatever its rate: real
// values in other than two channels, or two the user said are audio and not I/Q.
bool npyReadsAsAudio(const SignalInfo& info, const OpenOptions& options);

} // namespace specedit::core
