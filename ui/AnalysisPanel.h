#pragma once
// Analysis and display controls: window, window length (samples and ms), overlap %, FFT size,
// channel; colormap and dB range with auto-levels. Emits edits; it never changes the
// document itself (MainWindow forwards edits to Document, design rule R3). GUI thread only.

#include "dsp/StftParams.h"
#include "io/SignalInfo.h"
#include "render/Colormap.h"

#include <QWidget>

class QComboBox;
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
    // A refused edit: the reason, shown under the controls until the next valid edit.
    void showProblem(const QString& text);

signals:
    // mergeId identifies the control, so repeated steps merge into one undo entry.
    void analysisEdited(const core::StftParams& params, int mergeId);
    void channelEdited(int channel);
    // The user asked to read the stereo recording as I/Q (true) or as audio (false).
    void iqModeEdited(bool iq);
    void colorEdited(const ColorParams& params);
    void autoLevelsRequested();

private:
    QWidget* buildAnalysisGroup();
    QWidget* buildDisplayGroup();
    core::StftParams currentParams() const;
    void emitAnalysis(int mergeId);
    void emitColor();
    void updateDurationLabel();

    QComboBox* m_window;
    QSpinBox* m_nperseg;
    QLabel* m_duration;
    QSpinBox* m_overlap;
    QComboBox* m_nfft;
    QComboBox* m_channel;
    QLabel* m_problem;
    QComboBox* m_colormap;
    QDoubleSpinBox* m_minDb;
    QDoubleSpinBox* m_maxDb;
    QPushButton* m_auto;
    double m_fs = 1.0;
    bool m_updating = false;
};

} // namespace specedit::ui
