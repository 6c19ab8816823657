#include "UnitSpinBox.h"

namespace specedit::ui {

UnitSpinBox::UnitSpinBox(Parse parse, Format format, QRegularExpression partial, QWidget* parent)
    : QDoubleSpinBox(parent), m_parse(parse), m_format(format), m_partial(std::move(partial)) {}

QValidator::State UnitSpinBox::validate(QString& input, int&) const {
    if (!specialValueText().isEmpty() && input == specialValueText())
        return QValidator::Acceptable;
    if (const auto v = m_parse(input))
        return *v >= minimum() && *v <= maximum() ? QValidator::Acceptable
                                                  : QValidator::Intermediate;
    return m_partial.match(input).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

double UnitSpinBox::valueFromText(const QString& text) const {
    if (!specialValueText().isEmpty() && text == specialValueText())
        return minimum();
    return m_parse(text).value_or(value());
}

QString UnitSpinBox::textFromValue(double value) const {
    return m_format(value, decimals());
}

} // namespace specedit::ui
