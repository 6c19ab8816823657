#include "apply/PictureStft.h"

#include "dsp/Window.h"
#include "phase/PictureGrid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specedit::core {
namespace {

std::string pooledNote(const PictureDescription& d) {
    const double bins = (d.f1 - d.f0) / (d.sampleRate / d.nfft) / d.height;
    const double frames = (d.t1 - d.t0) / ((d.nperseg - d.noverlap) / d.sampleRate) / d.width;
    if (bins < 1.5 && frames < 1.5)
        return {};
    const auto cells = std::int64_t(std::lround(std::max(bins, 1.0) * std::max(frames, 1.0)));
    double harmonic = 0; // E[max of n exponentials] / mean = H_n
    for (std::int64_t k = 1; k <= cells; ++k)
        harmonic += 1.0 / double(k);
    char rows[80] = "", columns[80] = "";
    if (bins >= 1.5)
        std::snprintf(rows, sizeof rows, "each of its rows shows the loudest of %.1f bins", bins);
    if (frames >= 1.5)
        std::snprintf(columns, sizeof columns, "%s the loudest of %.1f frames",
                      bins >= 1.5 ? " and each column" : "each of its columns shows", frames);
    char text[400];
    std::snprintf(text, sizeof text,
                  "%s%s (the view was zoomed out): noise comes back about %.0f dB louder than it "
                  "was; zoom in until a row is a bin and a column a frame before exporting, to "
                  "rebuild closer",
                  rows, columns, 10 * std::log10(harmonic));
    return text;
}

} // namespace

PictureStft pictureStft(const ReadPicture& read, const ImageAxes& axes, const IstftOptions& given,
                        bool windowGiven) {
    std::optional<int> noverlap = given.noverlap, nfft = given.nfft;
    int nperseg = given.nperseg.value_or(0);
    WindowSpec window = given.window;
    PictureStft out;
    if (!given.nperseg && read.description) { // the STFT it says it was drawn from
        const PictureDescription& d = *read.description;
        nperseg = d.nperseg;
        noverlap = noverlap.value_or(d.noverlap);
        nfft = nfft.value_or(d.nfft);
        if (!windowGiven)
            window = parseWindow(d.window, "the picture's SpecEdit description");
        out.note = "; rebuilt on the STFT it was drawn from (" + toString(window) + ", nperseg " +
                   std::to_string(nperseg) + ", hop " + std::to_string(nperseg - *noverlap) + ")";
        out.pooled = pooledNote(d);
    } else if (!given.nperseg) { // the STFT it was drawn from, as far as its cells show
        const PictureGrid grid = pictureGrid(read.levels, axes, given.fs);
        nperseg = grid.nperseg;
        noverlap = noverlap.value_or(grid.noverlap);
        out.note = "; rebuilt on " + grid.note;
    }
    out.params = StftParams::make(window, nperseg, noverlap, nfft, given.fs);
    return out;
}

} // namespace specedit::core
