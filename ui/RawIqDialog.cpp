#include "RawIqDialog.h"

#include "io/FilenameMetadata.h"
#include "io/RawIqSource.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>

namespace specedit::ui {

RawIqDialog::RawIqDialog(const QString& path, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Open raw IQ samples"));
    auto* form = new QFormLayout(this);
    form->addRow(new QLabel(tr("<b>%1</b> holds raw samples without a header. How were they "
                               "recorded?")
                                .arg(QFileInfo(path).fileName().toHtmlEscaped()),
                            this));
    m_format = new QComboBox(this);
    m_format->addItem(tr("cf32 — complex float 32-bit (GNU Radio, SDR#)"), "cf32");
    m_format->addItem(tr("cs16 — complex int 16-bit (HackRF transfer, USRP)"), "cs16");
    m_format->addItem(tr("cs8 — complex int 8-bit (HackRF)"), "cs8");
    m_format->addItem(tr("cu8 — complex uint 8-bit (rtl-sdr)"), "cu8");
    m_format->addItem(tr("cf64 — complex float 64-bit"), "cf64");
    if (const auto layout = core::rawLayoutFromExtension(path.toStdString())) {
        const int i = m_format->findData(
            QString::fromStdString(core::sigmfDatatypeName(*layout)).section('_', 0, 0));
        if (i >= 0)
            m_format->setCurrentIndex(i);
    }
    const auto hints = core::parseRecorderFilename(QFileInfo(path).fileName().toStdString());
    m_rate = new QDoubleSpinBox(this);
    m_rate->setRange(1, 1e10);
    m_rate->setDecimals(0);
    m_rate->setSuffix(" Hz");
    m_rate->setValue(hints.sampleRate.value_or(2e6));
    m_center = new QDoubleSpinBox(this);
    m_center->setRange(0, 1e12);
    m_center->setDecimals(0);
    m_center->setSuffix(" Hz");
    m_center->setSpecialValueText(tr("unknown (show baseband)"));
    m_center->setValue(hints.centerFrequency.value_or(0));
    form->addRow(tr("Sample type"), m_format);
    form->addRow(tr("Sample rate"), m_rate);
    form->addRow(tr("Centre frequency"), m_center);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

core::OpenOptions RawIqDialog::options() const {
    core::OpenOptions o;
    o.rawFormat = m_format->currentData().toString().toStdString();
    o.sampleRate = m_rate->value();
    if (m_center->value() > 0)
        o.centerFrequency = m_center->value();
    return o;
}

} // namespace specedit::ui
