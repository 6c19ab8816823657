#include "WheelGuard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QScrollBar>
#include <QWheelEvent>

namespace specedit::ui {
namespace {

bool isField(QObject* o) {
    return qobject_cast<QAbstractSpinBox*>(o) || qobject_cast<QComboBox*>(o);
}

// Their default, WheelFocus, has the application give them the focus under a real wheel
// before any filter sees it; clicked or tabbed into they still take it.
void takeWheelFocus(QWidget* field) {
    if (field->focusPolicy() == Qt::WheelFocus)
        field->setFocusPolicy(Qt::StrongFocus);
}

} // namespace

void WheelGuard::install(QWidget* window) {
    if (qApp && !qApp->findChild<WheelGuard*>(QString(), Qt::FindDirectChildrenOnly))
        qApp->installEventFilter(new WheelGuard(qApp));
    for (QWidget* w : window->findChildren<QWidget*>())
        if (isField(w))
            takeWheelFocus(w);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Polish && isField(watched)) {
        takeWheelFocus(static_cast<QWidget*>(watched));
        return false;
    }
    if (event->type() != QEvent::Wheel || !isField(watched))
        return false;
    auto* field = static_cast<QWidget*>(watched);
    if (field->hasFocus())
        return false;
    for (QWidget* up = field->parentWidget(); up; up = up->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(up)) {
            const auto* wheel = static_cast<QWheelEvent*>(event);
            QScrollBar* bar = wheel->angleDelta().y() != 0 ? area->verticalScrollBar()
                                                           : area->horizontalScrollBar();
            if (bar->isVisible())
                QCoreApplication::sendEvent(bar, event);
            break;
        }
    return true; // the value stays
}

} // namespace specedit::ui
