#pragma once
// The main window: wiring between the Document, the spectrogram view and the panels. Logic
// lives in Document, the view and the panels; this class connects them and handles files.

#include "RecordingGate.h"
#include "ViewMenu.h"
#include "tools/Tool.h"
#include "view/SpectrogramView.h"

#include <QMainWindow>
#include <functional>
#include <memory>

class QLabel;

namespace specedit::core {
struct OpenOptions;
}

class QDockWidget;

namespace specedit::ui {

class AnalysisPanel;
class AutosaveTimer;
class PictureBuilder;
class ListenToolBar;
class Listener;
class PaintToolBar;
class PictureStatus;
class ProjectSaver;
class RecentFiles;
class Player;
class ShapesPanel;
class TaskRunner;
class ExportController;
class Document;
class SpectrogramView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a recording or a *.specedit.json project; shows a dialog on failure (asks for
    // the format of raw IQ files). Returns whether the file is now open.
    bool openPath(const QString& path);
    // The same with what the file may not say itself (a raw file's sample rate).
    bool openPathWith(const QString& path, const core::OpenOptions& options);

    // Saves the project; asks for a path when the document has none yet. Returns success.
    bool saveProject();
    bool saveProjectAs();

    // Renders the mask over the whole recording into path (its extension picks the format)
    // in the background, with a progress dialog. Returns false if a task is already running.
    bool exportTo(const QString& path);
    // The same for the selected shape's stretch of time only. False without a selection.
    bool exportSelectionTo(const QString& path);
    ExportController* exports() const { return m_exports; }
    TaskRunner* tasks() const { return m_tasks; }

    Document* document() const { return m_document; }
    PaintToolBar* paintToolBar() const { return m_paint; }
    SpectrogramView* view() const { return m_view; }
    ShapesPanel* shapesPanel() const { return m_shapes; }
    Listener* listener() const { return m_listener; }
    Player* player() const { return m_player; }
    // Outlines the region above the noise at (t, f) and adds it as a shape (background task).
    void runMagicWand(double t, double f, const PlotScale& scale, int channel);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildDock();
    QDockWidget* addPanel(const QString& title, const char* name, QWidget* panel);
    void connectPainting();
    void connectListening();
    void buildStatusBar();
    bool settingsValid();
    int viewPixels() const;
    void onSourceChanged();
    void onAnalysisChanged();
    void openDialog();
    void updateTitle();

    Document* m_document;
    SpectrogramView* m_view;
    AnalysisPanel* m_panel;
    PaintToolBar* m_paint;
    ShapesPanel* m_shapes;
    Player* m_player;
    Listener* m_listener;
    ListenToolBar* m_listen;
    TaskRunner* m_tasks;
    ExportController* m_exports;
    QLabel* m_cursorLabel;
    QLabel* m_infoLabel;
    PictureStatus* m_pictureStatus;
    RecentFiles* m_recent = nullptr;
    RecordingGate m_gate;        // what waits for a recording to open
    QAction* m_delete = nullptr; // Edit > Delete: the selected shape or labels
    std::unique_ptr<ProjectSaver> m_saver;
    AutosaveTimer* m_autosave = nullptr;
    PictureBuilder* m_picture = nullptr;
    ViewMenu m_viewMenu;
    bool m_newSource = false; // the next analysis belongs to a newly opened recording
};

} // namespace specedit::ui
