#include "view/LabelOverlay.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace specedit::ui {
namespace {

constexpr double kMinBoxPx = 3.0;

} // namespace

LabelOverlay::LabelOverlay(QCPAxis* time, QCPAxis* frequency) : OverlayPlottable(time, frequency) {
    setAntialiased(false);
}

void LabelOverlay::setLabels(std::vector<core::Label> labels,
                             std::vector<core::LabelClass> classes) {
    m_labels = std::move(labels);
    m_classes = std::move(classes);
    std::set<std::uint64_t> kept;
    for (const auto& l : m_labels)
        if (m_selected.count(l.id))
            kept.insert(l.id);
    m_selected = std::move(kept);
}

QRectF LabelOverlay::pixelRect(const core::Label& l) const {
    QRectF r(
        QPointF(mKeyAxis->coordToPixel(l.t0), mValueAxis->coordToPixel(toAxis(m_scale, l.f1))),
        QPointF(mKeyAxis->coordToPixel(l.t1), mValueAxis->coordToPixel(toAxis(m_scale, l.f0))));
    r = r.normalized();
    if (r.width() < kMinBoxPx)
        r.adjust(-(kMinBoxPx - r.width()) / 2, 0, (kMinBoxPx - r.width()) / 2, 0);
    if (r.height() < kMinBoxPx)
        r.adjust(0, -(kMinBoxPx - r.height()) / 2, 0, (kMinBoxPx - r.height()) / 2);
    return r;
}

QColor LabelOverlay::colorOf(const core::Label& l) const {
    for (const auto& c : m_classes)
        if (c.name == l.className)
            return QColor(QString::fromStdString(c.color));
    return QColor(200, 200, 210);
}

std::uint64_t LabelOverlay::labelAt(QPointF pixel) const {
    std::uint64_t best = 0;
    double bestArea = 0;
    for (const auto& l : m_labels) {
        const QRectF r = pixelRect(l).adjusted(-2, -2, 2, 2);
        const double area = r.width() * r.height();
        if (r.contains(pixel) && (best == 0 || area < bestArea)) {
            best = l.id;
            bestArea = area;
        }
    }
    return best;
}

void LabelOverlay::drawName(QCPPainter* painter, const QRectF& box, const QString& name,
                            const QColor& color) const {
    const QFontMetrics fm(painter->font());
    const QRect clip = mKeyAxis->axisRect()->rect();
    const int w = fm.horizontalAdvance(name) + 6, h = fm.height();
    QRectF tag(box.left(), box.top() - h - 1, w, h);
    if (tag.top() < clip.top())
        tag.moveTop(box.top() + 1); // no room above: inside, at the top
    if (!clip.intersects(tag.toRect()))
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(20, 20, 24, 190));
    painter->drawRect(tag);
    painter->setPen(color);
    painter->drawText(tag.adjusted(3, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, name);
}

void LabelOverlay::replace(const core::Label& label) {
    for (auto& l : m_labels)
        if (l.id == label.id)
            l = label;
}

void LabelOverlay::draw(QCPPainter* painter) {
    const QRectF view = mKeyAxis->axisRect()->rect();
    // Names only where they do not pile up: a name is left out when another one was drawn
    // within 40 px to the side and 14 px up or down. The names drawn are kept by cells of that
    // size, so the check looks at nine cells, not at every name (100,000 labels draw quickly).
    std::unordered_map<std::int64_t, std::vector<QRectF>> named;
    const auto cellOf = [](double x, double y) {
        return (std::int64_t(std::floor(x / 40)) << 32) + std::int64_t(std::floor(y / 14));
    };
    for (const auto& l : m_labels) {
        const QRectF r = pixelRect(l);
        if (!view.intersects(r))
            continue;
        const bool selected = m_selected.count(l.id) > 0;
        QColor c = colorOf(l);
        // A proposed class fades with its confidence, so doubtful ones stand out to review.
        if (!l.confirmed && l.confidence)
            c.setAlpha(int(90 + 165 * std::clamp(*l.confidence, 0.0, 1.0)));
        if (!selected && (r.width() < 3 || r.height() < 3)) {
            // A box a few pixels across is a mark: filled at once, without stroking an
            // outline (100,000 labels in view draw in a fraction of the time).
            painter->fillRect(
                QRectF(r.left(), r.top(), std::max(r.width(), 1.0), std::max(r.height(), 1.0)), c);
        } else {
            QPen pen(c, selected ? 2.5 : 1.3, l.confirmed ? Qt::SolidLine : Qt::DashLine);
            painter->setPen(pen);
            QColor fill = c;
            fill.setAlpha(selected ? 45 : 22);
            painter->setBrush(fill);
            painter->drawRect(r);
        }
        // No class: a dash, as in the Labels table ("?" read as "not confirmed").
        QString name =
            l.className.empty() ? QStringLiteral("—") : QString::fromStdString(l.className);
        if (!l.confirmed && l.confidence)
            name += QStringLiteral(" %1%").arg(std::lround(100 * *l.confidence));
        bool crowded = false;
        for (int dx = -1; dx <= 1 && !crowded; ++dx)
            for (int dy = -1; dy <= 1 && !crowded; ++dy) {
                const auto cell = named.find(cellOf(r.left() + 40 * dx, r.top() + 14 * dy));
                if (cell != named.end())
                    crowded =
                        std::any_of(cell->second.begin(), cell->second.end(), [&](const QRectF& o) {
                            return std::abs(o.left() - r.left()) < 40 &&
                                   std::abs(o.top() - r.top()) < 14;
                        });
            }
        if (selected || !crowded) {
            drawName(painter, r, name, c);
            named[cellOf(r.left(), r.top())].push_back(r);
        }
    }
    if (m_preview) {
        core::Label p;
        p.t0 = m_preview->t0;
        p.t1 = m_preview->t1;
        p.f0 = m_preview->f0;
        p.f1 = m_preview->f1;
        painter->setPen(QPen(QColor(255, 255, 255), 1.3, Qt::DashLine));
        painter->setBrush(QColor(255, 255, 255, 25));
        painter->drawRect(pixelRect(p));
    }
}

} // namespace specedit::ui
