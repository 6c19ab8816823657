#pragma once
// Asks how to read samples whose file does not say it all. It is prefilled from the options
// given (a rate passed along with the file, or how it was read last time), else from the file
// name where a recorder wrote them there:
//   raw samples without a header   sample type, sample rate and centre frequency
//   a numpy array (.npy)           its header gives type and shape: the sample rate, whether
//                                  two real channels are I and Q or stereo audio (until picked,
//                                  the rate decides, as for a stereo file), and the centre of I/Q
// A field left with no value in its range says why and holds Open once.

#include "io/OpenOptions.h"

#include <QDialog>
#include <string>

class QComboBox;
class QFormLayout;
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
    void addRawRows(QFormLayout* form, const QString& path, const core::OpenOptions& given,
                    const std::string& givenFrom);
    void addNpyRows(QFormLayout* form, const QString& path, const core::OpenOptions& given,
                    const std::string& givenFrom);
    void addChannelsRow(QFormLayout* form, const core::OpenOptions& given);
    void addRefusals(QFormLayout* form);

    QComboBox* m_format = nullptr;   // raw samples only
    QComboBox* m_channels = nullptr; // a numpy array of two real channels only
    HertzSpinBox* m_rate;
    HertzSpinBox* m_center;
    QLabel* m_problem;
    RefusalHold* m_hold;
    bool m_npy = false;
    bool m_complexNpy = false;
};

} // namespace specedit::ui
