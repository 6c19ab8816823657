#pragma once
// Undo commands for mask shapes. Each holds value snapshots and the shape's stable id, never a
// pointer into the document's list (design rule R3). One gesture makes one command; edits
// from the same control merge (mergeWith), and an edit that ends where it began is obsolete.

#include "mask/Shape.h"

#include <QUndoCommand>

namespace specedit::ui {

class Document;

class AddShapeCommand : public QUndoCommand {
public:
    AddShapeCommand(Document* doc, core::Shape shape);
    void undo() override;
    void redo() override;

private:
    Document* m_doc;
    core::Shape m_shape;
};

class RemoveShapeCommand : public QUndoCommand {
public:
    // shape and index: the snapshot and position to restore on undo.
    RemoveShapeCommand(Document* doc, core::Shape shape, int index);
    void undo() override;
    void redo() override;

private:
    Document* m_doc;
    core::Shape m_shape;
    int m_index;
};

class MoveShapeCommand : public QUndoCommand {
public:
    // Moves shape id from position `from` to position `to` in the composition order.
    MoveShapeCommand(Document* doc, std::uint64_t id, int from, int to);
    void undo() override;
    void redo() override;

private:
    Document* m_doc;
    std::uint64_t m_id;
    int m_from;
    int m_to;
};

// Replaces the whole list of shapes (the eraser cuts several shapes into pieces at once).
class ReplaceShapesCommand : public QUndoCommand {
public:
    ReplaceShapesCommand(Document* doc, std::vector<core::Shape> before,
                         std::vector<core::Shape> after, const QString& text);
    void undo() override;
    void redo() override;

private:
    Document* m_doc;
    std::vector<core::Shape> m_before;
    std::vector<core::Shape> m_after;
};

class ModifyShapeCommand : public QUndoCommand {
public:
    ModifyShapeCommand(Document* doc, core::Shape before, core::Shape after, int mergeId);
    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_doc;
    core::Shape m_before;
    core::Shape m_after;
    int m_mergeId;
};

} // namespace specedit::ui
