#pragma once
// The Labels panel: a sortable, filterable table of the document's labels (class, start,
// duration, low and high edge, SNR, state, comment), several selectable at once and kept in
// step with the selection in the picture; a click on a row brings its label into view; the
// comment is edited in place (one undo step); the columns shown are the user's
// (LabelColumns). GUI thread only.

#include "label/Label.h"

#include <QWidget>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <vector>

class QBoxLayout;
class QLineEdit;
class QDockWidget;
class QMainWindow;
class QTableWidget;
class QTableWidgetItem;
class QLabel;

namespace specedit::ui {

class Document;
class LabelColumns;
class SpectrogramView;

class LabelsPanel : public QWidget {
    Q_OBJECT
public:
    LabelsPanel(Document* document, SpectrogramView* view, QWidget* parent = nullptr);

    // Brings the table up to the document (after any change), keeping the selection: the
    // changed rows only when the same labels are there, else the whole table.
    void refresh();
    QTableWidget* table() const { return m_table; }
    LabelColumns* columns() const { return m_columns; }
    // The dock the panel lives in, tabbed with others in `window`: widened once for the
    // columns (LabelColumns), brought to the front when a project of labels without shapes
    // opens.
    void setDock(QMainWindow* window, QDockWidget* dock);
    // Wide (across the window, below the picture): the classes and the filter go to the left
    // of the table instead of above it, so the table keeps the height.
    void setWide(bool wide);
    // The height that shows the header and `rows` rows of the table (and the count under it),
    // at least what the side column needs.
    int heightFor(int rows) const;

private:
    void showSelection(const std::set<std::uint64_t>& ids);
    void takeSelection();
    void applyFilter();
    bool matchFilter(int row); // hides the row unless it matches; returns whether it does
    void updateCount();
    void fillRow(int row, const core::Label& label);
    bool updateChangedRows();
    void commentEdited(int row, int column);

    // One unit per column, chosen from all the labels, so that a column's values line up and
    // compare at a glance (not "-1 MHz" over "-171.9 kHz"); the headers name them.
    struct Units {
        double hz = 1e3; // Hz per unit of Low and High
        const char* hzName = "kHz";
        int hzDecimals = 3;
        bool milliseconds = true; // every duration under 1 s
        bool clock = false;       // starts from 10 minutes on: h:mm:ss
        bool confidence = false;  // some label has one (else the column is hidden)
        bool operator==(const Units&) const = default;
    };
    static Units unitsFor(const std::vector<core::Label>& labels);
    void showUnits();

    Document* m_document;
    SpectrogramView* m_view;
    QLineEdit* m_filter;
    QTableWidget* m_table;
    LabelColumns* m_columns;
    QLabel* m_count;
    QBoxLayout* m_layout = nullptr;
    QWidget* m_side = nullptr; // the classes and the filter
    bool m_updating = false;
    bool m_taking = false; // the picture is being given the table's selection
    Units m_units;
    std::unordered_map<std::uint64_t, core::Label> m_shown;       // by id, as shown
    std::unordered_map<std::uint64_t, QTableWidgetItem*> m_items; // class cell by id
};

} // namespace specedit::ui
