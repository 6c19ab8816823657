#include "labels/ClipExportDialog.h"

#include "Counted.h"
#include "RefusalHold.h"
#include "SecondsSpinBox.h"
#include "apply/ClipFolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <algorithm>

namespace specedit::ui {
namespace {

const char* kMarginKey = "clipExport/marginSeconds";
const char* kAcceptedOnlyKey = "clipExport/acceptedOnly";

QString formatKey(bool complex) {
    return complex ? "clipExport/formatIq" : "clipExport/formatAudio";
}

} // namespace

ClipExportDialog::ClipExportDialog(const QString& folder, bool complex, int labels, int proposed,
                                   QWidget* parent)
    : QDialog(parent), m_base(QFileInfo(folder).absolutePath()),
      m_folder(new QLineEdit(QDir::toNativeSeparators(folder), this)),
      m_format(new QComboBox(this)),
      m_margin(new SecondsSpinBox(this, SecondsSpinBox::Style::Duration)),
      m_problem(new QLabel(this)), m_complex(complex), m_hold(new RefusalHold(this)) {
    setWindowTitle(tr("Export bursts as clips"));
    auto* form = new QFormLayout(this);
    QString text = labels == 1 ? tr("The label becomes a clip of its own")
                               : tr("Each of the %1 labels becomes a clip of its own").arg(labels);
    text += tr(": the edited signal isolated in the label's band, from the margin before its "
               "start to the margin after its end, named by class and id (e.g. FSK_0003).");
    if (proposed > 0)
        text += " " + (proposed == labels
                           ? (labels == 1 ? tr("It is a proposal, not yet accepted.")
                                          : tr("All are proposals, not yet accepted."))
                           : counted(proposed, tr("is a proposal"), tr("are proposals")) +
                                 tr(", not yet accepted."));
    auto* about = new QLabel(text, this);
    about->setWordWrap(true);
    form->addRow(about);
    auto* row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    row->addWidget(browseButton);
    form->addRow(tr("Folder"), row);
    addFormats(complex);
    form->addRow(tr("Format"), m_format);
    const QSettings settings;
    m_margin->setRange(0, 10);
    m_margin->setOutOfRange(UnitSpinBox::OutOfRange::Refuse); // -5 ms became 0 s unsaid
    m_margin->setValue(settings.value(kMarginKey, core::BurstClipOptions{}.margin).toDouble());
    m_margin->setObjectName("margin");
    form->addRow(tr("Margin before and after"), m_margin);
    if (proposed > 0 && proposed < labels) {
        m_acceptedOnly = new QCheckBox(
            tr("Only the accepted labels (%1 of the %2)").arg(labels - proposed).arg(labels), this);
        m_acceptedOnly->setChecked(settings.value(kAcceptedOnlyKey, false).toBool());
        form->addRow(m_acceptedOnly);
    }
    m_problem->setStyleSheet("color: #c62828");
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);
    connect(m_margin, &UnitSpinBox::refused, this, &ClipExportDialog::marginRefused);
    m_hold->watch(m_margin);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);
    connect(browseButton, &QPushButton::clicked, this, &ClipExportDialog::browse);
    connect(m_folder, &QLineEdit::textChanged, this, &ClipExportDialog::updateExport);
    m_export = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(620);
}

void ClipExportDialog::addFormats(bool complex) {
    if (complex) {
        m_format->addItem(tr("SigMF (.sigmf-meta, cf32, the burst annotated)"), "sigmf-meta");
        for (const char* raw : {"cf32", "cs16", "cs8", "cu8"})
            m_format->addItem(tr("Raw IQ (.%1)").arg(raw), raw);
        m_format->addItem(tr("WAV (I left, Q right)"), "wav");
    } else {
        m_format->addItem(tr("WAV"), "wav");
        m_format->addItem(tr("FLAC"), "flac");
    }
    const int last = m_format->findData(QSettings().value(formatKey(complex)).toString());
    m_format->setCurrentIndex(std::max(0, last));
}

void ClipExportDialog::marginRefused(const QString& text) {
    m_problem->setText(tr("Margin: \"%1\" is not a time from 0 to 10 s (10 ms, 250 us, 0.02); "
                          "it stays %2")
                           .arg(text, m_margin->text()));
    m_problem->show();
    adjustSize(); // room for the line, the text above it kept whole
}

void ClipExportDialog::accept() {
    m_hold->accept([this] {
        QSettings settings;
        settings.setValue(kMarginKey, m_margin->value());
        settings.setValue(formatKey(m_complex), m_format->currentData());
        if (m_acceptedOnly)
            settings.setValue(kAcceptedOnlyKey, m_acceptedOnly->isChecked());
        QDialog::accept();
    });
}

void ClipExportDialog::browse() {
    const QString chosen =
        QFileDialog::getExistingDirectory(this, tr("Folder for the clips"), m_folder->text());
    if (!chosen.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(chosen));
}

void ClipExportDialog::updateExport() {
    m_export->setEnabled(!m_folder->text().trimmed().isEmpty());
}

core::BurstClipOptions ClipExportDialog::options() const {
    core::BurstClipOptions o;
    const QString typed = QDir::fromNativeSeparators(m_folder->text().trimmed());
    o.folder = QDir::cleanPath(QDir(m_base).absoluteFilePath(typed)).toStdString();
    o.extension = m_format->currentData().toString().toStdString();
    o.margin = m_margin->value();
    return o;
}

bool ClipExportDialog::acceptedOnly() const {
    return m_acceptedOnly && m_acceptedOnly->isChecked();
}

namespace {

QString someOf(const std::vector<std::string>& names) {
    return QString::fromStdString(core::someClipNames(names));
}

} // namespace

bool confirmClipFolder(QWidget* parent, const core::BurstClipOptions& options,
                       const core::SignalInfo& info, const std::vector<core::Label>& labels) {
    const core::ClipFolderState state = core::clipFolderState(options, info, labels);
    if (state.same.empty() && state.stale.empty())
        return true;
    QStringList text;
    const auto total = qsizetype(labels.size());
    if (!state.same.empty())
        text << (qsizetype(state.same.size()) < total
                     ? QObject::tr("%1 of the %2 clips are already there")
                           .arg(state.same.size())
                           .arg(total)
                 : total == 1 ? QObject::tr("The clip is already there")
                              : QObject::tr("All %1 clips are already there").arg(total)) +
                    " (" + someOf(state.same) + ")" + QObject::tr(", from an earlier export.");
    if (!state.stale.empty())
        text << counted(qsizetype(state.stale.size()), QObject::tr("earlier clip"),
                        QObject::tr("earlier clips")) +
                    QObject::tr(" of these labels under another class (%1) would be removed, so "
                                "that each label has one clip.")
                        .arg(someOf(state.stale));
    QMessageBox box(QMessageBox::Question, QObject::tr("Export bursts as clips"),
                    QObject::tr("In %1:").arg(
                        QDir::toNativeSeparators(QString::fromStdString(options.folder))) +
                        "\n\n" + text.join("\n\n") + "\n\n" +
                        (!state.stale.empty()
                             ? QObject::tr("Write the new clips and remove the earlier ones?")
                         : state.same.size() == 1 ? QObject::tr("Write over it?")
                                                  : QObject::tr("Write over them?")),
                    QMessageBox::Cancel, parent);
    QAbstractButton* go = box.addButton(state.stale.empty() ? QObject::tr("Write over")
                                                            : QObject::tr("Write and remove"),
                                        QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != go)
        return false;
    core::removeStaleClips(state); // one left behind is the worse outcome, not a failed export
    return true;
}

} // namespace specedit::ui
