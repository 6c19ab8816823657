#pragma once
// Keeps window-wide shortcuts working while a numeric field has the focus. Qt lets a focused
// spin box claim every printable key and emacs-style keys such as Ctrl+E (end of line), so
// after a panel edit M, R, Space or Ctrl+E did nothing until the picture was clicked. This
// filter, installed on every spin box under a widget, lets such a field keep only what edits
// a number (digits, sign, decimal point, editing and navigation keys, Ctrl+A/C/V/X; not
// Ctrl+Z/Y, which undo and redo the document's edits);
// other keys go to the shortcuts, unless the user is typing into the field (its text changed
// since its value was last taken): then a letter is the field's to refuse. Text fields (names,
// filters) keep every key typed without Ctrl or Alt: the user is typing (1-9, N and Return are
// label shortcuts elsewhere). GUI thread only.

#include <QObject>
#include <QPointer>
#include <QWidget>

namespace specedit::ui {

class ShortcutGuard : public QObject {
    Q_OBJECT
public:
    explicit ShortcutGuard(QObject* parent) : QObject(parent) {}
    // Guards every spin box and line edit in root's window, those made later included (the
    // editors that tables and lists open, dialogs' fields): the filter sits on the
    // application and looks at the key events' targets.
    void guard(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<QWidget> m_root;
};

} // namespace specedit::ui
