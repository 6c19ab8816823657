#pragma once
// What the editor does with labels (the Labels menu and the Label tool): draw a box, or click
// a burst to have its box found by the burst detector around the click; 1-9 give the selected
// labels the class of that hotkey (made on first use, with a colour of its own); Enter
// accepts proposed labels; N and P step to the next and previous label (Shift+N: the next
// proposed one); Delete removes the selected labels; the selected labels' boxes become
// isolate or remove shapes in one action; Detect bursts (Ctrl+B) proposes labels
// for the whole recording, on the task runner. Every change is one undo step in the Document.
// GUI thread only. LabelProposals.cpp holds what runs the detector or the features (the click's
// burst, Detect bursts, Label similar).

#include "detect/BurstDetector.h"
#include "features/Dataset.h"
#include "label/Label.h"
#include "labels/DetectDialog.h"

#include <QObject>
#include <array>
#include <set>

class QAction;

class QMenu;

namespace specedit::ui {

class Document;
class SpectrogramView;
class TaskRunner;
class LabelExchange;

class LabelController : public QObject {
    Q_OBJECT
public:
    LabelController(Document* document, SpectrogramView* view, TaskRunner* tasks, QObject* parent);

    // Fills the Labels menu with the actions above (their shortcuts work window-wide).
    void buildMenu(QMenu* menu);
    LabelExchange* exchange() const { return m_exchange; }

    void addBox(const core::TfBox& box);
    // A label moved or resized by dragging: one undo step.
    void replaceLabel(const core::Label& edited);
    void snapToBurst(double seconds, double hertz);
    void setClass(int hotkey);
    void acceptSelected();
    void acceptAll();
    void removeSelected();
    // Selects the next (step +1) or previous (-1) label in time; onlyProposed skips confirmed.
    void step(int direction, bool onlyProposed = false);
    // Detect bursts...: opens the dialog (parameters, scope, live count); its bursts become
    // proposed labels.
    void detectBursts();
    // Runs the detector with these options on the task runner; the bursts in the region's
    // band become proposed labels.
    void detectWith(const core::DetectOptions& options, const DetectRegion& region);
    // Label similar: unclassified and proposed labels get the class of their nearest
    // classified, confirmed neighbours (k-NN on standardised features), as proposed labels
    // with a confidence; the least confident is selected for review.
    void labelSimilar();
    // A mask shape from each selected label's box (one undo step): isolate keeps only what is
    // inside the boxes, remove takes it out.
    void toShapes(core::MaskMode mode);

signals:
    void message(const QString& text, int timeoutMs);
    // Detection or Label similar proposed labels to review: the Labels panel comes to front.
    void proposalsMade();

private:
    void nameClassActions();
    std::vector<core::Label> withSelected(const std::function<void(core::Label&)>& change) const;
    void select(std::uint64_t id);
    void proposeLabels(const std::vector<core::Label>& found, const DetectRegion& region);
    void applyProposals(const std::vector<core::DatasetEntry>& entries);
    qint64 proposedCount() const;
    void reportAccepted(qint64 proposedBefore);

    Document* m_document;
    SpectrogramView* m_view;
    TaskRunner* m_tasks;
    LabelExchange* m_exchange;
    std::array<QAction*, 9> m_classActions{};        // Labels > Class, hotkeys 1-9
    std::optional<core::DetectOptions> m_lastDetect; // the fields of the last run
};

} // namespace specedit::ui
