#pragma once
// The rebuild dialog's Overlap field: samples, or a percentage of the window length typed with
// its sign ("75%" with a 512 window is 384 samples; it read 75 samples without a word, while
// the main window's Overlap is in percent). A percentage with no window length given yet is
// not taken. GUI thread only.

#include "KeepDigitsSpinBox.h"

#include <functional>

namespace specedit::ui {

class OverlapSpinBox : public KeepDigitsSpinBox {
    Q_OBJECT
public:
    // windowLength: the window length in samples now, 0 when unknown.
    OverlapSpinBox(QWidget* parent, std::function<int()> windowLength);

signals:
    // A percentage left in the field with no window length to take it of.
    void refused(const QString& typed);

protected:
    QValidator::State validate(QString& input, int& pos) const override;
    int valueFromText(const QString& text) const override;
    void focusOutEvent(QFocusEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void sayIfRefused();
    // The percentage typed ("75%", "87.5 %"), if the text is one.
    std::optional<double> percent(const QString& text) const;

    std::function<int()> m_windowLength;
};

} // namespace specedit::ui
