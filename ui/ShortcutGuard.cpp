#include "ShortcutGuard.h"

#include <QAbstractSpinBox>
#include <QKeyEvent>
#include <QWidget>

namespace specedit::ui {
namespace {

// Keys a number field needs for itself.
bool editsNumber(const QKeyEvent& e) {
    const auto mods = e.modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    const int key = e.key();
    if (mods & Qt::ControlModifier)
        return key == Qt::Key_A || key == Qt::Key_C || key == Qt::Key_V || key == Qt::Key_X ||
               key == Qt::Key_Z || key == Qt::Key_Y || key == Qt::Key_Left || key == Qt::Key_Right;
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

} // namespace

void ShortcutGuard::guard(QWidget* root) {
    for (auto* spin : root->findChildren<QAbstractSpinBox*>())
        spin->installEventFilter(this);
}

bool ShortcutGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride &&
        !editsNumber(*static_cast<QKeyEvent*>(event))) {
        event->ignore(); // not claimed: the shortcut, if any, runs
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace specedit::ui
