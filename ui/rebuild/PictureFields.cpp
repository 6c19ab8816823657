#include "rebuild/PictureFields.h"

#include "CompactSpinBox.h"
#include "HertzSpinBox.h"
#include "SecondsSpinBox.h"
#include "apply/PictureAxes.h"
#include "io/Colormaps.h"
#include "util/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <tuple>

namespace specedit::ui {
namespace {

QDoubleSpinBox* field(QDoubleSpinBox* s, double lo, double hi, double value,
                      const QString& suffix) {
    s->setRange(lo, hi); // the box's own decimals: a time keeps -0.0029 s (it showed -0.003)
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
}

} // namespace

PictureFields::PictureFields(QWidget* parent)
    : QGroupBox(tr("Picture (its colour map's first colour is the lowest level, its last the "
                   "highest; the axes' ranges are its plot's edges)"),
                parent) {
    auto* row = new QHBoxLayout(this);
    m_colormap = new QComboBox(this);
    m_colormap->setObjectName("pictureColormap");
    m_colormap->addItem(tr("Auto"), "auto");
    for (const core::ColormapTable& map : core::colormapTables())
        m_colormap->addItem(QString::fromStdString(map.name), QString::fromStdString(map.name));
    m_colormap->setToolTip(tr("The colour map the picture was drawn with. Auto: gray for a "
                              "grayscale picture, else the map most of its plot's colours "
                              "belong to, read the way its colour bar runs; a figure's margins, "
                              "labels and colour bar are left out"));
    m_reversed = new QCheckBox(tr("Reversed"), this);
    m_reversed->setObjectName("pictureReversed");
    m_reversed->setToolTip(tr("Bright is quiet: the map's last colour is the lowest level "
                              "(matplotlib's NAME_r maps, or black on white as Praat draws)"));
    row->addWidget(new QLabel(tr("Colours"), this));
    row->addWidget(m_colormap);
    row->addWidget(m_reversed);
    connect(m_colormap, &QComboBox::currentIndexChanged, this, &PictureFields::coloursChanged);
    connect(m_reversed, &QCheckBox::toggled, this, &PictureFields::coloursChanged);
    m_dbMin = field(new CompactSpinBox(this), -1000, 1000, -100, tr(" dB"));
    m_dbMax = field(new CompactSpinBox(this), -1000, 1000, 0, tr(" dB"));
    m_dbMin->setDecimals(3);
    m_dbMax->setDecimals(3);
    m_t0 = field(new SecondsSpinBox(this), -1e6, 1e6, 0, QString()); // "0 s", "1.5 s"
    m_t1 = field(new SecondsSpinBox(this), -1e6, 1e6, 1, QString());
    m_f0 = field(new HertzSpinBox(this), -1e10, 1e10, 0, QString()); // "-1 MHz", "4 kHz"
    m_f1 = field(new HertzSpinBox(this), -1e10, 1e10, 4000, QString());
    m_f0->setObjectName("pictureFrequencyFrom");
    m_f1->setObjectName("pictureFrequencyTo");
    m_dbMax->setObjectName("pictureLevelsTo");
    const std::pair<QString, QDoubleSpinBox*> parts[] = {
        {tr("Levels"), m_dbMin}, {tr("to"), m_dbMax},     {tr("Time"), m_t0},
        {tr("to"), m_t1},        {tr("Frequency"), m_f0}, {tr("to"), m_f1}};
    m_levelsOf = new QComboBox(this);
    m_levelsOf->setObjectName("pictureLevelsOf");
    m_levelsOf->addItem(tr("of |X|"), "spectrum");
    m_levelsOf->addItem(tr("of a PSD"), "psd");
    m_levelsOf->setToolTip(
        tr("What the levels are dB of: |X|, scipy's \"spectrum\" magnitudes (dB of full scale: "
           "SpecEdit's pictures, librosa's amplitude_to_db), or a one-sided power spectral "
           "density, 10 log10 (matplotlib's specgram, scipy.signal.spectrogram's default)"));
    connect(m_levelsOf, &QComboBox::currentIndexChanged, this, &PictureFields::axesChanged);
    for (const auto& [label, box] : parts) {
        row->addWidget(new QLabel(label, this));
        row->addWidget(box, 1);
        if (box == m_dbMax)
            row->addWidget(m_levelsOf);
    }
    setToolTip(tr("The outer edges of the picture's outer pixels, as its axes read; the signal "
                  "starts at 0 s. A frequency axis from 0 to fs/2 or from -fs/2 to fs/2 sets the "
                  "sample rate until you type one"));
    for (QDoubleSpinBox* f : {m_f0, m_f1})
        connect(f, &QDoubleSpinBox::valueChanged, this, [this] {
            m_frequencyRead = m_frequencyRead && m_settingRead; // typed: the user's now
            emit axesChanged();
        });
    const std::pair<QDoubleSpinBox*, int> axisOf[] = {{m_dbMin, 0}, {m_dbMax, 0}, {m_t0, 1},
                                                      {m_t1, 1},    {m_f0, 2},    {m_f1, 2}};
    for (const auto& [box, axis] : axisOf)
        connect(box, &QDoubleSpinBox::valueChanged, this,
                [this, axis] { m_typed[axis] = m_typed[axis] || !m_settingRead; });
    const std::tuple<QString, UnitSpinBox*, QString> said[] = {
        {tr("Time from"), static_cast<UnitSpinBox*>(m_t0), tr("a time (0, 1.5 s, 250 ms)")},
        {tr("Time to"), static_cast<UnitSpinBox*>(m_t1), tr("a time (0, 1.5 s, 250 ms)")},
        {tr("Frequency from"), static_cast<UnitSpinBox*>(m_f0), tr("a frequency (0, -1M, 4 kHz)")},
        {tr("Frequency to"), static_cast<UnitSpinBox*>(m_f1), tr("a frequency (0, -1M, 4 kHz)")}};
    for (const auto& [name, unit, expected] : said)
        connect(unit, &UnitSpinBox::refused, this, [=, this](const QString& text) {
            emit refused(tr("Picture %1: \"%2\" is not %3; it stays %4.")
                             .arg(name, text, expected, unit->text()));
        });
}

std::string PictureFields::colormap() const {
    return m_colormap->currentData().toString().toStdString() +
           (m_reversed->isChecked() ? "_r" : "");
}

core::SpectrumScaling PictureFields::levelsOf() const {
    return core::parseSpectrumScaling(m_levelsOf->currentData().toString().toStdString(),
                                      "Levels of");
}

core::ImageAxes PictureFields::axes() const {
    return {m_dbMin->value(), m_dbMax->value(), m_t0->value(),
            m_t1->value(),    m_f0->value(),    m_f1->value()};
}

std::optional<double> PictureFields::shownSampleRate(double centre) const {
    if (m_describedRate && m_frequencyRead)
        return m_describedRate;
    try {
        core::ImageAxes shown = axes();
        core::offsetsFromCentre(shown, centre);
        const double rate = core::pictureSampleRate(shown);
        return m_frequencyRead ? core::rateReadOff(rate) : rate;
    } catch (const core::Error&) { // a band, or an empty or inverted range: the rate as it is
        return std::nullopt;
    }
}

QString PictureFields::setReadAxes(const core::FigureAxes& read) {
    QStringList got, missed;
    QStringList kept, printed;
    const std::tuple<const core::AxisReading*, QDoubleSpinBox*, QDoubleSpinBox*, std::string, int,
                     QString>
        parts[] = {{&read.time, m_t0, m_t1, read.timeNote(), 1, tr("time")},
                   {&read.frequency, m_f0, m_f1, read.frequencyNote(), 2, tr("frequency")},
                   {&read.level, m_dbMin, m_dbMax, read.levelNote(), 0, tr("levels")}};
    m_settingRead = true;
    m_frequencyRead = false;
    m_describedRate.reset();
    if (read.description) {
        m_describedRate = read.description->sampleRate;
        m_levelsOf->setCurrentIndex(0); // SpecEdit draws dB of |X| (of full scale)
    }
    for (const auto& [axis, from, to, note, typed, name] : parts) {
        if (m_typed[typed]) {
            kept << name;
            if (axis->read)
                printed << QString::fromStdString(note);
            continue;
        }
        if (!axis->read || axis->low >= axis->high) {
            missed << QString::fromStdString(note);
            continue;
        }
        m_frequencyRead = m_frequencyRead || from == m_f0;
        from->setValue(axis->low);
        to->setValue(axis->high);
        got << QString::fromStdString(note);
    }
    m_settingRead = false;
    QString text;
    if (!got.isEmpty() && read.description)
        text = tr("From its SpecEdit description (%1): %2; sample rate %3 Hz.")
                   .arg(QString::fromStdString(read.description->origin()), got.join("; "),
                        QString::fromStdString(core::exactNumber(read.description->sampleRate)));
    else if (!got.isEmpty())
        text = tr("Read from its tick labels (check them): %1.").arg(got.join("; "));
    if (!missed.isEmpty())
        text += (text.isEmpty() ? "" : " ") + tr("Give the rest: %1.").arg(missed.join("; "));
    if (!kept.isEmpty())
        text += (text.isEmpty() ? "" : " ") +
                tr("Kept as typed (typed while the labels were read): %1%2.")
                    .arg(kept.join(", "),
                         printed.isEmpty() ? QString()
                                           : tr("; its labels print %1").arg(printed.join("; ")));
    return text;
}

void PictureFields::forgetTyped() {
    std::fill(std::begin(m_typed), std::end(m_typed), false);
}

QList<QDoubleSpinBox*> PictureFields::fields() const {
    return {m_dbMin, m_dbMax, m_t0, m_t1, m_f0, m_f1};
}

} // namespace specedit::ui
