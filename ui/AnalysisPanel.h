#pragma once
// Analysis and display controls: window, window length (samples and ms), overlap %, FFT size,
// channel; colormap and dB range with auto-levels. Emits edits; it never changes the
// document itself (MainWindow forwards edits to Document, design rule R3). GUI thread only.
//
// Fields accept any number and never change what the user typed: a value outside its range,
// or a combination the document refuses (Overlap 0 % with Hann breaks NOLA), is shown in red
// with the reason and the allowed range, and stays there until corrected or restored. While a
// field is invalid, hasInvalidInput() is true: export, save and play must not run on the last
// valid values the fields no longer show.

#include "dsp/StftParams.h"
#include "io/SignalInfo.h"
#include "render/Colormap.h"

#include <QWidget>

class QComboBox;
class QCheckBox;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace specedit::ui {

class AnalysisPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnalysisPanel(QWidget* parent = nullptr);

    // Shows the document's state without emitting edits.
    void showAnalysis(const core::StftParams& params, const core::SignalInfo& info, int channel);
    void showColor(const ColorParams& params);
    void showAutoLength(bool on);
    // A refused edit: the reason, shown under the controls and the last edited field marked
    // invalid, until the next valid edit (empty text: valid).
    void showProblem(const QString& text);
    bool hasInvalidInput() const { return !m_problem->isHidden(); }
    // The reason shown, or empty.
    QString problem() const;

signals:
    // mergeId identifies the control, so repeated steps merge into one undo entry.
    void analysisEdited(const core::StftParams& params, int mergeId);
    void channelEdited(int channel);
    // The Auto box beside Length: the length follows the zoom.
    void autoLengthEdited(bool on);
    // The user asked to read the stereo recording as I/Q (true) or as audio (false).
    void iqModeEdited(bool iq);
    void colorEdited(const ColorParams& params);
    // A floor typed at or above the ceiling, or a ceiling at or below the floor: not applied
    // (the field shows the level in use again), and why.
    void levelsRefused(const QString& why);
    void autoLevelsRequested();
    // "Restore" was pressed: show the document's valid settings again.
    void restoreRequested();

private:
    QWidget* buildAnalysisGroup();
    QWidget* buildProblem(QWidget* parent);
    QWidget* buildDisplayGroup();
    core::StftParams currentParams() const;
    void emitAnalysis(int mergeId);
    void emitColor();
    void levelEdited(QDoubleSpinBox* edited);
    void updateDurationLabel();
    QString rangeProblem() const;
    void markInvalid(QWidget* field);

    QComboBox* m_window;
    QSpinBox* m_nperseg;
    QLabel* m_duration;
    QSpinBox* m_overlap;
    QComboBox* m_nfft;
    QComboBox* m_channel;
    QWidget* m_problem;
    QLabel* m_problemText;
    QWidget* m_lastEdited = nullptr;
    QComboBox* m_colormap;
    QCheckBox* m_autoLength;
    QDoubleSpinBox* m_minDb;
    QDoubleSpinBox* m_maxDb;
    double m_shownMinDb = -80, m_shownMaxDb = 0; // the levels in use, to go back to
    QPushButton* m_auto;
    double m_fs = 1.0;
    bool m_updating = false;
};

} // namespace specedit::ui
