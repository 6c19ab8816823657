#pragma once
// The levels and axes of a grayscale spectrogram picture in File > Rebuild from spectrogram:
// the outer edges of its outer pixels as its axes read, and the sample rate its frequency
// axis shows (core::pictureSampleRate). GUI thread only.

#include "phase/ImageSpectrum.h"

#include <QGroupBox>
#include <QList>
#include <optional>

class QDoubleSpinBox;

namespace specedit::ui {

class PictureFields : public QGroupBox {
    Q_OBJECT
public:
    explicit PictureFields(QWidget* parent = nullptr);

    core::ImageAxes axes() const;
    // The rate a 0 .. fs/2 or -fs/2 .. fs/2 frequency axis shows; none for another band.
    std::optional<double> shownSampleRate() const;
    QList<QDoubleSpinBox*> fields() const;

signals:
    void axesChanged();
    // Why a time or frequency field refused what was typed ("Time to: ...; it stays 1 s").
    void refused(const QString& why);

private:
    QDoubleSpinBox *m_dbMin, *m_dbMax, *m_t0, *m_t1, *m_f0, *m_f1;
};

} // namespace specedit::ui
