#pragma once
// The rebuild dialog's ranked readings of the files (phase/ParameterGuess.h): one row each,
// the reading and its score, best first. Picking a row (by hand, or the best when a ranking
// arrives) emits it. GUI thread only.

#include "phase/ParameterGuess.h"

#include <QTableWidget>
#include <vector>

namespace specedit::ui {

class GuessTable : public QTableWidget {
    Q_OBJECT
public:
    explicit GuessTable(QWidget* parent = nullptr);

    // Shows the ranking and picks its first row.
    void setCandidates(std::vector<core::GuessCandidate> candidates);
    const std::vector<core::GuessCandidate>& candidates() const { return m_candidates; }
    void clearCandidates();
    // No row picked, without a signal (the fields were edited by hand).
    void unpick();

signals:
    void picked(const core::GuessCandidate& candidate);

private:
    std::vector<core::GuessCandidate> m_candidates;
};

// "consistency gain -312.4 dB", "inconsistency 3.1e-16 (-310 dB)": a candidate's score as
// the table shows it.
QString scoreText(const core::GuessCandidate& c);

} // namespace specedit::ui
