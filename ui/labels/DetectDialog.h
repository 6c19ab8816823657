#pragma once
// Detect bursts...: the detector's parameters in physical units, where to look (the whole
// recording, the part in view, or the selected shape's box) and a live count: every change
// re-runs the detector on a worker thread after a short pause (cancelling the run before), so
// the user sees how many bursts the settings find before accepting them. GUI thread only;
// the workers hold the source by shared_ptr and report back through a QPointer.

#include "RunningThreads.h"
#include "detect/BurstDetector.h"
#include "io/SampleSource.h"
#include "label/Proposals.h"

#include <QDialog>
#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QCheckBox;
class QLabel;
class QTimer;

namespace specedit::core {
class JobControl;
}

namespace specedit::ui {

class RefusalHold;

// A time span (s) and maybe a band (Hz): keep bursts overlapping it.
using DetectRegion = core::LabelRegion;

class DetectDialog : public QDialog {
    Q_OBJECT
public:
    enum class Scope { Recording, View, Selection };

    // view and selection: what those scopes mean now (selection unset: not offered).
    DetectDialog(std::shared_ptr<const core::SampleSource> source, DetectRegion view,
                 std::optional<DetectRegion> selection, QWidget* parent);
    ~DetectDialog() override;

    // Proposes in a queued call, unless a field has just refused what was typed ("5m" in
    // Shortest burst proposed with 5 s, typed on the way): RefusalHold.
    void accept() override;

    core::DetectOptions options() const;
    // The fields from earlier options (the last run's: the dialog forgot them).
    void setOptions(const core::DetectOptions& options);
    Scope scope() const;
    // The region of the chosen scope.
    DetectRegion region() const;
    // The bursts of the last finished count, if it was made with the current settings.
    std::optional<std::vector<core::Label>> result() const;
    // Sets a field by its option name ("--threshold-db", ...), for tests and presets.
    void setThresholdDb(double db);

    // The bursts of a detection restricted to a region's band (any thread).
    static std::vector<core::Label> inBand(std::vector<core::Label> labels,
                                           const DetectRegion& region);

private:
    void scheduleCount();
    void startCount();
    QDoubleSpinBox* decibelField(double value);
    // Adds a field under its label: each change recounts, and text it refuses is said.
    QDoubleSpinBox* addField(const QString& label, const QString& name, QDoubleSpinBox* field,
                             const QString& expected = {});

    std::shared_ptr<const core::SampleSource> m_source;
    DetectRegion m_view;
    std::optional<DetectRegion> m_selection;
    QComboBox* m_scope;
    QDoubleSpinBox *m_threshold, *m_minDuration, *m_minBandwidth, *m_mergeGap;
    QCheckBox* m_steady;
    QLabel* m_count;
    QLabel* m_note; // a refused text, said
    QTimer* m_debounce;
    RefusalHold* m_hold;
    std::shared_ptr<core::JobControl> m_job; // the count running now
    // Counts started here: the destructor cancels the last and waits for them all.
    std::shared_ptr<RunningThreads> m_running = std::make_shared<RunningThreads>();
    int m_generation = 0;
    std::optional<std::vector<core::Label>> m_result;
    int m_resultGeneration = -1;
};

} // namespace specedit::ui
