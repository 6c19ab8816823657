#include "labels/LabelColumns.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTableWidget>
#include <QTimer>
#include <algorithm>

namespace specedit::ui {
namespace {

constexpr auto kHiddenKey = "labels/hiddenColumns";

} // namespace

LabelColumns::LabelColumns(QTableWidget* table, QStringList keys)
    : QObject(table), m_table(table), m_keys(std::move(keys)) {
    for (const QString& key : QSettings().value(kHiddenKey).toStringList())
        m_hidden.insert(key);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &LabelColumns::showMenu);
    apply();
}

void LabelColumns::setAvailable(int column, bool available) {
    if (available)
        m_unavailable.erase(column);
    else
        m_unavailable.insert(column);
    apply();
}

void LabelColumns::setChosen(int column, bool chosen) {
    if (column <= 0 || column >= m_keys.size())
        return;
    if (chosen)
        m_hidden.erase(m_keys[column]);
    else
        m_hidden.insert(m_keys[column]);
    QSettings().setValue(kHiddenKey, QStringList(m_hidden.begin(), m_hidden.end()));
    apply();
}

void LabelColumns::apply() {
    for (int c = 1; c < m_keys.size(); ++c)
        m_table->setColumnHidden(c, !isChosen(c) || m_unavailable.count(c));
}

// The columns as resizeColumnsToContents left them, but the last, which is stretched to the
// table's width: its header or its widest cell among the first rows.
int LabelColumns::wantedWidth() const {
    const QHeaderView* header = m_table->horizontalHeader();
    int width = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    int last = -1;
    for (int c = 0; c < m_table->columnCount(); ++c)
        if (!m_table->isColumnHidden(c)) {
            width += header->sectionSize(c);
            last = c;
        }
    if (last < 0)
        return width;
    int lastWidth = header->sectionSizeHint(last);
    for (int r = 0; r < std::min(m_table->rowCount(), 200); ++r)
        lastWidth = std::max(lastWidth,
                             m_table->sizeHintForIndex(m_table->model()->index(r, last)).width());
    return width - header->sectionSize(last) + lastWidth;
}

void LabelColumns::setDock(QMainWindow* window, QDockWidget* dock) {
    m_window = window;
    m_dock = dock;
    // Shown or hidden, and its tab brought to the front or put behind another.
    connect(dock, &QDockWidget::visibilityChanged, this, [this](bool shown) {
        m_dockShown = shown;
        if (shown) // once the tab is laid out
            QTimer::singleShot(0, this, &LabelColumns::fitDockOnce);
    });
}

void LabelColumns::fitDockOnce() {
    if (m_fitted || !m_dockShown || !m_dock || m_table->rowCount() == 0 || m_dock->isFloating() ||
        m_window->dockWidgetArea(m_dock) == Qt::BottomDockWidgetArea) // across the window
        return;
    m_fitted = true;
    const int extra = m_dock->width() - m_table->width(); // the panel's margins, the dock's frame
    const int wanted = std::min(wantedWidth() + extra, m_window->width() * 40 / 100);
    if (wanted > m_dock->width())
        m_window->resizeDocks({m_dock}, {wanted}, Qt::Horizontal);
}

// The header's context menu: one entry per column but the first, ticked when it shows.
void LabelColumns::showMenu(const QPoint& at) {
    QMenu menu(m_table);
    menu.addSection(tr("Columns"));
    for (int c = 1; c < m_keys.size(); ++c) {
        if (m_unavailable.count(c))
            continue;
        QString name = m_table->horizontalHeaderItem(c)->text();
        QAction* a = menu.addAction(name.replace('\n', ' '));
        a->setCheckable(true);
        a->setChecked(isChosen(c));
        connect(a, &QAction::toggled, this, [this, c](bool on) { setChosen(c, on); });
    }
    menu.exec(m_table->horizontalHeader()->mapToGlobal(at));
}

} // namespace specedit::ui
