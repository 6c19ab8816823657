#pragma once
// Help menu: the keyboard shortcuts (read from the window's own actions, so the list is always
// true), the user guide (the README's "Using the editor" section, built into the program) and
// About (version and the libraries in use). GUI thread only.

class QMainWindow;
class QMenu;

namespace specedit::ui {

// Adds Help > Keyboard shortcuts (F1), User guide and About to window's menu bar.
QMenu* addHelpMenu(QMainWindow* window);

} // namespace specedit::ui
