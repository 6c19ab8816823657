#pragma once
// Edit menu: Undo and Redo of the document's stack (Redo on Ctrl+Y and Ctrl+Shift+Z as well as
// the platform's key, since users bring either habit) and Delete (Delete or Backspace), whose
// meaning the window gives it. GUI thread only.

class QAction;
class QMainWindow;
class QUndoStack;

namespace specedit::ui {

// Adds the menu to window's menu bar; returns the Delete action for the window to connect.
QAction* addEditMenu(QMainWindow* window, QUndoStack* stack);

} // namespace specedit::ui
