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

SourceOptionsCommand::SourceOptionsCommand(Document* doc, core::OpenOptions before,
                                           core::OpenOptions after)
    : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)) {
    setText(m_after.forceIq ? QObject::tr("Read as I/Q") : QObject::tr("Read as audio"));
}

void SourceOptionsCommand::undo() {
    m_doc->applySourceOptions(m_before);
}
void SourceOptionsCommand::redo() {
    m_doc->applySourceOptions(m_after);
}

} // namespace specedit::ui
