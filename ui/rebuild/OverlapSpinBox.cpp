#include "rebuild/OverlapSpinBox.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <algorithm>
#include <cmath>

namespace specedit::ui {

OverlapSpinBox::OverlapSpinBox(QWidget* parent, std::function<int()> windowLength)
    : KeepDigitsSpinBox(parent), m_windowLength(std::move(windowLength)) {
    setToolTip(tr("Samples shared by neighbouring frames, or a percentage of the window length "
                  "typed with its sign (75%)"));
    setKeyboardTracking(false); // "75" is not taken while "75%" is being typed
}

// Left with a percentage of no window (Qt drops the text it cannot take, without a word).
void OverlapSpinBox::sayIfRefused() {
    QString typed = lineEdit()->text().trimmed();
    if (!suffix().isEmpty() && typed.endsWith(suffix().trimmed()))
        typed = typed.chopped(suffix().trimmed().size()).trimmed();
    if (percent(typed) && m_windowLength() <= 0)
        emit refused(typed);
}

void OverlapSpinBox::focusOutEvent(QFocusEvent* event) {
    sayIfRefused();
    KeepDigitsSpinBox::focusOutEvent(event);
}

void OverlapSpinBox::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        sayIfRefused();
    KeepDigitsSpinBox::keyPressEvent(event);
}

std::optional<double> OverlapSpinBox::percent(const QString& text) const {
    QString t = text.trimmed();
    if (!suffix().isEmpty() && t.endsWith(suffix().trimmed()))
        t.chop(suffix().trimmed().size());
    t = t.trimmed();
    if (!t.endsWith('%'))
        return std::nullopt;
    t.chop(1);
    bool ok = false;
    const double p = locale().toDouble(t.trimmed(), &ok);
    if (!ok)
        return std::nullopt;
    return p;
}

QValidator::State OverlapSpinBox::validate(QString& input, int& pos) const {
    if (input.trimmed().endsWith('%')) // still typing it: "75" then "%"
        return percent(input)
                   ? (m_windowLength() > 0 ? QValidator::Acceptable : QValidator::Intermediate)
                   : QValidator::Intermediate;
    if (const auto p = percent(input)) // "75% samples"
        return *p >= 0 && *p < 100 && m_windowLength() > 0 ? QValidator::Acceptable
                                                           : QValidator::Intermediate;
    const QValidator::State state = KeepDigitsSpinBox::validate(input, pos);
    bool number = false; // "87." or "87.5": a percentage may follow
    locale().toDouble(QString(input).remove(suffix()).trimmed(), &number);
    return state == QValidator::Invalid && number ? QValidator::Intermediate : state;
}

int OverlapSpinBox::valueFromText(const QString& text) const {
    if (const auto p = percent(text)) {
        const int window = m_windowLength();
        return std::clamp(int(std::lround(*p / 100 * window)), 0, std::max(0, window - 1));
    }
    return KeepDigitsSpinBox::valueFromText(text);
}

} // namespace specedit::ui
