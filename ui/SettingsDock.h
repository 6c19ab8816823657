#pragma once
// The Settings panel's dock: the panel sits in a scroll area that asks for its whole height,
// so in a short window it scrolls instead of holding the window tall (743 px) or being drawn
// under the panel below it (at 800 x 500 the two overlapped); where the window has room (at
// start, and whenever it grows) the panel below gives up its spare height until the settings
// show whole. GUI thread only.

#include <QObject>

class QDockWidget;
class QMainWindow;
class QScrollArea;

namespace specedit::ui {

class SettingsDock : public QObject {
public:
    // Puts `panel` into `dock` (already docked in `window`), whose neighbour below is `below`.
    SettingsDock(QMainWindow* window, QDockWidget* dock, QWidget* panel, QDockWidget* below);

    // Gives the settings the height they need, as far as the dock below can spare it.
    void fit();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // the window's resizes

private:
    QMainWindow* m_window;
    QDockWidget* m_dock;
    QDockWidget* m_below;
    QWidget* m_panel;
    QScrollArea* m_scroll;
};

} // namespace specedit::ui
