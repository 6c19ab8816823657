#pragma once
// Undo command for a change of the analysis parameters. Holds value snapshots, with the Auto
// length state before and after (a typed length turns Auto off; undoing it turns Auto back
// on); consecutive changes from the same control (same merge id, e.g. a spin box being
// stepped) merge into one entry, and a change back to the original value drops the entry.

#include "dsp/StftParams.h"
#include "io/OpenOptions.h"

#include <QUndoCommand>

namespace specedit::ui {

class Document;

class AnalysisCommand : public QUndoCommand {
public:
    AnalysisCommand(Document* doc, core::StftParams before, core::StftParams after, int mergeId,
                    bool autoBefore = false, bool autoAfter = false);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* m_doc; // the stack's owner outlives its commands
    core::StftParams m_before;
    core::StftParams m_after;
    int m_mergeId;
    bool m_autoBefore;
    bool m_autoAfter;
};

// Undo command for how the recording is read (for now: a stereo file as audio or as I/Q).
class SourceOptionsCommand : public QUndoCommand {
public:
    SourceOptionsCommand(Document* doc, core::OpenOptions before, core::OpenOptions after);
    void undo() override;
    void redo() override;

private:
    Document* m_doc;
    core::OpenOptions m_before;
    core::OpenOptions m_after;
};

} // namespace specedit::ui
