#pragma once
// File > Rebuild from spectrogram: load magnitude (and phase) files made elsewhere, guess how
// they were made (candidates ranked by inconsistency, applied with a click), rebuild on a
// worker thread with progress and the spectral convergence per iteration, compare the input
// and the rebuilt spectrograms side by side, listen, and save the result to open it as a
// recording. Long runs stay cancellable; the dialog is not modal, so the editor stays usable.
// GUI thread only; workers report back through a QPointer.

#include "RunningThreads.h"
#include "apply/Rebuild.h"
#include "io/OpenOptions.h"
#include "phase/ParameterGuess.h"

#include <QDialog>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

class QTimer;

namespace specedit::core {
class JobControl;
}

namespace specedit::ui {

class GuessTable;
class MagnitudePreview;
class Player;
class RebuildForm;

class RebuildDialog : public QDialog {
    Q_OBJECT
public:
    explicit RebuildDialog(QWidget* parent = nullptr);
    ~RebuildDialog() override;

    RebuildForm* form() const { return m_form; }
    // Starts a guess / a rebuild on a worker thread (no-op while one runs).
    void guess();
    void rebuild();
    void cancel();
    bool isRunning() const { return bool(m_job); }
    // Writes the last result to path and asks for it to be opened; false (with the reason
    // shown) on failure.
    bool saveResult(const QString& path);
    const std::optional<core::RebuildOutcome>& result() const { return m_result; }
    const std::vector<core::GuessCandidate>& candidates() const;
    QString status() const;
    // Asks first when a run is going or the result is unsaved (Escape, Close, the window's ×).
    void reject() override;

signals:
    void openRequested(const QString& path, const core::OpenOptions& options);
    void busyChanged(bool busy);

private:
    QWidget* buildGuessTable();
    QWidget* buildActions();
    void setBusy(std::shared_ptr<core::JobControl> job, const QString& what);
    // A job whose progress drives the bar (from any thread).
    std::shared_ptr<core::JobControl> makeJob();
    // The form's spec, or nothing (the reason shown) when a field is unusable.
    std::optional<core::RebuildSpec> readSpec();
    void showCandidates(core::GuessResult result);
    // The input picture under the form's current reading, read on a worker thread; a reading
    // that does not fit says why in its caption. Only the newest request is shown.
    void previewInput();
    void readPictureAxes();
    void showPictureStatus(const QString& pictureText, const QString& axesText);
    void showResult(core::RebuildOutcome outcome, core::MagnitudeGrid rebuilt);
    void showError(const QString& text);
    // Drops the rebuilt signal (it no longer belongs to the fields: a new run, changed files
    // or reading) so it cannot be played or saved; the Rebuilt preview says why.
    void clearResult(const QString& why);
    void saveAndOpen();
    void play();
    QString suggestedOutput() const;

    RebuildForm* m_form;
    GuessTable* m_table;
    MagnitudePreview *m_input, *m_output;
    QPushButton *m_guess, *m_rebuild, *m_cancel, *m_play, *m_save;
    QProgressBar* m_progress;
    QLabel* m_status;
    Player* m_player;
    std::shared_ptr<core::JobControl> m_job;
    // Threads started here: the destructor cancels and waits for them.
    std::shared_ptr<RunningThreads> m_running = std::make_shared<RunningThreads>();
    std::optional<core::RebuildOutcome> m_result;
    core::RebuildSpec m_resultSpec;
    QTimer* m_previewTimer;
    int m_previewGeneration = 0;
    // The fields hold a guessed reading (not one typed); when the files change under it, it
    // is guessed again for them before it is shown or rebuilt (a phase file added after a
    // magnitude-only guess kept that guess's wrong window).
    bool m_saved = false; // the result was written somewhere
    bool m_readingGuessed = false;
    bool m_readAxes = false;    // a picture chosen: its tick labels to be read
    QString m_pictureText;      // how its colours and plot were read
    QString m_axesText;         // what a picture's tick labels gave, for the status line
    QString m_guessedMagnitude; // the magnitude file it was guessed for (another resets it)
    bool m_guessAgain = false;
    bool m_rebuildAfterGuess = false;
};

} // namespace specedit::ui
