#pragma once
// The open document: one recording, its project (analysis parameters and shapes) and the undo
// stack (design rule R3: every edit is a QUndoCommand pushed here). Owned by MainWindow.
// GUI thread only, except source(), which hands out a shared reader usable from any thread.

#include "AutosaveSlot.h"
#include "commands/LabelCommands.h"
#include "io/OpenOptions.h"
#include "io/SampleSource.h"
#include "project/Project.h"

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <memory>

namespace specedit::ui {

class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    // Opens a recording with default analysis parameters for its kind and for a view
    // viewPixels wide, or a project with its own. Throws core::Error (the document is
    // unchanged then).
    void openRecording(const QString& path, const core::OpenOptions& options,
                       int viewPixels = kDefaultViewPixels);
    // recordingAt: where the project's recording is now, when it is not where the project
    // says (moved or renamed). The document then counts as modified until saved, so that
    // saving keeps the new place.
    void openProject(const QString& path, const QString& recordingAt = {});

    bool hasSource() const { return bool(m_source); }
    std::shared_ptr<const core::SampleSource> source() const { return m_source; }
    const core::SignalInfo& info() const { return m_source->info(); }
    const core::Project& project() const { return m_project; }
    QString sourcePath() const { return m_sourcePath; }
    // Where a file made from the recording goes by default: beside it, named after it
    // ("<folder>/<name><suffix>"; with an empty suffix, the folder). Empty without a recording.
    QString besideSource(const QString& suffix) const;
    // Where an export or a new project goes by default: named after the recording, in the
    // saved project's folder, else the recording's folder when it can be written, else the
    // user's documents folder (a recording on a read-only share or card stays untouched and
    // the dialog does not open where saving fails). Empty without a recording.
    // The folder the user last chose for an output of this recording comes first: an export
    // taken elsewhere once is proposed there the next time.
    QString outputPath(const QString& suffix) const;
    // Remembers where the user chose to write `path` (a file, or a folder of clips: its parent).
    void chooseOutput(const QString& path, bool isFolder = false);
    QString projectPath() const { return m_projectPath; }
    QString displayName() const;
    // What the user should know about the last recording opened (its SigMF annotations could
    // not be read as labels), or empty.
    QString openNote() const { return m_openNote; }

    // Analysis parameters with fs set to the recording's rate.
    core::StftParams analysis() const;
    // Reads a stereo recording as I/Q (left I, right Q) or as two audio channels; undoable.
    // Throws core::Error if the file cannot be read that way.
    void setIqMode(bool iq);

    // Audio channel shown (-1: mix of all channels, kStackedChannels: every channel, one
    // above another); ignored for IQ. A recording of 2 to kMaxStackedChannels channels opens
    // stacked, as audio editors show them.
    static constexpr int kStackedChannels = -2;
    static constexpr int kMaxStackedChannels = 8;
    int channel() const { return m_channel; }
    void setChannel(int channel);

    // Pushes an undoable change of the analysis parameters (merged with the previous one
    // when it came from the same control). Throws core::Error if invalid.
    void setAnalysis(const core::StftParams& params, int mergeId = -1);
    // Auto window length: the length follows the zoom (ui/AutoLength). On for a recording just
    // opened; off once the user chooses a length (setAnalysis with another length) or adds a
    // shape (the edit keeps the length it was drawn at), which then stays. Saved in the
    // project. Not an edit: no undo step.
    bool autoLength() const { return m_project.autoLength; }
    void setAutoLength(bool on);
    // Auto only: the analysis with window length n, the overlap fraction and padding factor
    // kept; no undo step (it follows the view, as zooming does). Throws core::Error if invalid.
    void followZoom(int n);
    // How the view looks, kept in the project for the next opening. Not an edit: no undo step,
    // and the document does not become modified.
    void setViewState(const core::ViewState& view) { m_project.view = view; }
    // How the project was left when it was opened (none for a recording): the first picture
    // shows it. Not project().view, which the autosave may overwrite with what the window
    // showed before the new recording's first picture (another recording's ranges).
    const std::optional<core::ViewState>& viewAtOpening() const { return m_viewAtOpening; }

    // Mask shapes, in the order they compose.
    const std::vector<core::Shape>& shapes() const { return m_project.shapes; }
    const core::Shape* shape(std::uint64_t id) const;
    // Undoable edits. addShape assigns the shape a fresh id and returns it. modifyShape merges
    // with the previous edit of the same shape from the same control (mergeId >= 0).
    // Throw core::Error for invalid geometry (nothing is pushed then).
    std::uint64_t addShape(core::Shape shape);
    void removeShape(std::uint64_t id);
    void modifyShape(const core::Shape& after, int mergeId = -1);
    // Cuts an eraser stroke out of every shape it crosses (core::cutShapes): one undo step,
    // none when it touches no shape. The pieces get fresh ids.
    void cutShapes(const core::Shape& eraser);
    // Moves a shape to another position in the composition order (undoable).
    void moveShape(std::uint64_t id, int toIndex);

    // Labels and their classes (core/label): what bursts and events are, for datasets. They
    // never change the sound. setLabels replaces both lists as one undo step named `text`
    // (nothing is pushed when nothing changed); labels with id 0 get fresh ids. Throws
    // core::Error for an invalid label or class (nothing is pushed then).
    const std::vector<core::Label>& labels() const { return m_project.labels; }
    const std::vector<core::LabelClass>& classes() const { return m_project.classes; }
    const core::Label* label(std::uint64_t id) const;
    void setLabels(std::vector<core::LabelClass> classes, std::vector<core::Label> labels,
                   const QString& text);
    void setLabels(std::vector<core::Label> labels, const QString& text) {
        setLabels(classes(), std::move(labels), text);
    }

    // Saves the project (atomic), with the source path relative to the project's folder, and
    // marks the document clean. Throws core::Error.
    void saveProject(const QString& path);
    // Whether the project file now holds something other than what this document opened or
    // last saved there: another window or program saved it since. Saving would replace that
    // work, so the editor asks first. False without a project file or when it is gone.
    bool projectChangedOnDisk() const;

    // Autosave (nothing is lost): a sidecar project beside the project file
    // (<project>.autosave); for a recording not saved as a project, or a project in a read-only
    // folder, in the user's data folder (QStandardPaths::AppDataLocation/autosave), never
    // beside the recording. Written atomically. Each window has its own (AutosaveSlot): a second
    // window on the same project writes <project>.autosave-2, and so on.
    QString autosavePath() const { return m_autosave.path(); }
    void writeAutosave();
    // Brings the autosave up to date: written while there are unsaved changes, removed once
    // every edit since the last save is undone (a stale sidecar would offer them back).
    void updateAutosave();
    // Removes this window's autosave (saved or discarded: nothing left to protect).
    void removeAutosave();
    // Autosaves of this project or recording left by windows that closed without saving
    // (crashed or killed), this window's own included, the most recent first. Any that exists
    // holds edits that were never saved: saving or discarding removes a window's autosave.
    QStringList recoverableAutosaves() const { return m_autosave.orphans(); }
    bool hasRecoverableAutosave() const { return !recoverableAutosaves().isEmpty(); }
    // Applies an autosave's analysis, shapes and labels as one undoable edit (by default the
    // most recent one), then makes it this window's own autosave. Throws core::Error.
    void recoverAutosave(const QString& file = {});
    // Removes an autosave the user chose not to recover.
    void discardAutosave(const QString& file);

    QUndoStack* undoStack() { return &m_undo; }
    // Changes whenever another recording or project is opened: background results carry it
    // to know whether they still belong to the open document.
    int openSerial() const { return m_openSerial; }
    bool isModified() const { return !m_undo.isClean() || m_recordingMoved; }

    // For undo commands only.
    void applyAnalysis(const core::StftParams& params);
    void applySourceOptions(const core::OpenOptions& options);
    void insertShape(int index, const core::Shape& shape);
    void eraseShape(std::uint64_t id);
    void replaceShape(const core::Shape& shape);
    void relocateShape(std::uint64_t id, int toIndex);
    void assignShapes(const std::vector<core::Shape>& shapes);
    void assignLabels(const LabelState& state);

    static constexpr int kDefaultViewPixels = 1200;
    // Default analysis for a recording fitted to a view viewPixels wide: Hann at 75 % overlap,
    // the window as long as one pixel's span of samples (rounded to a power of two), so what
    // the fitted view shows is resolved in time: 120 µs ADS-B bursts in a 0.18 s capture at
    // 2 MS/s get 256 samples. IQ: 64 to 16384 samples; audio: 32 to 100 ms (speech at 8 kHz
    // gets 256), where frequency detail matters more.
    // The window length for a view where one pixel spans samplesPerPixel samples: that span
    // rounded to a power of two, within the limits above. Used on open and by Auto.
    static int windowLengthFor(const core::SignalInfo& info, double samplesPerPixel);
    static core::StftParams defaultAnalysis(const core::SignalInfo& info,
                                            int viewPixels = kDefaultViewPixels);

signals:
    void sourceChanged();
    void analysisChanged();
    void shapesChanged();
    // After shapesChanged: a shape came (back) into the list: added, redone, or its deletion
    // undone. The view selects it, so what reappeared is what the panel shows.
    void shapeInserted(std::uint64_t id);
    void labelsChanged();
    void projectPathChanged();
    void autoLengthChanged(bool on);
    // A shape was added while Auto was on: Auto is off, the edit keeps this length.
    void autoLengthStopped(int nperseg);
    void modifiedChanged(bool modified);

private:
    int defaultChannel() const;
    QString autosaveBase() const;
    // SHA-1 of a file's contents; empty when it cannot be read.
    static QByteArray fileDigest(const QString& path);
    void adopt(std::shared_ptr<const core::SampleSource> source, core::Project project,
               QString sourcePath, QString projectPath);

    std::shared_ptr<const core::SampleSource> m_source;
    core::Project m_project;
    QString m_sourcePath;
    QString m_openNote;
    std::optional<core::ViewState> m_viewAtOpening;
    bool m_recordingMoved = false; // opened with its recording found elsewhere; not yet saved
    QString m_projectPath;
    QString m_outputFolder;     // chosen by the user for this recording's outputs
    QByteArray m_projectDigest; // SHA-1 of the project file as opened or last saved
    int m_channel = -1;
    std::uint64_t m_nextShapeId = 1;
    int m_openSerial = 0;
    QUndoStack m_undo;
    AutosaveSlot m_autosave;
};

} // namespace specedit::ui
