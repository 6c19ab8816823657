#pragma once
// The Labels panel: a sortable, filterable table of the document's labels (class, start,
// duration, low and high edge, SNR, state, comment), several selectable at once and kept in
// step with the selection in the picture; a click on a row brings its label into view; the
// comment is edited in place (one undo step). GUI thread only.

#include <QWidget>
#include <cstdint>
#include <set>

class QLineEdit;
class QTableWidget;
class QLabel;

namespace specedit::ui {

class Document;
class SpectrogramView;

class LabelsPanel : public QWidget {
    Q_OBJECT
public:
    LabelsPanel(Document* document, SpectrogramView* view, QWidget* parent = nullptr);

    // Rebuilds the table from the document (after any change), keeping the selection.
    void refresh();
    QTableWidget* table() const { return m_table; }

private:
    void showSelection(const std::set<std::uint64_t>& ids);
    void takeSelection();
    void applyFilter();
    void commentEdited(int row, int column);

    Document* m_document;
    SpectrogramView* m_view;
    QLineEdit* m_filter;
    QTableWidget* m_table;
    QLabel* m_count;
    bool m_updating = false;
};

} // namespace specedit::ui
