#include "RecordingGate.h"

#include <QAction>
#include <QMenu>
#include <QWidget>
#include <QWidgetAction>

namespace specedit::ui {

void RecordingGate::addWidget(QWidget* widget) {
    m_widgets << widget;
    for (QAction* a : widget->actions())      // a field's own state (enabled by its effect) is its
        if (!qobject_cast<QWidgetAction*>(a)) // own: the disabled bar greys it meanwhile
            m_actions << a;
}

void RecordingGate::addMenu(QMenu* menu, const QList<QAction*>& keep) {
    for (QAction* a : menu->actions())
        if (!a->isSeparator() && !keep.contains(a))
            m_actions << a;
}

void RecordingGate::setOpen(bool open) {
    for (const auto& w : m_widgets)
        if (w)
            w->setEnabled(open);
    for (const auto& a : m_actions)
        if (a)
            a->setEnabled(open);
}

} // namespace specedit::ui
