#pragma once
// Where the Labels table sits: tabbed with Shapes on the right (the default), or below the
// picture, where every column shows at once and more rows fit (on the right, at 40 % of a
// 1400-pixel window, the Comment column was cut and about six rows showed). View > "Labels
// below the picture" switches; the choice is kept in the settings, and a dock dragged there by
// hand ticks it too. Below, the table is as high as its labels need (3 rows at least), up to
// 30 % of the window, and grows with them unless resized by hand. GUI thread only.

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace specedit::ui {

class LabelsDockPlace : public QObject {
    Q_OBJECT
public:
    // `labels` is tabbed with `beside` on the right; the action goes into `viewMenu`.
    LabelsDockPlace(QMainWindow* window, QDockWidget* labels, QDockWidget* beside, QMenu* viewMenu);

    QAction* action() const { return m_action; }
    bool isBelow() const;
    void setBelow(bool below);

private:
    int belowHeight() const;
    void fitBelow(); // unless resized by hand since it was last fitted

    QMainWindow* m_window;
    QDockWidget* m_labels;
    QDockWidget* m_beside;
    QAction* m_action;
    int m_sideWidth = 0;     // the side docks' width before the table last moved
    int m_fittedHeight = -1; // the height fitBelow gave it; -1: none yet
};

} // namespace specedit::ui
