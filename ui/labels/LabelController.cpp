#include "labels/LabelController.h"

#include "Counted.h"
#include "Document.h"
#include "ErrorText.h"
#include "TaskRunner.h"
#include "labels/ClassBar.h"
#include "labels/LabelExchange.h"
#include "view/SpectrogramView.h"

#include <QMenu>
#include <algorithm>
#include <cmath>
#include <memory>

namespace specedit::ui {

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

} // namespace specedit::ui
