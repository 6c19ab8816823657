#include "view/ChannelPanes.h"

#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "view/AxisTickers.h"
#include "view/MaskOverlay.h"
#include "view/SpectrogramPlottable.h"

#include <algorithm>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

constexpr std::size_t kPaneCacheBytes = 128u << 20; // per further pane

// `to` shows the range of `from` whenever it changes.
void follow(QCPAxis* from, QCPAxis* to) {
    QObject::connect(from, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), to,
                     [to](const QCPRange& r) {
                         if (to->range() != r)
                             to->setRange(r);
                     });
}

} // namespace

ChannelPanes::ChannelPanes(QCustomPlot* plot, ChannelPane first, QCPAxisRect* below)
    : QObject(plot), m_plot(plot), m_below(below), m_panes{first} {}

ChannelPanes::~ChannelPanes() = default; // the plot owns the rects and plottables

int ChannelPanes::indexAt(QPointF pixel, int margin) const {
    for (int i = 0; i < count(); ++i)
        if (m_panes[std::size_t(i)]
                .rect->rect()
                .adjusted(-margin, -margin, margin, margin)
                .contains(pixel.toPoint()))
            return i;
    return -1;
}

ChannelPane ChannelPanes::makePane() {
    const ChannelPane& first = m_panes.front();
    ChannelPane p;
    p.rect = new QCPAxisRect(m_plot);
    p.rect->setLayer("background"); // as the plot's own rect: under the spectrogram layer
    p.rect->setBackground(QColor(24, 24, 28));
    p.rect->axis(QCPAxis::atTop)->setVisible(false);
    p.rect->axis(QCPAxis::atRight)->setVisible(false);
    if (QCPMarginGroup* group = first.rect->marginGroup(QCP::msLeft))
        p.rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    QCPAxis* x = p.rect->axis(QCPAxis::atBottom);
    QCPAxis* y = p.rect->axis(QCPAxis::atLeft);
    x->setTicker(QSharedPointer<QCPAxisTicker>(new UnitTicker(&formatTime, true)));
    setFrequencyAxisScale(y, m_scale);
    for (QCPAxis* a : {x, y})
        a->grid()->setVisible(false);
    QCPAxis* firstX = first.rect->axis(QCPAxis::atBottom);
    QCPAxis* firstY = first.rect->axis(QCPAxis::atLeft);
    x->setRange(firstX->range());
    y->setRange(firstY->range());
    follow(firstX, x);
    follow(x, firstX);
    follow(firstY, y);
    follow(y, firstY);
    p.scheduler = new TileScheduler(kPaneCacheBytes, this);
    connect(p.scheduler, &TileScheduler::tileReady, this, &ChannelPanes::tileReady);
    connect(p.scheduler, &TileScheduler::tileFailed, this, &ChannelPanes::tileFailed);
    p.spectrogram = new SpectrogramPlottable(x, y, p.scheduler);
    p.spectrogram->setLayer("spectrogram");
    p.spectrogram->setColorParams(first.spectrogram->colorParams());
    p.spectrogram->setFrequencyScale(m_scale);
    p.overlay = new MaskOverlay(x, y);
    p.overlay->setLayer("mask");
    p.overlay->setFrequencyScale(m_scale);
    return p;
}

void ChannelPanes::dropPane(ChannelPane& pane) {
    m_plot->removePlottable(pane.spectrogram);
    m_plot->removePlottable(pane.overlay);
    if (pane.rect->layout())
        m_plot->plotLayout()->remove(pane.rect);
    else
        delete pane.rect;
    delete pane.scheduler; // joins its workers
}

// The further panes under the first, in channel order, then the trace lane if it is shown,
// with what sits beside it (its band scale).
void ChannelPanes::relayout() {
    QCPLayoutGrid* layout = m_plot->plotLayout();
    const bool traceShown = m_below->layout() != nullptr;
    QCPLayoutElement* beside = nullptr;
    if (traceShown) {
        for (int i = 0; i < layout->elementCount(); ++i) {
            int row = 0, col = 0;
            layout->indexToRowCol(i, row, col);
            if (layout->elementAt(i) == m_below && layout->columnCount() > 1)
                beside = layout->element(row, 1);
        }
        layout->take(m_below);
        if (beside)
            layout->take(beside);
    }
    for (std::size_t i = 1; i < m_panes.size(); ++i)
        if (m_panes[i].rect->layout())
            layout->take(m_panes[i].rect);
    layout->simplify();
    int row = 1;
    for (std::size_t i = 1; i < m_panes.size(); ++i)
        layout->addElement(row++, 0, m_panes[i].rect);
    if (traceShown)
        layout->addElement(row, 0, m_below);
    if (beside)
        layout->addElement(row, 1, beside);
}

void ChannelPanes::setComputers(
    const std::vector<std::shared_ptr<const core::TileComputer>>& computers, bool newRecording) {
    const std::size_t wanted = std::max<std::size_t>(1, computers.size());
    const std::size_t before = m_panes.size();
    while (m_panes.size() > wanted) {
        dropPane(m_panes.back());
        m_panes.pop_back();
    }
    while (m_panes.size() < wanted)
        m_panes.push_back(makePane());
    if (m_panes.size() != before)
        relayout();
    for (std::size_t i = 0; i < m_panes.size(); ++i) {
        ChannelPane& p = m_panes[i];
        const auto computer = i < computers.size() ? computers[i] : nullptr;
        p.channel = computer ? computer->channel() : -1;
        p.scheduler->setComputer(computer);
        p.spectrogram->resetImages();
        if (newRecording)
            p.scheduler->cache().clear();
    }
    labelFrequencyAxes();
    placeTimeLabels(m_traceVisible);
}

void ChannelPanes::labelFrequencyAxes() {
    for (const ChannelPane& p : m_panes)
        p.rect->axis(QCPAxis::atLeft)
            ->setLabel(count() > 1 ? tr("Channel %1").arg(p.channel + 1) : tr("Frequency"));
}

void ChannelPanes::placeTimeLabels(bool traceVisible) {
    m_traceVisible = traceVisible;
    for (std::size_t i = 0; i < m_panes.size(); ++i) {
        const bool labelled = !traceVisible && i + 1 == m_panes.size();
        QCPAxis* x = m_panes[i].rect->axis(QCPAxis::atBottom);
        x->setTickLabels(labelled);
        x->setLabel(labelled ? tr("Time") : QString());
    }
}

void ChannelPanes::setShapes(const std::vector<core::Shape>& shapes) {
    for (const ChannelPane& p : m_panes) {
        if (p.channel < 0) {
            p.overlay->setShapes(shapes);
            continue;
        }
        std::vector<core::Shape> own;
        for (const auto& s : shapes)
            if (s.appliesTo(p.channel))
                own.push_back(s);
        p.overlay->setShapes(own);
    }
}

void ChannelPanes::setColorParams(const ColorParams& params) {
    for (const ChannelPane& p : m_panes)
        p.spectrogram->setColorParams(params);
}

void ChannelPanes::setFrequencyScale(FrequencyScale scale) {
    m_scale = scale;
    for (const ChannelPane& p : m_panes) {
        p.spectrogram->setFrequencyScale(scale);
        p.overlay->setFrequencyScale(scale);
        setFrequencyAxisScale(p.rect->axis(QCPAxis::atLeft), scale);
    }
}

bool ChannelPanes::autoLevels(float* minDb, float* maxDb) const {
    float low = 0, high = 0;
    for (std::size_t i = 0; i < m_panes.size(); ++i) {
        float a = 0, b = 0;
        if (!m_panes[i].spectrogram->autoLevels(&a, &b))
            return false;
        low = i == 0 ? a : std::min(low, a);
        high = i == 0 ? b : std::max(high, b);
    }
    *minDb = low;
    *maxDb = high;
    return true;
}

void ChannelPanes::forEachOverlay(const std::function<void(MaskOverlay&)>& f) {
    for (const ChannelPane& p : m_panes)
        f(*p.overlay);
}

int ChannelPanes::missingTiles() const {
    int n = 0;
    for (const ChannelPane& p : m_panes)
        n += p.spectrogram->lastMissingTiles();
    return n;
}

int ChannelPanes::inexactTiles() const {
    int n = 0;
    for (const ChannelPane& p : m_panes)
        n += p.spectrogram->lastInexactTiles();
    return n;
}

int ChannelPanes::drawnTiles() const {
    int n = 0;
    for (const ChannelPane& p : m_panes)
        n += p.spectrogram->lastDrawnTiles();
    return n;
}

bool ChannelPanes::isComplete() const {
    return std::all_of(m_panes.begin(), m_panes.end(), [](const ChannelPane& p) {
        return p.scheduler->computer() && p.scheduler->isIdle() &&
               p.spectrogram->lastDrawnTiles() > 0 && p.spectrogram->lastMissingTiles() == 0 &&
               p.spectrogram->lastInexactTiles() == 0;
    });
}

} // namespace specedit::ui
