#include "commands/LabelCommands.h"

#include "Document.h"

namespace specedit::ui {

ReplaceLabelsCommand::ReplaceLabelsCommand(Document* doc, LabelState before, LabelState after,
                                           const QString& text)
    : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)) {
    setText(text);
}

void ReplaceLabelsCommand::redo() {
    m_doc->assignLabels(m_after);
}

void ReplaceLabelsCommand::undo() {
    m_doc->assignLabels(m_before);
}

} // namespace specedit::ui
