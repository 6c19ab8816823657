#pragma once
// Spectrograms in and out as .npy, equal to scipy.signal.stft / istft called with the same
// arguments (boundary zeros, padded, spectrum scaling): complex64 arrays of shape
// (bins, frames), bins in FFT order. Written in Fortran order so frames stream to disk.
//
// One- or two-sided follows the signal (stft) or the number of bins (istft; see
// resolveIstftParams).

#include "dsp/StftParams.h"
#include "io/Npy.h"
#include "io/SampleSource.h"
#include "io/SignalWriter.h"
#include "util/JobControl.h"

#include <optional>
#include <string>

namespace specedit::core {

struct NpyStftSummary {
    int bins = 0;
    std::int64_t frames = 0;
    bool twoSided = false;
};

// STFT of a source (IQ: two-sided; audio: one-sided of `channel`, -1 mixing all) into
// outPath (.npy). Refuses to write over any of the source's files; non-finite input is an
// Error with its sample index. params.fs is taken from the source.
NpyStftSummary writeStftNpy(const SampleSource& source, int channel, StftParams params,
                            const std::string& outPath, JobControl& job);

// What the user gave for an inverse; unset values take scipy's defaults.
struct IstftOptions {
    WindowSpec window{};
    std::optional<int> nperseg, noverlap, nfft;
    double fs = 1.0;
};

// Resolves parameters for a spectrogram of `bins` rows, as scipy.signal.istft does:
// with nfft given, bins == nfft/2+1 is one-sided and bins == nfft two-sided; otherwise
// bins == nperseg/2+1 or bins == nperseg (nfft = nperseg), or else one-sided with
// nfft = 2 (bins - 1) (scipy's default, which also covers zero-padded spectra).
// Throws Error naming `file` when nothing fits.
StftParams resolveIstftParams(std::int64_t bins, const IstftOptions& options,
                              const std::string& file, bool* twoSided);

struct NpyIstftSummary {
    std::int64_t samples = 0;
    bool complexOutput = false;
};

// Inverse of a (bins, frames) .npy into outPath: an .npy (float32 one-sided, complex64
// two-sided; float64 and complex128 when writerOptions.sampleType says float64) or a recording
// (audio or IQ, through SignalWriter; `like` gives the centre frequency and sample type). Refuses
// to write over the input; non-finite values are an Error.
NpyIstftSummary writeIstft(const std::string& npyPath, const IstftOptions& options,
                           const std::string& outPath, const WriterOptions& writerOptions,
                           std::optional<double> centerFrequency, JobControl& job);

// Writes a whole signal (double: real; std::complex<double>: IQ) to outPath: a 1-D .npy
// (float64 or complex128, as numpy's default; float32 or complex64 when options.sampleType
// says float32) or a recording through SignalWriter. Atomic; throws Error. Returns
// the values clipped to the sample type's range (integer types).
template <typename S>
std::int64_t writeSignal(const std::vector<S>& x, double fs, const std::string& outPath,
                         const WriterOptions& options, std::optional<double> centerFrequency);

} // namespace specedit::core
