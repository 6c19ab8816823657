#pragma once
// Asks how to read a raw IQ file that does not say it itself: sample type, sample rate and
// centre frequency, prefilled from the options given (a rate passed along with the file) or
// else from the file name where a recorder wrote them there. Open
// with a field that holds no value in its range says why and keeps the dialog open.

#include "io/OpenOptions.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace specedit::ui {

class HertzSpinBox;

class RawIqDialog : public QDialog {
    Q_OBJECT
public:
    RawIqDialog(const QString& path, QWidget* parent = nullptr,
                const core::OpenOptions& given = {});
    core::OpenOptions options() const;

private:
    void openIfValid();
    static bool typedIsValid(const QDoubleSpinBox* field, const QString& typed);

    QComboBox* m_format;
    HertzSpinBox* m_rate;
    HertzSpinBox* m_center;
    QLabel* m_problem;
    QHash<const QDoubleSpinBox*, QString> m_typed; // what was typed since the last Open
};

} // namespace specedit::ui
