#include "labels/LabelsPanel.h"

#include "Document.h"
#include "labels/ClassBar.h"
#include "labels/LabelColumns.h"
#include "view/AxisTickers.h"
#include "view/SpectrogramView.h"

#include <QBoxLayout>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace specedit::ui {
namespace {

enum Column {
    kClass,
    kConfidence,
    kStart,
    kDuration,
    kLow,
    kHigh,
    kSnr,
    kState,
    kComment,
    kColumns
};

// Sorts by the number it holds, shows it formatted.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(double value, const QString& text) : QTableWidgetItem(text), m_value(value) {
        setFlags(flags() & ~Qt::ItemIsEditable);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        const auto* n = dynamic_cast<const NumberItem*>(&other);
        return n ? m_value < n->m_value : QTableWidgetItem::operator<(other);
    }

private:
    double m_value;
};

QTableWidgetItem* textItem(const QString& text, bool editable = false) {
    auto* item = new QTableWidgetItem(text);
    if (!editable)
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

LabelsPanel::LabelsPanel(Document* document, SpectrogramView* view, QWidget* parent)
    : QWidget(parent), m_document(document), m_view(view), m_filter(new QLineEdit(this)),
      m_table(new QTableWidget(0, kColumns, this)),
      m_columns(new LabelColumns(m_table, {"class", "confidence", "start", "duration", "low",
                                           "high", "snr", "state", "comment"})),
      m_count(new QLabel(this)) {
    // The classes and the filter above the table in a dock at the side; beside it, on the
    // left, when the panel lies across the window (setWide).
    m_layout = new QBoxLayout(QBoxLayout::TopToBottom, this);
    m_layout->setContentsMargins(4, 4, 4, 4);
    m_side = new QWidget(this);
    auto* side = new QVBoxLayout(m_side);
    side->setContentsMargins(0, 0, 0, 0);
    side->addWidget(new ClassBar(document, view, m_side));
    m_filter->setPlaceholderText(tr("Filter by class, state or comment"));
    m_filter->setClearButtonEnabled(true);
    // Only a click puts the focus here: opening the Labels tab focuses the table, so 1-9 and
    // Return reach the labels as the status bar says, not the filter.
    m_filter->setFocusPolicy(Qt::ClickFocus);
    side->addWidget(m_filter);
    side->addStretch(); // wide: the class list and filter at the top
    m_layout->addWidget(m_side);
    showUnits();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(kStart, Qt::AscendingOrder); // in time order until the user sorts
    m_table->verticalHeader()->setVisible(false);
    // Rows as tall as their text: the style's default (30 px) showed four labels in the dock.
    m_table->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 4);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setWordWrap(false); // one line per label; long names are elided
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    auto* tableColumn = new QVBoxLayout;
    tableColumn->addWidget(m_table, 1);
    tableColumn->addWidget(m_count);
    m_layout->addLayout(tableColumn, 1);
    connect(m_filter, &QLineEdit::textChanged, this, &LabelsPanel::applyFilter);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &LabelsPanel::takeSelection);
    connect(m_table, &QTableWidget::cellChanged, this, &LabelsPanel::commentEdited);
    // A row pressed does not scroll: a half-hidden row scrolled into view as it was pressed,
    // and the second click of a double-click landed on another row, so no zoom came. Moved to
    // by the keyboard, the current row scrolls into view as before.
    m_table->setAutoScroll(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (QGuiApplication::mouseButtons() == Qt::NoButton && current.isValid())
                    m_table->scrollTo(current);
            });
    // On press, not on click: the release may land elsewhere after the view moved.
    connect(m_table, &QTableWidget::cellPressed, this, [this](int row, int) {
        const auto id = m_table->item(row, kClass)->data(Qt::UserRole).toULongLong();
        if (const core::Label* l = m_document->label(id))
            m_view->showSpan(l->t0, l->t1, l->f0, l->f1);
    });
    // A double-click zooms to the label (its comment is edited in place instead).
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        const auto id = m_table->item(row, kClass)->data(Qt::UserRole).toULongLong();
        if (const core::Label* l = m_document->label(id); l && column != kComment)
            m_view->zoomToBox(l->t0, l->t1, l->f0, l->f1);
    });
    connect(document, &Document::labelsChanged, this, &LabelsPanel::refresh);
    connect(view, &SpectrogramView::labelSelectionChanged, this, &LabelsPanel::showSelection);
}

void LabelsPanel::fillRow(int r, const core::Label& l) {
    auto* cls = textItem(l.className.empty() ? tr("—") : QString::fromStdString(l.className));
    cls->setData(Qt::UserRole, QVariant::fromValue<qulonglong>(l.id));
    m_table->setItem(r, kClass, cls);
    m_items[l.id] = cls;
    const Units& u = m_units;
    m_table->setItem(r, kStart,
                     new NumberItem(l.t0, u.clock ? formatTime(l.t0, 1e-5, kClockFromSeconds)
                                                  : QString::number(l.t0, 'f', 5)));
    m_table->setItem(r, kDuration,
                     new NumberItem(l.duration(), u.milliseconds
                                                      ? QString::number(1e3 * l.duration(), 'f', 2)
                                                      : QString::number(l.duration(), 'f', 5)));
    m_table->setItem(r, kLow,
                     new NumberItem(l.f0, QString::number(l.f0 / u.hz, 'f', u.hzDecimals)));
    m_table->setItem(r, kHigh,
                     new NumberItem(l.f1, QString::number(l.f1 / u.hz, 'f', u.hzDecimals)));
    auto* snr = new NumberItem(l.snrDb.value_or(-1e9),
                               l.snrDb ? QString::number(*l.snrDb, 'f', 1) : tr("—"));
    if (!l.snrDb) // a label drawn by hand: the detector did not measure it
        snr->setToolTip(tr("Not measured: drawn by hand. The dataset export measures every "
                           "label (on_snr_db, its level while on)"));
    m_table->setItem(r, kSnr, snr);
    m_table->setItem(r, kState, textItem(l.confirmed ? tr("accepted") : tr("proposed")));
    // Unknown confidence sorts after every known one: the least confident come first.
    m_table->setItem(r, kConfidence,
                     new NumberItem(l.confidence.value_or(2.0),
                                    l.confidence
                                        ? QString("%1 %").arg(std::lround(100 * *l.confidence))
                                        : QString()));
    m_table->setItem(r, kComment, textItem(QString::fromStdString(l.comment), true));
    m_shown[l.id] = l;
}

// Only what changed is rebuilt: the rows of labels that are gone are removed, new labels get
// rows at the end (sorting then places them), changed ones are refilled; so drawing, deleting
// or relabelling one of 100,000 labels stays quick. Returns false when most labels are new (a
// new document, an import): the caller rebuilds the table.
bool LabelsPanel::updateChangedRows() {
    const auto& labels = m_document->labels();
    std::unordered_set<std::uint64_t> now;
    for (const auto& l : labels)
        now.insert(l.id);
    std::vector<int> gone;
    for (const auto& [id, item] : m_items)
        if (!now.count(id))
            gone.push_back(item->row());
    if (m_shown.size() - gone.size() < labels.size() / 2)
        return false;
    std::sort(gone.rbegin(), gone.rend());
    for (int row : gone) {
        const auto id = m_table->item(row, kClass)->data(Qt::UserRole).toULongLong();
        m_items.erase(id);
        m_shown.erase(id);
        m_table->removeRow(row);
    }
    bool renamed = false;
    for (const auto& l : labels) {
        const auto shown = m_shown.find(l.id);
        if (shown != m_shown.end() && shown->second == l)
            continue;
        renamed = renamed || shown == m_shown.end() || shown->second.className != l.className;
        int row = m_table->rowCount();
        if (shown == m_shown.end())
            m_table->insertRow(row);
        else
            row = m_items[l.id]->row();
        fillRow(row, l);
        matchFilter(row);
    }
    if (renamed)
        m_table->resizeColumnToContents(kClass);
    return true;
}

// Frequencies to six significant digits of the largest (1 kHz at 433.92 MHz, 1 Hz below
// 1 MHz), in the unit that writes the largest with at most four digits before the point (a
// baseband capture's -1 MHz edge reads -1000.000 kHz beside -15.625, not -1.00000 MHz).
LabelsPanel::Units LabelsPanel::unitsFor(const std::vector<core::Label>& labels) {
    Units u;
    if (labels.empty())
        return u; // kHz until there is something to measure
    double hz = 0, longest = 0, last = 0;
    for (const auto& l : labels) {
        hz = std::max({hz, std::abs(l.f0), std::abs(l.f1)});
        longest = std::max(longest, l.duration());
        last = std::max(last, l.t0);
        u.confidence = u.confidence || l.confidence.has_value();
    }
    const FrequencyUnit unit = frequencyUnit(hz / 10);
    const double step = hz > 0 ? std::max(1.0, std::pow(10.0, std::floor(std::log10(hz)) - 5)) : 1;
    u.hz = unit.scale;
    u.hzName = unit.name;
    u.hzDecimals = decimalsFor(step, unit.scale);
    u.milliseconds = longest < 1.0;
    u.clock = last >= kClockFromSeconds;
    return u;
}

void LabelsPanel::showUnits() {
    const QString hz = m_units.hzName;
    // The unit under the name: the columns stay as narrow as their numbers.
    m_table->setHorizontalHeaderLabels(
        {tr("Class"), tr("Conf."), m_units.clock ? tr("Start") : tr("Start\n(s)"),
         m_units.milliseconds ? tr("Duration\n(ms)") : tr("Duration\n(s)"), tr("Low\n(%1)").arg(hz),
         tr("High\n(%1)").arg(hz), tr("SNR\n(dB)"), tr("State"), tr("Comment")});
    // Two SNRs are in use: say which this is (a tester found the dataset's differ).
    m_table->horizontalHeaderItem(kSnr)->setToolTip(
        tr("The detector's SNR: the energy in the box's band over the noise floor of all its "
           "cells, on and off times alike. The dataset's on_snr_db measures the burst while it "
           "is on, so a keyed burst reads higher there by about its duty cycle"));
    m_columns->setAvailable(kConfidence, m_units.confidence);
    m_table->resizeColumnsToContents(); // an empty table too: its headers whole
}

void LabelsPanel::refresh() {
    m_updating = true;
    const QSignalBlocker block(m_table);
    m_table->setSortingEnabled(false);
    const Units units = unitsFor(m_document->labels());
    const bool sameUnits = units == m_units;
    if (!sameUnits) {
        m_units = units;
        showUnits();
    }
    if (!sameUnits || !updateChangedRows()) {
        const auto& labels = m_document->labels();
        m_shown.clear();
        m_items.clear();
        m_table->setRowCount(int(labels.size()));
        for (int r = 0; r < int(labels.size()); ++r)
            fillRow(r, labels[std::size_t(r)]);
        for (int r = 0; r < m_table->rowCount(); ++r)
            matchFilter(r);
    }
    // After an update too: a new label's "-326.2 kHz" was cut to "-326.2 kH". (Qt measures at
    // most 1000 rows, so this stays quick for 100,000 labels.)
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents(); // with sorting on: the header's width holds its arrow
    m_updating = false;
    updateCount();
    showSelection(m_view->selectedLabels());
    m_columns->fitDockOnce(); // rows came while the table is on screen
}

bool LabelsPanel::matchFilter(int row) {
    const QString text = m_filter->text().trimmed();
    bool match = text.isEmpty();
    for (int c : {kClass, kState, kComment})
        match = match || m_table->item(row, c)->text().contains(text, Qt::CaseInsensitive);
    m_table->setRowHidden(row, !match);
    return match;
}

void LabelsPanel::applyFilter() {
    for (int r = 0; r < m_table->rowCount(); ++r)
        matchFilter(r);
    updateCount();
}

void LabelsPanel::updateCount() {
    int shown = 0;
    for (int r = 0; r < m_table->rowCount(); ++r)
        shown += m_table->isRowHidden(r) ? 0 : 1;
    const auto& labels = m_document->labels();
    const auto proposed =
        std::count_if(labels.begin(), labels.end(), [](const auto& l) { return !l.confirmed; });
    m_count->setText(
        tr("%1 of %2 labels shown, %3 proposed").arg(shown).arg(labels.size()).arg(proposed));
}

void LabelsPanel::showSelection(const std::set<std::uint64_t>& ids) {
    if (m_taking)
        return; // the table's own selection, given to the picture: shown already, not scrolled
    m_updating = true;
    const QSignalBlocker block(m_table);
    m_table->clearSelection();
    for (std::uint64_t id : ids)
        if (const auto it = m_items.find(id); it != m_items.end()) {
            m_table->selectRow(it->second->row());
            m_table->scrollToItem(it->second);
        }
    m_updating = false;
}

void LabelsPanel::takeSelection() {
    if (m_updating)
        return;
    std::set<std::uint64_t> ids;
    for (const auto& range : m_table->selectedRanges())
        for (int r = range.topRow(); r <= range.bottomRow(); ++r)
            ids.insert(m_table->item(r, kClass)->data(Qt::UserRole).toULongLong());
    m_taking = true;
    m_view->setSelectedLabels(ids);
    m_taking = false;
}

void LabelsPanel::commentEdited(int row, int column) {
    if (m_updating || column != kComment)
        return;
    const auto id = m_table->item(row, kClass)->data(Qt::UserRole).toULongLong();
    auto labels = m_document->labels();
    for (auto& l : labels)
        if (l.id == id)
            l.comment = m_table->item(row, kComment)->text().toStdString();
    m_document->setLabels(labels, tr("Edit comment"));
}

void LabelsPanel::setWide(bool wide) {
    m_layout->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // Wide, the side column keeps the width it has in a dock at the side.
    m_side->setMaximumWidth(wide ? m_side->sizeHint().width() : QWIDGETSIZE_MAX);
}

int LabelsPanel::heightFor(int rows) const {
    const int table = m_table->horizontalHeader()->sizeHint().height() +
                      rows * m_table->verticalHeader()->defaultSectionSize() +
                      2 * m_table->frameWidth();
    const auto margins = m_layout->contentsMargins();
    const int column = table + m_layout->spacing() + m_count->sizeHint().height();
    return std::max(column, m_side->minimumSizeHint().height()) + margins.top() + margins.bottom();
}

void LabelsPanel::setDock(QMainWindow* window, QDockWidget* dock) {
    m_columns->setDock(window, dock);
    connect(m_document, &Document::sourceChanged, dock, [this, dock] {
        if (!m_document->labels().empty() && m_document->shapes().empty())
            dock->raise();
    });
}

} // namespace specedit::ui
