#include "labels/LabelController.h"

#include "Counted.h"
#include "Document.h"
#include "ErrorText.h"
#include "TaskRunner.h"
#include "detect/BurstDetector.h"
#include "features/Dataset.h"
#include "features/Similar.h"
#include "labels/ClassBar.h"
#include "labels/DetectDialog.h"
#include "labels/LabelExchange.h"
#include "view/FrequencyScale.h"
#include "view/SpectrogramView.h"

#include <QMenu>
#include <algorithm>
#include <cmath>
#include <memory>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

constexpr double kSnapSeconds = 0.3; // the detector looks this far each side of a click

bool overlapsMuch(const core::Label& a, const core::Label& b) {
    const double inter = std::max(0.0, std::min(a.t1, b.t1) - std::max(a.t0, b.t0));
    const double uni = std::max(a.t1, b.t1) - std::min(a.t0, b.t0);
    return uni > 0 && inter / uni >= 0.5 && std::min(a.f1, b.f1) > std::max(a.f0, b.f0);
}

} // namespace

LabelController::LabelController(Document* document, SpectrogramView* view, TaskRunner* tasks,
                                 QObject* parent)
    : QObject(parent), m_document(document), m_view(view), m_tasks(tasks),
      m_exchange(new LabelExchange(document, tasks, view->window())) {
    connect(m_exchange, &LabelExchange::message, this, &LabelController::message);
    connect(document, &Document::labelsChanged, this, [this] {
        m_view->setLabels(m_document->labels(), m_document->classes());
        nameClassActions();
    });
    connect(view, &SpectrogramView::labelDrawn, this, &LabelController::addBox);
    connect(view, &SpectrogramView::labelClicked, this, &LabelController::snapToBurst);
    connect(view, &SpectrogramView::deleteLabelsRequested, this, &LabelController::removeSelected);
    connect(view, &SpectrogramView::labelEdited, this, &LabelController::replaceLabel);
}

void LabelController::buildMenu(QMenu* menu) {
    auto add = [&](const QString& text, const QKeySequence& key, auto slot) {
        QAction* a = menu->addAction(text, this, slot);
        a->setShortcut(key);
        return a;
    };
    add(tr("&Detect bursts…"), QKeySequence(Qt::CTRL | Qt::Key_B), [this] { detectBursts(); });
    add(tr("&Accept selected"), QKeySequence(Qt::Key_Return), [this] { acceptSelected(); });
    add(tr("Accept a&ll proposed"), QKeySequence(Qt::SHIFT | Qt::Key_Return),
        [this] { acceptAll(); });
    add(tr("Label &similar"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        [this] { labelSimilar(); });
    menu->addSeparator();
    add(tr("&Next label"), QKeySequence(Qt::Key_N), [this] { step(+1); });
    add(tr("&Previous label"), QKeySequence(Qt::Key_P), [this] { step(-1); });
    add(tr("Next p&roposed label"), QKeySequence(Qt::SHIFT | Qt::Key_N),
        [this] { step(+1, true); });
    menu->addSeparator();
    add(tr("&Isolate the selected labels (shape)"), QKeySequence(),
        [this] { toShapes(core::MaskMode::Isolate); });
    add(tr("&Remove the selected labels' sound (shape)"), QKeySequence(),
        [this] { toShapes(core::MaskMode::Apply); });
    menu->addSeparator();
    m_exchange->addActions(menu);
    menu->addSeparator();
    QMenu* classes = menu->addMenu(tr("&Class of the selected labels"));
    for (int k = 1; k <= 9; ++k) {
        QAction* a = classes->addAction(QString(), this, [this, k] { setClass(k); });
        a->setShortcut(QKeySequence(Qt::Key_0 + k));
        m_classActions[std::size_t(k - 1)] = a;
    }
    nameClassActions();
}

// Each hotkey's entry names the class it gives ("remote"), or the one it would create.
void LabelController::nameClassActions() {
    const auto& classes = m_document->classes();
    for (int k = 1; k <= 9; ++k) {
        QAction* a = m_classActions[std::size_t(k - 1)];
        if (!a)
            continue;
        const auto it = std::find_if(classes.begin(), classes.end(),
                                     [k](const core::LabelClass& c) { return c.hotkey == k; });
        a->setText(it != classes.end() ? QString::fromStdString(it->name).replace('&', "&&")
                                       : tr("class %1 (new)").arg(k));
    }
}

void LabelController::addBox(const core::TfBox& box) {
    core::Label l;
    l.t0 = box.t0;
    l.t1 = box.t1;
    l.f0 = box.f0;
    l.f1 = box.f1;
    auto labels = m_document->labels();
    labels.push_back(l);
    try {
        m_document->setLabels(labels, tr("Draw label"));
        select(m_document->labels().back().id);
    } catch (const std::exception& e) {
        emit message(userText(e), 6000);
    }
}

void LabelController::replaceLabel(const core::Label& edited) {
    auto labels = m_document->labels();
    for (auto& l : labels)
        if (l.id == edited.id) {
            auto same = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::abs(a); };
            const bool moved =
                same(l.duration(), edited.duration()) && same(l.f1 - l.f0, edited.f1 - edited.f0);
            l = edited;
            m_document->setLabels(labels, moved ? tr("Move label") : tr("Resize label"));
            return;
        }
}

std::vector<core::Label>
LabelController::withSelected(const std::function<void(core::Label&)>& change) const {
    auto labels = m_document->labels();
    for (auto& l : labels)
        if (m_view->selectedLabels().count(l.id))
            change(l);
    return labels;
}

void LabelController::select(std::uint64_t id) {
    m_view->setSelectedLabels(id ? std::set<std::uint64_t>{id} : std::set<std::uint64_t>{});
}

// The class of hotkey k, made on first use ("class k", a colour of its own).
void LabelController::setClass(int hotkey) {
    if (m_view->selectedLabels().empty()) {
        emit message(tr("Select labels first (click one, Ctrl+click for more)"), 4000);
        return;
    }
    auto classes = m_document->classes();
    auto it = std::find_if(classes.begin(), classes.end(),
                           [&](const core::LabelClass& c) { return c.hotkey == hotkey; });
    if (it == classes.end()) {
        core::LabelClass c;
        c.name = tr("class %1").arg(hotkey).toStdString();
        c.color = classColorFor(hotkey).toStdString();
        c.hotkey = hotkey;
        classes.push_back(c);
        it = classes.end() - 1;
    }
    const std::string name = it->name;
    auto labels = withSelected([&](core::Label& l) {
        l.className = name;
        l.confirmed = true;
        l.confidence.reset();
    });
    m_document->setLabels(classes, labels, tr("Set class %1").arg(QString::fromStdString(name)));
}

void LabelController::toShapes(core::MaskMode mode) {
    if (m_view->selectedLabels().empty()) {
        emit message(tr("Select labels first (click one, Ctrl+click for more)"), 4000);
        return;
    }
    auto* undo = m_document->undoStack();
    undo->beginMacro(mode == core::MaskMode::Isolate ? tr("Isolate labels") : tr("Remove labels"));
    for (const auto& l : m_document->labels())
        if (m_view->selectedLabels().count(l.id))
            m_document->addShape(core::toShape(l, mode));
    undo->endMacro();
}

void LabelController::acceptSelected() {
    const auto before = proposedCount();
    m_document->setLabels(withSelected([](core::Label& l) { l.confirmed = true; }),
                          tr("Accept labels"));
    reportAccepted(before);
}

void LabelController::acceptAll() {
    const auto before = proposedCount();
    auto labels = m_document->labels();
    for (auto& l : labels)
        l.confirmed = true;
    m_document->setLabels(labels, tr("Accept all labels"));
    reportAccepted(before);
}

qint64 LabelController::proposedCount() const {
    const auto& labels = m_document->labels();
    return std::count_if(labels.begin(), labels.end(),
                         [](const core::Label& l) { return !l.confirmed; });
}

// Replaces the hint left by Detect, which no longer holds once labels are accepted.
void LabelController::reportAccepted(qint64 proposedBefore) {
    const qint64 left = proposedCount();
    const qint64 accepted = proposedBefore - left;
    if (accepted <= 0)
        return;
    emit message(left == 0 ? tr("Accepted %1; none proposed left")
                                 .arg(counted(accepted, tr("label"), tr("labels")))
                           : tr("Accepted %1; %2 proposed left (Shift+N selects the next)")
                                 .arg(counted(accepted, tr("label"), tr("labels")))
                                 .arg(left),
                 5000);
}

void LabelController::removeSelected() {
    auto labels = m_document->labels();
    const auto& gone = m_view->selectedLabels();
    const auto removed =
        std::erase_if(labels, [&](const core::Label& l) { return gone.count(l.id) > 0; });
    if (removed == 0)
        return;
    m_document->setLabels(labels, tr("Delete labels"));
    emit message(tr("Removed %1; %2 proposed left")
                     .arg(counted(qint64(removed), tr("label"), tr("labels")))
                     .arg(proposedCount()),
                 5000);
}

void LabelController::step(int direction, bool onlyProposed) {
    std::vector<core::Label> sorted = m_document->labels();
    std::erase_if(sorted, [&](const core::Label& l) { return onlyProposed && l.confirmed; });
    if (sorted.empty()) {
        emit message(onlyProposed ? tr("No proposed labels left") : tr("No labels"), 3000);
        return;
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const core::Label& a, const core::Label& b) { return a.t0 < b.t0; });
    double from = direction > 0 ? -1e300 : 1e300;
    for (const auto& l : m_document->labels())
        if (m_view->selectedLabels().count(l.id))
            from = l.t0;
    const core::Label* next = nullptr;
    if (direction > 0) {
        auto it = std::upper_bound(sorted.begin(), sorted.end(), from,
                                   [](double t, const core::Label& l) { return t < l.t0; });
        next = it == sorted.end() ? &sorted.front() : &*it; // wraps around
    } else {
        auto it = std::lower_bound(sorted.begin(), sorted.end(), from,
                                   [](const core::Label& l, double t) { return l.t0 < t; });
        next = it == sorted.begin() ? &sorted.back() : &*(it - 1);
    }
    select(next->id);
    m_view->showSpan(next->t0, next->t1, next->f0, next->f1);
}

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

// Found bursts become proposed labels, except where a label is already. A new run replaces
// the proposals an earlier one left in its region, unreviewed (no class, not confirmed): run
// again with other settings, it proposed nothing ("18 of the 18 found already had a label").
void LabelController::proposeLabels(const std::vector<core::Label>& found,
                                    const DetectRegion& region) {
    auto labels = m_document->labels();
    const auto replaced = std::erase_if(labels, [&](const core::Label& l) {
        return !l.confirmed && l.className.empty() && l.t1 > region.t0 && l.t0 < region.t1 &&
               (!region.f0 || l.f1 > *region.f0) && (!region.f1 || l.f0 < *region.f1);
    });
    std::size_t added = 0;
    for (const auto& d : found)
        if (std::none_of(labels.begin(), labels.end(),
                         [&](const core::Label& l) { return overlapsMuch(l, d); })) {
            labels.push_back(d);
            ++added;
        }
    std::vector<std::uint64_t> before;
    for (const auto& l : m_document->labels())
        before.push_back(l.id);
    m_document->setLabels(labels, tr("Detect bursts"));
    // The earliest new proposal is selected, so that Enter, 1-9 and Delete act at once.
    const core::Label* first = nullptr;
    for (const auto& l : m_document->labels())
        if (std::find(before.begin(), before.end(), l.id) == before.end() && !l.confirmed &&
            (!first || l.t0 < first->t0))
            first = &l;
    if (first)
        select(first->id);
    QString text = added == 0 ? tr("No new bursts proposed")
                              : tr("%1 proposed (dashed); the first is selected: Enter accepts "
                                   "it, 1-9 set its class, Delete removes it, Shift+Enter "
                                   "accepts all")
                                    .arg(counted(qint64(added), tr("burst"), tr("bursts")));
    if (added < found.size()) // the dialog counted them all: say where the others went
        text += tr("; %1 of the %2 found already had a label")
                    .arg(found.size() - added)
                    .arg(found.size());
    if (replaced > 0)
        text += tr("; %1 left by the last run replaced")
                    .arg(counted(qint64(replaced), tr("proposal"), tr("proposals")));
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
