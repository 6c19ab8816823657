// LabelController's proposals: the burst under a click of the Label tool, Detect bursts'
// proposed labels and Label similar's proposed classes, each computed on the task runner.
#include "Counted.h"
#include "Document.h"
#include "ErrorText.h"
#include "TaskRunner.h"
#include "detect/BurstDetector.h"
#include "features/Dataset.h"
#include "features/Similar.h"
#include "label/Proposals.h"
#include "labels/DetectDialog.h"
#include "labels/LabelController.h"
#include "view/FrequencyScale.h"
#include "view/SpectrogramView.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

constexpr double kSnapSeconds = 0.3; // the detector looks this far each side of a click

} // namespace

void LabelController::snapToBurst(double seconds, double hertz) {
    if (!m_document->hasSource())
        return;
    auto source = m_document->source();
    core::DetectOptions o;
    o.t0 = std::max(0.0, seconds - kSnapSeconds);
    o.t1 = seconds + kSnapSeconds;
    const core::StftParams params = core::detectionAnalysis(source->info().sampleRate);
    auto found = std::make_shared<std::vector<core::Label>>();
    const int serial = m_document->openSerial();
    m_tasks->run(
        tr("Finding the burst"),
        [source, params, o, found](core::JobControl& job) {
            *found = core::detectBursts(*source, params, o, job);
            return QString();
        },
        [this, found, seconds, hertz, serial](bool ok, const QString& error) {
            if (serial != m_document->openSerial())
                return;
            if (!ok) {
                emit message(error, 6000);
                return;
            }
            for (const auto& l : *found)
                if (l.t0 <= seconds && seconds <= l.t1 && l.f0 <= hertz && hertz <= l.f1) {
                    core::Label burst = l;
                    burst.confirmed = true;
                    burst.comment.clear();
                    addBox({burst.t0, burst.t1, burst.f0, burst.f1});
                    return;
                }
            emit message(tr("No burst stands out here: drag to draw the label's box"), 5000);
        });
}

// Detect bursts...: the dialog, then its last count (or a run on the task runner) as proposed
// labels.
void LabelController::detectBursts() {
    if (!m_document->hasSource())
        return;
    const QCPRange t = m_view->plot()->xAxis->range(), f = m_view->plot()->yAxis->range();
    const auto scale = m_view->frequencyScale();
    DetectRegion view{std::max(0.0, t.lower), t.upper, fromAxis(scale, f.lower),
                      fromAxis(scale, f.upper)};
    std::optional<DetectRegion> selection;
    if (const auto* s = m_document->shape(m_view->selectedShape())) {
        const auto box = s->bounds();
        selection = DetectRegion{box.t0, box.t1, box.f0, box.f1};
    }
    auto* dialog = new DetectDialog(m_document->source(), view, selection, m_view->window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_lastDetect)
        dialog->setOptions(*m_lastDetect);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_lastDetect = dialog->options();
        if (auto found = dialog->result())
            proposeLabels(*found, dialog->region());
        else
            detectWith(dialog->options(), dialog->region());
    });
    dialog->open();
}

void LabelController::detectWith(const core::DetectOptions& o, const DetectRegion& region) {
    auto source = m_document->source();
    const core::StftParams params = core::detectionAnalysis(source->info().sampleRate);
    auto found = std::make_shared<std::vector<core::Label>>();
    const int serial = m_document->openSerial();
    const bool started = m_tasks->run(
        tr("Detecting bursts"),
        [source, params, o, region, found](core::JobControl& job) {
            *found = DetectDialog::inBand(core::detectBursts(*source, params, o, job), region);
            return tr("Found %1 bursts").arg(found->size());
        },
        [this, found, serial, region](bool ok, const QString& text) {
            if (serial != m_document->openSerial() || !ok) {
                if (!text.isEmpty())
                    emit message(text, 6000);
                return;
            }
            proposeLabels(*found, region);
        });
    if (!started)
        emit message(tr("Another task is running; detect when it ends"), 5000);
}

// Found bursts become proposed labels, except where a label is already; a new run replaces the
// proposals an earlier one left in its region (core::mergeProposals). Before, a run with other
// settings proposed nothing ("18 of the 18 found already had a label").
void LabelController::proposeLabels(const std::vector<core::Label>& found,
                                    const DetectRegion& region) {
    auto merged = core::mergeProposals(m_document->labels(), found, region);
    const std::size_t added = merged.added, replaced = merged.replaced;
    std::vector<std::uint64_t> before;
    for (const auto& l : m_document->labels())
        before.push_back(l.id);
    m_document->setLabels(std::move(merged.labels), tr("Detect bursts"));
    // The earliest new proposal is selected, so that Enter, 1-9 and Delete act at once.
    const core::Label* first = nullptr;
    for (const auto& l : m_document->labels())
        if (std::find(before.begin(), before.end(), l.id) == before.end() && !l.confirmed &&
            (!first || l.t0 < first->t0))
            first = &l;
    if (first)
        select(first->id);
    if (added > 0)
        emit proposalsMade();
    // The counts first: a narrow window cuts the end of the line (the keys are in the menus).
    QString text =
        added == 0
            ? tr("No new bursts proposed")
            : tr("%1 proposed (dashed)").arg(counted(qint64(added), tr("burst"), tr("bursts")));
    if (merged.alreadyThere > 0) // the dialog counted them all: say where the others went
        text += tr("; %1 of the %2 found already had a label")
                    .arg(merged.alreadyThere)
                    .arg(found.size());
    if (replaced > 0)
        text += tr("; %1 left by the last run replaced")
                    .arg(counted(qint64(replaced), tr("proposal"), tr("proposals")));
    if (added > 0)
        text += tr(". The first is selected: Enter accepts it, 1-9 set its class, Delete "
                   "removes it, Shift+Enter accepts all");
    emit message(text, 8000);
}

// Classes for the unclassified and proposed labels from their nearest classified, confirmed
// neighbours in feature space (features on the task runner, then one undo step).
void LabelController::labelSimilar() {
    if (!m_document->hasSource())
        return;
    const auto labels = m_document->labels();
    if (std::none_of(labels.begin(), labels.end(),
                     [](const core::Label& l) { return l.confirmed && !l.className.empty(); })) {
        emit message(tr("Give a few bursts a class first (select, then 1-9): Label similar "
                        "proposes classes for the rest from them"),
                     8000);
        return;
    }
    auto source = m_document->source();
    const int channel = source->info().isComplex() ? -1 : std::max(-1, m_document->channel());
    auto entries = std::make_shared<std::vector<core::DatasetEntry>>();
    const int serial = m_document->openSerial();
    const bool started = m_tasks->run(
        tr("Measuring the bursts"),
        [source, labels, channel, entries](core::JobControl& job) {
            core::DatasetInput in{"", source.get(), labels, channel};
            *entries = core::computeDataset({in}, {}, job);
            return QString();
        },
        [this, entries, serial](bool ok, const QString& text) {
            if (serial != m_document->openSerial() || !ok) {
                if (!text.isEmpty())
                    emit message(text, 6000);
                return;
            }
            try {
                applyProposals(*entries);
            } catch (const std::exception& e) {
                emit message(userText(e), 8000);
            }
        });
    if (!started)
        emit message(tr("Another task is running; try again when it ends"), 5000);
}

void LabelController::applyProposals(const std::vector<core::DatasetEntry>& entries) {
    std::vector<std::vector<double>> rows;
    std::vector<std::string> classes;
    std::vector<std::uint64_t> ids;
    core::SimilarOptions options;
    options.columnGroups = core::featureGroups();
    for (const auto& e : entries) {
        if (!e.error.empty())
            continue;
        rows.push_back(e.features.values);
        classes.push_back(e.label.confirmed ? e.label.className : std::string());
        ids.push_back(e.label.id);
        options.kinds.push_back(e.features.modulation);
    }
    // k about the square root of the references (a common rule of thumb), so a few
    // references per class are not outvoted by the far ones.
    const auto refs = std::count_if(classes.begin(), classes.end(),
                                    [](const std::string& c) { return !c.empty(); });
    options.k = std::clamp(int(std::lround(std::sqrt(double(refs)))), 1, 7);
    const auto proposals = core::proposeClasses(rows, classes, options);
    auto labels = m_document->labels();
    std::uint64_t leastSure = 0;
    double lowest = 2;
    for (const auto& p : proposals)
        for (auto& l : labels)
            if (l.id == ids[p.row] && !p.className.empty()) {
                l.className = p.className;
                l.confidence = p.confidence;
                l.confirmed = false;
                if (p.confidence < lowest) {
                    lowest = p.confidence;
                    leastSure = l.id;
                }
            }
    m_document->setLabels(labels, tr("Label similar"));
    select(leastSure);
    emit proposalsMade();
    const auto given = std::count_if(proposals.begin(), proposals.end(),
                                     [](const auto& p) { return !p.className.empty(); });
    QString text = tr("%1 labels given a class (proposed, faded by confidence); the least "
                      "confident is selected: Enter accepts, 1-9 correct")
                       .arg(given);
    if (given < std::ptrdiff_t(proposals.size()))
        text += tr("; %1 like none of the examples left as they were")
                    .arg(std::ptrdiff_t(proposals.size()) - given);
    emit message(text, 10000);
}

} // namespace specedit::ui
