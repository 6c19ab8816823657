#include "labels/ClipExportDialog.h"

#include "Counted.h"
#include "SecondsSpinBox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace specedit::ui {

ClipExportDialog::ClipExportDialog(const QString& folder, bool complex, int labels, int proposed,
                                   QWidget* parent)
    : QDialog(parent), m_folder(new QLineEdit(QDir::toNativeSeparators(folder), this)),
      m_format(new QComboBox(this)),
      m_margin(new SecondsSpinBox(this, SecondsSpinBox::Style::Duration)) {
    setWindowTitle(tr("Export bursts as clips"));
    auto* form = new QFormLayout(this);
    QString text = tr("Each of the %1 becomes its own clip: the edited signal isolated in the "
                      "label's band, from its start to its end plus the margin, named by class "
                      "and id (e.g. FSK_3).")
                       .arg(counted(labels, tr("label"), tr("labels")));
    if (proposed > 0)
        text += " " + (proposed == labels
                           ? tr("All are proposals, not yet accepted.")
                           : tr("%1 of them are proposals, not yet accepted.").arg(proposed));
    auto* about = new QLabel(text, this);
    about->setWordWrap(true);
    form->addRow(about);
    auto* row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    row->addWidget(browseButton);
    form->addRow(tr("Folder"), row);
    if (complex) {
        m_format->addItem(tr("SigMF (.sigmf-meta, the burst annotated)"), "sigmf-meta");
        for (const char* raw : {"cf32", "cs16", "cs8", "cu8"})
            m_format->addItem(tr("Raw IQ (.%1)").arg(raw), raw);
        m_format->addItem(tr("WAV (I left, Q right)"), "wav");
    } else {
        m_format->addItem(tr("WAV"), "wav");
        m_format->addItem(tr("FLAC"), "flac");
    }
    form->addRow(tr("Format"), m_format);
    m_margin->setRange(0, 10);
    m_margin->setValue(core::BurstClipOptions{}.margin);
    m_margin->setObjectName("margin");
    form->addRow(tr("Margin before and after"), m_margin);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);
    connect(browseButton, &QPushButton::clicked, this, &ClipExportDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(620);
}

void ClipExportDialog::browse() {
    const QString chosen =
        QFileDialog::getExistingDirectory(this, tr("Folder for the clips"), m_folder->text());
    if (!chosen.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(chosen));
}

core::BurstClipOptions ClipExportDialog::options() const {
    core::BurstClipOptions o;
    o.folder = QDir::fromNativeSeparators(m_folder->text().trimmed()).toStdString();
    o.extension = m_format->currentData().toString().toStdString();
    o.margin = m_margin->value();
    return o;
}

} // namespace specedit::ui
