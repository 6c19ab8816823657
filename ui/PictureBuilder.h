#pragma once
// The view's tile computers for the document's analysis, built off the GUI thread. FFTW
// planning can take a moment (design rule R5). They are handed to the view: one per pane when the
// channels are stacked, of the edited result when that is shown. A newer request
// replaces one still being built and does what that one would have: a new recording's
// analysis replaced by an auto-length one must still fit the view. GUI thread only.

#include "view/SpectrogramView.h"

#include <QObject>

namespace specedit::ui {

class Document;

class PictureBuilder : public QObject {
    Q_OBJECT
public:
    PictureBuilder(Document* document, SpectrogramView* view, QObject* parent);

    // Whether the picture shows the masked STFT instead of the original (View > Edited, M).
    void setShowEdited(bool on) { m_showEdited = on; }
    bool showEdited() const { return m_showEdited; }

    void request(ViewChange change);

signals:
    void failed(const QString& error); // no computer could be made: why
    void shown();                      // the view has the new computers

private:
    void show(const std::vector<std::shared_ptr<const core::TileComputer>>& computers,
              ViewChange change);

    Document* m_document;
    SpectrogramView* m_view;
    int m_generation = 0;
    // The strongest change asked for since an analysis was last shown.
    ViewChange m_pending = ViewChange::SameData;
    bool m_showEdited = false;
};

} // namespace specedit::ui
