#pragma once
// The magic wand's click, as a background task: the wand computes a local spectrogram around
// the click (off the GUI thread, with progress and cancel), outlines the region above the
// noise and adds it to the document as a shape with the toolbar's defaults. GUI thread only.

#include <QString>
#include <functional>

namespace specedit::ui {

class Document;
class PaintToolBar;
class TaskRunner;
struct PlotScale;

struct WandClick {
    double seconds = 0, hertz = 0;
    int channel = 0; // the pane clicked: the outline follows that channel (-1: every channel)
};

using StatusMessage = std::function<void(const QString& text, int milliseconds)>;

// Starts the wand at `click`; says so through `message` when another task is running, when
// the wand fails and when the shape is added.
void startMagicWand(Document* document, TaskRunner* tasks, const PaintToolBar& paint,
                    const WandClick& click, const PlotScale& scale, const StatusMessage& message);

} // namespace specedit::ui
