#include "view/ViewNavigator.h"

#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "view/SpectrogramPlottable.h"

#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace specedit::ui {
namespace {

// `r` no smaller than `minSize` (nor larger than `limit`), shifted inside `limit`.
QCPRange limited(QCPRange r, const QCPRange& limit, double minSize) {
    const double size = std::clamp(r.size(), std::min(minSize, limit.size()), limit.size());
    if (r.size() != size)
        r = QCPRange(r.center() - size / 2, r.center() + size / 2);
    if (r.lower < limit.lower)
        r += limit.lower - r.lower;
    if (r.upper > limit.upper)
        r -= r.upper - limit.upper;
    return r;
}

void setIfChanged(QCPAxis* axis, const QCPRange& r) {
    if (r != axis->range())
        axis->setRange(r);
}

QCPRange log10Of(const QCPRange& r) {
    return {std::log10(std::max(r.lower, 1e-9)), std::log10(std::max(r.upper, 1e-9))};
}

} // namespace

ViewNavigator::ViewNavigator(QCustomPlot* plot, const SpectrogramPlottable* picture,
                             const TileScheduler* scheduler)
    : m_plot(plot), m_picture(picture), m_scheduler(scheduler) {}

void ViewNavigator::setScale(FrequencyScale scale) {
    QCPAxis* y = m_plot->yAxis;
    const double lowHz = fromAxis(m_scale, y->range().lower);
    const double highHz = fromAxis(m_scale, y->range().upper);
    m_scale = scale;
    const double lower =
        scale == FrequencyScale::Log ? std::max(lowHz, lowestLogFrequency()) : lowHz;
    y->setRange(toAxis(scale, lower), toAxis(scale, highHz));
    clamp();
}

void ViewNavigator::clamp() {
    bool found = false;
    const QCPRange t = m_picture->getKeyRange(found, QCP::sdBoth);
    if (!found || !m_scheduler->computer())
        return;
    const QCPRange f = m_picture->getValueRange(found, QCP::sdBoth, QCPRange());
    const auto& p = m_scheduler->computer()->params();
    const double frame = p.hop() / p.fs, bin = p.fs / p.nfft;
    QCPAxis* x = m_plot->xAxis;
    QCPAxis* y = m_plot->yAxis;
    setIfChanged(x, limited(x->range(), {t.lower - frame / 2, t.upper + frame / 2}, 8 * frame));
    if (m_scale != FrequencyScale::Log) { // hertz or mel: the axis's own coordinates
        const QCPRange limit(toAxis(m_scale, f.lower), toAxis(m_scale, f.upper));
        setIfChanged(y, limited(y->range(), limit, toAxis(m_scale, 8 * bin) - toAxis(m_scale, 0)));
        return;
    }
    // Log: the same rules on log10 of the range; rounding through log10 is not a change.
    const QCPRange r = y->range();
    const QCPRange logR =
        limited(log10Of(r), log10Of({lowestLogFrequency(), std::max(f.upper, 1.0)}), 0.02);
    const QCPRange clamped(std::pow(10.0, logR.lower), std::pow(10.0, logR.upper));
    if (std::abs(clamped.lower - r.lower) > 1e-9 * r.upper ||
        std::abs(clamped.upper - r.upper) > 1e-9 * r.upper)
        y->setRange(clamped);
}

void ViewNavigator::fit() {
    bool found = false;
    const QCPRange t = m_picture->getKeyRange(found, QCP::sdBoth);
    if (found) {
        m_plot->xAxis->setRange(t.lower, std::max(t.upper, t.lower + 1e-6));
        m_plot->yAxis->setRange(fullFrequencyRange());
    }
    m_plot->replot();
}

// The whole frequency range in axis coordinates: from the upper edge of bin 0 on a log axis
// (0 Hz is not on it).
double ViewNavigator::frequencyZoom() const {
    const double visible = m_plot->yAxis->range().size();
    return visible > 0 ? std::max(1.0, fullFrequencyRange().size() / visible) : 1.0;
}

QCPRange ViewNavigator::fullFrequencyRange() const {
    bool found = false;
    QCPRange f = m_picture->getValueRange(found, QCP::sdBoth, QCPRange());
    if (m_scale == FrequencyScale::Log)
        f.lower = lowestLogFrequency();
    return {toAxis(m_scale, f.lower), toAxis(m_scale, f.upper)};
}

// The upper edge of bin 0: the lowest frequency a log axis can show.
double ViewNavigator::lowestLogFrequency() const {
    const auto& c = m_scheduler->computer();
    return c ? 0.5 * c->params().fs / c->params().nfft : 1.0;
}

void ViewNavigator::queueReplot() {
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ViewNavigator::zoomTime(double factor, double centre) {
    m_plot->xAxis->scaleRange(factor, centre);
    queueReplot();
}

void ViewNavigator::zoomFrequency(double factor, double centre) {
    m_plot->yAxis->scaleRange(factor, centre);
    queueReplot();
}

void ViewNavigator::panTime(double fraction) {
    m_plot->xAxis->moveRange(fraction * m_plot->xAxis->range().size());
    queueReplot();
}

void ViewNavigator::centreTime(double seconds) {
    const double half = m_plot->xAxis->range().size() / 2;
    m_plot->xAxis->setRange(seconds - half, seconds + half);
    clamp();
    queueReplot();
}

void ViewNavigator::setRanges(double t0, double t1, double f0, double f1) {
    m_plot->xAxis->setRange(t0, t1);
    m_plot->yAxis->setRange(toAxis(m_scale, f0), toAxis(m_scale, f1));
    clamp();
}

void ViewNavigator::zoomToBox(double t0, double t1, double f0, double f1) {
    const double mt = 0.1 * (t1 - t0), mf = 0.1 * (f1 - f0);
    setRanges(t0 - mt, t1 + mt, f0 - mf, f1 + mf);
    queueReplot();
}

void ViewNavigator::showSpan(double t0, double t1, double f0, double f1) {
    const QCPRange t = m_plot->xAxis->range();
    const QCPRange f = m_plot->yAxis->range();
    const double low = toAxis(m_scale, f0), high = toAxis(m_scale, f1);
    if (t1 - t0 > 0.9 * t.size() || high - low > 0.9 * f.size()) {
        zoomToBox(t0, t1, f0, f1);
        return;
    }
    m_plot->xAxis->setRange(t + (0.5 * (t0 + t1) - t.center()));
    if (low < f.lower || high > f.upper)
        m_plot->yAxis->setRange(f + (0.5 * (low + high) - f.center()));
    clamp();
    queueReplot();
}

bool ViewNavigator::handleKey(int key) {
    const double centreT = m_plot->xAxis->range().center();
    const double centreF = m_plot->yAxis->range().center();
    switch (key) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomTime(0.5, centreT);
        return true;
    case Qt::Key_Minus:
        zoomTime(2.0, centreT);
        return true;
    case Qt::Key_Left:
        panTime(-0.2);
        return true;
    case Qt::Key_Right:
        panTime(0.2);
        return true;
    case Qt::Key_Up:
        zoomFrequency(0.5, centreF);
        return true;
    case Qt::Key_Down:
        zoomFrequency(2.0, centreF);
        return true;
    case Qt::Key_Home:
    case Qt::Key_F:
        fit();
        return true;
    default:
        return false;
    }
}

} // namespace specedit::ui
