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

// Tags drawn so far, by cells of the picture, so a new tag is checked against its neighbours
// only (100,000 labels draw quickly).
class TagGrid {
public:
    bool collides(const QRectF& tag) const {
        bool hit = false;
        forCells(tag, [&](std::int64_t cell) {
            const auto it = m_cells.find(cell);
            if (it != m_cells.end())
                hit = hit || std::any_of(it->second.begin(), it->second.end(),
                                         [&](const QRectF& o) { return o.intersects(tag); });
        });
        return hit;
    }
    void add(const QRectF& tag) {
        forCells(tag, [&](std::int64_t cell) { m_cells[cell].push_back(tag); });
    }

private:
    template <typename F> static void forCells(const QRectF& r, F f) {
        for (auto x = std::int64_t(std::floor(r.left() / 80)); x <= std::floor(r.right() / 80); ++x)
            for (auto y = std::int64_t(std::floor(r.top() / 16)); y <= std::floor(r.bottom() / 16);
                 ++y)
                f((x << 32) + y);
    }
    std::unordered_map<std::int64_t, std::vector<QRectF>> m_cells;
};

// The name above its box, or a row or two higher where another tag is (packets a few pixels
// apart: the names overlapped, or all but the first were left out); inside the box's top when
// there is no room above. Left out when every place is taken, unless the label is selected.
void LabelOverlay::drawName(QCPPainter* painter, const QRectF& box, const QString& name,
                            const QColor& color, bool selected, TagGrid& placed) const {
    const QFontMetrics fm(painter->font());
    const QRect clip = mKeyAxis->axisRect()->rect();
    const int w = fm.horizontalAdvance(name) + 6, h = fm.height();
    // Within the plot left and right: a box starting before the view's left edge had its
    // name cut ("ss 2" for "class 2").
    const double left =
        std::clamp<double>(box.left(), clip.left(), std::max(clip.left(), clip.right() - w));
    std::optional<QRectF> chosen;
    for (int row = 0; row < 3 && !chosen; ++row) {
        QRectF tag(left, box.top() - (h + 1) * (row + 1), w, h);
        if (tag.top() < clip.top()) {
            if (row > 0)
                break;
            tag.moveTop(box.top() + 1); // no room above: inside, at the top
        }
        if (!placed.collides(tag))
            chosen = tag;
    }
    if (!chosen && selected)
        chosen = QRectF(left, std::max<double>(clip.top(), box.top() - h - 1), w, h);
    if (!chosen || !clip.intersects(chosen->toRect()))
        return;
    placed.add(*chosen);
    m_drawnNames.push_back(*chosen);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(20, 20, 24, 200));
    painter->drawRect(*chosen);
    // Text a step lighter than the box: a dark class colour on the dark tag was hard to read.
    QColor text = color.lighter(135);
    text.setAlpha(color.alpha());
    painter->setPen(text);
    painter->drawText(chosen->adjusted(3, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, name);
}

void LabelOverlay::replace(const core::Label& label) {
    for (auto& l : m_labels)
        if (l.id == label.id)
            l = label;
}

void LabelOverlay::draw(QCPPainter* painter) {
    const QRectF view = mKeyAxis->axisRect()->rect();
    struct Tag {
        QRectF box;
        QString name;
        QColor color;
        bool selected;
    };
    std::vector<Tag> tags;
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
            // A dark line under the coloured one: a class's blue or purple stays visible on
            // any colour map (on inferno's purples it was lost), its dashes over dark gaps.
            const double width = selected ? 2.5 : 1.3;
            painter->setPen(QPen(QColor(0, 0, 0, c.alpha() * 3 / 5), width + 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(r);
            painter->setPen(QPen(c, width, l.confirmed ? Qt::SolidLine : Qt::DashLine));
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
        tags.push_back({r, name, c, selected});
    }
    // Names over the boxes, the selected labels' first: theirs always show.
    std::stable_partition(tags.begin(), tags.end(), [](const Tag& t) { return t.selected; });
    TagGrid placed;
    m_drawnNames.clear();
    for (const Tag& t : tags)
        drawName(painter, t.box, t.name, t.color, t.selected, placed);
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
