#pragma once
// Undo command for labels and their classes: value snapshots of both lists before and after
// one gesture (draw, move, relabel, accept, delete, a detection run), never pointers (design
// rule R3).

#include "label/Label.h"

#include <QUndoCommand>
#include <vector>

namespace specedit::ui {

class Document;

struct LabelState {
    std::vector<core::LabelClass> classes;
    std::vector<core::Label> labels;
    bool operator==(const LabelState&) const = default;
};

class ReplaceLabelsCommand : public QUndoCommand {
public:
    ReplaceLabelsCommand(Document* doc, LabelState before, LabelState after, const QString& text);
    void undo() override;
    void redo() override;

private:
    Document* m_doc;
    LabelState m_before;
    LabelState m_after;
};

} // namespace specedit::ui
