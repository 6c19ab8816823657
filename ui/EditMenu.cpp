#include "EditMenu.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QUndoStack>

namespace specedit::ui {

QAction* addEditMenu(QMainWindow* window, QUndoStack* stack) {
    QMenu* edit = window->menuBar()->addMenu(QObject::tr("&Edit"));
    QAction* undo = stack->createUndoAction(window, QObject::tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = stack->createRedoAction(window, QObject::tr("&Redo"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& key :
         {QKeySequence(Qt::CTRL | Qt::Key_Y), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)})
        if (!redoKeys.contains(key))
            redoKeys << key;
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* remove = edit->addAction(QObject::tr("&Delete"));
    remove->setShortcuts({QKeySequence(Qt::Key_Delete), QKeySequence(Qt::Key_Backspace)});
    remove->setStatusTip(QObject::tr("Delete the selected shape, or the selected labels"));
    return remove;
}

} // namespace specedit::ui
