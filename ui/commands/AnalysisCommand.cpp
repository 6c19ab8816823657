#include "commands/AnalysisCommand.h"

#include "Document.h"

namespace specedit::ui {

AnalysisCommand::AnalysisCommand(Document* doc, core::StftParams before, core::StftParams after,
                                 int mergeId)
    : m_doc(doc), m_before(before), m_after(after), m_mergeId(mergeId) {
    setText(QObject::tr("Change analysis"));
}

void AnalysisCommand::undo() {
    m_doc->applyAnalysis(m_before);
}
void AnalysisCommand::redo() {
    m_doc->applyAnalysis(m_after);
}

bool AnalysisCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const AnalysisCommand*>(other);
    m_after = next->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace specedit::ui
