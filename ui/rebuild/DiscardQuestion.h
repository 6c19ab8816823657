#pragma once
// Asks before the rebuild dialog closes over work the user would lose: a run still going, or a
// rebuilt signal not saved (Escape and Close threw either away without a word). GUI thread only.

class QWidget;

namespace specedit::ui {

// True when the dialog may close: nothing would be lost, or the user chose to discard it.
bool mayDiscard(QWidget* parent, bool running, bool unsaved);

} // namespace specedit::ui
