#pragma once
// Holds a dialog's OK once after one of its fields refused what was typed. A UnitSpinBox
// refuses text that is no value ("5m": milli or minutes?) when it is left, in a call it queues
// then; the click on OK comes after that (its press took the focus), or with Return in the
// field, in the same turn; a field still being typed in when OK comes by its shortcut is read
// then. So the decision is queued behind the refusal: decided at once, the
// dialog closed with the value typed halfway ("5" of "5m": 5 s). Held, the user reads why, and
// the next OK uses the value the field kept. GUI thread only.

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace specedit::ui {

class UnitSpinBox;

class RefusalHold : public QObject {
    Q_OBJECT
public:
    // `dialog` owns the hold; nothing is decided once it is hidden (a second OK, Escape).
    explicit RefusalHold(QWidget* dialog);

    // A field whose refusals hold the next OK.
    void watch(UnitSpinBox* field);
    // Runs `accept` in a queued call, unless a watched field refused since the last OK: then
    // it gets the focus and nothing else happens.
    void accept(std::function<void()> accept);

private:
    QWidget* m_dialog;
    QList<QPointer<UnitSpinBox>> m_fields;
    QPointer<UnitSpinBox> m_refused; // the field that refused last, if since the last OK
};

} // namespace specedit::ui
