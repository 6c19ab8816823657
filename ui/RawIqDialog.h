#pragma once
// Asks how to read a raw IQ file that does not say it itself: sample type, sample rate and
// centre frequency, prefilled from the options given (a rate passed along with the file, or
// how it was read last time) or else from the file name where a recorder wrote them there. A field
// left with no value in its range says why and holds Open once.

#include "io/OpenOptions.h"

#include <QDialog>
#include <string>

class QComboBox;
class QLabel;

namespace specedit::ui {

class HertzSpinBox;
class RefusalHold;

class RawIqDialog : public QDialog {
    Q_OBJECT
public:
    // `givenFrom` says where the options given come from ("the saved result").
    RawIqDialog(const QString& path, QWidget* parent = nullptr, const core::OpenOptions& given = {},
                const std::string& givenFrom = "saved result");
    core::OpenOptions options() const;

private:
    QComboBox* m_format;
    HertzSpinBox* m_rate;
    HertzSpinBox* m_center;
    QLabel* m_problem;
    RefusalHold* m_hold;
};

} // namespace specedit::ui
