#include "UnitSpinBox.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QMetaObject>
#include <QToolTip>
#include <algorithm>

namespace specedit::ui {

bool typesCharacter(const QKeyEvent& e) {
    return !e.text().isEmpty() && e.text().front().isPrint() &&
           !(e.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
}

bool typedKeyFits(const QAbstractSpinBox& spin, const QKeyEvent& e) {
    const auto* edit = spin.findChild<QLineEdit*>();
    if (!typesCharacter(e) || !edit)
        return false;
    QString text = edit->text();
    int pos = edit->cursorPosition();
    if (edit->hasSelectedText()) {
        pos = edit->selectionStart();
        text.remove(pos, int(edit->selectedText().size()));
    }
    text.insert(pos, e.text());
    pos += int(e.text().size());
    return spin.validate(text, pos) != QValidator::Invalid;
}

UnitSpinBox::UnitSpinBox(Parse parse, Format format, QRegularExpression partial, QWidget* parent)
    : QDoubleSpinBox(parent), m_parse(parse), m_format(format), m_partial(std::move(partial)) {
    // Return or leaving the field ends the typing: its value is the one to go back to.
    connect(this, &QAbstractSpinBox::editingFinished, this, [this] {
        if (!m_refusing)
            m_before = value();
    });
    // So is a value set by the program, shown as the field writes it (a "2" on the way to
    // "2.4e6" is not, nor the "2" Qt writes as "2 Hz" when it drops the "2e" refused): a field
    // never focused went back to 0.
    connect(this, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const bool special = !specialValueText().isEmpty() && v == minimum();
        if (!m_refusing && lineEdit()->text() == (special ? specialValueText() : textFromValue(v)))
            m_before = v;
    });
}

void UnitSpinBox::focusInEvent(QFocusEvent* event) {
    m_before = value();
    QDoubleSpinBox::focusInEvent(event);
}

void UnitSpinBox::keyPressEvent(QKeyEvent* event) {
    if (typesCharacter(*event) && !typedKeyFits(*this, *event)) {
        QToolTip::showText(mapToGlobal(QPoint(0, height())),
                           tr("\"%1\" cannot be part of this value (for example %2)")
                               .arg(event->text(), textFromValue(value())),
                           this);
        event->accept();
        return;
    }
    QDoubleSpinBox::keyPressEvent(event);
}

void UnitSpinBox::refuse(const QString& text) {
    m_refusing = false;
    setValue(m_before);
    emit refused(text);
}

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

// A value past the range becomes its nearer end, as in every number field (KeepDigitsSpinBox.h;
// Qt's own put the old value back without a word), unless the field refuses it; text that is
// no value is refused and said.
void UnitSpinBox::fixup(QString& input) const {
    const auto v = m_parse(input);
    if (v && m_outOfRange == OutOfRange::Clamp) {
        input = textFromValue(std::clamp(*v, minimum(), maximum()));
        return;
    }
    if (v && *v >= minimum() && *v <= maximum())
        return;
    if (input.trimmed().isEmpty())
        return;
    m_refusing = true; // said, and the value before the typing comes back
    QMetaObject::invokeMethod(const_cast<UnitSpinBox*>(this), "refuse", Qt::QueuedConnection,
                              Q_ARG(QString, input.trimmed()));
}

QString UnitSpinBox::textFromValue(double value) const {
    return m_format(value, decimals());
}

} // namespace specedit::ui
