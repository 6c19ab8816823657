#pragma once
// File > Export spectrogram image: the plot as shown (axes, colour scale, trace lane) as PNG,
// with a description of itself in a text chunk (core/io/PictureDescription.h: where the plot
// lies, its axes, levels, map and the STFT drawn) that a rebuild reads instead of its tick
// labels and colours. Written atomically. GUI thread only.

#include "io/PictureDescription.h"

#include <QRect>
#include <QString>

class QWidget;

namespace specedit::ui {

class Document;
class SpectrogramView;

// What the view shows, as the picture's description (the plot's place from renderPicture).
core::PictureDescription describeView(const SpectrogramView& view, const Document& document,
                                      const QRect& plot);

// Returns once the view shows its exact tiles (quick ones stand in while they are computed: a
// picture exported then would be the quick one); a dialog says so after half a second, and the
// user may cancel. False, with why, if cancelled or the spectrogram could not be computed.
bool waitForExactPicture(SpectrogramView& view, QWidget* parent, QString* why);

// Empty on success, else what went wrong, naming the file.
QString exportSpectrogramPicture(SpectrogramView& view, const Document& document,
                                 const QString& path);

} // namespace specedit::ui
