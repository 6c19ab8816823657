#include "rebuild/GuessTable.h"

#include <QHeaderView>
#include <cmath>

namespace specedit::ui {

QString scoreText(const core::GuessCandidate& c) {
    if (c.scoreIsDb && c.params.nfft % 2 != 0) // why it ranks below better scores
        return QObject::tr("consistency gain %1 dB, ranked as %2 (odd FFT size)")
            .arg(c.score, 0, 'f', 1)
            .arg(c.score + core::kOddFftPriorDb, 0, 'f', 1);
    if (c.scoreIsDb)
        return QObject::tr("consistency gain %1 dB").arg(c.score, 0, 'f', 1);
    return QObject::tr("inconsistency %1 (%2 dB)")
        .arg(c.score, 0, 'g', 2)
        .arg(20 * std::log10(std::max(c.score, 1e-300)), 0, 'f', 0);
}

GuessTable::GuessTable(QWidget* parent) : QTableWidget(0, 2, parent) {
    setHorizontalHeaderLabels({tr("Reading"), tr("Score (lower is better)")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setMinimumHeight(130);
    setMaximumHeight(170);
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
        setItem(int(i), 0, new QTableWidgetItem(QString::fromStdString(c.describe())));
        setItem(int(i), 1, new QTableWidgetItem(scoreText(c)));
    }
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
