#include "commands/ShapeCommands.h"

#include "Document.h"

namespace specedit::ui {
namespace {
QString describe(const core::Shape& s) {
    switch (s.type) {
    case core::ShapeType::Rect:
        return QObject::tr("rectangle");
    case core::ShapeType::Polygon:
        return QObject::tr("lasso");
    case core::ShapeType::Stroke:
        return QObject::tr("brush stroke");
    }
    return QObject::tr("shape");
}
} // namespace

AddShapeCommand::AddShapeCommand(Document* doc, core::Shape shape)
    : m_doc(doc), m_shape(std::move(shape)) {
    setText(QObject::tr("Add %1").arg(describe(m_shape)));
}

void AddShapeCommand::redo() {
    m_doc->insertShape(int(m_doc->shapes().size()), m_shape);
}
void AddShapeCommand::undo() {
    m_doc->eraseShape(m_shape.id);
}

RemoveShapeCommand::RemoveShapeCommand(Document* doc, core::Shape shape, int index)
    : m_doc(doc), m_shape(std::move(shape)), m_index(index) {
    setText(QObject::tr("Delete %1").arg(describe(m_shape)));
}

void RemoveShapeCommand::redo() {
    m_doc->eraseShape(m_shape.id);
}
void RemoveShapeCommand::undo() {
    m_doc->insertShape(m_index, m_shape);
}

ReplaceShapesCommand::ReplaceShapesCommand(Document* doc, std::vector<core::Shape> before,
                                           std::vector<core::Shape> after, const QString& text)
    : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)) {
    setText(text);
}

void ReplaceShapesCommand::redo() {
    m_doc->assignShapes(m_after);
}
void ReplaceShapesCommand::undo() {
    m_doc->assignShapes(m_before);
}

MoveShapeCommand::MoveShapeCommand(Document* doc, std::uint64_t id, int from, int to)
    : m_doc(doc), m_id(id), m_from(from), m_to(to) {
    setText(QObject::tr("Reorder shapes"));
}

void MoveShapeCommand::redo() {
    m_doc->relocateShape(m_id, m_to);
}
void MoveShapeCommand::undo() {
    m_doc->relocateShape(m_id, m_from);
}

ModifyShapeCommand::ModifyShapeCommand(Document* doc, core::Shape before, core::Shape after,
                                       int mergeId)
    : m_doc(doc), m_before(std::move(before)), m_after(std::move(after)), m_mergeId(mergeId) {
    setText(QObject::tr("Edit %1").arg(describe(m_after)));
}

void ModifyShapeCommand::redo() {
    m_doc->replaceShape(m_after);
}
void ModifyShapeCommand::undo() {
    m_doc->replaceShape(m_before);
}

bool ModifyShapeCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const ModifyShapeCommand*>(other);
    if (next->m_after.id != m_after.id)
        return false;
    m_after = next->m_after;
    setObsolete(m_after == m_before);
    return true;
}

} // namespace specedit::ui
