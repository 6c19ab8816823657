#pragma once
// The colour map, levels and axes of a spectrogram picture in File > Rebuild from spectrogram:
// the map it was drawn with (Auto: gray for a grayscale picture, else the closest;
// core/io/PictureLevels.h), the edges of its plot as its axes read, and the sample rate its
// frequency axis shows (core::pictureSampleRate). GUI thread only.

#include "io/FigureAxes.h"
#include "phase/ImageSpectrum.h"
#include "phase/SpectrumImport.h"

#include <QGroupBox>
#include <QList>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace specedit::ui {

class PictureFields : public QGroupBox {
    Q_OBJECT
public:
    explicit PictureFields(QWidget* parent = nullptr);

    core::ImageAxes axes() const;
    // What the levels are dB of: |X| in scipy's "spectrum" scaling, or a PSD (psd).
    core::SpectrumScaling levelsOf() const;
    // "auto", "viridis", "gray_r", ... as core::readPictureLevels takes it.
    std::string colormap() const;
    // The rate a 0 .. fs/2 or -fs/2 .. fs/2 frequency axis shows; none for another band. A
    // picture SpecEdit exported: the rate its description names, until the frequencies are typed.
    // A radio band's (432.9 to 434.9 MHz) with its centre frequency inside it: its span.
    std::optional<double> shownSampleRate(double centre = 0) const;
    QList<QDoubleSpinBox*> fields() const;
    // The ranges the figure's tick labels print (core/io/FigureAxes.h) into their fields; a
    // frequency axis so read shows the usual rate nearest it (core::rateReadOff) until its
    // fields are edited. Returns what was read and what not, for the status line.
    // An axis whose fields were typed in since forgetTyped() keeps what was typed (a read
    // finishing late does not overwrite it).
    QString setReadAxes(const core::FigureAxes& read);
    void forgetTyped(); // a new picture: every field may take what its labels print

signals:
    void axesChanged();
    void coloursChanged(); // the colour map or its direction

    // Why a time or frequency field refused what was typed ("Time to: ...; it stays 1 s").
    void refused(const QString& why);

private:
    QComboBox* m_colormap;
    QCheckBox* m_reversed;
    QComboBox* m_levelsOf;
    QDoubleSpinBox *m_dbMin, *m_dbMax, *m_t0, *m_t1, *m_f0, *m_f1;
    bool m_frequencyRead = false;          // the frequency fields hold what the labels print
    std::optional<double> m_describedRate; // a picture SpecEdit exported names its rate
    bool m_typed[3] = {};                  // levels, time, frequency: typed since forgetTyped()
    bool m_settingRead = false;
};

} // namespace specedit::ui
