#pragma once
// The View menu: Zoom to fit (Home), Zoom to selection (S), Auto levels (L), Show edited
// result (M), Frequency scale (linear; log and mel for audio) and Trace lane (Ctrl+T), acting
// on the spectrogram view; and the "Picture Original | Edited" switch beside the transport,
// bound to Show edited result. GUI thread only.

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QToolBar;

namespace specedit::ui {

class SpectrogramView;

struct ViewMenu {
    QMenu* menu = nullptr;
    QAction* edited = nullptr;      // checkable; the window rebuilds the picture on toggle
    QActionGroup* scales = nullptr; // Frequency scale: Linear, Log, Mel
};

ViewMenu addViewMenu(QMainWindow* window, SpectrogramView* view);
// A bottom tool bar with "Picture Original | Edited", kept in step with menu.edited both ways.
QToolBar* addPictureBar(QMainWindow* window, const ViewMenu& menu);

// Log and mel for audio only: for IQ they are disabled and the linear scale is chosen.
void enableScalesFor(const ViewMenu& menu, bool iq);
// Ticks the scale the view shows (after a project set it).
void showScaleOf(const ViewMenu& menu, const SpectrogramView* view);

} // namespace specedit::ui
