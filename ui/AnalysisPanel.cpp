#include "AnalysisPanel.h"

#include "Document.h"
#include "KeepDigitsSpinBox.h"
#include "view/AxisTickers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace specedit::ui {
namespace {

enum MergeId { kWindowEdit = 1, kLengthEdit, kOverlapEdit, kFftEdit };

constexpr int kMinLength = 16;
constexpr int kMaxLength = 65536;
constexpr const char* kInvalidStyle = "background-color: #f6d5d1;";

const char* kWindows[] = {"hann",       "hamming",     "blackman", "blackmanharris", "flattop",
                          "kaiser,8.6", "gaussian,64", "boxcar",   "tukey,0.25"};

} // namespace

AnalysisPanel::AnalysisPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildAnalysisGroup());
    layout->addWidget(buildDisplayGroup());
    layout->addStretch(1);
    setEnabled(false); // until a recording is open: no "0 samples" to edit, or to read
    m_nperseg->setSpecialValueText(tr("—"));
    m_overlap->setSpecialValueText(tr("—"));
}

// Why the fields hold no analysis, under the length's readout in place of it (at the foot of
// the panel it lay out of sight in a short window, and the readout under a length of 3 read
// as valid), with a way back.
QWidget* AnalysisPanel::buildProblem(QWidget* parent) {
    m_problem = new QWidget(parent);
    auto* problemLayout = new QVBoxLayout(m_problem);
    problemLayout->setContentsMargins(0, 0, 0, 0);
    m_problemText = new QLabel(m_problem);
    m_problemText->setWordWrap(true);
    m_problemText->setStyleSheet("color: #c0392b;");
    auto* restore = new QPushButton(tr("Restore the last valid settings"), m_problem);
    connect(restore, &QPushButton::clicked, this, &AnalysisPanel::restoreRequested);
    problemLayout->addWidget(m_problemText);
    problemLayout->addWidget(restore);
    m_problem->hide();
    return m_problem;
}

QWidget* AnalysisPanel::buildAnalysisGroup() {
    auto* group = new QGroupBox(tr("Analysis"), this);
    auto* form = new QFormLayout(group);
    m_window = new QComboBox(group);
    for (const char* w : kWindows)
        m_window->addItem(QString::fromLatin1(w));
    m_nperseg = new KeepDigitsSpinBox(group);
    m_nperseg->setRange(0, 99999999); // checked by rangeProblem(), never clamped while typing
    m_nperseg->setSuffix(tr(" samples"));
    m_nperseg->setKeyboardTracking(false); // typing 40000 plans once, not for 4, 40, 400...
    m_duration = new QLabel(group);
    m_overlap = new KeepDigitsSpinBox(group);
    m_overlap->setRange(0, 999);
    m_overlap->setSuffix(" %");
    m_overlap->setKeyboardTracking(false);
    m_nfft = new QComboBox(group);
    for (const char* z : {"1x (no padding)", "2x", "4x", "8x"})
        m_nfft->addItem(tr(z));
    m_channel = new QComboBox(group);
    form->addRow(tr("Window"), m_window);
    m_autoLength = new QCheckBox(tr("Auto"), group);
    m_autoLength->setToolTip(tr("The length follows the zoom: one pixel's span of samples, "
                                "longer as the frequency is zoomed in"));
    auto* lengthRow = new QHBoxLayout;
    lengthRow->addWidget(m_nperseg, 1);
    lengthRow->addWidget(m_autoLength);
    form->addRow(tr("Length"), lengthRow);
    connect(m_autoLength, &QCheckBox::toggled, this, &AnalysisPanel::autoLengthEdited);
    form->addRow(QString(), m_duration);
    form->addRow(buildProblem(group));
    form->addRow(tr("Overlap"), m_overlap);
    form->addRow(tr("FFT size"), m_nfft);
    form->addRow(tr("Channel"), m_channel);
    m_nperseg->setToolTip(tr("%1 to %2 samples").arg(kMinLength).arg(kMaxLength));
    m_overlap->setToolTip(tr("0 to 99 %, leaving a hop of at least one sample"));
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        m_lastEdited = m_window;
        emitAnalysis(kWindowEdit);
    });
    connect(m_nperseg, &QSpinBox::valueChanged, this, [this] {
        m_lastEdited = m_nperseg;
        updateDurationLabel();
        emitAnalysis(kLengthEdit);
    });
    connect(m_overlap, &QSpinBox::valueChanged, this, [this] {
        m_lastEdited = m_overlap;
        updateDurationLabel();
        emitAnalysis(kOverlapEdit);
    });
    connect(m_nfft, &QComboBox::currentIndexChanged, this, [this] {
        m_lastEdited = m_nfft;
        emitAnalysis(kFftEdit);
    });
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updating)
            return;
        const QVariant item = m_channel->itemData(index);
        if (item.typeId() == QMetaType::QString)
            emit iqModeEdited(item.toString() == "iq");
        else
            emit channelEdited(item.toInt());
    });
    return group;
}

QWidget* AnalysisPanel::buildDisplayGroup() {
    auto* group = new QGroupBox(tr("Display"), this);
    auto* form = new QFormLayout(group);
    m_colormap = new QComboBox(group);
    m_colormap->addItems(Colormap::names());
    m_minDb = new KeepDigitsDoubleSpinBox(group);
    m_maxDb = new KeepDigitsDoubleSpinBox(group);
    for (auto* spin : {m_minDb, m_maxDb}) {
        spin->setRange(-250, 100);
        spin->setDecimals(0);
        spin->setSuffix(" dB");
        // One value when the typing ends: "-20" passed through "-2", above a ceiling of -24,
        // and was refused half typed.
        spin->setKeyboardTracking(false);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, spin] { levelEdited(spin); });
    }
    m_auto = new QPushButton(tr("Auto levels"), group);
    m_auto->setToolTip(tr("Set the range from the visible part: noise floor to peaks (L)"));
    form->addRow(tr("Colormap"), m_colormap);
    form->addRow(tr("Floor"), m_minDb);
    form->addRow(tr("Ceiling"), m_maxDb);
    form->addRow(QString(), m_auto);
    connect(m_colormap, &QComboBox::currentIndexChanged, this, [this] { emitColor(); });
    connect(m_auto, &QPushButton::clicked, this, &AnalysisPanel::autoLevelsRequested);
    return group;
}

void AnalysisPanel::showAnalysis(const core::StftParams& p, const core::SignalInfo& info,
                                 int channel) {
    m_updating = true;
    setEnabled(true);
    const QSignalBlocker b1(m_window), b2(m_nperseg), b3(m_overlap), b4(m_nfft), b5(m_channel);
    m_nperseg->setSpecialValueText({}); // "—" only while no recording is open: 0 % is an overlap
    m_overlap->setSpecialValueText({});
    m_fs = p.fs;
    const int w = m_window->findText(QString::fromStdString(core::toString(p.window)));
    if (w < 0)
        m_window->addItem(QString::fromStdString(core::toString(p.window)));
    m_window->setCurrentText(QString::fromStdString(core::toString(p.window)));
    m_nperseg->setValue(p.nperseg);
    m_overlap->setValue(int(std::lround(100.0 * p.noverlap / p.nperseg)));
    int pad = 0;
    while (pad < 3 && (p.nperseg << pad) < p.nfft)
        ++pad;
    m_nfft->setCurrentIndex(pad);
    m_channel->clear();
    if (info.isComplex()) {
        m_channel->addItem(tr("IQ (complex, two-sided)"), QString("iq"));
        m_channel->addItem(tr("Audio (two channels)"), QString("audio"));
        // Two real channels read as I and Q can be read as audio; complex values cannot.
        m_channel->setEnabled(info.container == core::Container::SoundFile ||
                              (info.container == core::Container::Npy && !info.storedComplex));
    } else {
        if (info.channels >= 2 && info.channels <= Document::kMaxStackedChannels)
            m_channel->addItem(tr("All channels, one above another"), Document::kStackedChannels);
        m_channel->addItem(info.channels == 1 ? tr("Mono") : tr("Mix of all channels"), -1);
        for (int c = 0; c < info.channels && info.channels > 1; ++c)
            m_channel->addItem(tr("Channel %1").arg(c + 1), c);
        if (info.channels == 2)
            m_channel->addItem(tr("IQ (left I, right Q)"), QString("iq"));
        m_channel->setCurrentIndex(std::max(0, m_channel->findData(channel)));
        m_channel->setEnabled(info.channels > 1);
    }
    updateDurationLabel();
    showProblem({});
    m_updating = false;
}

void AnalysisPanel::showAutoLength(bool on) {
    const QSignalBlocker block(m_autoLength);
    m_autoLength->setChecked(on);
}

void AnalysisPanel::showColor(const ColorParams& params) {
    const QSignalBlocker b1(m_colormap), b2(m_minDb), b3(m_maxDb);
    m_colormap->setCurrentIndex(int(params.map));
    m_minDb->setValue(params.minDb);
    m_maxDb->setValue(params.maxDb);
    m_shownMinDb = params.minDb;
    m_shownMaxDb = params.maxDb;
}

void AnalysisPanel::showProblem(const QString& text) {
    m_problemText->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_duration->setVisible(text.isEmpty());
    for (QWidget* field : {static_cast<QWidget*>(m_window), static_cast<QWidget*>(m_nperseg),
                           static_cast<QWidget*>(m_overlap), static_cast<QWidget*>(m_nfft)})
        field->setStyleSheet({});
    if (!text.isEmpty())
        markInvalid(m_lastEdited);
}

QString AnalysisPanel::problem() const {
    return hasInvalidInput() ? m_problemText->text() : QString();
}

void AnalysisPanel::markInvalid(QWidget* field) {
    if (field)
        field->setStyleSheet(kInvalidStyle);
}

// A field outside its range, said with the range; empty when both are in range.
QString AnalysisPanel::rangeProblem() const {
    const int n = m_nperseg->value();
    if (n < kMinLength || n > kMaxLength)
        return tr("Length %1 samples is outside the allowed range: %2 to %3 samples.")
            .arg(n)
            .arg(kMinLength)
            .arg(kMaxLength);
    const int overlap = int(std::lround(n * m_overlap->value() / 100.0));
    if (m_overlap->value() > 99 || overlap >= n)
        return tr("Overlap %1 % leaves no hop between frames: allowed are 0 to 99 % (at most "
                  "%2 of %3 samples).")
            .arg(m_overlap->value())
            .arg(n - 1)
            .arg(n);
    return {};
}

core::StftParams AnalysisPanel::currentParams() const {
    const int n = m_nperseg->value();
    const int overlap = int(std::lround(n * m_overlap->value() / 100.0));
    return core::StftParams::make(core::parseWindow(m_window->currentText().toStdString()), n,
                                  overlap, n << m_nfft->currentIndex(), m_fs);
}

void AnalysisPanel::emitAnalysis(int mergeId) {
    if (m_updating)
        return;
    if (const QString problem = rangeProblem(); !problem.isEmpty()) {
        showProblem(problem);
        return;
    }
    emit analysisEdited(currentParams(), mergeId);
}

void AnalysisPanel::emitColor() {
    ColorParams p;
    p.map = ColormapId(m_colormap->currentIndex());
    p.minDb = float(m_minDb->value());
    p.maxDb = float(m_maxDb->value());
    m_shownMinDb = m_minDb->value();
    m_shownMaxDb = m_maxDb->value();
    emit colorEdited(p);
}

// A ceiling typed below the floor had become the floor plus 1 dB unsaid, and the picture went
// black (a tester); it is refused, and said.
void AnalysisPanel::levelEdited(QDoubleSpinBox* edited) {
    if (m_maxDb->value() > m_minDb->value()) {
        emitColor();
        return;
    }
    const QString floor = m_minDb->text(), ceiling = m_maxDb->text();
    {
        const QSignalBlocker block(edited);
        edited->setValue(edited == m_minDb ? m_shownMinDb : m_shownMaxDb);
    }
    emit levelsRefused(edited == m_minDb
                           ? tr("Floor %1 is not below Ceiling %2: not applied (raise the "
                                "ceiling first)")
                                 .arg(floor, ceiling)
                           : tr("Ceiling %1 is not above Floor %2: not applied (lower the "
                                "floor first)")
                                 .arg(ceiling, floor));
}

// Duration, bin width and hop of what the fields say: the hop in samples shows exactly what
// the overlap percentage gives.
void AnalysisPanel::updateDurationLabel() {
    const int n = m_nperseg->value();
    if (n <= 0) {
        m_duration->clear();
        return;
    }
    const double ms = 1000.0 * n / m_fs;
    const double hz = m_fs / n;
    const int hop = n - int(std::lround(n * m_overlap->value() / 100.0));
    m_duration->setText(tr("%1 ms, %2/bin, hop %3")
                            .arg(QString::number(ms, 'f', decimalsFor(readoutStep(ms / 1000), 1)),
                                 formatFrequency(hz, readoutStep(hz / 1000)))
                            .arg(hop));
}

} // namespace specedit::ui
