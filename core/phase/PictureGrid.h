#pragma once
// The STFT a spectrogram picture is rebuilt on when none is given: the one it was drawn from,
// when its cells can be counted. A plot with more rows than bins (pcolormesh,
// imshow with nearest-neighbour scaling) shows each bin as a band of equal rows, and likewise
// each frame as a band of equal columns: the regular grid of band edges that best matches the
// edges seen (most of them on it, and most of it seen) gives the bins, hence nperseg (fs
// bins / band shown: 2 (bins - 1) for a whole one-sided band, bins for a two-sided one), and
// the frames, hence the hop (the time span's samples over the frames). Where the bins are
// finer than the rows, nperseg is the power of two whose bins over the band shown the rows
// hold; where the frames are finer than the columns, the hop is a
// quarter of nperseg (75 % overlap: phase retrieval does best with that redundancy).
// Measured by bench/picture_grid.py on figures of speech drawn from seven STFTs (256 to 2048
// points, 50 and 75 % overlap), as PNG and JPEG: the bands are seen in PNGs where bins or
// frames are wider than 1.3 pixels (a JPEG's blur hides them), and the rebuild on the grid
// found is better than on 256/128 in 11 of 14 (by 0.35 to 5.6 dB) and worse in 3, all of a
// 256-point STFT (by 0.3 dB for half overlap taken as 75 %, by 0.8 and 1.0 dB as JPEG).

#include "io/GrayImage.h"
#include "io/PictureLevels.h"
#include "phase/ImageSpectrum.h"

#include <string>

namespace specedit::core {

struct PictureGrid {
    int nperseg = 256, noverlap = 192;
    // "nperseg 512 from its 257 bands of rows, hop 128 from its 793 bands of columns"
    std::string note;
};

PictureGrid pictureGrid(const PictureLevels& picture, const ImageAxes& axes, double fs);

} // namespace specedit::core
