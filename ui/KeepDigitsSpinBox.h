#pragma once
// Number fields that keep every digit typed. Qt's spin boxes refuse a keystroke that takes the
// number past the field's range, so "90" typed into a 1-60 dB field read "9 dB": a digit
// dropped without a word. Here such a number stays as typed while editing, and becomes the
// nearer end of the range when the field is left, so the field shows the value in use; a
// minus sign typed into a field of positive values starts a number too ("-5" becomes the least).
// GUI thread only.

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <algorithm>
#include <optional>

namespace specedit::ui {

template <typename Base> class KeepDigits : public Base {
public:
    explicit KeepDigits(QWidget* parent = nullptr) : Base(parent) {}

protected:
    QValidator::State validate(QString& input, int& pos) const override {
        const QValidator::State state = Base::validate(input, pos);
        if (state != QValidator::Invalid)
            return state;
        // A sign begins a number (Qt dropped the '-' of "-5" in a 1-60 field and read 5).
        return outOfRange(input) || isSign(number(input)) ? QValidator::Intermediate : state;
    }
    void fixup(QString& input) const override {
        const auto number = outOfRange(input);
        if (!number)
            return Base::fixup(input);
        using Value = decltype(this->value());
        const double bound = std::clamp(*number, double(this->minimum()), double(this->maximum()));
        input = this->prefix() + this->textFromValue(Value(bound)) + this->suffix();
    }

private:
    static bool isSign(const QString& text) { return text == "-" || text == "+"; }
    // The input without the field's prefix and suffix.
    QString number(const QString& input) const {
        QString text = input.trimmed();
        const QString prefix = this->prefix().trimmed(), suffix = this->suffix().trimmed();
        if (!prefix.isEmpty() && text.startsWith(prefix))
            text.remove(0, prefix.size());
        if (!suffix.isEmpty() && text.endsWith(suffix))
            text.chop(suffix.size());
        return text.trimmed();
    }
    // The number typed, when it is one and lies outside the range.
    std::optional<double> outOfRange(const QString& input) const {
        bool ok = false;
        const double v = this->locale().toDouble(number(input), &ok);
        if (!ok || (v >= double(this->minimum()) && v <= double(this->maximum())))
            return std::nullopt;
        return v;
    }
};

using KeepDigitsSpinBox = KeepDigits<QSpinBox>;
using KeepDigitsDoubleSpinBox = KeepDigits<QDoubleSpinBox>;

} // namespace specedit::ui
