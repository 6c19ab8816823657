#include "view/OverviewStrip.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace specedit::ui {

OverviewStrip::OverviewStrip(ImageFn image, QWidget* parent)
    : QWidget(parent), m_image(std::move(image)) {
    setMinimumHeight(40);
    setMaximumHeight(72);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("The whole recording: click or drag to move the view"));
}

void OverviewStrip::setDuration(double seconds) {
    m_duration = seconds;
    update();
}

void OverviewStrip::setVisibleRange(double t0, double t1) {
    m_t0 = t0;
    m_t1 = t1;
    update();
}

double OverviewStrip::timeAt(double x) const {
    return std::clamp(x / std::max(1, width()), 0.0, 1.0) * m_duration;
}

void OverviewStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(24, 24, 28));
    if (const QImage* image = m_image ? m_image() : nullptr)
        p.drawImage(rect(), *image);
    if (m_duration <= 0)
        return;
    const double x0 = m_t0 / m_duration * width(), x1 = m_t1 / m_duration * width();
    const QRectF view(QPointF(x0, 0.5), QPointF(std::max(x1, x0 + 2), height() - 1.5));
    // What lies outside the view is dimmed; the view itself keeps its true colours (a tint
    // over it read as a grey level where an edit left silence).
    const QColor dim(0, 0, 0, 120);
    p.fillRect(QRectF(QPointF(0, 0), QPointF(x0, height())), dim);
    p.fillRect(QRectF(QPointF(view.right(), 0), QPointF(width(), height())), dim);
    p.setPen(QPen(QColor(255, 255, 255), 1.5));
    p.drawRect(view);
}

void OverviewStrip::mousePressEvent(QMouseEvent* event) {
    emit navigate(timeAt(event->position().x()));
}

void OverviewStrip::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton)
        emit navigate(timeAt(event->position().x()));
}

} // namespace specedit::ui
