#pragma once
// Asks where and how to write each label's burst as its own clip (Labels > Export bursts as
// clips…): the folder (made if missing), the clip format (the recording's kind by default:
// SigMF for IQ, WAV for audio) and the margin of context on each side. GUI thread only.

#include "apply/BurstClips.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

namespace specedit::ui {

class SecondsSpinBox;

class ClipExportDialog : public QDialog {
    Q_OBJECT
public:
    // `folder` is proposed; `complex` picks the formats offered; the number of labels and of
    // proposals among them (not yet accepted) are said in the text.
    ClipExportDialog(const QString& folder, bool complex, int labels, int proposed,
                     QWidget* parent = nullptr);

    core::BurstClipOptions options() const;

private:
    void browse();

    QLineEdit* m_folder;
    QComboBox* m_format;
    SecondsSpinBox* m_margin;
};

} // namespace specedit::ui
