#pragma once
// A number field that shows no trailing zeros: "0 ms", "12.5 ms", "0.05 ms" rather than
// "0.000 ms" and "12.500 ms"; decimals() still sets the finest step it keeps. It keeps every
// digit typed (KeepDigits).

#include "KeepDigitsSpinBox.h"

namespace specedit::ui {

class CompactSpinBox : public KeepDigitsDoubleSpinBox {
public:
    using KeepDigitsDoubleSpinBox::KeepDigitsDoubleSpinBox;

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
