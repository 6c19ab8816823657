#pragma once
// What a spectrogram picture SpecEdit exports says of itself (File > Export spectrogram
// image), so that rebuilding from it needs no reading of tick labels and colours: a JSON text
// chunk "SpecEdit spectrogram" in the PNG (io/PngText.h) giving the plot's place in the
// picture, the axes' ranges at its edges, the levels at the colour map's ends, the map, the
// recording's rate, centre frequency and kind, and the STFT drawn. Frequencies are the plot's
// own: hertz from 0 (audio) or from the centre frequency (IQ). Version 1:
//
//   {"format": "specedit-spectrogram", "version": 1,
//    "plot": {"left": 98, "top": 14, "width": 844, "height": 493},
//    "time_s": [0, 4], "frequency_hz": [-1000000, 1000000], "frequency_scale": "linear",
//    "levels_db": [-80, -15], "colormap": "inferno",
//    "sample_rate_hz": 2000000, "center_frequency_hz": 433920000, "complex": true,
//    "stft": {"window": "hann", "nperseg": 8192, "noverlap": 6144, "nfft": 8192},
//    "source": "SDRuno_....wav", "shows": "original", "panes": 1}
//
// A log or mel frequency axis is described and refused by the rebuild (phase/ImageSpectrum.h
// reads linear axes only); of stacked channels, the plot is the first pane's.

#include <optional>
#include <string>

namespace specedit::core {

struct PictureDescription {
    int left = 0, top = 0, width = 0, height = 0; // the plot's pixels in the picture
    double t0 = 0, t1 = 0;                        // s at the plot's left and right edges
    double f0 = 0, f1 = 0;                        // Hz at its bottom and top edges
    std::string frequencyScale = "linear";        // "linear", "log" or "mel"
    double dbMin = 0, dbMax = 0;                  // dB at the map's first and last colour
    std::string colormap;                         // a name io/Colormaps.h knows
    double sampleRate = 0;
    std::optional<double> centerFrequency; // IQ, when known
    bool complex = false;                  // IQ: a two-sided spectrum
    std::string window = "hann";           // phase/... parseWindow's text
    int nperseg = 0, noverlap = 0, nfft = 0;
    std::string source; // the recording's file name
    std::string shows;  // "original" or "edited"
    int panes = 1;      // stacked channels: the plot is the first's

    // "exported by SpecEdit from SDRuno_....wav (original)".
    std::string origin() const;
};

inline constexpr const char* kPictureDescriptionKey = "SpecEdit spectrogram";

std::string toJson(const PictureDescription& d);
// Throws Error naming `subject` and the field that is missing or wrong.
PictureDescription parsePictureDescription(const std::string& json, const std::string& subject);
// The description in a picture's PNG text, if it has one (throws as parsePictureDescription,
// and as readPngText for a damaged PNG).
std::optional<PictureDescription> readPictureDescription(const std::string& path);

} // namespace specedit::core
