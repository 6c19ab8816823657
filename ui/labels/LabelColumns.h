#pragma once
// The columns of the Labels table: which show (the user's choice from the header's context
// menu, kept in the settings; a column a recording's labels cannot fill, such as Confidence,
// stays hidden), and the dock made wide enough for them once, the first time the table shows
// labels (it opened at the Settings' width and needed sideways scrolling to reach High).
// GUI thread only.

#include <QObject>
#include <QStringList>
#include <set>

class QDockWidget;
class QMainWindow;
class QPoint;
class QTableWidget;

namespace specedit::ui {

class LabelColumns : public QObject {
    Q_OBJECT
public:
    // `keys` names each column in the settings; column 0 always shows.
    LabelColumns(QTableWidget* table, QStringList keys);

    // Whether a column has anything to show (Confidence: some label has one).
    void setAvailable(int column, bool available);
    bool isChosen(int column) const { return !m_hidden.count(m_keys.value(column)); }
    void setChosen(int column, bool chosen);
    // The table's width with its shown columns whole, and the vertical scroll bar.
    int wantedWidth() const;
    // The dock the table sits in. The first time it shows (its tab in front) with rows in the
    // table, or rows come while it shows, it is widened to wantedWidth(), up to 40 % of the
    // window; later the user's width stands.
    void setDock(QMainWindow* window, QDockWidget* dock);
    void fitDockOnce();
    // The user placed the table (LabelsDockPlace): its dock is not widened any more.
    void holdWidth() { m_fitted = true; }

private:
    void apply();
    void showMenu(const QPoint& at);

    QTableWidget* m_table;
    QStringList m_keys;
    std::set<QString> m_hidden;  // chosen hidden, by key
    std::set<int> m_unavailable; // nothing to show
    QMainWindow* m_window = nullptr;
    QDockWidget* m_dock = nullptr;
    bool m_dockShown = false;
    bool m_fitted = false;
};

} // namespace specedit::ui
