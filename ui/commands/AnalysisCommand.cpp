#include "commands/AnalysisCommand.h"

#include "Document.h"

namespace specedit::ui {

AnalysisCommand::AnalysisCommand(Document* doc, core::StftParams before, core::StftParams after,
                                 int mergeId, bool autoBefore, bool autoAfter)
    : m_doc(doc), m_before(before), m_after(after), m_mergeId(mergeId), m_autoBefore(autoBefore),
      m_autoAfter(autoAfter) {
    setText(QObject::tr("Change analysis"));
}

void AnalysisCommand::undo() {
    m_doc->applyAnalysis(m_before);
    m_doc->setAutoLength(m_autoBefore);
}
void AnalysisCommand::redo() {
    m_doc->applyAnalysis(m_after);
    m_doc->setAutoLength(m_autoAfter);
}

bool AnalysisCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const AnalysisCommand*>(other);
    m_after = next->m_after;
    m_autoAfter = next->m_autoAfter;
    setObsolete(m_after == m_before && m_autoAfter == m_autoBefore);
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
