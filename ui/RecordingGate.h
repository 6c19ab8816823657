#pragma once
// What acts on the open recording: tool bars and menu entries, disabled (greyed, their
// shortcuts idle) until a recording opens, so nothing looks ready that would do nothing.

#include <QList>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace specedit::ui {

class RecordingGate {
public:
    // The widget and every action on it (not the fields of a tool bar: it greys them).
    void addWidget(QWidget* widget);
    // Every entry of `menu` (submenus included) except those in `keep`.
    void addMenu(QMenu* menu, const QList<QAction*>& keep = {});
    void addAction(QAction* action) { m_actions << action; }
    void setOpen(bool open);

private:
    QList<QPointer<QWidget>> m_widgets;
    QList<QPointer<QAction>> m_actions;
};

} // namespace specedit::ui
