#pragma once
// Asks how to read a raw IQ file that does not say it itself: sample type, sample rate and
// centre frequency, prefilled from the file name where a recorder wrote them there.

#include "io/OpenOptions.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;

namespace specedit::ui {

class RawIqDialog : public QDialog {
    Q_OBJECT
public:
    RawIqDialog(const QString& path, QWidget* parent = nullptr);
    core::OpenOptions options() const;

private:
    QComboBox* m_format;
    QDoubleSpinBox* m_rate;
    QDoubleSpinBox* m_center;
};

} // namespace specedit::ui
