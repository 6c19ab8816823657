#include "AnalysisPanel.h"

#include "view/AxisTickers.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace specedit::ui {
namespace {

enum MergeId { kWindowEdit = 1, kLengthEdit, kOverlapEdit, kFftEdit };

const char* kWindows[] = {"hann",    "hamming",    "blackman",    "blackmanharris",
                          "flattop", "kaiser,8.6", "gaussian,64", "boxcar"};

} // namespace

AnalysisPanel::AnalysisPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildAnalysisGroup());
    layout->addWidget(buildDisplayGroup());
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #c0392b;");
    m_problem->hide();
    layout->addWidget(m_problem);
    layout->addStretch(1);
}

QWidget* AnalysisPanel::buildAnalysisGroup() {
    auto* group = new QGroupBox(tr("Analysis"), this);
    auto* form = new QFormLayout(group);
    m_window = new QComboBox(group);
    for (const char* w : kWindows)
        m_window->addItem(QString::fromLatin1(w));
    m_nperseg = new QSpinBox(group);
    m_nperseg->setRange(16, 65536);
    m_nperseg->setSuffix(tr(" samples"));
    m_nperseg->setKeyboardTracking(false); // typing 40000 plans once, not for 4, 40, 400...
    m_duration = new QLabel(group);
    m_overlap = new QSpinBox(group);
    m_overlap->setRange(0, 95);
    m_overlap->setSuffix(" %");
    m_overlap->setKeyboardTracking(false);
    m_nfft = new QComboBox(group);
    for (const char* z : {"1x (no padding)", "2x", "4x", "8x"})
        m_nfft->addItem(tr(z));
    m_channel = new QComboBox(group);
    form->addRow(tr("Window"), m_window);
    form->addRow(tr("Length"), m_nperseg);
    form->addRow(QString(), m_duration);
    form->addRow(tr("Overlap"), m_overlap);
    form->addRow(tr("FFT size"), m_nfft);
    form->addRow(tr("Channel"), m_channel);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { emitAnalysis(kWindowEdit); });
    connect(m_nperseg, &QSpinBox::valueChanged, this, [this] {
        updateDurationLabel();
        emitAnalysis(kLengthEdit);
    });
    connect(m_overlap, &QSpinBox::valueChanged, this, [this] { emitAnalysis(kOverlapEdit); });
    connect(m_nfft, &QComboBox::currentIndexChanged, this, [this] { emitAnalysis(kFftEdit); });
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_updating)
            return;
        const QString mode = m_channel->currentData().toString();
        if (mode == "iq" || mode == "audio")
            emit iqModeEdited(mode == "iq");
        else
            emit channelEdited(index - 1); // item 0 is the mix
    });
    return group;
}

QWidget* AnalysisPanel::buildDisplayGroup() {
    auto* group = new QGroupBox(tr("Display"), this);
    auto* form = new QFormLayout(group);
    m_colormap = new QComboBox(group);
    m_colormap->addItems(Colormap::names());
    m_minDb = new QDoubleSpinBox(group);
    m_maxDb = new QDoubleSpinBox(group);
    for (auto* spin : {m_minDb, m_maxDb}) {
        spin->setRange(-250, 100);
        spin->setDecimals(0);
        spin->setSuffix(" dB");
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] { emitColor(); });
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
    const QSignalBlocker b1(m_window), b2(m_nperseg), b3(m_overlap), b4(m_nfft), b5(m_channel);
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
        m_channel->addItem(tr("IQ (complex, two-sided)"));
        m_channel->addItem(tr("Audio (two channels)"), "audio");
        m_channel->setEnabled(info.container == core::Container::SoundFile);
    } else {
        m_channel->addItem(tr("Mix of all channels"));
        for (int c = 0; c < info.channels; ++c)
            m_channel->addItem(tr("Channel %1").arg(c + 1));
        if (info.channels == 2)
            m_channel->addItem(tr("IQ (left I, right Q)"), "iq");
        m_channel->setCurrentIndex(channel + 1);
        m_channel->setEnabled(info.channels > 1);
    }
    updateDurationLabel();
    m_problem->hide();
    m_updating = false;
}

void AnalysisPanel::showColor(const ColorParams& params) {
    const QSignalBlocker b1(m_colormap), b2(m_minDb), b3(m_maxDb);
    m_colormap->setCurrentIndex(int(params.map));
    m_minDb->setValue(params.minDb);
    m_maxDb->setValue(params.maxDb);
}

void AnalysisPanel::showProblem(const QString& text) {
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

core::StftParams AnalysisPanel::currentParams() const {
    const int n = m_nperseg->value();
    const int overlap = std::min(n - 1, int(std::lround(n * m_overlap->value() / 100.0)));
    return core::StftParams::make(core::parseWindow(m_window->currentText().toStdString()), n,
                                  overlap, n << m_nfft->currentIndex(), m_fs);
}

void AnalysisPanel::emitAnalysis(int mergeId) {
    if (!m_updating)
        emit analysisEdited(currentParams(), mergeId);
}

void AnalysisPanel::emitColor() {
    ColorParams p;
    p.map = ColormapId(m_colormap->currentIndex());
    p.minDb = float(m_minDb->value());
    p.maxDb = float(std::max(m_maxDb->value(), m_minDb->value() + 1));
    emit colorEdited(p);
}

void AnalysisPanel::updateDurationLabel() {
    const double ms = 1000.0 * m_nperseg->value() / m_fs;
    const double hz = m_fs / m_nperseg->value();
    m_duration->setText(tr("%1 ms, %2 per bin")
                            .arg(QString::number(ms, 'f', decimalsFor(readoutStep(ms / 1000), 1)),
                                 formatFrequency(hz, readoutStep(hz / 1000))));
}

} // namespace specedit::ui
