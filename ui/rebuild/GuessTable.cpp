#include "rebuild/GuessTable.h"

#include "phase/GuessRanking.h"

#include <QHeaderView>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {
constexpr double kReadingShare = 0.6;
} // namespace

QString scoreText(const core::GuessCandidate& c) {
    if (!c.scoreIsDb)
        return QObject::tr("inconsistency %1 (%2 dB)")
            .arg(c.score, 0, 'g', 2)
            .arg(20 * std::log10(std::max(c.score, 1e-300)), 0, 'f', 0);
    QString text = QObject::tr("consistency gain %1 dB").arg(c.score, 0, 'f', 1);
    QStringList why; // why it ranks below better scores
    if (c.params.nfft % 2 != 0)
        why << QObject::tr("odd FFT size");
    if (c.layout.magnitude == core::MagnitudeUnit::Db10)
        why << QObject::tr("db10");
    if (c.params.nperseg < c.params.nfft && !c.centred)
        why << QObject::tr("window shorter than the FFT, no length");
    if (!why.isEmpty())
        text += QObject::tr(", ranked as %1 (%2)")
                    .arg(core::rankedScoreDb(c), 0, 'f', 1)
                    .arg(why.join(QObject::tr(", ")));
    text += QObject::tr("; peaks fit %1 %").arg(std::lround(100 * c.peakFit));
    if (!core::magnitudesConstrain(c))
        text += QObject::tr("; hop too long to tell: any magnitudes fit it");
    return text;
}

GuessTable::GuessTable(QWidget* parent) : QTableWidget(0, 2, parent) {
    setHorizontalHeaderLabels({tr("Reading"), tr("Score (lower is better)")});
    // The reading as wide as it needs, up to kReadingShare of the table (a long score further
    // down squeezed it to "hann, window 256, hop 64, ..."); the score takes the rest.
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    // One line a reading (a long one wrapped into two and hid half of the next row): what the
    // column cuts off is in the cell's tooltip.
    setWordWrap(false);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    setMinimumHeight(130);
    setMaximumHeight(300); // eight readings or so, when the dialog has the room
    connect(this, &QTableWidget::currentCellChanged, this, [this](int r) {
        if (r >= 0 && std::size_t(r) < m_candidates.size())
            emit picked(m_candidates[std::size_t(r)]);
    });
}

void GuessTable::setCandidates(std::vector<core::GuessCandidate> candidates) {
    m_candidates = std::move(candidates);
    setRowCount(int(m_candidates.size()));
    for (std::size_t i = 0; i < m_candidates.size(); ++i) {
        const auto& c = m_candidates[i];
        const QString texts[] = {QString::fromStdString(c.describe()), scoreText(c)};
        for (int column = 0; column < 2; ++column) {
            auto* item = new QTableWidgetItem(texts[column]);
            item->setToolTip(texts[column]);
            setItem(int(i), column, item);
        }
    }
    resizeColumnToContents(0);
    setColumnWidth(0, std::min(columnWidth(0), int(kReadingShare * viewport()->width())));
    if (!m_candidates.empty())
        setCurrentCell(0, 0);
}

void GuessTable::clearCandidates() {
    m_candidates.clear();
    setRowCount(0);
}

void GuessTable::unpick() {
    const QSignalBlocker block(this);
    setCurrentCell(-1, -1);
    clearSelection();
}

} // namespace specedit::ui
