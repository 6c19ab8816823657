#pragma once
// A number field that shows no trailing zeros: "0 ms", "12.5 ms", "0.05 ms" rather than
// "0.000 ms" and "12.500 ms"; decimals() still sets the finest step it keeps.

#include <QDoubleSpinBox>

namespace specedit::ui {

class CompactSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override {
        QString text = locale().toString(value, 'f', decimals());
        const QChar point = locale().decimalPoint().front();
        if (text.contains(point)) {
            while (text.endsWith('0'))
                text.chop(1);
            if (text.endsWith(point))
                text.chop(1);
        }
        return text;
    }
};

} // namespace specedit::ui
