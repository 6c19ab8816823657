#include "MainWindow.h"

#include "AnalysisPanel.h"
#include "AutoLength.h"
#include "AutosaveTimer.h"
#include "Document.h"
#include "EditMenu.h"
#include "ErrorText.h"
#include "ExportController.h"
#include "HelpMenu.h"
#include "PaintToolBar.h"
#include "PanelWiring.h"
#include "PictureBuilder.h"
#include "PictureStatus.h"
#include "ProjectSaver.h"
#include "RecentFiles.h"
#include "RecordingOpen.h"
#include "SaveConflict.h"
#include "SettingsDock.h"
#include "ShapeNotes.h"
#include "ShapesPanel.h"
#include "ShortcutGuard.h"
#include "SourceSummary.h"
#include "StatusReadouts.h"
#include "TaskRunner.h"
#include "ViewMenu.h"
#include "WandTask.h"
#include "WheelGuard.h"
#include "audio/ListenToolBar.h"
#include "audio/ListenWiring.h"
#include "audio/Listener.h"
#include "audio/Player.h"
#include "labels/LabelColumns.h"
#include "labels/LabelController.h"
#include "labels/LabelsDockPlace.h"
#include "labels/LabelsPanel.h"
#include "rebuild/RebuildDialog.h"
#include "util/Error.h"
#include "view/AxisTickers.h"
#include "view/SpectrogramView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <qcustomplot.h>

namespace specedit::ui {
MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new Document(this)), m_view(new SpectrogramView(this)),
      m_panel(new AnalysisPanel(this)), m_paint(new PaintToolBar(this)),
      m_shapes(new ShapesPanel(m_document, this)), m_player(new Player(this)),
      m_listener(new Listener(m_document, m_player, this)), m_listen(new ListenToolBar(this)),
      m_tasks(new TaskRunner(this)),
      m_exports(new ExportController(m_document, m_view, m_tasks, this,
                                     [this] { return settingsValid(); })) {
    setCentralWidget(m_view);
    m_saver = std::make_unique<ProjectSaver>(
        m_document, this, [this] { return m_view->viewState(); },
        [this] { return settingsValid(); },
        [this](const QString& path) { m_recent->remember(path); });
    connect(m_exports, &ExportController::message, this,
            [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    addToolBar(Qt::TopToolBarArea, m_paint);
    connectPainting();
    connectListening();
    m_autosave = new AutosaveTimer(
        m_document, [this] { return m_view->viewState(); }, this);
    connect(m_autosave, &AutosaveTimer::message, this,
            [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    m_picture = new PictureBuilder(m_document, m_view, this);
    connect(m_picture, &PictureBuilder::failed, m_panel, &AnalysisPanel::showProblem);
    connect(m_picture, &PictureBuilder::shown, this, [this] { showScaleOf(m_viewMenu, m_view); });
    setAcceptDrops(true);
    buildMenus();
    buildDock();
    (new ShortcutGuard(this))->guard(this);
    connect(m_document, &Document::sourceChanged, this, &MainWindow::onSourceChanged);
    connect(m_document, &Document::analysisChanged, this, &MainWindow::onAnalysisChanged);
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    buildStatusBar();
    new AutoLength(m_document, m_view, this);
    wireAnalysisPanel(m_panel, m_document, m_view, statusBar());
    // From the event loop, after the window is made (shown from here, the message and the
    // summary were drawn over each other).
    if (!m_recent->crashedFile().isEmpty())
        QTimer::singleShot(0, this, [this] {
            statusBar()->showMessage(tr("SpecEdit stopped while opening %1 last time; it was "
                                        "removed from Open Recent")
                                         .arg(m_recent->crashedFile()),
                                     15000);
        });
    resize(1400, 850);
    updateTitle();
    WheelGuard::install(this);
}

MainWindow::~MainWindow() {
    // Children die after this body, in creation order: stop what still talks to the window
    // (playback signals, the undo stack's clean signal) before the view and panels go.
    m_player->disconnect(this);
    m_player->stop();
    m_document->disconnect(this);
    m_document->undoStack()->disconnect(this);
}

// The status bar: the recording's summary, the picture's progress and the cursor's readout;
// measurements and warnings about the samples go there too.
void MainWindow::buildStatusBar() {
    m_infoLabel = new QLabel(this);
    statusBar()->addWidget(m_infoLabel, 1);
    m_pictureStatus = new PictureStatus(statusBar());
    m_cursorLabel = addReadouts(statusBar(), m_view, m_paint);
    connect(m_view, &SpectrogramView::tilesPending, m_pictureStatus, &PictureStatus::showPending);
    connect(m_view, &SpectrogramView::pictureComplete, m_recent, &RecentFiles::finishOpening);
    connect(m_view, &SpectrogramView::pictureFailed, m_pictureStatus, &PictureStatus::showFailure);
    connect(m_document, &Document::shapesChanged, m_pictureStatus, &PictureStatus::clear);
    connect(m_document, &Document::analysisChanged, m_pictureStatus, &PictureStatus::clear);
    connect(m_view, &SpectrogramView::nonFiniteSamples, this, [this](double t) {
        m_infoLabel->setText(m_infoLabel->text() +
                             tr(" — holds NaN or infinite samples (first near %1), shown in "
                                "the floor colour")
                                 .arg(formatTime(t, 1e-3)));
    });
}

void MainWindow::connectPainting() {
    m_view->setShapeDefaults(m_paint->defaults());
    connect(m_paint, &PaintToolBar::toolChosen, m_view, &SpectrogramView::setTool);
    connect(m_paint, &PaintToolBar::defaultsChanged, m_view, &SpectrogramView::setShapeDefaults);
    connect(m_view, &SpectrogramView::shapeDrawn, this, [this](const core::Shape& shape) {
        try {
            m_document->addShape(shape); // selected as it is inserted
            const QString note = narrowBandNote(shape, m_document->analysis(), m_document->info());
            if (!note.isEmpty()) // drawn zoomed in on a hum's line, say
                statusBar()->showMessage(note, 15000);
        } catch (const core::Error& e) {
            statusBar()->showMessage(userText(e), 5000);
        }
    });
    connect(m_view, &SpectrogramView::eraseStroke, m_document, &Document::cutShapes);
    connect(m_view, &SpectrogramView::wandRequested, this, &MainWindow::runMagicWand);
    connect(m_view, &SpectrogramView::shapeEdited, this, [this](const core::Shape& shape) {
        try {
            m_document->modifyShape(shape);
        } catch (const core::Error& e) {
            statusBar()->showMessage(userText(e), 5000);
            m_view->setShapes(m_document->shapes());
        }
    });
    connect(m_view, &SpectrogramView::deleteRequested, m_document, &Document::removeShape);
    connect(m_document, &Document::shapeInserted, m_view, &SpectrogramView::setSelectedShape);
    connect(m_document, &Document::shapesChanged, this, [this] {
        m_view->setShapes(m_document->shapes());
        if (m_picture->showEdited())
            m_picture->request(ViewChange::SameData);
    });
    connect(m_document, &Document::projectPathChanged, this, &MainWindow::updateTitle);
}

void MainWindow::connectListening() {
    addToolBar(Qt::BottomToolBarArea, m_listen); // transport under the picture: the top row is full
    wireListening({m_document, m_view, m_listen, m_listener, m_player, statusBar(),
                   [this] { return settingsValid(); }});
}

void MainWindow::runMagicWand(double t, double f, const PlotScale& scale, int channel) {
    startMagicWand(m_document, m_tasks, *m_paint, {t, f, channel}, scale,
                   [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
}

// The plot's width in pixels, for the default window length (the fitted view's pixel span).
int MainWindow::viewPixels() const {
    const int width = m_view->plot()->axisRect()->width();
    return width > 100 ? width : Document::kDefaultViewPixels;
}

// False, with a message, while a Settings field shows a value the document does not use.
bool MainWindow::settingsValid() {
    if (!m_panel->hasInvalidInput())
        return true;
    QMessageBox::warning(this, tr("A setting is invalid"),
                         tr("%1\n\nCorrect it, or restore the last valid settings, first: "
                            "nothing is saved, exported or played with values the fields do "
                            "not show.")
                             .arg(m_panel->problem()));
    return false;
}

bool MainWindow::saveProject() {
    return m_saver->save();
}

bool MainWindow::saveProjectAs() {
    return m_saver->saveAs();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_tasks->isBusy()) {
        event->ignore();
        const auto answer = QMessageBox::question(
            this, tr("Quit SpecEdit?"),
            tr("A task is still running (%1). Cancel it and quit?").arg(m_tasks->title()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer == QMessageBox::Yes && m_tasks->isBusy()) {
            connect(m_tasks, &TaskRunner::finished, this, &QWidget::close,
                    Qt::SingleShotConnection);
            m_tasks->cancel(); // the window closes when the task has stopped
        } else if (answer == QMessageBox::Yes) {
            QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
        }
        return;
    }
    if (!m_saver->maybeSave()) {
        event->ignore();
        return;
    }
    m_recent->finishOpening(); // closed normally before its picture completed: no crash
    event->accept();           // maybeSave removed the autosave when saving or discarding
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open =
        file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentFiles(recent, this);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openPath);
    QAction* rebuild = file->addAction(tr("Re&build from spectrogram…"), this, [this] {
        auto* dialog = new RebuildDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &RebuildDialog::openRequested, this, &MainWindow::openPathWith);
        dialog->show();
    });
    file->addSeparator();
    file->addAction(tr("&Save project"), QKeySequence::Save, this, &MainWindow::saveProject);
    file->addAction(tr("Save project &as…"), QKeySequence::SaveAs, this,
                    &MainWindow::saveProjectAs);
    file->addSeparator();
    m_exports->buildMenu(file);
    file->addSeparator();
    // Ctrl+Q on every platform theme (some define no Quit key), application-wide: it also works
    // while a task's progress dialog is the active window.
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (!quitKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Q)))
        quitKeys.prepend(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setShortcuts(quitKeys);
    quit->setShortcutContext(Qt::ApplicationShortcut);
    m_gate.addMenu(file, {open, recent->menuAction(), rebuild, quit});
    m_delete = addEditMenu(this, m_document->undoStack());
    m_gate.addAction(m_delete);
    m_viewMenu = addViewMenu(this, m_view);
    auto* labels = new LabelController(m_document, m_view, m_tasks, this);
    QMenu* labelMenu = menuBar()->addMenu(tr("&Labels"));
    labels->buildMenu(labelMenu);
    QMenu* playMenu = menuBar()->addMenu(tr("&Play"));
    m_listen->buildMenu(playMenu);
    m_gate.addMenu(labelMenu);
    m_gate.addMenu(m_viewMenu.menu);
    m_gate.addMenu(playMenu);
    m_gate.addWidget(m_paint);
    m_gate.addWidget(m_listen);
    m_gate.addWidget(addPictureBar(this, m_viewMenu));
    m_gate.setOpen(false);
    connect(labels, &LabelController::message, this,
            [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    addHelpMenu(this);
    connect(m_viewMenu.edited, &QAction::toggled, this, [this](bool on) {
        m_picture->setShowEdited(on);
        m_view->setShapesOutlined(on);
        if (m_document->hasSource())
            m_picture->request(ViewChange::SameData);
    });
}

// A movable, floatable panel docked on the right.
QDockWidget* MainWindow::addPanel(const QString& title, const char* name, QWidget* panel) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    return dock;
}

void MainWindow::buildDock() {
    QDockWidget* settingsDock = addPanel(tr("Settings"), "analysisDock", nullptr);
    QDockWidget* shapes = addPanel(tr("Shapes"), "shapesDock", m_shapes);
    connect(m_shapes, &ShapesPanel::selectionChanged, m_view, &SpectrogramView::setSelectedShape);
    connect(m_view, &SpectrogramView::selectionChanged, m_shapes, &ShapesPanel::select);
    connect(m_shapes, &ShapesPanel::hiddenChanged, m_view, &SpectrogramView::setHiddenShapes);
    connect(m_shapes, &ShapesPanel::message, this,
            [this](const QString& text, int ms) { statusBar()->showMessage(text, ms); });
    auto* labelsPanel = new LabelsPanel(m_document, m_view, this);
    // One Delete for the window, wherever the focus is (a dock's tab, a panel's list), but
    // not in a field being typed into: fields claim the key first.
    connect(m_delete, &QAction::triggered, this, [this, labelsPanel] {
        m_view->deleteSelection(labelsPanel->isAncestorOf(QApplication::focusWidget()));
    });
    QDockWidget* labels = addPanel(tr("Labels"), "labelsDock", labelsPanel);
    tabifyDockWidget(shapes, labels);
    labelsPanel->setDock(this, labels);
    shapes->raise();
    new LabelsDockPlace(this, labels, shapes, m_viewMenu.menu);
    connect(findChild<LabelController*>(), &LabelController::proposalsMade, labels,
            &QDockWidget::raise);
    new SettingsDock(this, settingsDock, m_panel, shapes); // scrolls when short, whole if not
}

bool MainWindow::openPath(const QString& path) {
    return openPathWith(path, {});
}

bool MainWindow::openPathWith(const QString& path, const core::OpenOptions& options) {
    if (!m_saver->maybeSave())
        return false;
    m_recent->beginOpening(QFileInfo(path).absoluteFilePath());
    try {
        const bool opened = isProjectPath(path) ? openProjectAsking(*m_document, path, this)
                                                : openRecordingAsking(*m_document, path, options,
                                                                      viewPixels(), this);
        if (!opened) {
            m_recent->abandonOpening();
            return false;
        }
    } catch (const std::exception& e) {
        m_recent->abandonOpening();
        QMessageBox::critical(this, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                              userText(e));
        return false;
    }
    if (!m_document->openNote().isEmpty())
        QMessageBox::warning(this, QFileInfo(path).fileName(), m_document->openNote());
    m_autosave->offerRecovery(); // the file joins Open Recent once its first picture is complete
    return true;
}

void MainWindow::onSourceChanged() {
    const auto& info = m_document->info();
    m_player->stop();
    m_listener->cancel();
    m_newSource = true;
    m_listen->setIqMode(info.isComplex());
    m_gate.setOpen(true);
    enableScalesFor(m_viewMenu, info.isComplex());
    if (m_document->shapes().empty()) // a new recording has no edited result to show
        m_viewMenu.edited->setChecked(false);
    const QString text = sourceSummary(QFileInfo(m_document->sourcePath()).fileName(), info);
    m_infoLabel->setText(text);
    m_infoLabel->setToolTip(QString::fromStdString(info.damage));
    m_cursorLabel->clear(); // it read the previous recording
    updateTitle();
}

void MainWindow::onAnalysisChanged() {
    m_panel->showAnalysis(m_document->analysis(), m_document->info(), m_document->channel());
    m_picture->request(m_newSource ? ViewChange::NewRecording : ViewChange::NewAnalysis);
    m_newSource = false;
}

bool MainWindow::exportTo(const QString& path) {
    return m_exports->exportTo(path);
}

bool MainWindow::exportSelectionTo(const QString& path) {
    return m_exports->exportSelectionTo(path);
}

void MainWindow::openDialog() {
    // In the open recording's folder, else the last one opened's.
    QString folder = m_document->besideSource(QString());
    if (folder.isEmpty() && !m_recent->files().isEmpty())
        folder = QFileInfo(m_recent->files().first()).absolutePath();
    const QString path = askRecordingPath(this, folder);
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::updateTitle() {
    const QString name = m_document->hasSource() ? m_document->displayName() : tr("No file");
    setWindowTitle(tr("%1[*] — SpecEdit").arg(name));
    setWindowModified(m_document->isModified());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openPath(urls.first().toLocalFile());
}

} // namespace specedit::ui
