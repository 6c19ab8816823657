#include "ShortcutGuard.h"

#include "UnitSpinBox.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPointer>
#include <QWidget>

namespace specedit::ui {
namespace {

// Keys a number field needs for itself.
bool editsNumber(const QKeyEvent& e) {
    const auto mods = e.modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    const int key = e.key();
    // Not Ctrl+Z or Ctrl+Y: after Return the field's own undo held nothing a user wanted, and
    // the edit just made stayed put (a tester); they undo and redo the document's edits.
    if (mods & Qt::ControlModifier)
        return key == Qt::Key_A || key == Qt::Key_C || key == Qt::Key_V || key == Qt::Key_X ||
               key == Qt::Key_Left || key == Qt::Key_Right;
    if (mods != Qt::NoModifier)
        return false;
    if (key >= Qt::Key_0 && key <= Qt::Key_9)
        return true;
    switch (key) {
    case Qt::Key_Minus:
    case Qt::Key_Plus:
    case Qt::Key_Period:
    case Qt::Key_Comma:
    case Qt::Key_Backspace:
    case Qt::Key_Delete:
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Home:
    case Qt::Key_End:
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Escape:
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return true;
    default:
        return false;
    }
}

// Keys a text field needs: whatever is typed without Ctrl or Alt, Return included.
bool typesText(const QKeyEvent& e) {
    return !(e.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
}

// A key typed without Ctrl or Alt while the user is typing into the field (its text changed
// since the value was last taken): the field says what it cannot hold; a tester's "abc" in a
// shape's Start switched the tool to the Brush (B).
bool typingInto(const QAbstractSpinBox& spin, const QKeyEvent& e) {
    const auto* edit = spin.findChild<QLineEdit*>();
    return edit && edit->isModified() && typesCharacter(e);
}

} // namespace

void ShortcutGuard::guard(QWidget* root) {
    m_root = root;
    qApp->installEventFilter(this); // also the editors that tables and lists open later
}

// A field claims (accepts) the keys it edits with, so that 1-9, N or Return typed into it do
// not run the window's shortcuts; a number field lets every other key go to them.
bool ShortcutGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride)
        return QObject::eventFilter(watched, event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || !m_root || widget->window() != m_root->window())
        return QObject::eventFilter(watched, event);
    const QAbstractSpinBox* spin = qobject_cast<QAbstractSpinBox*>(widget);
    if (!spin && widget->parentWidget())
        spin = qobject_cast<QAbstractSpinBox*>(widget->parentWidget());
    if (!spin && !qobject_cast<QLineEdit*>(widget))
        return QObject::eventFilter(watched, event);
    const auto& key = *static_cast<QKeyEvent*>(event);
    // A letter the field can read where it would go (a unit: "50 ms", "433.9M", "2.4e6"): its
    // validator, not the window, decides (typedKeyFits).
    const bool claimed =
        spin ? editsNumber(key) || typedKeyFits(*spin, key) || typingInto(*spin, key)
             : typesText(key);
    if (claimed)
        event->accept(); // the key goes to the field
    else
        event->ignore(); // not claimed: the shortcut, if any, runs
    return true;
}

} // namespace specedit::ui
