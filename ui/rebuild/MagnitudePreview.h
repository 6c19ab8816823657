#pragma once
// A small spectrogram picture of a magnitude grid (the rebuild dialog's input and result side
// by side): dB over the top 80 dB of the grid, the editor's inferno colours, low frequencies at
// the bottom (two-sided grids with negative frequencies below zero), a time axis below and a
// frequency axis at the left labelled as the editor's axes are (view/AxisTickers.h), and a
// caption with the spans so the two pictures can be compared. GUI thread only.

#include "phase/PhaseRetrieval.h"

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace specedit::ui {

class MagnitudePreview : public QWidget {
    Q_OBJECT
public:
    explicit MagnitudePreview(const QString& title, QWidget* parent = nullptr);

    // hopSeconds: time between frames; fs: sample rate (Hz); twoSided: bins in FFT order;
    // signalSeconds: the signal's duration the caption states (0: the frames' span).
    void setGrid(const core::MagnitudeGrid& grid, double hopSeconds, double fs, bool twoSided,
                 double signalSeconds = 0);
    void clear(const QString& why);
    const QImage& image() const { return m_image; }
    QString caption() const { return m_caption; }
    // The labelled ticks, as drawn at the current size (empty without a picture).
    QStringList timeTicks() const;
    QStringList frequencyTicks() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    QSize sizeHint() const override { return {360, 220}; }

private:
    struct Ticks {
        QVector<double> at;
        QVector<QString> labels;
    };
    Ticks ticks(bool time, int pixels) const;
    void labelEnds(Ticks& t, int pixels) const;
    double frequencyStep(int pixels) const;
    QRect pictureRect() const;

    QString m_title, m_caption;
    QImage m_image;
    const QImage& shown(QSize size) const;
    mutable QImage m_shown; // m_image shrunk to the widget, by its loudest pixels
    mutable qint64 m_shownFrom = 0;
    double m_seconds = 0, m_fLow = 0, m_fHigh = 0;
};

} // namespace specedit::ui
