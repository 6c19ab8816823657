#pragma once
// The Settings panel (AnalysisPanel) wired to the Document and the view: its analysis, channel,
// IQ, Auto length and level edits go to them, their state comes back to its fields, and an edit
// they refuse is said in the panel (a bad analysis) or the status bar (an IQ mode the recording
// cannot take; Auto length turned off by a typed length). GUI thread only.

class QStatusBar;

namespace specedit::ui {

class AnalysisPanel;
class Document;
class SpectrogramView;

void wireAnalysisPanel(AnalysisPanel* panel, Document* document, SpectrogramView* view,
                       QStatusBar* status);

} // namespace specedit::ui
