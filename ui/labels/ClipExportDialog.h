#pragma once
// Asks where and how to write each label's burst as its own clip (Labels > Export bursts as
// clips…): the folder (made if missing), the clip format (the recording's kind by default:
// SigMF for IQ, WAV for audio), the margin of context on each side and, when some labels are
// proposals and some accepted, whether to leave the proposals out (as the CLI's
// --confirmed-only); the choices made last are proposed again. GUI thread only.

#include "apply/BurstClips.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace specedit::ui {

class RefusalHold;
class SecondsSpinBox;

class ClipExportDialog : public QDialog {
    Q_OBJECT
public:
    // `folder` is proposed; `complex` picks the formats offered; the number of labels and of
    // proposals among them (not yet accepted) are said in the text.
    ClipExportDialog(const QString& folder, bool complex, int labels, int proposed,
                     QWidget* parent = nullptr);

    // The folder typed, relative to the proposed folder's parent (the recording's or the
    // project's folder) when it is not absolute.
    core::BurstClipOptions options() const;
    // Only the accepted labels become clips (the box is offered only when some are accepted
    // and some are not).
    bool acceptedOnly() const;

    // Closes in a queued call, unless the margin field has just refused what was typed (the
    // user sees why and the value it kept: RefusalHold); remembers the format and margin for
    // the next export.
    void accept() override;

private:
    void addFormats(bool complex);
    void browse();
    void updateExport();
    void marginRefused(const QString& text);

    QString m_base;
    QLineEdit* m_folder;
    QComboBox* m_format;
    SecondsSpinBox* m_margin;
    QCheckBox* m_acceptedOnly = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_problem;
    bool m_complex;
    RefusalHold* m_hold;
};

// Asks before an export writes over clips of an earlier one in the folder, or leaves an
// earlier clip of the same label under another class beside the new one ("unlabeled_3"
// beside "FSK_3"); those are removed when the user agrees. Returns whether to export.
bool confirmClipFolder(QWidget* parent, const core::BurstClipOptions& options,
                       const core::SignalInfo& info, const std::vector<core::Label>& labels);

} // namespace specedit::ui
