#pragma once
// The status bar's word on the picture: how many tiles are still being rendered or refined,
// and, when a tile cannot be computed (an effect that has nothing to take levels from, a
// region too large to fill), why. A failed picture shows "not drawn" in red where the tile
// count was (those tiles will not come) and the reason as the status message, whole in the
// tooltip when the bar is too narrow for it; the next edit or analysis clears both.
// GUI thread only.

#include <QObject>
#include <QString>

class QLabel;
class QStatusBar;

namespace specedit::ui {

class PictureStatus : public QObject {
    Q_OBJECT
public:
    // Adds its label to `bar` as a permanent widget; `bar` owns it.
    explicit PictureStatus(QStatusBar* bar);

public slots:
    void showPending(int missingTiles, int inexactTiles);
    void showFailure(const QString& reason);
    void clear(); // an edit or a new analysis: the picture is being made again

private:
    QStatusBar* m_bar;
    QLabel* m_label;
    bool m_failed = false;
    int m_missing = 0, m_inexact = 0;
};

} // namespace specedit::ui
