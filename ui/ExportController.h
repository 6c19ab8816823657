#pragma once
// Exporting the edited recording (File menu): the whole recording (Ctrl+E), the selected
// shape's time span (Ctrl+Shift+E), or the whole recording with consistent resynthesis
// (core/apply/ConsistentApply.h: iterations from the edited STFT, the inconsistency before and
// after in the summary). Each runs on the task runner with progress and Cancel; the summary or
// the error comes back as a status message or a message box. GUI thread only.

#include <QObject>
#include <QString>
#include <functional>
#include <optional>
#include <utility>

class QMenu;
class QWidget;

namespace specedit::core {
class JobControl;
class SignalWriter;
} // namespace specedit::core

namespace specedit::ui {

class Document;
class SpectrogramView;
class TaskRunner;

class ExportController : public QObject {
    Q_OBJECT
public:
    // settingsValid: asks the window whether every setting field holds a usable value (it
    // tells the user otherwise). window parents the dialogs.
    ExportController(Document* document, SpectrogramView* view, TaskRunner* tasks, QWidget* window,
                     std::function<bool()> settingsValid);

    void buildMenu(QMenu* file);
    // Start an export to path on the task runner; false when it could not start.
    bool exportTo(const QString& path);
    bool exportSelectionTo(const QString& path);
    bool exportConsistentTo(const QString& path, int iterations);

signals:
    void message(const QString& text, int milliseconds);

private:
    // render returns the samples written; it may add words to the summary in `note`.
    using Render =
        std::function<std::int64_t(core::SignalWriter&, core::JobControl&, QString& note)>;
    void exportDialog(bool selectionOnly, int consistentIterations = 0);
    std::optional<std::pair<double, double>> selectionSpan() const;
    void consistentDialog();
    void imageDialog(); // File > Export spectrogram image: the picture as shown, as PNG
    bool run(const QString& path, Render render);

    Document* m_document;
    SpectrogramView* m_view;
    TaskRunner* m_tasks;
    QWidget* m_window;
    std::function<bool()> m_settingsValid;
};

} // namespace specedit::ui
