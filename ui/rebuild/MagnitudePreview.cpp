#include "rebuild/MagnitudePreview.h"

#include "render/Colormap.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

constexpr int kMaxColumns = 1200; // frames beyond are merged (the loudest of each group)

QString hz(double f) {
    return std::abs(f) >= 1000 ? QString::number(f / 1000, 'g', 4) + " kHz"
                               : QString::number(f, 'g', 4) + " Hz";
}

} // namespace

MagnitudePreview::MagnitudePreview(const QString& title, QWidget* parent)
    : QWidget(parent), m_title(title), m_caption(title + tr(": nothing yet")) {
    setMinimumSize(240, 160);
}

void MagnitudePreview::setGrid(const core::MagnitudeGrid& g, double hopSeconds, double fs,
                               bool twoSided) {
    if (g.bins < 1 || g.frames < 1) {
        clear(tr("empty"));
        return;
    }
    const std::int64_t group = (g.frames + kMaxColumns - 1) / kMaxColumns;
    const int columns = int((g.frames + group - 1) / group);
    double top = 0;
    for (double v : g.values)
        top = std::max(top, v);
    const float maxDb = float(20 * std::log10(std::max(top, 1e-300)));
    const Colormap colors(ColormapId::Inferno);
    m_image = QImage(columns, g.bins, QImage::Format_RGB32);
    for (int c = 0; c < columns; ++c)
        for (int k = 0; k < g.bins; ++k) {
            double v = 0;
            for (std::int64_t j = c * group; j < std::min(g.frames, (c + 1) * group); ++j)
                v = std::max(v, g.frame(j)[k]);
            // Row 0 at the top: the highest frequency. Two-sided bins are in FFT order:
            // bin k is frequency k or k - bins.
            const int signedBin = twoSided && k >= (g.bins + 1) / 2 ? k - g.bins : k;
            const int fromBottom = twoSided ? signedBin + g.bins / 2 : k;
            const float db = float(20 * std::log10(std::max(v, 1e-300)));
            m_image.setPixel(c, g.bins - 1 - fromBottom, colors.colorOf(db, maxDb - 80, maxDb));
        }
    const double seconds = double(g.frames - 1) * hopSeconds;
    const double fLow = twoSided ? -fs / 2 : 0, fHigh = fs / 2;
    m_caption = tr("%1: 0–%2 s, %3 to %4, top %5 dB shown")
                    .arg(m_title)
                    .arg(seconds, 0, 'g', 4)
                    .arg(hz(fLow), hz(fHigh))
                    .arg(80);
    setToolTip(m_caption);
    update();
}

void MagnitudePreview::clear(const QString& why) {
    m_image = QImage();
    m_caption = m_title + ": " + why;
    setToolTip(m_caption);
    update();
}

void MagnitudePreview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const int captionHeight = fontMetrics().height() + 4;
    const QRect picture = rect().adjusted(0, 0, 0, -captionHeight);
    if (!m_image.isNull()) {
        p.drawImage(picture, m_image);
        p.setPen(palette().windowText().color());
        p.drawText(QRect(0, picture.bottom() + 2, width(), captionHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   fontMetrics().elidedText(m_caption, Qt::ElideRight, width()));
        return;
    }
    // Without a picture the caption says why (an error may be long): wrapped over the black.
    p.fillRect(picture, Qt::black);
    p.setPen(Qt::lightGray);
    p.drawText(picture.adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               m_caption);
}

} // namespace specedit::ui
